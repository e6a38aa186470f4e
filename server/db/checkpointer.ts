/**
 * The WAL checkpoint of a big transaction off the event loop (SQLite files with the read
 * connection, db/connect.ts).
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past 1,000 pages, on the
 * committing connection, synchronously. For ordinary commits that copies about 4 MB (20–30 ms);
 * after a 50,000-member import it copied ~37 MB plus fsyncs while the event loop waited
 * (bench/commit-cost.ts: COMMIT 253 ms with it, 65 ms without; bench/stalls.ts). So a big
 * transaction — the database grew by more than `bigBytes` in it (page_count at BEGIN and before
 * COMMIT), or its pages already spilled the WAL past that (a transaction's pages stay in the page
 * cache until it is full, so the WAL size alone misses most) — is committed with the writer's
 * automatic checkpoint off, and a worker thread with its own connection copies it: a PASSIVE checkpoint, which waits
 * for no lock and blocks neither the writer nor the readers. The writer's automatic checkpoint
 * comes back when the worker has run (or after HAND_OFF_MS), and then copies only what was written
 * meanwhile; the next write starts the WAL over and `journal_size_limit` cuts the file back to
 * `walBytes`.
 *
 * Why not the worker alone, with the writer never checkpointing (the first attempt): SQLite starts
 * the WAL over only when a write transaction BEGINS on a fully checkpointed WAL, and a writer that
 * never pauses always has new frames by then — back-to-back commits grew the WAL to 3.4 GB in 15 s
 * although every worker checkpoint was complete (and every read got slower with it). With the
 * writer's own checkpoint for ordinary commits the WAL stays at 4 MB under the same load.
 *
 * The worker also checks the WAL on its own timer (a script whose main thread never yields still
 * gets checkpoints). Closing the database stops it first; the writer, the last connection to close,
 * then checkpoints whatever is left and removes the WAL (as before).
 *
 * If the worker dies (an uncaught error, out of memory, killed), nothing is handed off any more and
 * a hand-off still pending is taken back at once: the writer's automatic checkpoint is on again, so
 * the next commit copies what the worker never did and the WAL stays bounded — only big commits
 * pay their checkpoint on the event loop again. A dead worker is started again, at most once per
 * `restartMs` (one minute) counted from the previous start: a server runs for months and one
 * worker's death should not cost every later import its stall; the bound keeps a worker that dies
 * at once (its file unreadable, say) from being respawned in a loop, while the writer checkpoints
 * meanwhile. Tested in checkpointer.test.ts (the worker killed while a hand-off is pending).
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import type { CommitHook } from './sqlite-reader.ts';

/** SQLite's own threshold: 1,000 pages of 4 KiB. The worker checks past it; the WAL is cut back to it. */
export const WAL_BYTES = 4 * 1024 * 1024;
/** A transaction that writes more than this is checkpointed by the worker. */
export const BIG_BYTES = 2 * WAL_BYTES;
/** SQLite's default automatic checkpoint, in pages. */
export const WRITER_PAGES = 1000;
const CHECK_MS = 250;
/** The writer checkpoints again after this even if the worker never answered. */
const HAND_OFF_MS = 5000;
/** A dead worker is started again at most this often (counted from the previous start). */
export const RESTART_MS = 60_000;

export interface CheckpointOptions {
  walBytes?: number;
  bigBytes?: number;
  restartMs?: number;
}

export interface CheckpointStats {
  /** Checkpoints the worker ran, and the last one's result (SQLite's busy/log/checkpointed frames). */
  runs: number;
  last: { busy: number; log: number; checkpointed: number; ms: number } | null;
  /** Commits whose checkpoint was handed to the worker. */
  handedOff: number;
  /** The last error the worker reported (it tries again on its next tick) or died of. */
  error: string | null;
  /** False while no worker runs (it died, or the database is closing): every checkpoint is the writer's own. */
  running: boolean;
  /** Workers that stopped by themselves (not by close()), and the last one's exit code. */
  deaths: number;
  exitCode: number | null;
  /** Workers started again after one died. */
  restarts: number;
}

export interface Checkpointer extends CommitHook {
  readonly stats: CheckpointStats;
  /** The current worker thread (null before a restart); tests kill it. */
  readonly worker: Worker | null;
  stop(): Promise<void>;
}

