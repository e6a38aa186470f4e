import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { xlsxRows } from '../tasks/tasks.test-support.ts';
import { runQuarterly } from './reports.service.ts';
import { clients, type Cobuild, PNG, seedCobuild, upload } from './test-helpers.ts';

const clock = new ManualClock('2026-05-09T00:40:00Z');
let t: TestApp;
let c: County;
let k: Cobuild;
let u: Record<string, Client>;
let letterId: number;
const db = () => t.database.db;
const at = async (iso: string) => {
  clock.set(iso);
  u = await clients(t.app);
};
const docText = async (buf: Buffer) => (await mammoth.extractRawText({ buffer: buf })).value;

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(db());
  k = await seedCobuild(db(), c);
  u = await clients(t.app);
  // 周财一 reports to 东村 and serves two verified hours on 2026-05-09.
  const r = await u['fin-member'].post('/api/cobuild/registrations', { communityId: c.orgs.a1 });
  await u['a1-sec'].post(`/api/cobuild/registrations/${r.body.id}/accept`);
  const a = await u['a1-sec'].post('/api/cobuild/activities', {
    communityId: c.orgs.a1,
    title: '东村垃圾分类宣传',
    category: '文明创建',
    place: '东村村委会',
    startsAt: '2026-05-09T01:00:00.000Z',
    endsAt: '2026-05-09T03:00:00.000Z',
    signupLimit: 10,
  });
  await u['fin-member'].post(`/api/cobuild/activities/${a.body.id}/signup`);
  const qr = (await u['a1-sec'].get(`/api/cobuild/activities/${a.body.id}/qr`)).body;
  await u['fin-member'].post('/api/cobuild/scan', { token: new URL(qr.signInUrl).searchParams.get('t') });
  await upload(u['fin-member'], `/api/cobuild/activities/${a.body.id}/photos`, { name: 'p.png', data: PNG });
  await at('2026-05-09T03:05:00Z');
  await u['fin-member'].post('/api/cobuild/scan', { token: new URL(qr.signOutUrl).searchParams.get('t') });
  const g = await db().selectFrom('cobuild_signup').select('id').executeTakeFirstOrThrow();
  expect((await u['a1-sec'].post(`/api/cobuild/signups/${g.id}/verify`, {})).status).toBe(200);
});
afterAll(() => t.close());

