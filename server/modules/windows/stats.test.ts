import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, insertUser, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { figureByKey } from '../figures.ts';
import { newWindow, rate } from './test-helpers.ts';

const clock = new ManualClock('2026-01-05T02:00:00Z');
let t: TestApp;
let c: County;
let townA: Client, townB: Client, dcs: Client;
let good: { id: number; code: string }, bad: { id: number; code: string }, other: { id: number; code: string };
const db = () => t.database.db;
let ipN = 0;
const ip = () => `10.1.${Math.floor(ipN / 250)}.${(ipN++ % 250) + 1}`;
const relog = async () => {
  [townA, townB, dcs] = await Promise.all(['town-a', 'town-b', 'dcs'].map((u) => as(t.app, u)));
};

/** n ratings of `level` at a window, each from its own address (a real hall has many phones). */
async function ratings(code: string, level: string, n: number) {
  for (let i = 0; i < n; i++) expect((await rate(t.app, { windowCode: code, level }, ip())).status).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  await relog();
  good = await newWindow(townA, c.orgs.townA, '甲镇户籍窗口');
  bad = await newWindow(townA, c.orgs.a1, '甲镇东村代办点');
  other = await newWindow(townB, c.orgs.townB, '乙镇社保窗口');
  await dcs.patch('/api/windows-settings', { hardest: { metric: 'satisfaction', minRatings: 5, count: 1 } });
  // January and February: the 东村代办点 is the worst both months.
  for (const month of ['2026-01-05T02:00:00Z', '2026-02-03T02:00:00Z']) {
    clock.set(month);
    await ratings(good.code, '非常满意', 8);
    await ratings(good.code, '不满意', 1);
    await ratings(bad.code, '满意', 3);
    await ratings(bad.code, '非常不满意', 3);
    await ratings(other.code, '基本满意', 6);
  }
  clock.set('2026-03-02T02:00:00Z');
  await relog();
});
afterAll(() => t.close());

