import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { type County, PASSWORD, as, seedCounty } from '../../test/fixtures.ts';
import { Client, type TestApp, createTestApp } from '../../test/harness.ts';
import { advanceDays, publish, xlsxRows } from '../tasks/tasks.test-support.ts';
import { sweep } from './status.ts';

let t: TestApp;
let c: County;
let dcs: Client, townA: Client, townB: Client;
let anon: Client;
let setId: number;
let t1: number, t2: number, t3: number;
const clock = new ManualClock('2026-03-02T02:00:00.000Z');

const entries = (xml: string) => (xml.match(/<entry>/g) ?? []).length;

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  dcs = await as(t.app, 'dcs');
  townA = await as(t.app, 'town-a');
  townB = await as(t.app, 'town-b');
  anon = new Client(t.app);
  const p = await publish(dcs, '2026-03-01', [
    { leadOrgId: c.orgs.townA, dueDate: '2026-12-31', text: '建成甲镇便民服务中心' },
    { leadOrgId: c.orgs.townB, dueDate: '2026-04-30', text: '完成乙镇老旧小区改造' },
    { leadOrgId: c.orgs.dept, dueDate: '2026-12-31', text: '落实县级民生专项资金' },
  ]);
  [t1, t2, t3] = p.taskIds;
  await t.database.db.updateTable('task').set({ leader: '张三明' }).where('id', '=', t1).execute();
  const s = await dcs.post('/api/public-sets', {
    title: '2026年为民办实事项目',
    kind: '民生实事',
    documentId: p.documentId,
  });
  expect(s.status).toBe(201);
  setId = s.body.id;
});
afterAll(() => t.close());

describe('publishing a set', () => {
  it('an unpublished set is a 404 with no hint, on every public route', async () => {
    const unknown = await anon.get('/public/sets/99999/feed.atom');
    for (const url of [
      `/public/sets/${setId}`,
      `/public/sets/${setId}/feed.atom`,
      `/public/sets/${setId}/data.csv`,
      `/public/sets/${setId}/items/${t1}`,
    ]) {
      const r = await anon.get(url);
      expect(r.status, url).toBe(404);
      expect(r.body).toBe(unknown.body);
    }
    expect((await anon.get('/api/public/sets')).body).toEqual({ items: [] });
  });

  it('publishing a task without a lead unit in service is refused and nothing is published', async () => {
    await t.database.db.updateTable('org_unit').set({ status: '已撤销' }).where('id', '=', c.orgs.dept).execute();
    const r = await dcs.post(`/api/public-sets/${setId}/publish`, { publicity: true });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('TASK_NO_LEAD_UNIT');
    expect(r.body.message).toContain(`#${t3}`);
    await t.database.db.updateTable('org_unit').set({ status: '正常' }).where('id', '=', c.orgs.dept).execute();
    const s = await t.database.db
      .selectFrom('public_set')
      .select('published')
      .where('id', '=', setId)
      .executeTakeFirstOrThrow();
    expect(s.published).toBe(0);
    expect(await t.database.db.selectFrom('task_status_history').selectAll().execute()).toEqual([]);
  });

  it('publishes as a 公示 with a 7-day objection window; the public list shows counts', async () => {
    expect((await townA.get(`/api/public-sets/${setId}`)).status).toBe(403); // a township does not publish
    const r = await dcs.post(`/api/public-sets/${setId}/publish`, { publicity: true });
    expect(r.status).toBe(200);
    const s = await t.database.db
      .selectFrom('public_set')
      .selectAll()
      .where('id', '=', setId)
      .executeTakeFirstOrThrow();
    expect(s).toMatchObject({ published: 1, publicity: 1, objection_until_date: '2026-03-08' });
    const list = await anon.get('/api/public/sets');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: setId,
      title: '2026年为民办实事项目',
      counts: { total: 3, onTrack: 3, lagging: 0 },
    });
    const h = await t.database.db
      .selectFrom('task_status_history')
      .select(['task_id', 'status'])
      .orderBy('task_id')
      .execute();
    expect(h).toEqual([t1, t2, t3].map((task_id) => ({ task_id, status: '按序时' })));
  });
});

