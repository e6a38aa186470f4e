/**
 * The once-a-minute session refresh, and the delete of an ended session, do not hold the request
 * (session-touch.ts). Each test holds a write transaction open while an authenticated request
 * arrives whose session is due for its refresh (or has ended): on SQLite the transaction holds
 * the one writer (any write does, as an import's final write), on PostgreSQL it also holds the
 * session's own row (the only lock the refresh or delete can wait for there), so both databases
 * have something to wait for. The request must answer BEFORE the transaction is released (an
 * ordering, no timing); the write lands after it.
 *
 * If the request awaited the refresh it could never answer while the transaction waits for it:
 * the wait is cut after HOLD_MS so that the old behaviour fails the ordering assertion instead of
 * hanging the file (a bound on a deadlock, not a latency threshold).
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/canonical.ts';
import { ManualClock } from '../../lib/clock.ts';
import { type Client, createTestApp, type Res, type TestApp } from '../../test/harness.ts';
import { as, type County, seedCounty } from '../../test/fixtures.ts';
import { settleSessionTouches } from './session-touch.ts';

const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '');
const HOLD_MS = 15_000;
const clock = new ManualClock('2026-03-02T02:00:00Z');
let t: TestApp;
let c: County;
beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
});
afterAll(() => t.close());

const sessionIdOf = (cl: Client) => sha256(cl.cookie!.slice('luoshi_sid='.length));
const sessionRow = (app: TestApp, id: string) =>
  app.database.db
    .selectFrom('session')
    .select(['last_seen_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

/**
 * Runs `during` inside a write transaction on `app`'s database that holds the writer and the
 * session row `id`, records 'answered' for each request that answers and 'released' when the
 * transaction has committed.
 */
async function whileWriterHeld(app: TestApp, county: County, id: string, during: (events: string[]) => Promise<void>) {
  const events: string[] = [];
  await app.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('member').set({ phone: '13900001111' }).where('id', '=', county.members.mA1).execute();
    await trx.updateTable('session').set({ ip: '10.9.8.7' }).where('id', '=', id).execute();
    await during(events);
  });
  events.push('released');
  return events;
}

/** The request, or null if it has not answered within HOLD_MS (the transaction is then released). */
async function answered(events: string[], req: Promise<Res>) {
  const r = await Promise.race([req, new Promise<null>((res) => setTimeout(() => res(null), HOLD_MS))]);
  if (r) events.push('answered');
  return { r, req };
}

describe('session refresh while a write transaction is open', () => {
  it('a request due for its refresh answers before the transaction ends; the refresh lands after it', async () => {
    const cl = await as(t.app, 'zzb');
    const id = sessionIdOf(cl);
    const login = await sessionRow(t, id);
    clock.advance(2 * MIN); // last seen two minutes ago: this request refreshes the session
    const at = clock.now().getTime();
    let late: Promise<Res> | undefined;
    const events = await whileWriterHeld(t, c, id, async (ev) => {
      const { r, req } = await answered(ev, cl.get('/api/auth/me'));
      late = req;
      if (!r) return;
      expect(r.status).toBe(200);
      expect(r.body.user.username).toBe('zzb');
      // Not written yet: the refresh waits for the writer / the row, the request did not.
      expect(await sessionRow(t, id)).toEqual(login);
    });
    expect(events).toEqual(['answered', 'released']);
    expect((await late!).status).toBe(200);
    await settleSessionTouches(t.database.db);
    expect(await sessionRow(t, id)).toEqual({ last_seen_at: iso(at), expires_at: iso(at + 30 * MIN) });
  });

  it('a use while the refresh is queued keeps the session alive and is written when it lands', async () => {
    const cl = await as(t.app, 'town-a');
    const id = sessionIdOf(cl);
    clock.advance(2 * MIN);
    const first = clock.now().getTime();
    const events = await whileWriterHeld(t, c, id, async (ev) => {
      expect((await answered(ev, cl.get('/api/auth/me'))).r?.status).toBe(200);
      // 31.5 min after login: the stored row alone (expires login + 30 min, one minute's grace)
      // would end the session, but it was used 29.5 min ago, at `first`, and its refresh is queued.
      clock.advance(29.5 * MIN);
      expect((await answered(ev, cl.get('/api/auth/me'))).r?.status).toBe(200);
    });
    expect(events).toEqual(['answered', 'answered', 'released']);
    await settleSessionTouches(t.database.db);
    const last = first + 29.5 * MIN;
    expect(await sessionRow(t, id)).toEqual({ last_seen_at: iso(last), expires_at: iso(last + 30 * MIN) });
    expect((await cl.get('/api/auth/me')).status).toBe(200);
  });

  /**
   * SQLite closes at once: the held transaction's COMMIT and then the queued refresh fail, and the
   * refresh's failure is logged (an unhandled rejection would fail this file). PostgreSQL's pool
   * waits for the clients in use, so there the refresh lands before the pool has closed.
   */
  it('a database closed under a queued refresh: logged, never thrown, the app still closes', async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (d) => lines.push(String(d)));
    const own = await createTestApp({ clock, env: { LOG_LEVEL: 'error' }, logStream: stream });
    try {
      const county = await seedCounty(own.database.db);
      const cl = await as(own.app, 'zzb');
      const id = sessionIdOf(cl);
      clock.advance(2 * MIN);
      const at = clock.now().getTime();
      let closing: Promise<void> | undefined;
      const failed = await whileWriterHeld(own, county, id, async (ev) => {
        expect((await answered(ev, cl.get('/api/auth/me'))).r?.status).toBe(200);
        closing = own.database.close();
        if (!onPostgres) await closing;
      }).then(
        () => null,
        (e: unknown) => e,
      );
      await closing;
      await settleSessionTouches(own.database.db);
      const log = lines.join('');
      if (onPostgres) {
        expect(failed).toBeNull();
        expect(log).not.toContain('会话活动时间未能写入');
        const { connect } = await import('../../db/connect.ts');
        const check = await connect(own.url);
        const row = await check.db
          .selectFrom('session')
          .select('last_seen_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await check.close();
        expect(row.last_seen_at).toBe(iso(at));
      } else {
        expect(failed).toBeInstanceOf(Error);
        expect(log).toContain('会话活动时间未能写入');
      }
    } finally {
      await own.close();
    }
  });

  it('an ended session answers 401 before the transaction ends; its row is deleted after it', async () => {
    const cl = await as(t.app, 'dcs');
    const id = sessionIdOf(cl);
    clock.advance(32 * MIN); // idle past 30 minutes and the minute's grace: the session has ended
    const events = await whileWriterHeld(t, c, id, async (ev) => {
      const { r } = await answered(ev, cl.get('/api/auth/me'));
      if (!r) return;
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('SESSION_EXPIRED');
      // A second use while the delete is queued answers the same and queues nothing more.
      expect((await answered(ev, cl.get('/api/auth/me'))).r?.status).toBe(401);
      const still = await t.database.db.selectFrom('session').select('id').where('id', '=', id).execute();
      expect(still).toHaveLength(1);
    });
    expect(events).toEqual(['answered', 'answered', 'released']);
    await settleSessionTouches(t.database.db);
    const left = await t.database.db.selectFrom('session').select('id').where('id', '=', id).execute();
    expect(left).toEqual([]);
  });
});
