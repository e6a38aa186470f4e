/**
 * 工作台 over HTTP: to-dos counted per role over the caller's subtree (a township counts only tasks
 * it leads), the bell's unread count, and the notification a new task sends its lead unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../lib/clock.ts';
import { addDays } from '../../lib/workdays.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { Client, createTestApp, type TestApp } from '../../test/harness.ts';
import { publish } from '../tasks/tasks.test-support.ts';

let t: TestApp;
let c: County;
let dcs: Client;
let townA: Client;
let townB: Client;
let taskIds: number[];
const today = localDate(new Date());
type Item = { key: string; count: number; link: string; urgent: boolean };
const counts = async (cl: Client) => {
  const r = await cl.get('/api/workbench');
  expect(r.status).toBe(200);
  return Object.fromEntries((r.body.items as Item[]).map((i) => [i.key, i.count])) as Record<string, number>;
};

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  dcs = await as(t.app, 'dcs');
  townA = await as(t.app, 'town-a');
  townB = await as(t.app, 'town-b');
  // 甲镇 leads two tasks (one already overdue) and only cooperates on 乙镇's third.
  ({ taskIds } = await publish(dcs, addDays(today, -30), [
    { leadOrgId: c.orgs.townA, dueDate: addDays(today, 20) },
    { leadOrgId: c.orgs.townA, dueDate: addDays(today, -2) },
    { leadOrgId: c.orgs.townB, coOrgIds: [c.orgs.townA], dueDate: addDays(today, 20) },
  ]));
});
afterAll(() => t.close());

describe('工作台', () => {
  it('a new task notifies its lead unit (not the cooperating one), with a link to the task', async () => {
    const rows = await t.database.db
      .selectFrom('notification')
      .selectAll()
      .where('kind', '=', 'task_assigned')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.org_id, r.task_id, r.link])).toEqual([
      [c.orgs.townA, taskIds[0], `/tasks/${taskIds[0]}`],
      [c.orgs.townA, taskIds[1], `/tasks/${taskIds[1]}`],
      [c.orgs.townB, taskIds[2], `/tasks/${taskIds[2]}`],
    ]);
    const list = await townA.get('/api/notifications?unread=true');
    expect(list.body.items.filter((n: { kind: string }) => n.kind === 'task_assigned')).toHaveLength(2);
    expect(list.body.items[0].message).toContain('请及时签收');
  });

  it('a township counts what it leads: 待签收, 逾期; the bell shows its unread count', async () => {
    const a = await counts(townA);
    expect(a).toMatchObject({ task_accept: 2, task_overdue: 1, task_report: 0, transfer_approve: 0 });
    expect(a).not.toHaveProperty('task_red'); // supervising is not a township's to-do
    const b = await counts(townB);
    expect(b).toMatchObject({ task_accept: 1, task_overdue: 0 });
    const wb = await townA.get('/api/workbench');
    // Each task to-do opens the task list filtered to exactly the rows it counts (lead unit only).
    for (const i of wb.body.items as Item[]) {
      if (!i.key.startsWith('task_') || i.key === 'task_report') continue; // 待报送 also needs a due report
      const page = await townA.get(`/api${i.link}`);
      expect(page.status, i.link).toBe(200);
      expect(page.body.total, i.key).toBe(i.count);
    }
    expect(wb.body.items.find((i: Item) => i.key === 'task_accept').link).toBe('/tasks?status=pending&lead=true');
    expect(wb.body.unreadNotifications).toBe(2);
    expect((await townA.get('/api/workbench/unread')).body).toEqual({ count: 2 });
    // Reading one lowers the bell; accepting a task lowers 待签收.
    const n = await t.database.db
      .selectFrom('notification')
      .select('id')
      .where('org_id', '=', c.orgs.townA)
      .executeTakeFirstOrThrow();
    expect((await townA.post(`/api/notifications/${n.id}/read`)).status).toBe(200);
    expect((await townA.get('/api/workbench/unread')).body).toEqual({ count: 1 });
    expect((await townA.post(`/api/tasks/${taskIds[0]}/accept`)).status).toBe(200);
    expect(await counts(townA)).toMatchObject({ task_accept: 1 });
    const row = await t.database.db
      .selectFrom('task')
      .select('status')
      .where('id', '=', taskIds[0])
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('doing');
  });

  it('the supervisor sees red lights and 待审核办结 over the county; a member has no to-dos', async () => {
    const d = await counts(dcs);
    expect(d.task_red).toBeGreaterThanOrEqual(1);
    expect(d.task_close_review).toBe(0);
    expect(d).not.toHaveProperty('task_accept');
    const zzb = await as(t.app, 'zzb');
    const z = await zzb.get('/api/workbench');
    expect(z.body.items.map((i: Item) => i.key)).toContain('review_comment_approve');
    expect(z.body.items.map((i: Item) => i.key)).toContain('transfer_approve');
    const member = await as(t.app, 'member-a');
    const m = await member.get('/api/workbench');
    expect(m.status).toBe(200);
    expect(m.body.items).toEqual([]);
    expect((await new Client(t.app).get('/api/workbench')).status).toBe(401);
  });

  it('counts 待审批转接 and 待审批销号 for the side that decides', async () => {
    const tr = await townA.post('/api/transfers', { memberId: c.members.mA1, toOrgId: c.orgs.a2, reason: '支部调整' });
    expect(tr.status).toBe(201);
    expect(await counts(townA)).toMatchObject({ transfer_approve: 1 });
    expect(await counts(townB)).toMatchObject({ transfer_approve: 0 });
    const item = await dcs.post('/api/rectifications', {
      orgId: c.orgs.townA,
      problem: '甲镇台账不规范',
      source: '督查',
      measures: '规范台账',
      deadlineDate: addDays(today, -1),
    });
    expect(item.status).toBe(201);
    expect(await counts(townA)).toMatchObject({ rect_overdue: 1 });
    expect(await counts(townB)).toMatchObject({ rect_overdue: 0 });
    await t.database.db
      .updateTable('rectification_item')
      .set({ status: '申请销号' })
      .where('id', '=', item.body.id)
      .execute();
    expect(await counts(dcs)).toMatchObject({ rect_close_approve: 1 });
    expect(await counts(townB)).toMatchObject({ rect_close_approve: 0 });
  });
});
