/**
 * The maintained 工作台 counters (task_count, kept by triggers) stay equal to a full count after every
 * kind of change — create, status change, light change, a unit moved to another township, links
 * deleted — and the 工作台 and the township task list read them right (a task with two units in
 * one subtree counts once). A corrupted counter is found and repaired by `checkTaskCounts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { checkTaskCounts } from '../../db/task-counts.ts';
import { advanceDays, publish } from './tasks.test-support.ts';

// Monday 2026-11-02, 09:00 Shanghai.
const clock = new ManualClock('2026-11-02T01:00:00Z');
let t: TestApp;
let c: County;
let admin: Client, dcs: Client, townA: Client, townB: Client;
let t1: number, t2: number, t3: number;

/** What the 工作台 shows, reduced to the figures the counters feed. */
const board = async (who: Client, orgId?: number) => {
  const r = await who.get(`/api/dashboard${orgId ? `?orgId=${orgId}` : ''}`);
  expect(r.status).toBe(200);
  const { total, status, lights, overdue, ranking } = r.body;
  return { total, status, lights, overdue, ranking: ranking.map((x: any) => [x.orgName, x.overdue]) };
};
/** The counters equal a full recount (the database state behind every answer below). */
const exact = async () => expect(await checkTaskCounts(t.database.db)).toEqual([]);
const st = (pending: number, doing: number, requested = 0, done = 0) => ({ pending, doing, requested, done });

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  [admin, dcs, townA, townB] = await Promise.all(['admin', 'dcs', 'town-a', 'town-b'].map((u) => as(t.app, u)));
});
afterAll(() => t.close());

