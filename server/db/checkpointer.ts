/**
 * WAL checkpoints off the event loop. SQLite copies the WAL back into the database file at the
 * commit that takes the WAL past `wal_autocheckpoint` (1,000 pages), synchronously on the committing
 * connection: after a 50,000-row import that is tens of MB and two fsyncs while every request waits
 * (bench/stalls.ts). Here the writer's automatic checkpoints are off and a worker thread with its own
 * connection runs PASSIVE checkpoints (they block neither readers nor the writer) once the WAL has
 * grown past the same size. `journal_size_limit` truncates the WAL back to that size when it is
 * reset, so its size on disk says how much was written since. If the worker stops, the writer's
 * automatic checkpoints come back on.
 */
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** SQLite's own threshold: 1,000 pages of 4 KiB. */
const WAL_BYTES = 4 * 1024 * 1024;
const CHECK_MS = 500;

export function startCheckpointer(writer: SQLite.Database, file: string) {
  writer.pragma(`journal_size_limit = ${WAL_BYTES}`);
  writer.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, walBytes: WAL_BYTES, everyMs: CHECK_MS },
  });
  worker.unref();
  let running = true;
  const fallBack = () => {
    if (!running) return;
    running = false;
    if (writer.open) writer.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return async () => {
    if (!running) return;
    running = false;
    const exited = new Promise((r) => worker.once('exit', r));
    // Unreferenced, the worker would not keep a script alive while close() awaits it (exit code 13).
    worker.ref();
    worker.postMessage('close');
    await exited;
  };
}
