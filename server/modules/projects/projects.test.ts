import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { judgeProject, monthsLate } from './projects.lights.ts';

/** Local 2026-05-05 10:00: April is open until 05-10, March closed on 04-10. */
const clock = new ManualClock('2026-05-05T02:00:00Z');
let t: TestApp;
let c: County;
let zzb: Client, dcs: Client, townA: Client, townB: Client;
let p1: number, p2: number, doneInd: number, rateInd: number;
const db = () => t.database.db;
const put = (cl: Client, url: string, body: unknown) => cl.request('PUT', url, body);
const rows = (taskId: number) =>
  db().selectFrom('project_investment').selectAll().where('task_id', '=', taskId).orderBy('period').execute();
const ok = (r: { status: number; body: any }) => {
  expect(r.status >= 200 && r.status < 300, `${r.status} ${JSON.stringify(r.body)}`).toBe(true);
  return r.body;
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  [zzb, dcs, townA, townB] = await Promise.all(['zzb', 'dcs', 'town-a', 'town-b'].map((u) => as(t.app, u)));
  const indicator = (name: string, unit: string, aggregation: string, figureKey: string) =>
    zzb.post('/api/indicators', {
      name,
      unit,
      frequency: '月',
      aggregation,
      source: '系统数据',
      figureKey,
      ownerOrgId: c.orgs.county,
    });
  doneInd = ok(await indicator('重点项目完成投资', '万元', '求和', 'projects.investmentCompleted')).id;
  rateInd = ok(await indicator('重点项目投资完成率', '%', '平均', 'projects.investmentRate')).id;
  ok(await zzb.post(`/api/indicators/${doneInd}/targets`, { orgId: c.orgs.county, year: 2026, annual: 2400 }));
  // 甲镇 leads P1 (乙镇 helps), 乙镇 leads P2; P1's 开工 was due in January.
  p1 = ok(
    await dcs.post('/api/tasks', {
      text: '甲镇新材料产业园项目年内完成投资12亿元',
      leadOrgId: c.orgs.townA,
      coOrgIds: [c.orgs.townB],
      dueDate: '2027-06-30',
      keyProject: true,
      targets: ['完成投资12亿元'],
    }),
  ).id;
  p2 = ok(await dcs.post('/api/tasks', { text: '乙镇冷链物流园项目', leadOrgId: c.orgs.townB, keyProject: true })).id;
  ok(await dcs.post(`/api/tasks/${p1}/milestones`, { name: '开工', dueDate: '2026-01-31' }));
});
afterAll(() => t.close());

