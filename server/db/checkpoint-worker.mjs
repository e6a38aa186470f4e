// The WAL checkpointer's thread (see checkpointer.ts): its own connection and its own timer, so it
// checkpoints even while the main thread is busy (a seeding script's synchronous inserts never let
// a main-thread timer run). Plain JavaScript: no TypeScript loader needed under node, tsx or vitest.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { file, walBytes, everyMs } = workerData;
const db = new SQLite(file, { fileMustExist: true });
// PASSIVE never waits for a lock; this only covers opening the schema while a writer is busy.
db.pragma('busy_timeout = 100');
/** The WAL as it was after the last complete checkpoint: nothing new to copy while it is unchanged. */
let done = '';

function tick() {
  let st;
  try {
    st = fs.statSync(`${file}-wal`);
  } catch {
    return; // no WAL (yet, or the last connection closed)
  }
  const seen = `${st.size}:${st.mtimeMs}`;
  if (st.size <= walBytes || seen === done) return;
  const s = performance.now();
  let r;
  try {
    [r] = db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    parentPort.postMessage({ error: String(e?.message ?? e) });
    return; // the next tick tries again
  }
  // Complete (and nobody wrote meanwhile): no point copying again until the WAL changes.
  if (r.busy === 0 && r.log === r.checkpointed) done = seen;
  parentPort.postMessage({ ...r, ms: performance.now() - s });
}

const timer = setInterval(tick, everyMs);
parentPort.on('message', (m) => {
  if (m === 'check') return tick();
  if (m !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close(); // nothing else keeps this thread alive: it ends
});
