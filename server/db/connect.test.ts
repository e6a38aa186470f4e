import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type TestApp } from '../test/harness.ts';

const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('database connection', () => {
  it('answers health checks on the configured database', async () => {
    const r = await new Client(t.app).get('/api/health');
    expect(r.body.db).toBe(onPostgres ? 'postgres' : 'sqlite');
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
