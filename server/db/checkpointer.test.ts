/**
 * The checkpoint worker (db/checkpointer.ts) dying. SQLite only: the worker exists only beside a
 * SQLite file's read connection; PostgreSQL checkpoints in its own server processes and has nothing
 * of ours to kill. Each test opens its own app and database (it kills that app's worker).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { as, seedCounty } from '../test/fixtures.ts';
import { BIG_BYTES, WAL_BYTES, WRITER_PAGES } from './checkpointer.ts';

const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for `done`; if it never comes the test fails by its timeout. */
const until = async (done: () => boolean | Promise<boolean>) => {
  while (!(await done())) await sleep(20);
};

async function openApp(restartMs: number) {
  // The driver's turns of the event loop are off (db/sqlite-reader.ts): the first test kills the
  // worker just before a COMMIT and needs its exit to be seen only after it; with a turn at the
  // COMMIT (the transaction runs past 20 ms) the exit may come first and nothing is handed off.
  const t = await createTestApp({ checkpoints: { restartMs }, breatheMs: Number.POSITIVE_INFINITY });
  const c = await seedCounty(t.database.db);
  const db = t.database.db;
  const file = t.url.slice('sqlite:'.length);
  const pragma = async (p: string) => Object.values((await sql.raw(`pragma ${p}`).execute(db)).rows[0] as object)[0];
  await sql`create table wal_probe (b text)`.execute(db);
  /** One transaction of 120 × 100 KB: past BIG_BYTES, a hand-off while a worker runs. */
  const bigWrite = (during?: () => void) =>
    db.transaction().execute(async (trx) => {
      for (let i = 0; i < 120; i++) await sql`insert into wal_probe values (${'x'.repeat(100_000)})`.execute(trx);
      during?.();
    });
  let closed = false;
  /** Closes the app and the database (the writer closes last) and returns the file's rows, read afresh. */
  const close = async () => {
    closed = true;
    await t.app.close();
    await t.database.close();
    const walLeft = fs.existsSync(`${file}-wal`);
    const { default: SQLite } = await import('better-sqlite3');
    const check = new SQLite(file, { readonly: true });
    const rows = (check.prepare('select count(*) as n from wal_probe').get() as { n: number }).n;
    const integrity = check.pragma('integrity_check', { simple: true });
    check.close();
    return { walLeft, rows, integrity };
  };
  const cleanup = async (t: TestApp) => {
    if (!closed) await t.close();
    else {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      fs.rmSync(path.dirname(t.anchor), { recursive: true, force: true });
    }
  };
  return { t, c, db, wal: `${file}-wal`, pragma, bigWrite, close, cleanup: () => cleanup(t) };
}

describe('the checkpoint worker dies', () => {
  /**
   * The worker is killed while a big transaction's checkpoint is handed to it: the transaction
   * kills it just before its COMMIT, so the hand-off happens and the worker can never run it. The
   * writer takes its automatic checkpoint back at once (not after the 5 s hand-off timeout), the app
   * answers reads and writes, later big transactions are checkpointed by the writer (nothing is
   * handed to a dead worker, the WAL starts over after each), and close() still removes the WAL. No
   * new worker within the test: restarts are at most once per `restartMs` (an hour here) from the
   * previous start. With fallBack() broken (or only the checkpoint not given back) the pragma right
   * after the worker's exit is still 0.
   */
  it.runIf(!onPostgres)(
    'SQLite: killed with a checkpoint pending, the writer checkpoints again and the app carries on',
    async () => {
      const a = await openApp(3_600_000);
      try {
        const ck = a.t.database.checkpointer!;
        const stats = ck.stats;
        expect(stats.running).toBe(true);
        const { handedOff } = stats;
        const worker = ck.worker!;
        await a.bigWrite(() => void worker.terminate());
        expect(stats.handedOff).toBe(handedOff + 1);
        expect(fs.statSync(a.wal).size).toBeGreaterThan(BIG_BYTES);
        expect(await a.pragma('wal_autocheckpoint')).toBe(0); // the hand-off is pending
        await until(() => stats.deaths > 0);
        expect(await a.pragma('wal_autocheckpoint')).toBe(WRITER_PAGES);
        expect([stats.running, stats.deaths, stats.exitCode, stats.restarts, ck.worker]).toEqual([
          false,
          1,
          1,
          0,
          null,
        ]);

        // Reads and writes over HTTP.
        const zzb = await as(a.t.app, 'zzb');
        expect((await zzb.get('/api/health')).status).toBe(200);
        expect((await zzb.get(`/api/members/${a.c.members.mA1}`)).body.name).toBe('张三明');
        expect((await zzb.patch(`/api/members/${a.c.members.mB1}`, { phone: '13912345678' })).status).toBe(200);
        expect((await zzb.get(`/api/members/${a.c.members.mB1}`)).body.phone).toBe('13912345678');

        // Big transactions now: the writer's own checkpoint in their COMMIT, and the next write
        // starts the WAL over, cut back to WAL_BYTES.
        for (let round = 0; round < 3; round++) {
          await a.bigWrite();
          expect(stats.handedOff).toBe(handedOff + 1);
          expect(await a.pragma('wal_autocheckpoint')).toBe(WRITER_PAGES);
          await sql`insert into wal_probe values ('.')`.execute(a.db);
          expect(fs.statSync(a.wal).size).toBeLessThanOrEqual(WAL_BYTES);
        }
        expect([stats.running, stats.restarts]).toEqual([false, 0]);

        expect(await a.close()).toEqual({ walLeft: false, rows: 4 * 120 + 3, integrity: 'ok' });
        expect(stats.restarts).toBe(0);
      } finally {
        await a.cleanup();
      }
    },
  );

  /**
   * A dead worker is started again (here at once: restartMs 0) and takes the hand-offs again: a big
   * transaction afterwards is checkpointed by the new worker and the writer's own checkpoint comes
   * back after it. Without the restart `running` stays false and the first wait never ends.
   */
  it.runIf(!onPostgres)('SQLite: a dead worker is started again and checkpoints the next big transaction', async () => {
    const a = await openApp(0);
    try {
      const ck = a.t.database.checkpointer!;
      const stats = ck.stats;
      const first = ck.worker!;
      expect(await first.terminate()).toBe(1);
      await until(() => stats.running && stats.restarts === 1);
      expect(ck.worker).not.toBe(first);
      expect([stats.deaths, stats.exitCode]).toEqual([1, 1]);

      const { handedOff, runs } = stats;
      await a.bigWrite();
      expect(stats.handedOff).toBe(handedOff + 1);
      await until(
        async () =>
          stats.runs > runs && stats.last?.busy === 0 && (await a.pragma('wal_autocheckpoint')) === WRITER_PAGES,
      );
      expect(stats.last!.checkpointed).toBeGreaterThanOrEqual(12_000_000 / 4096);
      expect(stats.error).toBeNull();
      const zzb = await as(a.t.app, 'zzb');
      expect((await zzb.patch(`/api/members/${a.c.members.mB1}`, { phone: '13912345679' })).status).toBe(200);

      expect(await a.close()).toEqual({ walLeft: false, rows: 120, integrity: 'ok' });
      expect([stats.running, stats.restarts]).toEqual([false, 1]);
    } finally {
      await a.cleanup();
    }
  });
});