describe('工作台 counters maintained by triggers', () => {
  it('count each new task once per subtree, however many of its units lie in it', async () => {
    ({
      taskIds: [t1, t2, t3],
    } = await publish(dcs, '2026-11-02', [
      { leadOrgId: c.orgs.a1, coOrgIds: [c.orgs.townB], dueDate: '2026-11-13', text: '东村牵头乙镇配合' },
      { leadOrgId: c.orgs.townA, coOrgIds: [c.orgs.a2], dueDate: '2026-11-27', text: '甲镇牵头西村配合' },
      { leadOrgId: c.orgs.dept, dueDate: null, text: '财政局长期任务' },
    ]));
    await exact();
    expect(await board(dcs)).toMatchObject({ total: 3, status: st(3, 0), lights: { green: 3, yellow: 0, red: 0 } });
    expect(await board(townA)).toMatchObject({ total: 2, status: st(2, 0) });
    expect(await board(townB)).toMatchObject({ total: 1, status: st(1, 0) });
    expect(await board(dcs, c.orgs.a2)).toMatchObject({ total: 1 });
    // The township list reads the same links: 甲镇 sees t1 and t2 once each, newest first.
    const list = (await townA.get('/api/tasks?pageSize=1')).body;
    expect([list.total, list.items.map((i: any) => i.id)]).toEqual([2, [t2]]);
    const more = (await townA.get(`/api/tasks?pageSize=1&cursor=${encodeURIComponent(list.nextCursor)}`)).body;
    expect([more.total, more.items.map((i: any) => i.id)]).toEqual([2, [t1]]);
    expect((await townB.get('/api/tasks?lead=true')).body.total).toBe(0);
    expect((await townB.get('/api/tasks?q=乙镇配合')).body.items.map((i: any) => i.id)).toEqual([t1]);
  });

  it('move a task between status buckets at every ancestor', async () => {
    expect((await townA.post(`/api/tasks/${t2}/accept`)).status).toBe(200);
    await exact();
    expect((await board(dcs)).status).toEqual(st(2, 1));
    expect((await board(townA)).status).toEqual(st(1, 1));
    expect((await board(townB)).status).toEqual(st(1, 0));
    expect((await townA.get('/api/tasks?status=doing')).body.items.map((i: any) => i.id)).toEqual([t2]);
  });

  it('follow the lights and the overdue verdict when the day changes', async () => {
    // Monday 11-16: t1 (due Friday 11-13, never accepted) is overdue; the first request recomputes.
    await advanceDays(clock, 14, { admin, dcs, 'town-a': townA, 'town-b': townB });
    const county = await board(dcs);
    expect(county).toMatchObject({ overdue: 1, ranking: [['甲镇东村党支部', 1]] });
    expect(county.lights.red).toBeGreaterThanOrEqual(1);
    await exact();
    // 乙镇 only cooperates on t1: overdue in its scope, but not a unit of its own in the ranking.
    expect(await board(townB)).toMatchObject({ overdue: 1, ranking: [] });
    const row = await t.database.db
      .selectFrom('task')
      .select(['overdue', 'light'])
      .where('id', '=', t1)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ overdue: 1, light: 'red' });
    const red = (await townA.get('/api/tasks?overdue=true')).body;
    expect([red.total, red.items.map((i: any) => i.id)]).toEqual([1, [t1]]);
  });

  it('follow a unit moved to another township (the link paths change)', async () => {
    expect((await admin.post(`/api/orgs/${c.orgs.a1}/move`, { parentId: c.orgs.townB })).status).toBe(200);
    await exact();
    expect(await board(townA)).toMatchObject({ total: 1, overdue: 0, ranking: [] });
    // t1 now has both units in 乙镇: still one task there, and 东村 ranks in 乙镇.
    expect(await board(townB)).toMatchObject({ total: 1, overdue: 1, ranking: [['甲镇东村党支部', 1]] });
    expect(await board(dcs)).toMatchObject({ total: 3, overdue: 1 });
  });

  it('drop a task where no other unit of it remains when links are deleted', async () => {
    const db = t.database.db;
    // 乙镇's own link to t1 goes: 东村 (now under 乙镇) still carries t1 there.
    await db.deleteFrom('task_org').where('task_id', '=', t1).where('org_id', '=', c.orgs.townB).execute();
    await exact();
    expect(await board(townB)).toMatchObject({ total: 1, overdue: 1 });
    // A task deleted with its links leaves every scope.
    await db.deleteFrom('notification').where('task_id', '=', t3).execute();
    await db.deleteFrom('task_event').where('task_id', '=', t3).execute();
    await db.deleteFrom('task_org').where('task_id', '=', t3).execute();
    await db.deleteFrom('task').where('id', '=', t3).execute();
    await exact();
    expect(await board(dcs)).toMatchObject({ total: 2, status: st(1, 1) });
    expect(await board(dcs, c.orgs.dept)).toMatchObject({ total: 0 });
  });

  it('a drifted counter is reported against the full count and repaired', async () => {
    const db = t.database.db;
    await db
      .updateTable('task_count')
      .set((eb) => ({ n: eb('n', '+', 5) }))
      .where('org_id', '=', c.orgs.county)
      .where('lead', '=', 0)
      .where('status', '=', 'doing')
      .where('n', '>', 0)
      .execute();
    expect((await board(dcs)).total).toBe(7);
    const diffs = await checkTaskCounts(db);
    expect(diffs).toEqual([
      { orgId: c.orgs.county, lead: 0, status: 'doing', light: expect.any(String), overdue: 0, stored: 6, counted: 1 },
    ]);
    expect((await checkTaskCounts(db, { repair: true })).length).toBe(1);
    await exact();
    expect(await board(dcs)).toMatchObject({ total: 2, status: st(1, 1) });
  });

  it('the ranking reads its maintained sums: a drifted sum is reported and repaired', async () => {
    const db = t.database.db;
    // t1 (led by 东村, overdue since 11-16) is the only overdue task: its sum is 1, kept by the triggers.
    expect(await db.selectFrom('task_overdue').select(['org_id', 'n']).where('n', '<>', 0).execute()).toEqual([
      { org_id: c.orgs.a1, n: 1 },
    ]);
    await db.updateTable('task_overdue').set({ n: 6 }).where('org_id', '=', c.orgs.a1).execute();
    await db.insertInto('task_overdue').values({ org_id: c.orgs.dept, n: 3 }).execute();
    // The 工作台 ranks from the stored sums (the whole county and a subtree alike).
    expect((await board(dcs)).ranking).toEqual([
      ['甲镇东村党支部', 6],
      ['县财政局', 3],
    ]);
    expect((await board(townB)).ranking).toEqual([['甲镇东村党支部', 6]]);
    const rank = { lead: 2, status: 'overdue', light: '*', overdue: 1 };
    expect(await checkTaskCounts(db)).toEqual(
      expect.arrayContaining([
        { orgId: c.orgs.a1, ...rank, stored: 6, counted: 1 },
        { orgId: c.orgs.dept, ...rank, stored: 3, counted: 0 },
      ]),
    );
    expect((await checkTaskCounts(db, { repair: true })).length).toBe(2);
    await exact();
    expect((await board(dcs)).ranking).toEqual([['甲镇东村党支部', 1]]);
  });

  it('a page of a scope holding most tasks walks the newest tasks: the same rows as the link range', async () => {
    for (let i = 0; i < 2; i++)
      await publish(
        dcs,
        '2026-11-16',
        Array.from({ length: 5 }, (_, k) => ({ leadOrgId: k % 2 ? c.orgs.townA : c.orgs.a2, dueDate: '2026-12-31' })),
      );
    // 甲镇 holds 11 of 12 tasks: a cursor page of 2 walks (4 × 2 / (11/12) < 11), a page of 50 sorts the range.
    const ranged = (await townA.get('/api/tasks?page=1&pageSize=50')).body;
    expect(ranged.total).toBe(11);
    const walked: number[] = [];
    let r = (await townA.get('/api/tasks?pageSize=2')).body;
    for (;;) {
      expect(r.total).toBe(11);
      walked.push(...r.items.map((i: any) => i.id));
      if (!r.nextCursor) break;
      r = (await townA.get(`/api/tasks?pageSize=2&cursor=${encodeURIComponent(r.nextCursor)}`)).body;
    }
    expect(walked).toEqual(ranged.items.map((i: any) => i.id));
    expect((await townA.get('/api/tasks?pageSize=2&page=3')).body.items.map((i: any) => i.id)).toEqual(
      walked.slice(4, 6),
    );
    await exact();
  });
});
