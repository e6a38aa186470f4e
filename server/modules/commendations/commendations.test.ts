/**
 * 评选表彰 over HTTP on a real database: quotas (a number and a share), nominations by a township
 * and a branch, the review chain (审核 by the superior, 审定 by the county, 退回 and correction),
 * the enforced quota, 公示 with an objection in and one after the window, publication recording
 * honours on the org and the members, the 表彰名单 exports; and the monthly 经济运行通报 read back
 * with mammoth against the stored roll-up.
 */
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { figureByKey } from '../figures.ts';
import { upload } from '../imports/test-helpers.ts';
import { registerBasics } from '../indicators/test-helpers.ts';

// Monday 12 January 2026, 10:00 in Shanghai: the 2025 表彰 is decided.
const clock = new ManualClock('2026-01-12T02:00:00Z');
let t: TestApp;
let c: County;
let zzb: Client, townA: Client, townB: Client, branchA1: Client, member: Client;
const db = () => t.database.db;
const login = async () => {
  [zzb, townA, townB, branchA1, member] = await Promise.all(
    ['zzb', 'town-a', 'town-b', 'branch-a1', 'member-a'].map((u) => as(t.app, u)),
  );
};
const ok = (r: { status: number; body: any }) => {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const statusOf = async (id: number) =>
  (await db().selectFrom('commend_nomination').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  await login();
});
afterAll(() => t.close());

let round: number;
const n: Record<string, number> = {};

