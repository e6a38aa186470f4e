import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, type County, seedCounty } from '../../test/fixtures.ts';
import { type Client, createTestApp, type TestApp } from '../../test/harness.ts';
import { gradeUnits } from './assessment.scoring.ts';
import { registerBasics } from './test-helpers.ts';

/** Local 2027-01-05 (Tuesday): December 2026 is still open for entry. */
const clock = new ManualClock('2027-01-05T02:00:00Z');
let t: TestApp;
let c: County;
let zzb: Client, townA: Client, townB: Client;
let id: number;
const db = () => t.database.db;
const ok = (r: { status: number; body: any }) => {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(db());
  [zzb, townA, townB] = await Promise.all(['zzb', 'town-a', 'town-b'].map((u) => as(t.app, u)));
  const ids = await registerBasics(zzb, c);
  // 固定资产投资 is a key indicator: 甲镇 reaches its 12,000 target, 乙镇 only half of it.
  for (const [cl, org, v] of [
    [townA, c.orgs.townA, 12000],
    [townB, c.orgs.townB, 6000],
  ] as const) {
    ok(await zzb.post(`/api/indicators/${ids.invest}/targets`, { orgId: org, year: 2026, annual: 12000 }));
    ok(
      await cl.post(`/api/indicator-reports/${org}/2026-12`, {
        values: [
          { indicatorId: ids.invest, value: v },
          { indicatorId: ids.tax, value: 100 },
        ],
      }),
    );
    ok(await cl.post(`/api/indicator-reports/${org}/2026-12/submit`));
  }
});
afterAll(() => t.close());

