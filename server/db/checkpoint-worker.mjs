// The WAL checkpointer's thread (see checkpointer.ts): its own connection and its own timer, so it
// checkpoints even while the main thread is busy (a seeding script's synchronous inserts never let
// a main-thread timer run). Plain JavaScript: no TypeScript loader needed under node, tsx or vitest.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { file, walBytes, everyMs } = workerData;
const db = new SQLite(file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  let size = 0;
  try {
    size = fs.statSync(`${file}-wal`).size;
  } catch {
    return; // no WAL yet
  }
  if (size <= walBytes) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy: the next tick tries again
  }
}, everyMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close(); // nothing else keeps this thread alive: it ends
});