describe('评选表彰', () => {
  it('sets up a round: quotas as a number or a share of the members in scope', async () => {
    const base = { year: 2025, name: '2025年度县委表彰', level: '县委', quotaMode: '严格' };
    const dup = await zzb.post('/api/commend-rounds', {
      ...base,
      quotas: [
        { category: '优秀党员', count: 1 },
        { category: '优秀党员', percent: 5 },
      ],
    });
    expect(dup.status).toBe(400);
    expect(dup.body.message).toContain('名额重复');
    const both = await zzb.post('/api/commend-rounds', {
      ...base,
      quotas: [{ category: '优秀党员', count: 1, percent: 5 }],
    });
    expect(both.status).toBe(400);
    expect(both.body.message).toContain('人数或比例');
    expect(await db().selectFrom('commend_round').select('id').execute()).toEqual([]);
    expect(
      (
        await townA.post('/api/commend-rounds', {
          ...base,
          ownerOrgId: c.orgs.townB,
          quotas: [{ category: '先进集体', count: 1 }],
        })
      ).status,
    ).toBe(404);

    round = ok(
      await zzb.post('/api/commend-rounds', {
        ...base,
        quotas: [
          { category: '先进集体', count: 1 },
          // 5 members in the county × 40% = 2 places.
          { category: '优秀党员', percent: 40 },
        ],
      }),
    ).id;
    const d = ok(await townA.get(`/api/commend-rounds/${round}`));
    expect(d.canManage).toBe(false);
    expect(d.quotas.find((q: any) => q.category === '优秀党员')).toMatchObject({ base: 5, places: 2, approved: 0 });
    expect(ok(await townB.get('/api/commend-rounds')).items.map((r: any) => r.id)).toEqual([round]);
  });

  it('a township nominates within its subtree; outside it, twice, or with empty 事迹 is refused', async () => {
    const url = `/api/commend-rounds/${round}/nominations`;
    const outside = await townA.post(url, { category: '优秀党员', memberId: c.members.mB1, deeds: '带头创办合作社' });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toContain('党员名册');
    const otherUnit = await townA.post(url, {
      category: '优秀党员',
      orgId: c.orgs.townB,
      memberId: c.members.mB1,
      deeds: '带头创办合作社',
    });
    expect(otherUnit.status).toBe(404);
    const empty = await townA.post(url, { category: '优秀党员', memberId: c.members.mA1, deeds: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('事迹');
    const notSet = await townA.post(url, { category: '先进工作者', memberId: c.members.mA1, deeds: '事迹' });
    expect(notSet.status).toBe(400);
    expect(notSet.body.message).toContain('不设「先进工作者」');
    expect(await db().selectFrom('commend_nomination').select('id').execute()).toEqual([]);

    n.zhang = ok(
      await townA.post(url, {
        category: '优秀党员',
        memberId: c.members.mA1,
        deeds: '张三明同志带领东村发展茶叶产业,村集体收入三年翻一番。',
        opinion: '经镇党委会议研究,同意推荐。',
      }),
    ).id;
    const twice = await townA.post(url, { category: '优秀党员', memberId: c.members.mA1, deeds: '再次推荐' });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toContain('只能推荐一次');
    n.town = ok(
      await townA.post(url, {
        category: '先进集体',
        subjectOrgId: c.orgs.townA,
        deeds: '全镇固定资产投资增长20%以上。',
      }),
    ).id;
    n.wang = ok(
      await townA.post(url, { category: '优秀党员', memberId: c.members.mA3, deeds: '西村脱贫攻坚一线。' }),
    ).id;
    // A branch nominates its member: 甲镇 reviews it, not the county.
    n.li = ok(
      await branchA1.post(url, { category: '优秀党员', memberId: c.members.mA2, deeds: '李晓红同志坚持为民服务。' }),
    ).id;
    const att = await upload(
      townA,
      `/api/commend-nominations/${n.zhang}/file`,
      Buffer.from('%PDF-1.4 事迹材料'),
      '事迹材料.pdf',
    );
    expect(att.status, JSON.stringify(att.body)).toBe(200);
    const f = await zzb.get(`/api/commend-nominations/${n.zhang}/file`);
    expect(f.status).toBe(200);
    expect(f.raw.toString()).toContain('事迹材料');
    const rows = await db()
      .selectFrom('commend_nomination')
      .select(['subject_name', 'status', 'file_name'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.subject_name, r.status])).toEqual([
      ['张三明', '草稿'],
      ['甲镇党委', '草稿'],
      ['王建国', '草稿'],
      ['李晓红', '草稿'],
    ]);
    expect(rows[0].file_name).toBe('事迹材料.pdf');
  });

  it('审核 by the superior (退回 needs a reason, the unit corrects), 审定 by the county within the quota', async () => {
    for (const id of [n.zhang, n.town, n.wang]) ok(await townA.post(`/api/commend-nominations/${id}/submit`));
    ok(await branchA1.post(`/api/commend-nominations/${n.li}/submit`));
    // 甲镇 cannot review its own nominations; it reviews its branch's.
    expect((await townA.post(`/api/commend-nominations/${n.zhang}/review`, { pass: true })).status).toBe(403);
    ok(await townA.post(`/api/commend-nominations/${n.li}/review`, { pass: true }));
    const noReason = await zzb.post(`/api/commend-nominations/${n.town}/review`, { pass: false });
    expect(noReason.status).toBe(400);
    expect(await statusOf(n.town)).toBe('已报送');
    ok(await zzb.post(`/api/commend-nominations/${n.town}/review`, { pass: false, reason: '请补充组织意见' }));
    expect(await statusOf(n.town)).toBe('已退回');
    ok(await townA.patch(`/api/commend-nominations/${n.town}`, { opinion: '经镇党委会议研究,同意推荐。' }));
    ok(await townA.post(`/api/commend-nominations/${n.town}/submit`));
    for (const id of [n.zhang, n.town, n.wang])
      ok(await zzb.post(`/api/commend-nominations/${id}/review`, { pass: true }));
    // 审定 needs the county; the town cannot.
    expect((await townA.post(`/api/commend-nominations/${n.li}/approve`, { pass: true })).status).toBe(403);
    for (const id of [n.zhang, n.li, n.town])
      expect(ok(await zzb.post(`/api/commend-nominations/${id}/approve`, { pass: true })).warning).toBeNull();
    const over = await zzb.post(`/api/commend-nominations/${n.wang}/approve`, { pass: true });
    expect(over.status).toBe(400);
    expect(over.body.message).toBe('优秀党员名额 2 个(党员 5 的 40%),已审定 2 个,超出名额,不能再审定');
    expect(await statusOf(n.wang)).toBe('已审核');
    ok(await zzb.post(`/api/commend-nominations/${n.wang}/approve`, { pass: false, reason: '名额已满' }));
    const d = ok(await zzb.get(`/api/commend-rounds/${round}`));
    expect(d.quotas.find((q: any) => q.category === '优秀党员')).toMatchObject({ places: 2, approved: 2, pending: 0 });
    const audits = await db().selectFrom('audit_log').select('action').where('action', 'like', 'commend.%').execute();
    expect(audits.filter((a) => a.action === 'commend.nomination.approve')).toHaveLength(4);
  });

  it('公示: an objection in the window is answered; after it, refused; published honours on the org and members', async () => {
    ok(await zzb.post(`/api/commend-rounds/${round}/publicity`, {}));
    const r = await db().selectFrom('commend_round').selectAll().where('id', '=', round).executeTakeFirstOrThrow();
    expect([r.status, r.publicity_start_date, r.publicity_end_date]).toEqual(['公示中', '2026-01-12', '2026-01-16']);
    expect((await townA.post(`/api/commend-nominations/${n.zhang}/objections`, { text: '短' })).status).toBe(400);
    const o = ok(
      await townA.post(`/api/commend-nominations/${n.zhang}/objections`, { text: '事迹中产业数据需核实' }),
    ).id;
    const early = await zzb.post(`/api/commend-rounds/${round}/publish`, {});
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('期满后才能发布');
    ok(await zzb.post(`/api/commend-objections/${o}/answer`, { answer: '经核实,数据来源于镇统计站', upheld: false }));

    clock.set('2026-01-19T02:00:00Z');
    await login();
    const late = await townA.post(`/api/commend-nominations/${n.li}/objections`, { text: '公示期后的异议' });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('不在公示期内');
    expect(
      await db().selectFrom('publicity_objection').select('id').where('kind', '=', 'commend').execute(),
    ).toHaveLength(1);
    ok(await zzb.post(`/api/commend-rounds/${round}/publish`, { docNo: '示委发〔2026〕3号' }));
    const hs = await db().selectFrom('honour').selectAll().orderBy('id').execute();
    expect(hs.map((h) => [h.title, h.member_id, h.org_id, h.granted_date])).toEqual([
      ['2025年度优秀党员', c.members.mA1, null, '2026-01-19'],
      ['2025年度先进集体', null, c.orgs.townA, '2026-01-19'],
      ['2025年度优秀党员', c.members.mA2, null, '2026-01-19'],
    ]);
    const mine = ok(await member.get(`/api/members/${c.members.mA1}/honours`));
    expect(mine.items).toEqual([
      expect.objectContaining({ title: '2025年度优秀党员', grantedBy: '示范县委', docNo: '示委发〔2026〕3号' }),
    ]);
    expect((await member.get(`/api/members/${c.members.mA2}/honours`)).status).toBe(404);
    expect((await townB.get(`/api/members/${c.members.mA1}/honours`)).status).toBe(404);
    expect(ok(await townA.get(`/api/orgs/${c.orgs.townA}/honours`)).items.map((h: any) => h.title)).toEqual([
      '2025年度先进集体',
    ]);
    const fig = await figureByKey('commendations.honours')!.compute(db(), {
      orgIds: [c.orgs.townA, c.orgs.townB],
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(fig.get(c.orgs.townA)?.value).toBe(3);
    expect(fig.get(c.orgs.townB)?.value).toBe(0);
    expect((await zzb.post(`/api/commend-rounds/${round}/publish`, {})).status).toBe(409);
  });

  it('exports the 表彰名单 as .xlsx and .docx in the office layout', async () => {
    const x = await zzb.get(`/api/commend-rounds/${round}/list.xlsx`);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as any);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('2025年度县委表彰名单');
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '类别', '姓名(集体)', '单位', '事迹摘要']);
    expect(
      [4, 5, 6].map((i) => [ws.getCell(`B${i}`).value, ws.getCell(`C${i}`).value, ws.getCell(`D${i}`).value]),
    ).toEqual([
      ['先进集体', '甲镇党委', '甲镇党委'],
      ['优秀党员', '张三明', '甲镇东村党支部'],
      ['优秀党员', '李晓红', '甲镇东村党支部'],
    ]);
    const d = await zzb.get(`/api/commend-rounds/${round}/list.docx`);
    const text = (await mammoth.extractRawText({ buffer: d.raw })).value;
    expect(text).toContain('示委发〔2026〕3号');
    expect(text).toContain('张三明同志带领东村发展茶叶产业');
    expect(text).not.toContain('王建国');
  });
});