describe('quarterly letters to employers', () => {
  it('are generated for every employer unit and delivered as a notification', async () => {
    await at('2026-07-02T02:00:00Z');
    expect((await u.zzb.post('/api/cobuild/letters/generate', { year: 2026, quarter: 4 })).status).toBe(400);
    expect((await u['fin-sec'].post('/api/cobuild/letters/generate', { year: 2026, quarter: 2 })).status).toBe(403);
    const g = await u.zzb.post('/api/cobuild/letters/generate', { year: 2026, quarter: 2 });
    expect(g.body).toEqual({ count: 3 });
    const rows = await db()
      .selectFrom('cobuild_report')
      .select(['org_id', 'period'])
      .where('kind', '=', 'letter')
      .orderBy('org_id')
      .execute();
    expect(rows).toEqual([
      { org_id: c.orgs.a2, period: '2026Q2' },
      { org_id: k.orgs.fin, period: '2026Q2' },
      { org_id: k.orgs.audit, period: '2026Q2' },
    ]);
    const n = await db()
      .selectFrom('notification')
      .selectAll()
      .where('kind', '=', 'cobuild_letter')
      .where('org_id', '=', k.orgs.fin)
      .execute();
    expect(n.map((x) => x.message)).toEqual([
      '《2026年第2季度在职党员到社区报到服务情况反馈函》已送达:本单位在职党员 2 名,已报到 1 名,本季度服务 2 小时',
    ]);
    // regenerating refreshes the content, never notifies twice
    expect((await u.zzb.post('/api/cobuild/letters/generate', { year: 2026, quarter: 2 })).body).toEqual({ count: 3 });
    expect(
      await db().selectFrom('notification').select('id').where('kind', '=', 'cobuild_letter').execute(),
    ).toHaveLength(3);
  });

  it("lists the unit's service; only that unit's subtree (and those above) can read it", async () => {
    const mine = await u['fin-sec'].get('/api/cobuild/letters');
    expect(mine.body.total).toBe(1);
    letterId = mine.body.items[0].id;
    expect(mine.body.items[0]).toMatchObject({
      unit: { name: '县财政局机关党支部' },
      title: '2026年第2季度在职党员到社区报到服务情况反馈函',
      summary: { inService: 2, reported: 1, rate: 50, activities: 1, hours: 2, points: 7 }, // 5 报到 + 2 服务
    });
    const d = await u['fin-sec'].get(`/api/cobuild/letters/${letterId}`);
    expect(d.body.members.map((m: any) => [m.name, m.state, m.community, m.hours, m.points])).toEqual([
      ['周财一', '已报到', '甲镇东村党支部', 2, 7],
      ['吴财二', '未报到', null, 0, 0],
    ]);
    expect(d.body.members[0].services).toEqual([
      { date: '2026-05-09', title: '东村垃圾分类宣传', community: '甲镇东村党支部', hours: 2 },
    ]);
    expect((await u['town-b'].get(`/api/cobuild/letters/${letterId}`)).status).toBe(404);
    expect((await u['town-b'].get(`/api/cobuild/letters/${letterId}/letter.docx`)).status).toBe(404);
    expect((await u['town-a'].get('/api/cobuild/letters')).body.items.map((x: any) => x.unit.name)).toEqual([
      '甲镇西村党支部',
    ]);
    expect((await u['fin-member'].get('/api/cobuild/letters')).status).toBe(403);
  });

  it('downloads as .docx and .xlsx, generated from the records', async () => {
    const docx = await u['fin-sec'].get(`/api/cobuild/letters/${letterId}/letter.docx`);
    expect(docx.status).toBe(200);
    expect(decodeURIComponent(docx.headers['content-disposition'])).toContain(
      '县财政局机关党支部-2026年第2季度在职党员到社区报到服务情况反馈函.docx',
    );
    const text = await docText(docx.raw);
    expect(text).toContain('县财政局机关党支部:');
    expect(text).toContain('应报到在职党员 2 名,已报到 1 名,报到率 50%');
    expect(text).toContain('吴财二(未报到)');
    expect(text).toContain('累计服务 2 小时');
    expect(text).toContain('示范县委组织部');
    const xlsx = await u['fin-sec'].get(`/api/cobuild/letters/${letterId}/letter.xlsx`);
    expect((await xlsxRows(xlsx.raw)).slice(0, 3)).toEqual([
      ['序号', '姓名', '所在支部', '报到社区', '报到状态', '服务次数', '服务时长(小时)', '本季度积分', '年度累计积分'],
      ['1', '周财一', '县财政局机关党支部', '甲镇东村党支部', '已报到', '1', '2', '7', '7'],
      ['2', '吴财二', '县财政局机关党支部', '', '未报到', '0', '0', '0', '0'],
    ]);
    const downloads = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'cobuild.report.download')
      .execute();
    expect(downloads).toHaveLength(2);
  });

  it('the scheduler writes the previous quarter once a quarter has ended', async () => {
    expect(await runQuarterly(t.app.ctx)).toEqual({ count: 0 }); // 2026Q2 exists
    clock.set('2026-10-03T02:00:00Z');
    // The letters are written one at a time with turns of the event loop between them: a callback
    // queued before the run gets its turn before the run ends (on SQLite every query is synchronous,
    // so without the turns the whole run is one stretch of microtasks and the callback waits).
    const order: string[] = [];
    setImmediate(() => order.push('turn'));
    expect(await runQuarterly(t.app.ctx).finally(() => order.push('done'))).toEqual({ count: 3 });
    expect(order).toEqual(['turn', 'done']);
    expect(await runQuarterly(t.app.ctx)).toEqual({ count: 0 });
    const q3 = await db()
      .selectFrom('cobuild_report')
      .select('data_json')
      .where('period', '=', '2026Q3')
      .where('org_id', '=', k.orgs.fin)
      .executeTakeFirstOrThrow();
    // due for re-confirmation on 2026-11-09: still reported at the end of Q3, no service in Q3
    expect(JSON.parse(q3.data_json).summary).toMatchObject({ reported: 1, hours: 0 });
  });
});

describe('bimonthly county bulletin', () => {
  it('ranks units and communities; circulated to the townships; .docx and .xlsx', async () => {
    await at('2026-07-03T02:00:00Z');
    expect((await u.zzb.post('/api/cobuild/bulletins', { year: 2026, bimester: 6 })).status).toBe(400);
    const b = await u.zzb.post('/api/cobuild/bulletins', { year: 2026, bimester: 3 });
    expect(b.status).toBe(201);
    const list = await u['town-a'].get('/api/cobuild/bulletins');
    expect(list.body.items.map((x: any) => [x.title, x.summary.rate])).toEqual([
      ['关于2026年5—6月在职党员到社区报到和共驻共建工作情况的通报', 25],
    ]);
    const n = await db()
      .selectFrom('notification')
      .select('org_id')
      .where('kind', '=', 'cobuild_bulletin')
      .orderBy('org_id')
      .execute();
    expect(n.map((x) => x.org_id)).toEqual([c.orgs.townA, c.orgs.townB, c.orgs.dept, k.orgs.gw]);
    const text = await docText((await u['town-a'].get(`/api/cobuild/bulletins/${b.body.id}/bulletin.docx`)).raw);
    expect(text).toContain('报到率低于 95% 的单位:县财政局机关党支部、甲镇西村党支部、县审计局机关党支部');
    const rows = await xlsxRows((await u.zzb.get(`/api/cobuild/bulletins/${b.body.id}/bulletin.xlsx`)).raw);
    expect(rows[1]).toEqual(['1', '县财政局机关党支部', '2', '1', '50', '2']);
  });
});
