import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type Res, type TestApp } from '../test/harness.ts';
import { as, type County, seedCounty } from '../test/fixtures.ts';

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