describe('经济运行通报', () => {
  it('writes the month from the stored roll-up: figures, paces in words, the ranking and the units 滞后', async () => {
    clock.set('2026-02-05T02:00:00Z');
    await login();
    const ids = await registerBasics(zzb, c);
    for (const [orgId, annual] of [
      [c.orgs.county, 12000],
      [c.orgs.townA, 6000],
      [c.orgs.townB, 6000],
    ])
      ok(await zzb.post(`/api/indicators/${ids.invest}/targets`, { orgId, year: 2026, annual }));
    for (const [cl, orgId, invest, tax] of [
      [townA, c.orgs.townA, 1500, 80],
      [townB, c.orgs.townB, 100, 20],
    ] as const) {
      ok(
        await cl.post(`/api/indicator-reports/${orgId}/2026-01`, {
          values: [
            { indicatorId: ids.invest, value: invest },
            { indicatorId: ids.tax, value: tax },
          ],
        }),
      );
      ok(await cl.post(`/api/indicator-reports/${orgId}/2026-01/submit`));
    }
    const stored = await db()
      .selectFrom('indicator_rollup')
      .select(['cum_value', 'completion', 'pace'])
      .where('indicator_id', '=', ids.invest)
      .where('org_id', '=', c.orgs.county)
      .where('period', '=', '2026-01')
      .executeTakeFirstOrThrow();
    expect(stored.cum_value).toBe(1600);
    expect((await townA.get(`/api/indicator-bulletin.docx?period=2026-01&orgId=${c.orgs.county}`)).status).toBe(404);
    const r = await zzb.get(`/api/indicator-bulletin.docx?period=2026-01&orgId=${c.orgs.county}`);
    expect(r.status).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: r.raw })).value;
    expect(text).toContain('示范县委2026年1月经济运行情况通报');
    expect(text).toContain('县财政局牵头指标');
    expect(text).toContain(
      `固定资产投资:本月1600万元,累计1600万元,年度目标12000万元,完成目标的${Number(stored.completion!.toFixed(2))}%,序时进度8.3%`,
    );
    expect(text).toContain('税收收入:本月100万元,累计100万元,未下达年度目标');
    const ranking = text.slice(text.indexOf('各单位排名'));
    expect(ranking.indexOf('甲镇党委')).toBeLessThan(ranking.indexOf('乙镇党委'));
    expect(text).toMatch(/滞后于序时进度,请加快推进:乙镇党委\(固定资产投资\)。/);
  });
});