describe('重点项目 investment', () => {
  it('sets the plan by month; text, negatives and a year outside the project change nothing', async () => {
    const months = Array(12).fill(100);
    const bad = await put(dcs, `/api/projects/${p1}/investment/plan`, {
      year: 2026,
      months: months.map((m, i) => (i === 2 ? '一百' : i === 4 ? -5 : m)),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('3月计划投资「一百」不是数字');
    expect(bad.body.message).toContain('5月计划投资不能为负数');
    const far = await put(dcs, `/api/projects/${p1}/investment/plan`, { year: 2028, months });
    expect(far.status).toBe(400);
    expect(far.body.message).toContain('不能制定2028年的投资计划');
    expect(await rows(p1)).toHaveLength(0);

    ok(await put(dcs, `/api/projects/${p1}/investment/plan`, { year: 2026, months: ['1,00', ...months.slice(1)] }));
    // P2 starts in April: on plan, green.
    ok(await put(dcs, `/api/projects/${p2}/investment/plan`, { year: 2026, months: [0, 0, 0, ...Array(9).fill(50)] }));
    const saved = await rows(p1);
    expect(saved.map((r) => r.planned)).toEqual(months);
    // The lead unit cannot plan (督查 manages the project).
    expect((await put(townA, `/api/projects/${p1}/investment/plan`, { year: 2026, months })).status).toBe(403);
  });

  it('the lead unit reports a month; bad input, a co-unit, a locked month are refused with nothing changed', async () => {
    const url = (p: string) => `/api/projects/${p1}/investment/${p}`;
    const cases: [Client, string, unknown, number, string][] = [
      [townA, '2026-04', { completed: '九十' }, 400, '不是数字'],
      [townA, '2026-04', { completed: -1 }, 400, '不能为负数'],
      [townA, '2025-12', { completed: 10 }, 400, '没有2025年的投资计划'],
      [townA, '2026-06', { completed: 10 }, 400, '尚未到来'],
      [townB, '2026-04', { completed: 10 }, 403, '只有牵头单位'],
      [townA, '2026-03', { completed: 10 }, 409, '需上级'],
    ];
    for (const [cl, p, body, status, msg] of cases) {
      const r = await put(cl, url(p), body);
      expect(r.status, `${p} ${JSON.stringify(body)}`).toBe(status);
      expect(r.body.message).toContain(msg);
    }
    expect((await rows(p1)).filter((r) => r.completed !== null)).toHaveLength(0);
    // A neighbour's project is not there at all.
    expect((await put(townA, `/api/projects/${p2}/investment/2026-04`, { completed: 1 })).status).toBe(404);

    ok(await put(townA, url('2026-04'), { completed: '90', note: '设备进场' }));
    // The same unlock as the 指标 grid opens the locked month (audited), reported late.
    ok(
      await zzb.post(`/api/indicator-reports/${c.orgs.townA}/2026-03/unlock`, {
        reason: '补报项目投资',
        untilDate: '2026-05-08',
      }),
    );
    ok(await put(townA, url('2026-03'), { completed: 60 }));
    ok(await put(townB, `/api/projects/${p2}/investment/2026-04`, { completed: 50 }));
    const r = await rows(p1);
    expect(r.find((x) => x.period === '2026-04')).toMatchObject({ completed: 90, note: '设备进场', on_time: 1 });
    expect(r.find((x) => x.period === '2026-03')).toMatchObject({ completed: 60, on_time: 0 });
    const audits = await db().selectFrom('audit_log').select('action').where('action', 'like', 'project.%').execute();
    expect(audits.filter((a) => a.action === 'project.investment.report')).toHaveLength(3);
  });

  it('shows 计划/完成/累计/完成率 with the light and its reasons', async () => {
    const g = ok(await townA.get(`/api/projects/${p1}/investment?year=2026`));
    expect(g.months[3]).toMatchObject({
      period: '2026-04',
      planned: 100,
      completed: 90,
      cumPlanned: 400,
      cumCompleted: 150,
    });
    expect(g.months[2]).toMatchObject({ locked: false, unlockedUntilDate: '2026-05-08', onTime: false });
    expect(g.months[0]).toMatchObject({ locked: true, overdue: true });
    expect(g).toMatchObject({ asOfPeriod: '2026-04', cumPlanned: 400, cumCompleted: 150, rate: 37.5, light: 'red' });
    expect(g.reasons.join(';')).toContain('2026年01月、2026年02月完成投资逾期未报');
    expect(g.reasons.join(';')).toContain('低于序时 62.5 个百分点');
    expect(g.reasons.join(';')).toContain('「开工」计划2026年01月31日完成,已连续 3 个月应完成未完成');
    expect(g).toMatchObject({ canReport: true, canPlan: false });

    const list = ok(await dcs.get('/api/projects?year=2026'));
    expect(list.items.map((i: any) => i.id)).toEqual([p1, p2]);
    expect(list.counts).toEqual({ red: 1, yellow: 0, green: 1 });
    const mine = ok(await townA.get('/api/projects?year=2026'));
    expect(mine.items.map((i: any) => i.id)).toEqual([p1]);
  });

  it('feeds the computed indicators, summed up the tree by the lead unit', async () => {
    const county = ok(await zzb.get(`/api/indicators/${doneInd}/values?year=2026&orgId=${c.orgs.county}`)).items;
    const apr = county.find((v: any) => v.period === '2026-04');
    expect(apr).toMatchObject({ value: 140, cumValue: 200, target: 2400, paceTarget: 800, light: 'red' });
    const town = ok(await townA.get(`/api/indicators/${doneInd}/values?year=2026&orgId=${c.orgs.townA}`)).items;
    expect(town.length).toBe(0); // 甲镇 has no target and reports nothing by hand: no rows of its own
    const rate = await db()
      .selectFrom('indicator_rollup')
      .select(['cum_value'])
      .where('indicator_id', '=', rateInd)
      .execute();
    expect(rate).toHaveLength(0); // no target, no reporter: nothing to roll up yet
    const stored = await db()
      .selectFrom('indicator_rollup')
      .select(['value', 'cum_value'])
      .where('indicator_id', '=', doneInd)
      .where('org_id', '=', c.orgs.county)
      .where('period', '=', '2026-04')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ value: 140, cum_value: 200 });
  });

  it('「设为指标目标」 takes a target phrase of the task, recorded with its source', async () => {
    const url = `/api/tasks/${p1}/indicator-target`;
    const body = {
      indicatorId: doneInd,
      orgId: c.orgs.townA,
      year: 2026,
      annual: 120000,
      targetText: '完成投资12亿元',
    };
    const wrong = await zzb.post(url, { ...body, targetText: '增长20%' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('任务中没有目标「增长20%」');
    expect((await zzb.post(url, { ...body, annual: 0 })).status).toBe(400);
    expect((await townA.post(url, body)).status).toBe(403);
    ok(await zzb.post(url, body));
    const tg = await db()
      .selectFrom('indicator_target')
      .selectAll()
      .where('indicator_id', '=', doneInd)
      .where('org_id', '=', c.orgs.townA)
      .executeTakeFirstOrThrow();
    expect(tg).toMatchObject({ annual: 120000, source: '任务', task_id: p1, task_target: '完成投资12亿元' });
    const list = ok(await zzb.get(`/api/indicators/${doneInd}/targets?year=2026`)).items;
    expect(list.find((x: any) => x.orgId === c.orgs.townA).task).toEqual({
      id: p1,
      text: '甲镇新材料产业园项目年内完成投资12亿元',
      targetText: '完成投资12亿元',
    });
    // 甲镇 now has a target: its own roll-up rows appear, from its projects only.
    const town = ok(await townA.get(`/api/indicators/${doneInd}/values?year=2026&orgId=${c.orgs.townA}`)).items;
    expect(town.find((v: any) => v.period === '2026-04')).toMatchObject({ value: 90, cumValue: 150, target: 120000 });
  });
});

describe('project lights (§5.3)', () => {
  const S = { yellowPoints: 10, redPoints: 30 };
  const month = (p: string, planned: number, completed: number | null) => ({
    period: p,
    planned,
    completed,
    deadlineDate: `${p}-10`,
  });
  it('compares 累计 with the plan to date: within 10 points green, 10–30 yellow, beyond red', () => {
    const m = (done: number) => [month('2026-01', 100, 100), month('2026-02', 100, done), month('2026-03', 100, null)];
    expect(judgeProject('2026-03-05', m(95), [], S)).toMatchObject({
      light: 'green',
      rate: 97.5,
      asOfPeriod: '2026-02',
    });
    expect(judgeProject('2026-03-05', m(70), [], S).light).toBe('yellow');
    expect(judgeProject('2026-03-05', m(30), [], S).light).toBe('red');
  });
  it('a milestone due and not reached: yellow in its first months, red from the third', () => {
    const ms = [{ name: '开工', dueDate: '2026-02-28', doneDate: null }];
    expect(judgeProject('2026-03-15', [], ms, S).light).toBe('yellow');
    expect(judgeProject('2026-05-28', [], ms, S).light).toBe('red');
    expect(judgeProject('2026-05-28', [], [{ ...ms[0], doneDate: '2026-05-01' }], S).light).toBe('green');
    expect(monthsLate('2026-03-31', '2026-06-30')).toBe(3);
    expect(judgeProject('2026-01-05', [], [], S)).toMatchObject({ light: null, rate: null });
    // No plan for the year: nothing to judge, not a green light.
    expect(
      judgeProject(
        '2026-05-05',
        [month('2026-01', 0, null)].map((m) => ({ ...m, planned: null })),
        [],
        S,
      ),
    ).toMatchObject({ light: null, asOfPeriod: null });
  });
});
