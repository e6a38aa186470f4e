// The WAL checkpointer's thread (see checkpointer.ts): its own connection, PASSIVE checkpoints on
// request. Plain JavaScript: it needs no TypeScript loader and starts the same under node, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const db = new SQLite(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close(); // nothing else keeps this thread alive: it ends
    return;
  }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ ok: false, message: String(e?.message ?? e) });
  }
});
