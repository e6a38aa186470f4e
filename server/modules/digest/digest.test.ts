import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { connect, type Database } from '../../db/connect.ts';
import { ManualClock } from '../../lib/clock.ts';
import { type County, PASSWORD, as, seedCounty } from '../../test/fixtures.ts';
import { type Client, type TestApp, createTestApp } from '../../test/harness.ts';
import { tick } from '../tasks/reminders.ts';
import { publish } from '../tasks/tasks.test-support.ts';
import { runDigest } from './digest.service.ts';

// Monday 2026-11-30, 07:30 in Shanghai: before the digest hour (08:00).
const clock = new ManualClock('2026-11-29T23:30:00Z');
const hooks: { status: number; body: any }[] = [];
let failNext = 0;
const server = http.createServer((req, res) => {
  let b = '';
  req.on('data', (c) => (b += c));
  req.on('end', () => {
    const status = failNext-- > 0 ? 503 : 200;
    hooks.push({ status, body: JSON.parse(b) });
    res.writeHead(status).end();
  });
});
let t: TestApp;
let c: County;
let dcs: Client, townA: Client, townB: Client, admin: Client;
let second: { app: Awaited<ReturnType<typeof buildApp>>; database: Database };
let late: number, soon: number, lateB: number;
const digests = () =>
  t.database.db.selectFrom('notification').selectAll().where('kind', '=', 'digest').orderBy('org_id').execute();

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const env = { LUOSHI_WEBHOOK_URL: `http://127.0.0.1:${(server.address() as any).port}/hook` };
  t = await createTestApp({ clock, env });
  c = await seedCounty(t.database.db);
  // A second app instance on the same database (its own connection), as behind a load balancer.
  const database = await connect(t.url);
  second = {
    database,
    app: await buildApp({ config: loadConfig({ DATABASE_URL: t.url, LOG_LEVEL: 'silent', ...env }), database, clock }),
  };
  [admin, dcs, townA, townB] = await Promise.all(['admin', 'dcs', 'town-a', 'town-b'].map((u) => as(t.app, u)));
  const p = await publish(dcs, '2026-11-02', [
    { leadOrgId: c.orgs.townA, dueDate: '2026-11-20', text: '已经逾期的甲镇任务' },
    { leadOrgId: c.orgs.townA, dueDate: '2026-12-01', text: '明天到期的甲镇任务' },
    { leadOrgId: c.orgs.townB, dueDate: '2026-11-16', text: '已经逾期的乙镇任务' },
  ]);
  [late, soon, lateB] = p.taskIds;
  for (const id of [late, soon]) await townA.post(`/api/tasks/${id}/accept`);
  await townB.post(`/api/tasks/${lateB}/accept`);
});
afterAll(async () => {
  await second.app.close();
  await second.database.close();
  await t.close();
  server.close();
});

