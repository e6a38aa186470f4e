import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type Res, type TestApp } from '../test/harness.ts';
import { as, type County, seedCounty } from '../test/fixtures.ts';
import { BIG_BYTES, WAL_BYTES, WRITER_PAGES } from './checkpointer.ts';

const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '');
let t: TestApp;
let c: County;
beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
});
afterAll(() => t.close());

describe('database connection', () => {
  it('answers health checks on the configured database', async () => {
    const r = await new Client(t.app).get('/api/health');
    expect(r.body.db).toBe(onPostgres ? 'postgres' : 'sqlite');
  });

  it('a read sees every write committed before it (each read on the SQLite reader is a fresh snapshot)', async () => {
    const db = t.database.db;
    for (let i = 0; i < 20; i++) {
      await db
        .updateTable('member')
        .set({ phone: `1390000${String(i).padStart(4, '0')}` })
        .where('id', '=', c.members.mA2)
        .execute();
      const r = await db.selectFrom('member').select('phone').where('id', '=', c.members.mA2).executeTakeFirstOrThrow();
      expect(r.phone).toBe(`1390000${String(i).padStart(4, '0')}`);
    }
  });

  /**
   * While a write transaction is open (a 50,000-row import is one), a read over HTTP answers at once
   * with the last committed data. The read is awaited INSIDE the transaction: if reads still had to
   * wait for the writer, this would never settle and the test fails by its timeout. A write from
   * another request waits for the commit on SQLite (one writer, see docs/ARCHITECTURE.md); on
   * PostgreSQL a write to another row does not.
   */
  it('reads answer while a write transaction is held open; on SQLite writes queue behind it', async () => {
    const zzb = await as(t.app, 'zzb');
    const events: string[] = [];
    let write!: Promise<Res>;
    await t.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('member').set({ name: '未提交的名字' }).where('id', '=', c.members.mA1).execute();
      const read = await zzb.get(`/api/members/${c.members.mA1}`);
      events.push('read');
      expect(read.status).toBe(200);
      expect(read.body.name).toBe('张三明'); // the committed state, not the open transaction's
      write = zzb.patch(`/api/members/${c.members.mB1}`, { phone: '13912345678' }).then((r) => {
        events.push('write');
        return r;
      });
      if (onPostgres) await write;
      events.push('commit');
    });
    expect((await write).status).toBe(200);
    expect(events).toEqual(onPostgres ? ['read', 'write', 'commit'] : ['read', 'commit', 'write']);
    expect((await zzb.get(`/api/members/${c.members.mA1}`)).body.name).toBe('未提交的名字');
    const b1 = await t.database.db
      .selectFrom('member')
      .select('phone')
      .where('id', '=', c.members.mB1)
      .executeTakeFirstOrThrow();
    expect(b1.phone).toBe('13912345678');
  });

  /**
   * SQLite only (PostgreSQL checkpoints in its own server processes; there is nothing of ours to
   * test). A transaction that leaves the WAL past BIG_BYTES is committed without the writer's
   * automatic checkpoint — it copied an import's whole WAL into the database inside the COMMIT, on
   * the event loop — and the worker thread checkpoints it; then the writer's own checkpoint is back
   * and the next writes start the WAL over, cut back to WAL_BYTES. Without the hand-off the worker
   * never runs for it and the wait below never ends (the test fails by its timeout).
   */
  it.runIf(!onPostgres)(
    'SQLite: a big transaction is checkpointed by the worker thread, not in its COMMIT',
    async () => {
      const db = t.database.db;
      const pragma = async (p: string) =>
        Object.values((await sql.raw(`pragma ${p}`).execute(db)).rows[0] as object)[0];
      expect(await pragma('wal_autocheckpoint')).toBe(WRITER_PAGES);
      expect(await pragma('journal_size_limit')).toBe(WAL_BYTES);
      const stats = t.database.walCheckpoints!;
      expect(stats.running).toBe(true);
      const { handedOff, runs } = stats;
      const wal = `${t.url.slice('sqlite:'.length)}-wal`;
      await sql`create table wal_probe (b text)`.execute(db);
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 120; i++) await sql`insert into wal_probe values (${'x'.repeat(100_000)})`.execute(trx);
      });
      expect(stats.handedOff).toBe(handedOff + 1);
      expect(fs.statSync(wal).size).toBeGreaterThan(BIG_BYTES);
      // The worker's checkpoint, then the writer's own automatic checkpoint again.
      while (!(stats.runs > runs && stats.last?.busy === 0 && (await pragma('wal_autocheckpoint')) === WRITER_PAGES))
        await new Promise((r) => setTimeout(r, 20));
      expect(stats.last!.checkpointed).toBeGreaterThanOrEqual(12_000_000 / 4096);
      let writes = 0;
      while (fs.statSync(wal).size > WAL_BYTES) {
        await sql`insert into wal_probe values ('.')`.execute(db);
        writes++;
      }
      expect(stats.error).toBeNull();
      expect((await sql<{ n: number }>`select count(*) as n from wal_probe`.execute(db)).rows[0].n).toBe(120 + writes);
    },
  );

  /**
   * SQLite only (as above). A writer that never pauses: ordinary commits keep the writer's own
   * checkpoint (about 4 MB each, as SQLite does by default) and the WAL stays bounded. With the
   * worker alone (the writer never checkpointing) SQLite never found the WAL fully checkpointed when
   * the next write began, so it never started it over: 3.4 GB in 15 s.
   */
  it.runIf(!onPostgres)('SQLite: back-to-back commits keep the WAL bounded', async () => {
    const db = t.database.db;
    const stats = t.database.walCheckpoints!;
    const { handedOff } = stats;
    const wal = `${t.url.slice('sqlite:'.length)}-wal`;
    await sql`create table wal_steady (b text)`.execute(db);
    let largest = 0;
    for (let i = 0; i < 400; i++) {
      await db.transaction().execute(async (trx) => {
        await sql`insert into wal_steady values (${'s'.repeat(100_000)})`.execute(trx);
      });
      largest = Math.max(largest, fs.statSync(wal).size);
      await new Promise((r) => setImmediate(r));
    }
    expect(largest).toBeLessThanOrEqual(2 * WAL_BYTES);
    expect(stats.handedOff).toBe(handedOff);
    expect((await sql<{ n: number }>`select count(*) as n from wal_steady`.execute(db)).rows[0].n).toBe(400);
  });

  /**
   * SQLite only (the worker exists only there). A script ends by itself with the worker running:
   * with close() its exit code is 0 and the last connection removed the WAL (everything is in the
   * database file); without close() (a script that forgot it) it still ends, and nothing committed
   * is lost.
   */
  it.runIf(!onPostgres)(
    'SQLite: a process with the checkpoint worker exits cleanly, with or without close()',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-ckpt-'));
      const root = path.resolve(import.meta.dirname, '../..');
      const script = (file: string, close: boolean) => {
        const f = path.join(dir, `${path.basename(file)}.mts`);
        fs.writeFileSync(
          f,
          `import { connect } from ${JSON.stringify(path.join(root, 'server/db/connect.ts'))};
         const d = await connect(${JSON.stringify(`sqlite:${file}`)});
         await d.db.schema.createTable('t').addColumn('b', 'text').execute();
         for (let i = 0; i < 30; i++) await d.db.insertInto('t' as any).values({ b: 'y'.repeat(300_000) }).execute();
         if (!d.walCheckpoints?.running) throw new Error('no checkpoint worker');
         ${close ? 'await d.close();' : ''}
         console.log('done');`,
        );
        return new Promise<{ code: number | null; out: string }>((resolve) => {
          const p = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), f], { cwd: root });
          let out = '';
          p.stdout.on('data', (d) => (out += d));
          p.stderr.on('data', (d) => (out += d));
          p.on('exit', (code) => resolve({ code, out }));
        });
      };
      try {
        const closed = path.join(dir, 'closed.db');
        const a = await script(closed, true);
        expect([a.code, a.out.trim()]).toEqual([0, 'done']);
        expect(fs.existsSync(`${closed}-wal`)).toBe(false);
        const open = path.join(dir, 'open.db');
        const b = await script(open, false);
        expect([b.code, b.out.trim()]).toEqual([0, 'done']);
        const { default: SQLite } = await import('better-sqlite3');
        const check = new SQLite(open, { readonly: true });
        expect(check.prepare('select count(*) as n from t').get()).toEqual({ n: 30 });
        check.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  // PostgreSQL only (the SQLite run has no server process to lose): runs in CI's PostgreSQL pass.
  it.runIf(onPostgres)('PostgreSQL: the app survives its backends being terminated and reconnects', async () => {
    const anon = new Client(t.app);
    expect((await anon.get('/api/health')).status).toBe(200); // the pool now holds an idle client
    const admin = new (await import('pg')).default.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const db = new URL(t.url).pathname.slice(1);
    const r = await admin.query(
      'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [db],
    );
    await admin.end();
    expect(Number(r.rows[0].n)).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 200)); // let the FATAL reach the idle client
    expect((await anon.get('/api/health')).status).toBe(200);
    expect((await sql<{ one: number }>`select 1 as one`.execute(t.database.db)).rows[0].one).toBe(1);
  });
});