describe('monthly statistics and rankings', () => {
  it('per window: counts, rates and rank; 办事最难窗口 by the configured rule', async () => {
    const s = await dcs.get('/api/windows/stats?month=2026-02');
    expect(s.status).toBe(200);
    const row = (id: number) => s.body.rows.find((r: any) => r.key === id);
    expect(row(good.id)).toMatchObject({
      ratings: 9,
      good: 8,
      goodRate: 88.9,
      badCount: 1,
      rectified: 0,
      rectifyRate: 0,
      rank: 2,
    });
    expect(row(bad.id)).toMatchObject({ ratings: 6, goodRate: 50, badCount: 3, rank: 3 });
    expect(row(other.id)).toMatchObject({ ratings: 6, goodRate: 100, rank: 1 });
    expect(s.body.total).toMatchObject({ ratings: 21, badCount: 4 });
    expect(s.body.hardest).toEqual([expect.objectContaining({ windowId: bad.id, name: '甲镇东村代办点' })]);
    expect(s.body.rule).toContain('不少于 5 条');
  });

  it('per unit and per township; a township sees only its own windows', async () => {
    const town = await dcs.get('/api/windows/stats?month=2026-02&groupBy=township');
    expect(town.body.rows.map((r: any) => [r.name, r.ratings])).toEqual([
      ['乙镇党委', 6],
      ['甲镇党委', 15],
    ]);
    const unit = await townA.get('/api/windows/stats?month=2026-02&groupBy=unit');
    expect(unit.body.rows.map((r: any) => r.name).sort()).toEqual(['甲镇东村党支部', '甲镇党委']);
    expect(JSON.stringify(unit.body)).not.toContain('乙镇');
    expect((await townA.get(`/api/windows/stats?month=2026-02&orgId=${c.orgs.townB}`)).status).toBe(404);
    expect((await townA.get('/api/windows/stats?month=2026-13')).status).toBe(400);
  });

  it('the trend shows each month; ECharts-ready points', async () => {
    const tr = await townA.get('/api/windows/trend?months=3');
    expect(tr.body.points.map((p: any) => [p.month, p.ratings])).toEqual([
      ['2026-01', 15],
      ['2026-02', 15],
      ['2026-03', 0],
    ]);
    expect(tr.body.points[2].goodRate).toBeNull();
  });

  it('two months in a row at the bottom creates one 约谈 record, held and documented once', async () => {
    const run = await dcs.post('/api/windows/jobs/run');
    expect(run.body.interviewsCreated).toBe(1);
    expect((await dcs.post('/api/window-interviews/run', { month: '2026-02' })).body.interviewsCreated).toBe(0);
    const list = await townA.get('/api/window-interviews');
    expect(list.body.items).toEqual([
      expect.objectContaining({ windowId: bad.id, month: '2026-02', status: '待约谈' }),
    ]);
    expect((await townB.get('/api/window-interviews')).body.total).toBe(0);
    const id = list.body.items[0].id;
    expect(
      (
        await townA.post(`/api/window-interviews/${id}/record`, {
          heldDate: '2026-03-02',
          interviewer: '纪委书记',
          record: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await dcs.post(`/api/window-interviews/${id}/record`, {
          heldDate: '2026-04-01',
          interviewer: '纪委书记',
          record: '约谈',
        })
      ).body.message,
    ).toContain('不能晚于今天');
    const ok = await dcs.post(`/api/window-interviews/${id}/record`, {
      heldDate: '2026-03-02',
      interviewer: '县纪委副书记',
      record: '约谈代办点负责人,限期整改服务态度问题',
    });
    expect(ok.status).toBe(200);
    expect(
      await db()
        .selectFrom('window_interview')
        .select(['status', 'held_date'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: '已约谈', held_date: '2026-03-02' });
    expect(
      (
        await dcs.post(`/api/window-interviews/${id}/record`, {
          heldDate: '2026-03-02',
          interviewer: '再次',
          record: '再次',
        })
      ).status,
    ).toBe(409);
  });

  it('the monthly 通报 (.docx) reflects the ranking, the hardest window and the 约谈', async () => {
    const r = await dcs.get('/api/windows/report.docx?month=2026-02');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const text = (await mammoth.extractRawText({ buffer: r.raw })).value;
    expect(text).toContain('关于2026年2月政务服务"好差评"情况的通报');
    expect(text).toContain('有效评价 21 条');
    expect(text).toContain('甲镇东村代办点');
    expect(text).toContain('已约谈');
    const a = await townA.get('/api/windows/report.docx?month=2026-02');
    expect((await mammoth.extractRawText({ buffer: a.raw })).value).not.toContain('乙镇');
  });

  it('figures: 好评率, 差评整改率 and overdue cases per subtree', async () => {
    const q = { orgIds: [c.orgs.townA, c.orgs.townB], from: '2026-02-01', to: '2026-02-28' };
    const sat = await figureByKey('windows.satisfactionRate')!.compute(db(), q);
    expect(sat.get(c.orgs.townA)).toMatchObject({ value: 73.3, numerator: 11, denominator: 15 });
    expect(sat.get(c.orgs.townB)).toMatchObject({ value: 100 });
    const rect = await figureByKey('windows.badRatingRectifyRate')!.compute(db(), q);
    expect(rect.get(c.orgs.townA)).toMatchObject({ value: 0, denominator: 4 });
    expect(rect.get(c.orgs.townB)!.value).toBeNull();
    const od = await figureByKey('windows.overdueCases')!.compute(db(), { ...q, to: '2026-03-02' });
    expect(od.get(c.orgs.townA)!.value).toBe(8);
    expect(od.get(c.orgs.townB)!.value).toBe(0);
  });

  it('回访 phones are deleted once a case is closed and the retention has passed', async () => {
    const r = await rate(t.app, { windowCode: good.code, level: '不满意', phone: '13700001111' }, ip());
    const cs = await db()
      .selectFrom('rating_case')
      .select('id')
      .where('rating_id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    await townA.post(`/api/rating-cases/${cs.id}/verify`, { note: '属实' });
    await townA.post(`/api/rating-cases/${cs.id}/callback`, { reached: true, words: '已致歉' });
    await townA.post(`/api/rating-cases/${cs.id}/resolve`, { resolution: '解释说明', note: '系统升级导致等候' });
    expect((await townA.post(`/api/rating-cases/${cs.id}/close`, {})).body.status).toBe('已办结');
    expect((await dcs.post('/api/windows/jobs/run')).body.phonesPurged).toBe(0);
    clock.set('2026-04-02T02:00:00Z');
    await relog();
    expect((await dcs.post('/api/windows/jobs/run')).body.phonesPurged).toBe(1);
    const row = await db()
      .selectFrom('rating_case')
      .select(['contact_phone', 'phone_masked', 'phone_purged_at'])
      .where('id', '=', cs.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ contact_phone: null, phone_masked: '137****1111' });
    expect((await townA.get(`/api/rating-cases/${cs.id}`)).body.phonePurged).toBe(true);
  });
});

describe('作风监督员 暗访 reports', () => {
  let insp: Client;
  let report: number;
  it('an inspector files a report with a photo from a phone; bad input is refused', async () => {
    await insertUser(db(), { username: 'jd-1', role: 'inspector', scopeOrgId: c.orgs.county });
    insp = await as(t.app, 'jd-1');
    const photo = { fileName: '现场.jpg', contentBase64: Buffer.from('JPEGDATA').toString('base64') };
    const bads: [unknown, RegExp][] = [
      [{ orgId: c.orgs.townA, visitedAt: '2026-04-02T01:00:00Z', findings: '' }, /所见情况/],
      [{ orgId: c.orgs.townA, windowId: other.id, visitedAt: '2026-04-02T01:00:00Z', findings: '窗口无人' }, /不属于/],
      [{ orgId: c.orgs.townA, visitedAt: '2027-01-01T00:00:00Z', findings: '窗口无人' }, /不能晚于现在/],
    ];
    for (const [b, m] of bads) expect((await insp.post('/api/inspections', b)).body.message).toMatch(m);
    const r = await insp.post('/api/inspections', {
      orgId: c.orgs.townA,
      windowId: good.id,
      visitedAt: '2026-04-02T01:30:00Z',
      findings: '上班时间窗口无人,群众等候20分钟',
      photos: [photo],
    });
    expect(r.status).toBe(201);
    report = r.body.id;
    const d = await insp.get(`/api/inspections/${report}`);
    expect(d.body).toMatchObject({ status: '已提交', photoCount: 1, windowName: '甲镇户籍窗口' });
    const ph = await insp.get(`/api/inspections/${report}/photos/${d.body.photos[0].id}`);
    expect(ph.raw.toString()).toBe('JPEGDATA');
    expect((await townA.get('/api/inspections')).status).toBe(403);
  });

  it('a report issues a numbered 整改通知书 (.docx) with a ledger item, once', async () => {
    const n = await insp.post(`/api/inspections/${report}/notice`, {
      requirements: '落实首问负责和AB岗制度',
      deadlineDate: '2026-04-15',
    });
    expect(n.status).toBe(200);
    expect(n.body.noticeNo).toBe('作风监督〔2026〕1号');
    const item = await db()
      .selectFrom('rectification_item')
      .selectAll()
      .where('id', '=', n.body.rectificationId)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      org_id: c.orgs.townA,
      issuer_org_id: c.orgs.county,
      deadline_date: '2026-04-15',
      source_ref: `inspection:${report}`,
    });
    const doc = await insp.get(`/api/inspections/${report}/notice.docx`);
    const text = (await mammoth.extractRawText({ buffer: doc.raw })).value;
    expect(text).toContain('整 改 通 知 书');
    expect(text).toContain('上班时间窗口无人');
    expect(text).toContain('2026年4月15日');
    expect((await insp.post(`/api/inspections/${report}/case`)).status).toBe(409);
  });

  it('a report becomes a case; activity counts per inspector per month', async () => {
    const r = await insp.post('/api/inspections', {
      orgId: c.orgs.a1,
      visitedAt: '2026-04-02T01:40:00Z',
      findings: '代办点未公示办事指南',
    });
    const k = await insp.post(`/api/inspections/${r.body.id}/case`);
    expect(k.body.caseId).toBeGreaterThan(0);
    expect(
      await db()
        .selectFrom('rating_case')
        .select(['source', 'status', 'due_date'])
        .where('id', '=', k.body.caseId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ source: '暗访', status: '待核实', due_date: '2026-04-09' });
    const act = await dcs.get('/api/inspections/activity?month=2026-04');
    expect(act.body.items).toEqual([
      expect.objectContaining({ inspectorName: 'jd-1', reports: 2, cases: 1, notices: 1 }),
    ]);
  });
});
