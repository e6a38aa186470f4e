import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, insertUser, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { registerBasics } from './test-helpers.ts';

/** Local 2026-02-05 10:00: January's grid is open until 02-10. */
const clock = new ManualClock('2026-02-05T02:00:00Z');
let t: TestApp;
let c: County;
let zzb: Client, townA: Client, townB: Client, member: Client;
let ids: { invest: number; tax: number; ratio: number };
const db = () => t.database.db;
const login = async () => {
  [zzb, townA, townB, member] = await Promise.all(['zzb', 'town-a', 'town-b', 'member-a'].map((u) => as(t.app, u)));
};
const auditCount = async (action: string) =>
  (await db().selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  await login();
  ids = await registerBasics(zzb, c);
});
afterAll(() => t.close());

/** Fills and submits one town's month. */
async function fill(
  cl: Client,
  orgId: number,
  period: string,
  invest: number | string,
  tax: number | string,
  note?: string,
) {
  const s = await cl.post(`/api/indicator-reports/${orgId}/${period}`, {
    values: [
      { indicatorId: ids.invest, value: invest, note: note ?? null },
      { indicatorId: ids.tax, value: tax },
    ],
  });
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  const r = await cl.post(`/api/indicator-reports/${orgId}/${period}/submit`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('indicator registry', () => {
  it('lists indicators in the acceptance shape, and refuses a second source for the same number', async () => {
    const r = await zzb.get('/api/indicators');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    expect(r.body.items[0]).toMatchObject({ id: ids.invest, name: '固定资产投资', unit: '万元', frequency: '月' });

    const f1 = await zzb.post('/api/indicators', {
      name: '任务按期办结率',
      unit: '%',
      frequency: '月',
      aggregation: '平均',
      source: '系统数据',
      figureKey: 'tasks.onTimeRate',
      ownerOrgId: c.orgs.county,
    });
    expect(f1.status).toBe(200);
    const dup = await zzb.post('/api/indicators', {
      name: '督办事项办结率',
      unit: '%',
      frequency: '月',
      aggregation: '平均',
      source: '系统数据',
      figureKey: 'tasks.onTimeRate',
      ownerOrgId: c.orgs.county,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('任务按期办结率');
    expect(dup.body.details.indicatorId).toBe(f1.body.id);
    const sameRatio = await zzb.post('/api/indicators', {
      name: '投资与税收之比',
      unit: '%',
      frequency: '月',
      aggregation: '比率',
      source: '手工填报',
      numeratorId: ids.invest,
      denominatorId: ids.tax,
      ownerOrgId: c.orgs.county,
    });
    expect(sameRatio.status).toBe(409);
    expect(sameRatio.body.message).toContain('投资税收比');
    const noReporter = await zzb.post('/api/indicators', {
      name: '规上工业增加值',
      unit: '亿元',
      frequency: '月',
      aggregation: '求和',
      source: '手工填报',
      ownerOrgId: c.orgs.county,
    });
    expect(noReporter.status).toBe(400);
    expect(noReporter.body.message).toContain('填报单位');
    expect((await db().selectFrom('indicator').select('id').execute()).length).toBe(4);
    // The member has no access; town-a sees the county's indicators (issued above it).
    expect((await member.get('/api/indicators')).status).toBe(403);
    expect((await townA.get('/api/indicators')).body.total).toBe(4);
  });

  it('targets: per org and year, outside the scope is 404, a bad monthly split is refused', async () => {
    for (const [orgId, annual] of [
      [c.orgs.county, 12000],
      [c.orgs.townA, 6000],
      [c.orgs.townB, 6000],
    ])
      expect((await zzb.post(`/api/indicators/${ids.invest}/targets`, { orgId, year: 2026, annual })).status).toBe(200);
    // A manager scoped to 甲镇 cannot set 乙镇's target.
    await insertUser(db(), { username: 'dcs-a', role: 'supervisor', scopeOrgId: c.orgs.townA });
    const dcsA = await as(t.app, 'dcs-a');
    const out = await dcsA.post(`/api/indicators/${ids.invest}/targets`, {
      orgId: c.orgs.townB,
      year: 2026,
      annual: 1,
    });
    expect(out.status).toBe(404);
    const bad = await zzb.post(`/api/indicators/${ids.invest}/targets`, {
      orgId: c.orgs.townA,
      year: 2026,
      annual: 6000,
      months: [500, 400, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500, 6000],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('累计');
    const tg = await db()
      .selectFrom('indicator_target')
      .selectAll()
      .where('org_id', '=', c.orgs.townB)
      .executeTakeFirstOrThrow();
    expect(tg.annual).toBe(6000);
  });
});

describe('reporting grid', () => {
  it('refuses text in a number cell, an indicator the unit does not report, and a jump without a note; nothing is saved', async () => {
    const g = await townA.get(`/api/indicator-reports/${c.orgs.townA}/2026-01`);
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({ status: '填报中', deadlineDate: '2026-02-10', locked: false });
    expect(g.body.rows.map((r: any) => r.name)).toEqual(['固定资产投资', '税收收入']);
    const url = `/api/indicator-reports/${c.orgs.townA}/2026-01`;
    const text = await townA.post(url, { values: [{ indicatorId: ids.invest, value: '五百' }] });
    expect(text.status).toBe(400);
    expect(text.body.message).toContain('「固定资产投资」的数值「五百」不是数字');
    const notOwned = await townA.post(url, { values: [{ indicatorId: ids.ratio, value: 1 }] });
    expect(notOwned.status).toBe(400);
    expect(notOwned.body.message).toContain('不填报指标「投资税收比」');
    const negative = await townA.post(url, { values: [{ indicatorId: ids.tax, value: -3 }] });
    expect(negative.status).toBe(400);
    expect(await db().selectFrom('indicator_value').select('org_id').execute()).toEqual([]);
    // 乙镇's grid is not town-a's business.
    expect((await townA.get(`/api/indicator-reports/${c.orgs.townB}/2026-01`)).status).toBe(404);
    expect((await townA.post(`/api/indicator-reports/${c.orgs.townB}/2026-01`, { values: [] })).status).toBe(404);
  });

  it('a pasted "1,000" is a number; submit, approve by the superior only, return with a reason and correct', async () => {
    await fill(townA, c.orgs.townA, '2026-01', '1,000', 300);
    const v = await db()
      .selectFrom('indicator_value')
      .selectAll()
      .where('org_id', '=', c.orgs.townA)
      .where('indicator_id', '=', ids.invest)
      .executeTakeFirstOrThrow();
    expect(v.value).toBe(1000);
    // 乙镇 reports little investment and no tax at all: its ratio is — (null), never Infinity.
    await fill(townB, c.orgs.townB, '2026-01', 100, 0);
    const self = await townA.post(`/api/indicator-reports/${c.orgs.townA}/2026-01/approve`);
    expect(self.status).toBe(403);
    const again = await townA.post(`/api/indicator-reports/${c.orgs.townA}/2026-01`, {
      values: [{ indicatorId: ids.invest, value: 1 }],
    });
    expect(again.status).toBe(409);
    expect((await zzb.post(`/api/indicator-reports/${c.orgs.townA}/2026-01/approve`)).status).toBe(200);
    const ret = await zzb.post(`/api/indicator-reports/${c.orgs.townB}/2026-01/return`, {
      reason: '税收数与财政口径不一致',
    });
    expect(ret.status).toBe(200);
    const rep = await db()
      .selectFrom('indicator_report')
      .selectAll()
      .where('org_id', '=', c.orgs.townB)
      .executeTakeFirstOrThrow();
    expect(rep).toMatchObject({ status: '已退回', reason: '税收数与财政口径不一致' });
    const n = await db().selectFrom('notification').selectAll().where('org_id', '=', c.orgs.townB).execute();
    expect(n.map((x) => x.kind)).toContain('indicator_returned');
    await fill(townB, c.orgs.townB, '2026-01', 100, 0);
    expect((await zzb.post(`/api/indicator-reports/${c.orgs.townB}/2026-01/approve`)).status).toBe(200);
    expect(await auditCount('indicator.grid.return')).toBe(1);
  });

  it('rolls up to the county: values in the acceptance shape, ratio with a zero denominator is null', async () => {
    const r = await zzb.get(`/api/indicators/${ids.invest}/values?year=2026&orgId=${c.orgs.county}`);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0]).toMatchObject({ orgId: c.orgs.county, period: '2026-01', value: 1100, target: 12000 });
    expect(['green', 'yellow', 'red']).toContain(r.body.items[0].light);
    const ratioB = await zzb.get(`/api/indicators/${ids.ratio}/values?year=2026&orgId=${c.orgs.townB}`);
    expect(ratioB.body.items[0]).toMatchObject({ value: null });
    const ratioA = await zzb.get(`/api/indicators/${ids.ratio}/values?year=2026&orgId=${c.orgs.townA}`);
    expect(ratioA.body.items[0].value).toBeCloseTo(333.33, 1);
    // town-a cannot read 乙镇's figures.
    expect((await townA.get(`/api/indicators/${ids.invest}/values?year=2026&orgId=${c.orgs.townB}`)).status).toBe(404);
  });

  it('locks a month after the deadline; an audited unlock lets the unit fill late; on-time rates count it late', async () => {
    clock.set('2026-03-15T02:00:00Z');
    await login();
    const url = `/api/indicator-reports/${c.orgs.townA}/2026-02`;
    const locked = await townA.post(url, { values: [{ indicatorId: ids.invest, value: 900 }] });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('PERIOD_LOCKED');
    expect(locked.body.message).toContain('2026年03月10日');
    expect(await db().selectFrom('indicator_value').select('org_id').where('period', '=', '2026-02').execute()).toEqual(
      [],
    );
    const bad = await zzb.post(`${url}/unlock`, { reason: '系统故障', untilDate: '2026-03-01' });
    expect(bad.status).toBe(400);
    expect(
      (await zzb.post(`${url}/unlock`, { reason: '镇财政所人员调整,同意补报', untilDate: '2026-03-20' })).status,
    ).toBe(200);
    expect(await auditCount('indicator.grid.unlock')).toBe(1);
    // A jump of 400% over January needs a note.
    const jump = await townA.post(url, {
      values: [
        { indicatorId: ids.invest, value: 5000 },
        { indicatorId: ids.tax, value: 300 },
      ],
    });
    expect(jump.status).toBe(400);
    expect(jump.body.message).toContain('请填写说明');
    await fill(townA, c.orgs.townA, '2026-02', 5000, 300, '新开工项目集中投入');
    const rep = await db()
      .selectFrom('indicator_report')
      .selectAll()
      .where('org_id', '=', c.orgs.townA)
      .where('period', '=', '2026-02')
      .executeTakeFirstOrThrow();
    expect(rep.on_time).toBe(0);
    const rates = await zzb.get(`/api/indicator-reports/rates?year=2026&orgId=${c.orgs.county}`);
    expect(rates.status).toBe(200);
    const a = rates.body.units.find((u: any) => u.orgId === c.orgs.townA);
    expect(a).toMatchObject({ expected: 2, actual: 2, onTime: 1, reportingRate: 100, onTimeRate: 50 });
    const b = rates.body.units.find((u: any) => u.orgId === c.orgs.townB);
    expect(b).toMatchObject({ expected: 2, actual: 1, reportingRate: 50 });
  });

  it('lights by 序时进度: a red month stays on record when the unit recovers (shown yellow)', async () => {
    // 乙镇: Jan 100 of a 500 pace (−80 points: red); Feb 1,000 more → 1,100 of 1,000 pace.
    const b = await zzb.get(`/api/indicators/${ids.invest}/values?year=2026&orgId=${c.orgs.townB}`);
    expect(b.body.items[0]).toMatchObject({ period: '2026-01', light: 'red', pace: '滞后' });
    const unlock = await zzb.post(`/api/indicator-reports/${c.orgs.townB}/2026-02/unlock`, {
      reason: '补报',
      untilDate: '2026-03-20',
    });
    expect(unlock.status).toBe(200);
    await fill(townB, c.orgs.townB, '2026-02', 1000, 10, '项目投资到位');
    const after = await zzb.get(`/api/indicators/${ids.invest}/values?year=2026&orgId=${c.orgs.townB}`);
    expect(after.body.items[1]).toMatchObject({ period: '2026-02', cumValue: 1100, pace: '提前', light: 'yellow' });
    expect(after.body.items[0]).toMatchObject({ light: 'red', worstLight: 'red' });
    const rank = await zzb.get(`/api/indicators/${ids.invest}/ranking?period=2026-02&orgId=${c.orgs.county}`);
    expect(rank.body.items.map((x: any) => [x.orgName, x.rank, x.rankChange])).toEqual([
      ['甲镇党委', 1, 0],
      ['乙镇党委', 2, 0],
    ]);
    const cp = await zzb.get(`/api/indicators/cockpit?period=2026-02&orgId=${c.orgs.county}`);
    expect(cp.status).toBe(200);
    const inv = cp.body.items.find((x: any) => x.indicatorId === ids.invest);
    expect(inv).toMatchObject({ cumValue: 7100, target: 12000 });
    expect(inv.lights.green + inv.lights.yellow + inv.lights.red).toBe(2);
  });

  it('exports the 调度 table with merged headers, and reads an uploaded template', async () => {
    const r = await zzb.get(`/api/indicators/dispatch.xlsx?period=2026-02&orgId=${c.orgs.county}`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw as any);
    const ws = wb.worksheets[0];
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:K1', 'G2:I2', 'J2:K2', 'A2:A3']));
    expect(
      ['指标', '目标', '本月', '累计', '增速(%)', '序时进度', '排名'].every((h) =>
        ws.getRow(2).values.toString().includes(h),
      ),
    ).toBe(true);
    expect(ws.getRow(4).getCell(1).value).toBe('固定资产投资(万元)');

    clock.set('2026-04-03T02:00:00Z');
    await login();
    const tpl = await townA.get(`/api/indicator-reports/${c.orgs.townA}/2026-03/template.xlsx`);
    expect(tpl.status).toBe(200);
    const tw = new ExcelJS.Workbook();
    await tw.xlsx.load(tpl.raw as any);
    tw.worksheets[0].getCell('C2').value = 800;
    tw.worksheets[0].getCell('C3').value = '3OO';
    const { upload } = await import('../imports/test-helpers.ts');
    const bad = await upload(
      townA,
      `/api/indicator-reports/${c.orgs.townA}/2026-03/upload`,
      Buffer.from(await tw.xlsx.writeBuffer()),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('不是数字');
    tw.worksheets[0].getCell('C3').value = 320;
    const ok = await upload(
      townA,
      `/api/indicator-reports/${c.orgs.townA}/2026-03/upload`,
      Buffer.from(await tw.xlsx.writeBuffer()),
    );
    expect(ok.status).toBe(200);
    const saved = await db()
      .selectFrom('indicator_value')
      .select(['indicator_id', 'value'])
      .where('period', '=', '2026-03')
      .orderBy('indicator_id')
      .execute();
    expect(saved).toEqual([
      { indicator_id: ids.invest, value: 800 },
      { indicator_id: ids.tax, value: 320 },
    ]);
  });

  it('a submit rebuilds only its line up the tree, and the result equals a full recompute', async () => {
    // An average reported by villages and by 甲镇 itself: 甲镇 = mean of its own and its villages'.
    const avg = await zzb.post('/api/indicators', {
      name: '村级集体经济收入',
      unit: '万元',
      frequency: '月',
      aggregation: '平均',
      source: '手工填报',
      ownerOrgId: c.orgs.dept,
      reporterOrgIds: [c.orgs.a1, c.orgs.a2, c.orgs.townA, c.orgs.b1],
    });
    expect(avg.status).toBe(200);
    const branchA1 = await as(t.app, 'branch-a1');
    for (const [cl, org, v] of [
      [branchA1, c.orgs.a1, 10],
      [townA, c.orgs.a2, 20],
      [townB, c.orgs.b1, 40],
    ] as const) {
      expect(
        (await cl.post(`/api/indicator-reports/${org}/2026-03`, { values: [{ indicatorId: avg.body.id, value: v }] }))
          .status,
      ).toBe(200);
      expect((await cl.post(`/api/indicator-reports/${org}/2026-03/submit`)).status).toBe(200);
    }
    const own = await townA.post(`/api/indicator-reports/${c.orgs.townA}/2026-03`, {
      values: [
        { indicatorId: ids.invest, value: 800 },
        { indicatorId: ids.tax, value: 320 },
        { indicatorId: avg.body.id, value: 60 },
      ],
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect((await townA.post(`/api/indicator-reports/${c.orgs.townA}/2026-03/submit`)).status).toBe(200);
    const at = async (org: number) =>
      (
        await db()
          .selectFrom('indicator_rollup')
          .select(['value', 'acc_n'])
          .where('indicator_id', '=', avg.body.id)
          .where('period', '=', '2026-03')
          .where('org_id', '=', org)
          .executeTakeFirst()
      )?.value;
    // 甲镇 = (10 + 20 + 60) / 3, the county (10 + 20 + 60 + 40) / 4; after 南村 is returned, 90 / 3.
    expect([await at(c.orgs.townA), await at(c.orgs.county)]).toEqual([30, 32.5]);
    expect(
      (await zzb.post(`/api/indicator-reports/${c.orgs.b1}/2026-03/return`, { reason: '数据待核实' })).status,
    ).toBe(200);
    expect([await at(c.orgs.b1), await at(c.orgs.townB), await at(c.orgs.county)]).toEqual([undefined, undefined, 30]);
    const all = [ids.invest, ids.tax, ids.ratio, avg.body.id];
    const { snapshot } = await import('./rollup-line.ts');
    const { recomputeAll } = await import('./rollup.ts');
    const incremental = await snapshot(db(), all);
    await recomputeAll(db(), 2026, '2026-04-03');
    // Placeholder rows of past unreported months (—) depend on the day of the recompute, not on the
    // figures: compared are the rows that carry a figure.
    const figures = (rows: typeof incremental) => rows.filter((r) => r.value != null || r.cum_value != null);
    expect(figures(await snapshot(db(), all))).toEqual(figures(incremental));
    expect(figures(incremental).length).toBeGreaterThan(10);
  });
});