describe('the public pages', () => {
  it('a task falling behind 序时进度 turns 滞后, with its stated reason; its feed gains an entry', async () => {
    const before = entries((await anon.get(`/public/sets/${setId}/feed.atom`)).body);
    expect(before).toBe(3);
    await dcs.patch(`/api/public-sets/${setId}/items/${t2}`, { lagReason: '施工单位招标延期,已重新挂网' });
    await advanceDays(clock, 30, { dcs, 'town-a': townA, 'town-b': townB });
    expect(await sweep(t.app.ctx)).toBe(1);
    expect(await sweep(t.app.ctx)).toBe(0); // idempotent
    const feed = await anon.get(`/public/sets/${setId}/feed.atom`);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(entries(feed.body)).toBe(before + 1);
    expect(feed.body).toContain('完成乙镇老旧小区改造:滞后');
    const page = await anon.get(`/public/sets/${setId}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('滞后原因:施工单位招标延期,已重新挂网');
    const api = await anon.get('/api/public/sets');
    expect(api.body.items[0].counts).toEqual({ total: 3, early: 0, done: 0, onTrack: 2, lagging: 1 });
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
  });

  it('a status change through the workflow reaches the timeline, the item feed and the followers', async () => {
    expect((await dcs.request('PUT', `/api/task-follows/${t1}`)).status).toBe(200);
    expect((await townB.request('PUT', `/api/task-follows/${t1}`)).status).toBe(404);
    const itemFeed = async () => entries((await anon.get(`/public/sets/${setId}/items/${t1}/feed.atom`)).body);
    const n0 = await itemFeed();
    const cachedPage = await anon.get(`/public/sets/${setId}`);
    expect(cachedPage.body).not.toContain('进度 30%');
    const etag = cachedPage.headers.etag as string;
    expect((await anon.request('GET', `/public/sets/${setId}`, undefined, { 'if-none-match': etag })).status).toBe(304);
    expect((await townA.post(`/api/tasks/${t1}/accept`)).status).toBe(200);
    expect((await townA.post(`/api/tasks/${t1}/reports`, { text: '内部进展XYZ:张三明负责', percent: 30 })).status).toBe(
      201,
    );
    await dcs.post(`/api/tasks/${t1}/instructions`, { text: '内部批示ABC' });
    expect(await itemFeed()).toBe(n0 + 1);
    // The cached list page follows the change (its version moved), and the old ETag no longer matches.
    const fresh = await anon.request('GET', `/public/sets/${setId}`, undefined, { 'if-none-match': etag });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toContain('进度 30%');
    const n = await t.database.db
      .selectFrom('notification')
      .select(['user_id', 'kind', 'message'])
      .where('kind', '=', 'task_follow')
      .execute();
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ user_id: c.users.dcs });
    expect(n[0].message).toContain('已交办 → 办理中');
    const follows = await dcs.get('/api/task-follows');
    expect(follows.body.items.map((f: any) => f.taskId)).toEqual([t1]);
    const item = await anon.get(`/public/sets/${setId}/items/${t1}`);
    expect(item.status).toBe(200);
    expect(item.body).toContain('办理中');
    expect(item.body).toContain('建成甲镇便民服务中心');
    for (const secret of ['内部进展XYZ', '内部批示ABC', '张三明', 'dcs', 'town-a'])
      expect(item.body).not.toContain(secret);
  });

  it('filters by unit and status; an unknown item or a task outside the set is a 404 page, not the web app', async () => {
    const r = await anon.get(`/public/sets/${setId}?status=${encodeURIComponent('滞后')}`);
    expect(r.body).toContain('完成乙镇老旧小区改造');
    expect(r.body).not.toContain('建成甲镇便民服务中心');
    const u = await anon.get(`/public/sets/${setId}?unit=${encodeURIComponent('县财政局')}`);
    expect(u.body).toContain('落实县级民生专项资金');
    expect(u.body).not.toContain('完成乙镇老旧小区改造');
    const other = await t.database.db
      .selectFrom('task')
      .select('id')
      .where('id', 'not in', [t1, t2, t3])
      .executeTakeFirst();
    for (const url of [
      `/public/sets/${setId}/items/999999`,
      `/public/sets/abc`,
      ...(other ? [`/public/sets/${setId}/items/${other.id}`] : []),
    ]) {
      const x = await anon.get(url);
      expect(x.status, url).toBe(404);
      expect(x.body).toContain('页面不存在');
    }
  });

  it('open data: .xlsx and .csv of the set', async () => {
    const x = await anon.get(`/public/sets/${setId}/data.xlsx`);
    expect(x.status).toBe(200);
    const rows = await xlsxRows(x.raw);
    expect(rows[1]).toEqual(['序号', '任务', '牵头单位', '完成时限', '状态', '进度(%)', '序时进度(%)', '滞后原因']);
    expect(rows.slice(2).map((r) => [r[1], r[2], r[4]])).toEqual([
      ['建成甲镇便民服务中心', '甲镇党委', '按序时'],
      ['完成乙镇老旧小区改造', '乙镇党委', '滞后'],
      ['落实县级民生专项资金', '县财政局', '按序时'],
    ]);
    const csv = await anon.get(`/public/sets/${setId}/data.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF序号,任务')).toBe(true);
    expect(csv.body).toContain('施工单位招标延期,已重新挂网');
  });
});

describe('public feedback', () => {
  it('a comment reaches the supervisor as a notification and shows only after moderation', async () => {
    const r = await anon.post(`/api/public/sets/${setId}/items/${t2}/feedback`, {
      kind: '意见',
      text: '小区改造请先修排水管',
      contact: '13900000000',
    });
    expect(r.status).toBe(201);
    const n = await t.database.db
      .selectFrom('notification')
      .selectAll()
      .where('kind', '=', 'public_feedback')
      .execute();
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ user_id: c.users.dcs, link: `/public-sets/${setId}?tab=feedback` });
    const mine = await dcs.get('/api/notifications');
    expect(JSON.stringify(mine.body)).toContain('小区改造请先修排水管');
    const page = async () => (await anon.get(`/public/sets/${setId}/items/${t2}`)).body as string;
    expect(await page()).not.toContain('小区改造请先修排水管');
    const m = await dcs.post(`/api/public-sets/${setId}/feedback/${r.body.id}/moderate`, {
      decision: '已公开',
      reply: '已转施工单位一并实施',
    });
    expect(m.status).toBe(200);
    const html = await page();
    expect(html).toContain('小区改造请先修排水管');
    expect(html).toContain('已转施工单位一并实施');
    expect(html).not.toContain('13900000000');
    const list = await dcs.get(`/api/public-sets/${setId}/feedback`);
    expect(list.body.items[0]).toMatchObject({ status: '已公开', contact: '13900000000' });
  });

  it('an objection after the 7-day window is refused; the HTML form posts and redirects', async () => {
    const r = await anon.post(`/api/public/sets/${setId}/items/${t2}/feedback`, { kind: '异议', text: '进度不实' });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('公示异议期已于 2026-03-08 结束,可提交意见建议');
    const form = await anon.request(
      'POST',
      `/public/sets/${setId}/items/${t1}/feedback`,
      'kind=%E6%84%8F%E8%A7%81&text=%E5%BB%BA%E8%AE%AE%E5%BB%B6%E9%95%BF%E5%8A%9E%E4%BA%8B%E6%97%B6%E9%97%B4',
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(form.status).toBe(303);
    expect(form.headers.location).toBe(`/public/sets/${setId}/items/${t1}?sent=1`);
    const row = await t.database.db
      .selectFrom('public_feedback')
      .select(['text', 'status'])
      .where('task_id', '=', t1)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ text: '建议延长办事时间', status: '待审核' });
  });

  it('a flood from one source is throttled (database counter) and stores nothing more', async () => {
    clock.advance(3600_000); // a fresh hourly window
    const count = async () => (await t.database.db.selectFrom('public_feedback').select('id').execute()).length;
    const before = await count();
    const codes: number[] = [];
    for (let i = 0; i < 8; i++)
      codes.push(
        (await anon.post(`/api/public/sets/${setId}/items/${t3}/feedback`, { kind: '意见', text: `刷屏内容${i}` }))
          .status,
      );
    expect(codes).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    expect(await count()).toBe(before + 5);
    const last = await anon.post(`/api/public/sets/${setId}/items/${t3}/feedback`, { kind: '意见', text: '再来' });
    expect(last.body.message).toBe('提交过于频繁,请一小时后再试');
  });

  it('bad input: empty text, an unknown kind, feedback on an unpublished set', async () => {
    expect((await anon.post(`/api/public/sets/${setId}/items/${t3}/feedback`, { kind: '意见', text: '' })).status).toBe(
      400,
    );
    expect(
      (await anon.post(`/api/public/sets/${setId}/items/${t3}/feedback`, { kind: '投诉', text: '内容内容' })).status,
    ).toBe(400);
    await dcs.login('dcs', PASSWORD); // the clock moved past the idle timeout
    expect((await dcs.post(`/api/public-sets/${setId}/unpublish`)).status).toBe(200);
    const r = await anon.post(`/api/public/sets/${setId}/items/${t3}/feedback`, { kind: '意见', text: '内容内容' });
    expect(r.status).toBe(404);
    expect((await anon.get(`/public/sets/${setId}/feed.atom`)).status).toBe(404);
  });
});