describe('daily digest', () => {
  it('reminders no longer reach the webhook one by one (default digest mode), nor a digest user’s list', async () => {
    const r = await tick(t.app.ctx, clock.now(), 'x');
    expect(r.created.overdue).toBe(2);
    expect(hooks).toEqual([]);
    const list = (await townA.get('/api/notifications?pageSize=100')).body.items;
    expect(list.filter((n: any) => ['overdue', 'due_soon'].includes(n.kind))).toEqual([]);
  });

  it('waits for the configured hour', async () => {
    expect(await runDigest(t.app.ctx, { holder: 'a' })).toMatchObject({ ran: false });
    expect(await digests()).toEqual([]);
  });

  it('two instances at once: one digest per unit, ONE webhook payload for the day', async () => {
    clock.set('2026-11-30T00:05:00Z'); // 08:05
    for (const [u, cl] of Object.entries({ admin, dcs, 'town-a': townA, 'town-b': townB })) await cl.login(u, PASSWORD);
    hooks.length = 0;
    const runs = [
      () => runDigest(t.app.ctx, { holder: 'instance-a' }),
      () => runDigest(second.app.ctx, { holder: 'instance-b' }),
    ];
    // Several instances share one PostgreSQL; SQLite is one process (two connections in one thread
    // would wait on each other's write lock), so there they run one after the other.
    const [a, b] =
      t.database.dialect === 'postgres' ? await Promise.all(runs.map((r) => r())) : [await runs[0](), await runs[1]()];
    expect([a.ran, b.ran].filter(Boolean)).toHaveLength(1);
    const rows = await digests();
    expect(rows.map((n) => n.org_id)).toEqual([c.orgs.townA, c.orgs.townB]);
    const msgA = rows[0].message;
    expect(msgA).toContain('逾期 1 项');
    expect(msgA).toContain('临期 1 项');
    expect(msgA).toContain(`#${late}「已经逾期的甲镇任务」`);
    expect(msgA).toContain(`#${soon}「明天到期的甲镇任务」`);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].body).toMatchObject({
      kind: 'digest',
      digestId: 'digest:2026-11-30',
      date: '2026-11-30',
      totals: { units: 2, overdue: 2, dueSoon: 1 },
    });
    const run = await t.database.db.selectFrom('digest_run').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ run_date: '2026-11-30', units: 2, webhook_status: 200 });
    // Later runs the same day (either instance, even forced) send nothing.
    for (const x of [t.app.ctx, second.app.ctx])
      expect((await runDigest(x, { holder: 'late', force: true })).ran).toBe(false);
    expect((await admin.post('/api/digest/run')).body).toMatchObject({ ran: false });
    expect(hooks).toHaveLength(1);
    expect((await digests()).length).toBe(2);
  });

  it('a digest user sees one message; an immediate user sees the reminders; muted kinds stay hidden', async () => {
    const kinds = async (cl: Client) =>
      (await cl.get('/api/notifications?pageSize=100')).body.items.map((n: any) => n.kind);
    expect(await kinds(townA)).toEqual(['digest']);
    expect((await townA.get('/api/notification-prefs')).body).toEqual({ mode: 'digest', mutedKinds: [] });
    const put = await townA.request('PUT', '/api/notification-prefs', { mode: 'immediate', mutedKinds: ['due_soon'] });
    expect(put.status).toBe(200);
    expect((await kinds(townA)).sort()).toEqual(['overdue']);
    const row = await t.database.db.selectFrom('notification_pref').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ mode: 'immediate', muted_json: '["due_soon"]' });
    // Another account of the same unit keeps the default.
    const other = await as(t.app, 'branch-a1');
    expect(await kinds(other)).toEqual([]);
  });

  it('bad input: an unknown kind, muting the digest in digest mode (nothing changes)', async () => {
    const before = await t.database.db.selectFrom('notification_pref').selectAll().execute();
    const r1 = await townB.request('PUT', '/api/notification-prefs', { mode: 'digest', mutedKinds: ['spam'] });
    expect(r1.status).toBe(400);
    const r2 = await townB.request('PUT', '/api/notification-prefs', { mode: 'digest', mutedKinds: ['digest'] });
    expect(r2.status).toBe(400);
    expect(r2.body.message).toContain('不能同时屏蔽每日汇总');
    expect(await t.database.db.selectFrom('notification_pref').selectAll().execute()).toEqual(before);
  });

  it('a failed webhook is retried once the lease ran out, by any instance, and delivered once', async () => {
    clock.set('2026-12-01T00:05:00Z'); // Tuesday 08:05
    await townA.login('town-a', PASSWORD);
    hooks.length = 0;
    failNext = 1;
    expect((await runDigest(t.app.ctx, { holder: 'instance-a' })).webhook).toBe(0);
    expect(
      (
        await t.database.db
          .selectFrom('digest_run')
          .select('sent_at')
          .where('run_date', '=', '2026-12-01')
          .executeTakeFirstOrThrow()
      ).sent_at,
    ).toBeNull();
    expect((await runDigest(second.app.ctx, { holder: 'instance-b' })).ran).toBe(false); // lease still held
    clock.advance(11 * 60_000);
    const retry = await runDigest(second.app.ctx, { holder: 'instance-b' });
    expect(retry).toMatchObject({ ran: true, webhook: 1, notifications: 0 });
    expect(hooks.map((h) => h.status)).toEqual([503, 200]);
    expect(hooks[1].body.digestId).toBe('digest:2026-12-01');
    expect((await runDigest(t.app.ctx, { holder: 'instance-a' })).ran).toBe(false);
    expect(hooks).toHaveLength(2);
    expect((await digests()).filter((n) => n.dedupe_key.endsWith('2026-12-01'))).toHaveLength(2);
  });

  it('the preview shows only the caller’s units', async () => {
    const r = await townA.get('/api/digest/preview');
    expect(r.status).toBe(200);
    expect(r.body.units.map((u: any) => u.orgId)).toEqual([c.orgs.townA]);
  });
});
