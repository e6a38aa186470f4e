/**
 * WAL checkpoints off the event loop (SQLite files with the read connection, db/connect.ts).
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past 1,000 pages, on the
 * committing connection, synchronously: after a 50,000-member import that is copying ~37 MB from
 * the WAL into the database file plus fsyncs while the event loop waits (bench/commit-cost.ts:
 * COMMIT 253 ms with it, 65 ms without; bench/stalls.ts). Here the writer's automatic checkpoints
 * are off and a worker thread with its own connection runs PASSIVE checkpoints — they wait for no
 * lock and block neither the writer nor the readers — on its own timer, whenever the WAL has grown
 * past WAL_BYTES. The writer starts the WAL over at its first write after a complete checkpoint,
 * and `journal_size_limit` cuts the file back to WAL_BYTES then, so it stays bounded under a steady
 * write load. If the worker fails or stops, the writer's automatic checkpoints come back on.
 * Closing the database stops the worker first; the writer, the last connection to close, then
 * checkpoints whatever is left and removes the WAL (as before).
 */
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** SQLite's own threshold: 1,000 pages of 4 KiB. */
export const WAL_BYTES = 4 * 1024 * 1024;
const CHECK_MS = 250;

export interface CheckpointStats {
  /** Checkpoints the worker ran, and the last one's result (SQLite's busy/log/checkpointed frames). */
  runs: number;
  last: { busy: number; log: number; checkpointed: number; ms: number } | null;
  /** The last error the worker reported (it tries again on its next tick). */
  error: string | null;
  /** False once the worker has stopped: the writer checkpoints automatically again. */
  running: boolean;
}

export interface Checkpointer {
  readonly stats: CheckpointStats;
  stop(): Promise<void>;
}

export function startCheckpointer(writer: SQLite.Database, file: string): Checkpointer {
  writer.pragma(`journal_size_limit = ${WAL_BYTES}`);
  writer.pragma('wal_autocheckpoint = 0');
  const stats: CheckpointStats = { runs: 0, last: null, error: null, running: true };
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, walBytes: WAL_BYTES, everyMs: CHECK_MS },
  });
  worker.on('message', (m: { error?: string } & NonNullable<CheckpointStats['last']>) => {
    if (m.error) stats.error = m.error;
    else {
      stats.runs++;
      stats.last = { busy: m.busy, log: m.log, checkpointed: m.checkpointed, ms: m.ms };
    }
  });
  let stopping = false;
  const fallBack = () => {
    if (!stats.running) return;
    stats.running = false;
    if (!stopping && writer.open) writer.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', (e) => {
    stats.error = e.message;
    fallBack();
  });
  worker.on('exit', fallBack);
  // The worker never keeps a process alive by itself (a script that forgot close() still ends).
  // After the listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();
  return {
    stats,
    stop: async () => {
      if (!stats.running) return;
      stopping = true;
      const exited = new Promise((r) => worker.once('exit', r));
      // Unreferenced, the worker would not keep a script alive while close() awaits it (exit code 13).
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