describe('年度综合考核', () => {
  it('refuses weights that do not sum to 100% and units outside the scope; nothing is created', async () => {
    const base = { year: 2026, name: '2026年度乡镇综合考核', orgIds: [c.orgs.townA, c.orgs.townB, c.orgs.dept] };
    const bad = await zzb.post('/api/assessments', {
      ...base,
      parts: [
        { source: 'indicators.completion', weight: 40 },
        { source: 'monthly', weight: 50 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('合计应为 100%,现为 90%');
    const outside = await townA.post('/api/assessments', { ...base, parts: [{ source: 'monthly', weight: 100 }] });
    expect(outside.status).toBe(403);
    expect(await db().selectFrom('assessment').select('id').execute()).toEqual([]);
    id = ok(
      await zzb.post('/api/assessments', {
        ...base,
        parts: [
          { source: 'indicators.completion', weight: 40 },
          { source: 'tasks.onTimeRate', weight: 20 },
          { source: 'monthly', weight: 40 },
        ],
        excellentPercent: 34,
        goodPercent: 34,
        bonusPercent: 34,
        objectionDays: 3,
      }),
    ).id;
    const dup = await zzb.post('/api/assessments', { ...base, parts: [{ source: 'monthly', weight: 100 }] });
    expect(dup.status).toBe(409);
  });

  it('平时 scores and adjustments need reasons; bonuses are capped per unit and in how many units get one', async () => {
    const noReason = await zzb.post(`/api/assessments/${id}/scores`, { orgId: c.orgs.townA, month: 12, score: 95 });
    expect(noReason.status).toBe(400);
    for (const [org, score] of [
      [c.orgs.townA, 95],
      [c.orgs.townB, 90],
      [c.orgs.dept, 92],
    ] as const)
      ok(await zzb.post(`/api/assessments/${id}/scores`, { orgId: org, month: 12, score, reason: '12月工作调度评分' }));
    ok(
      await zzb.post(`/api/assessments/${id}/adjustments`, {
        orgId: c.orgs.dept,
        kind: '加分',
        points: 0.5,
        reason: '获省级表彰',
      }),
    );
    const cap = await zzb.post(`/api/assessments/${id}/adjustments`, {
      orgId: c.orgs.dept,
      kind: '加分',
      points: 0.8,
      reason: '另获市级表彰',
    });
    expect([cap.status, cap.body.code]).toEqual([409, 'BONUS_CAP']);
    const quota = await zzb.post(`/api/assessments/${id}/adjustments`, {
      orgId: c.orgs.townA,
      kind: '加分',
      points: 0.5,
      reason: '获市级表彰',
    });
    expect([quota.status, quota.body.code]).toEqual([409, 'QUOTA_EXCEEDED']);
    ok(
      await zzb.post(`/api/assessments/${id}/adjustments`, {
        orgId: c.orgs.townA,
        kind: '扣分',
        points: 0.5,
        reason: '信息报送迟报',
      }),
    );
    const veto = await zzb.post(`/api/assessments/${id}/adjustments`, {
      orgId: c.orgs.dept,
      kind: '一票否决',
      reason: '',
    });
    expect(veto.status).toBe(400);
    expect(
      await db().selectFrom('assessment_adjustment').select(['org_id', 'kind', 'points']).orderBy('id').execute(),
    ).toEqual([
      { org_id: c.orgs.dept, kind: '加分', points: 0.5 },
      { org_id: c.orgs.townA, kind: '扣分', points: 0.5 },
    ]);
  });

  it('computes every part from the records, applies the veto and the 优秀 quota, and shows each unit only its own breakdown', async () => {
    expect(ok(await zzb.post(`/api/assessments/${id}/compute`)).grades).toEqual({ 优秀: 1, 良好: 1, 合格: 1 });
    const d = ok(await zzb.get(`/api/assessments/${id}`));
    const by = (org: number) => d.units.find((u: any) => u.orgId === org);
    // 甲镇: no task was due (无数据, its weight shared): 100 × 40/80 + 95 × 40/80 − 0.5.
    expect(by(c.orgs.townA)).toMatchObject({
      base: 97.5,
      deduction: 0.5,
      total: 97,
      rank: 1,
      grade: '优秀',
      vetoed: false,
    });
    expect(by(c.orgs.townA).parts.find((p: any) => p.source === 'tasks.onTimeRate')).toMatchObject({
      value: null,
      points: null,
    });
    expect(by(c.orgs.townA).parts[0].detail).toContain('1 项达到全年目标');
    // 县财政局: 92 + 0.5 would be 优秀, but the one place is taken.
    expect(by(c.orgs.dept)).toMatchObject({ total: 92.5, rank: 2, grade: '良好' });
    expect(by(c.orgs.dept).note).toContain('优秀名额已满');
    // 乙镇: the key indicator missed → vetoed.
    expect(by(c.orgs.townB)).toMatchObject({ base: 70, grade: '合格', vetoed: true });
    expect(by(c.orgs.townB).vetoReasons[0]).toContain('重点指标「固定资产投资」未完成全年目标(完成 50%)');
    const mine = ok(await townA.get(`/api/assessments/${id}`));
    expect(mine.canManage).toBe(false);
    expect(mine.units.map((u: any) => u.orgId)).toEqual([c.orgs.townA]);
    expect(JSON.stringify(mine)).not.toContain('乙镇');
    expect(ok(await townB.get('/api/assessments?year=2026')).items).toMatchObject([{ id, units: 1 }]);
    const row = await db()
      .selectFrom('assessment_unit')
      .select(['grade', 'total'])
      .where('assessment_id', '=', id)
      .where('org_id', '=', c.orgs.townA)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ grade: '优秀', total: 97 });
  });

  it('公示: objections only in the window and only on one’s own unit; publishes once answered and after the window', async () => {
    ok(await zzb.post(`/api/assessments/${id}/publicity`, {}));
    const d = ok(await zzb.get(`/api/assessments/${id}`));
    expect([d.status, d.publicityStartDate, d.publicityEndDate]).toEqual(['公示中', '2027-01-05', '2027-01-07']);
    expect(
      (await townA.post(`/api/assessments/${id}/objections`, { orgId: c.orgs.townB, text: '乙镇数据有误' })).status,
    ).toBe(404);
    const o = ok(
      await townB.post(`/api/assessments/${id}/objections`, { orgId: c.orgs.townB, text: '12月投资数据漏报一个项目' }),
    );
    expect((await zzb.post(`/api/assessments/${id}/publish`)).body.code).toBe('PUBLICITY_OPEN');
    clock.set('2027-01-08T02:00:00Z');
    // Moving the clock 3 days ends the sessions (idle timeout): log in again.
    [zzb, townB] = await Promise.all(['zzb', 'town-b'].map((u) => as(t.app, u)));
    const late = await townB.post(`/api/assessments/${id}/objections`, { orgId: c.orgs.townB, text: '再次提出异议' });
    expect([late.status, late.body.code]).toEqual([409, 'NOT_IN_PUBLICITY']);
    expect((await zzb.post(`/api/assessments/${id}/publish`)).body.code).toBe('OBJECTIONS_OPEN');
    ok(
      await zzb.post(`/api/assessments/${id}/objections/${o.id}/answer`, {
        answer: '经核实,该项目未纳入统计',
        upheld: false,
      }),
    );
    expect(ok(await townB.get(`/api/assessments/${id}/objections`)).items).toMatchObject([
      { orgId: c.orgs.townB, answer: '经核实,该项目未纳入统计', upheld: false },
    ]);
    ok(await zzb.post(`/api/assessments/${id}/publish`));
    const after = await zzb.post(`/api/assessments/${id}/adjustments`, {
      orgId: c.orgs.townA,
      kind: '扣分',
      points: 1,
      reason: '发布后扣分',
    });
    expect([after.status, after.body.code]).toEqual([409, 'ASSESSMENT_PUBLISHED']);
    const audits = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'assessment.%')
      .execute();
    expect(new Set(audits.map((a) => a.action))).toEqual(
      new Set([
        'assessment.create',
        'assessment.score',
        'assessment.adjust',
        'assessment.compute',
        'assessment.publicity',
        'assessment.objection',
        'assessment.objection.answer',
        'assessment.publish',
      ]),
    );
  });

  it('exports the result sheet with every part, rank and grade', async () => {
    const r = await zzb.get(`/api/assessments/${id}/results.xlsx`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw as any);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(2).values)).toContain('指标完成(权重 40%)');
    expect(ws.getRow(3).getCell(2).value).toBe('甲镇党委');
    expect(ws.getRow(3).getCell(10).value).toBe('优秀');
    expect(String(ws.getRow(5).getCell(11).value)).toContain('一票否决');
  });

  it('quota rule: tied units share a rank, and a tie that would overflow the quota drops together', () => {
    const g = gradeUnits(
      [
        { orgId: 1, total: 95, vetoed: false },
        { orgId: 2, total: 95, vetoed: false },
        { orgId: 3, total: 91, vetoed: false },
        { orgId: 4, total: 50, vetoed: false },
      ],
      { excellentPercent: 25, goodPercent: 50 },
    );
    expect([...g.values()].map((x) => [x.rank, x.grade])).toEqual([
      [1, '良好'],
      [1, '良好'],
      [3, '优秀'],
      [4, '不合格'],
    ]);
  });
});
