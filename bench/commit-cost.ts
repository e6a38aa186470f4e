/**
 * What the event loop pays at the end of a 50,000-member import on SQLite: the COMMIT itself and
 * the WAL checkpoint that SQLite's automatic checkpoint runs inside it, timed apart, and how long a
 * read on the read connection waits while a checkpoint runs in a worker thread. The rows are the
 * county's own members copied with new ID numbers, in 500-row INSERT … SELECT batches inside one
 * transaction (the member triggers fire as in an import). Then, through connect() as the server
 * uses it, back-to-back 100 KB commits for STEADY_SECONDS (default 10): the largest WAL file and
 * the longest commit (with the worker alone checkpointing, at commit 44ca018, the WAL grew to
 * 3.4 GB in 15 s of this).
 * Run: npx tsx bench/commit-cost.ts
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { connect } from '../server/db/connect.ts';
import { countyDatabase } from './county.ts';

const ROWS = Number(process.env.IMPORT_ROWS ?? 50_000);
const BATCH = 500;
const COLS =
  'name, name_initials, name_pinyin, gender, ethnicity, birth_date, id_number, id_last4, phone, education, org_id, join_date, full_date, member_type, category, status, created_at, updated_at';

function open(file: string, autocheckpoint: boolean) {
  const w = new SQLite(file);
  w.pragma('journal_mode = WAL');
  w.pragma('synchronous = NORMAL');
  w.pragma('foreign_keys = ON');
  w.pragma('busy_timeout = 5000');
  if (!autocheckpoint) w.pragma('wal_autocheckpoint = 0');
  const r = new SQLite(file, { fileMustExist: true });
  r.pragma('query_only = ON');
  r.pragma('busy_timeout = 5000');
  return { w, r };
}

/** The import's write: one transaction of 500-row batches; returns the COMMIT's milliseconds. */
function importRows(w: SQLite.Database, round: number) {
  const ids = w.prepare('select id from member order by id limit ?').all(ROWS) as { id: number }[];
  w.exec('begin');
  for (let i = 0; i < ids.length; i += BATCH) {
    const from = ids[i].id;
    const to = ids[Math.min(ids.length, i + BATCH) - 1].id;
    w.prepare(
      `insert into member (${COLS}) select ${COLS.replace('id_number', `'R${round}' || substr(id_number, 3)`)} from member where id between ? and ?`,
    ).run(from, to);
  }
  const s = performance.now();
  w.exec('commit');
  return performance.now() - s;
}

const walMb = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size / 2 ** 20 : 0);

/** Reads on `r` every 2 ms while `work` runs; the longest wait for one read. */
async function readsDuring(r: SQLite.Database, work: () => Promise<unknown>) {
  const q = r.prepare('select count(*) as n from org_unit where id < 50');
  let worst = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const s = performance.now();
      q.get();
      worst = Math.max(worst, performance.now() - s);
      await new Promise((res) => setTimeout(res, 2));
    }
  })();
  await work();
  running = false;
  await loop;
  return worst;
}

async function main() {
  const county = await countyDatabase({ dialect: 'sqlite' });
  await county.database.close();
  const file = county.url.slice('sqlite:'.length);
  const copy = (name: string) => {
    const f = `${file}.${name}.db`;
    fs.copyFileSync(file, f);
    return f;
  };

  // 1. As today: the automatic checkpoint runs inside the COMMIT.
  {
    const f = copy('auto');
    const { w, r } = open(f, true);
    const ms = importRows(w, 1);
    console.log(`自动检查点开启:COMMIT ${ms.toFixed(0)} ms(含检查点),之后 WAL ${walMb(f).toFixed(1)} MB`);
    w.close();
    r.close();
  }
  // 2. Automatic checkpoint off: the COMMIT alone, then the checkpoint on the main thread.
  {
    const f = copy('manual');
    const { w, r } = open(f, false);
    const ms = importRows(w, 2);
    const wal = walMb(f);
    const s = performance.now();
    const res = w.pragma('wal_checkpoint(PASSIVE)');
    console.log(
      `自动检查点关闭:COMMIT ${ms.toFixed(0)} ms;WAL ${wal.toFixed(1)} MB;主线程 PASSIVE 检查点 ${(performance.now() - s).toFixed(0)} ms ${JSON.stringify(res)}`,
    );
    w.close();
    r.close();
  }
  // 3. Automatic checkpoint off, the checkpoint in a worker thread while the main thread reads.
  {
    const f = copy('worker');
    const { w, r } = open(f, false);
    const ms = importRows(w, 3);
    const wal = walMb(f);
    let ckMs = 0;
    const worst = await readsDuring(r, async () => {
      const worker = new Worker(
        `const { parentPort, workerData } = require('node:worker_threads');
         const SQLite = require(workerData.mod);
         const db = new SQLite(workerData.file, { fileMustExist: true });
         const s = performance.now();
         const res = db.pragma('wal_checkpoint(PASSIVE)');
         parentPort.postMessage({ ms: performance.now() - s, res });
         db.close();`,
        { eval: true, workerData: { file: f, mod: createRequire(import.meta.url).resolve('better-sqlite3') } },
      );
      const m = await new Promise<{ ms: number }>((res) => worker.once('message', res));
      ckMs = m.ms;
      await new Promise((res) => worker.once('exit', res));
    });
    console.log(
      `自动检查点关闭:COMMIT ${ms.toFixed(0)} ms;WAL ${wal.toFixed(1)} MB;工作线程检查点 ${ckMs.toFixed(0)} ms,其间主线程读最长 ${worst.toFixed(1)} ms`,
    );
    w.close();
    r.close();
  }
  // 4. Back-to-back commits through connect(): the WAL stays bounded, no commit holds for long.
  {
    const f = copy('steady');
    const d = await connect(`sqlite:${f}`);
    await d.db.schema.createTable('steady').addColumn('b', 'text').execute();
    const seconds = Number(process.env.STEADY_SECONDS ?? 10);
    let n = 0;
    let maxWal = 0;
    let maxTx = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      const s = performance.now();
      await d.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('steady' as never)
          .values({ b: 'z'.repeat(100_000) } as never)
          .execute();
      });
      maxTx = Math.max(maxTx, performance.now() - s);
      maxWal = Math.max(maxWal, walMb(f));
      n++;
      await new Promise((r) => setImmediate(r));
    }
    console.log(
      `连续提交 ${seconds} s:${n} 次(${((n * 0.1) / seconds).toFixed(1)} MB/s),WAL 最大 ${maxWal.toFixed(1)} MB,单次提交最长 ${maxTx.toFixed(0)} ms,交给工作线程 ${d.walCheckpoints?.handedOff} 次`,
    );
    await d.close();
  }
  await county.drop();
}

await main();