export function startCheckpointer(
  writer: SQLite.Database,
  file: string,
  { walBytes = WAL_BYTES, bigBytes = BIG_BYTES, restartMs = RESTART_MS }: CheckpointOptions = {},
): Checkpointer {
  writer.pragma(`journal_size_limit = ${walBytes}`);
  writer.pragma(`wal_autocheckpoint = ${WRITER_PAGES}`);
  const stats: CheckpointStats = {
    runs: 0,
    last: null,
    handedOff: 0,
    error: null,
    running: false,
    deaths: 0,
    exitCode: null,
    restarts: 0,
  };
  /** Set while a handed-off checkpoint is pending: the writer's own is off until it has run. */
  let handOff: NodeJS.Timeout | null = null;
  let committing = false;
  let pagesAtBegin = 0;
  let stopping = false;
  let worker: Worker | null = null;
  let startedAt = 0;
  let restart: NodeJS.Timeout | null = null;
  const pageSize = writer.pragma('page_size', { simple: true }) as number;
  const pageCount = () => writer.pragma('page_count', { simple: true }) as number;
  const writerCheckpoints = () => {
    if (handOff) clearTimeout(handOff);
    handOff = null;
    if (writer.open) writer.pragma(`wal_autocheckpoint = ${WRITER_PAGES}`);
  };
  const start = () => {
    restart = null;
    const w = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { file, walBytes, everyMs: CHECK_MS },
    });
    worker = w;
    startedAt = Date.now();
    stats.running = true;
    // Events of a worker that was replaced meanwhile are ignored.
    w.on('message', (m: { error?: string } & NonNullable<CheckpointStats['last']>) => {
      if (w !== worker) return;
      if (m.error) {
        stats.error = m.error;
        return;
      }
      stats.runs++;
      stats.last = { busy: m.busy, log: m.log, checkpointed: m.checkpointed, ms: m.ms };
      if (handOff && !m.busy) writerCheckpoints();
    });
    const fallBack = () => {
      if (w !== worker || !stats.running) return;
      stats.running = false;
      if (handOff) writerCheckpoints();
    };
    // An uncaught error in the worker: 'error', then 'exit'.
    w.on('error', (e) => {
      if (w === worker) stats.error = e.message;
      fallBack();
    });
    w.on('exit', (code) => {
      fallBack();
      if (w !== worker || stopping) return;
      worker = null;
      stats.deaths++;
      stats.exitCode = code;
      startLater();
    });
    // The worker never keeps a process alive by itself (a script that forgot close() still ends).
    // After the listeners: adding a 'message' listener refs the worker's port again.
    w.unref();
  };
  /** The next worker, `restartMs` after the previous one started (at once if that is past). */
  const startLater = () => {
    restart = setTimeout(
      () => {
        stats.restarts++;
        try {
          start();
        } catch (e) {
          // Not even created (a thread could not be spawned): try again after the next interval.
          stats.error = (e as Error).message;
          startedAt = Date.now();
          startLater();
        }
      },
      Math.max(0, startedAt + restartMs - Date.now()),
    );
    restart.unref();
  };
  start();
  const walSize = () => {
    try {
      return fs.statSync(`${file}-wal`).size;
    } catch {
      return 0;
    }
  };
  return {
    stats,
    get worker() {
      return worker;
    },
    afterBegin() {
      pagesAtBegin = stats.running ? pageCount() : 0;
    },
    beforeCommit() {
      committing = false;
      if (!stats.running || stopping) return;
      if ((pageCount() - pagesAtBegin) * pageSize <= bigBytes && walSize() <= bigBytes) return;
      committing = true;
      writer.pragma('wal_autocheckpoint = 0');
    },
    afterCommit() {
      if (!committing) return;
      committing = false;
      // The worker died during the COMMIT: nobody would run it, the writer checkpoints again now.
      if (!stats.running) return writerCheckpoints();
      stats.handedOff++;
      if (handOff) clearTimeout(handOff);
      handOff = setTimeout(writerCheckpoints, HAND_OFF_MS);
      handOff.unref();
      worker?.postMessage('check');
    },
    stop: async () => {
      stopping = true;
      if (restart) clearTimeout(restart);
      restart = null;
      if (handOff) writerCheckpoints();
      const w = worker;
      if (!w || !stats.running) return;
      const exited = new Promise((r) => w.once('exit', r));
      // Unreferenced, the worker would not keep a script alive while close() awaits it (exit code 13).
      w.ref();
      w.postMessage('close');
      await exited;
    },
  };
}
