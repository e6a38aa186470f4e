import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { clients, type Cobuild, seedCobuild } from './test-helpers.ts';

const clock = new ManualClock('2026-02-02T02:00:00Z');
let t: TestApp;
let c: County;
let k: Cobuild;
let u: Record<string, Client>;
const db = () => t.database.db;
const RULES = {
  actions: { report: 5, serviceHour: 1, leadProject: 5, needFulfilled: 2 },
  caps: [{ action: 'report', period: 'year', max: 8 }],
  vetoEnabled: true,
  yearlyReset: true,
};
const ledger = async (year?: number) =>
  (await u.zzb.get(`/api/cobuild/points?memberId=${k.members.zhou}${year ? `&year=${year}` : ''}`)).body;
const at = async (iso: string) => {
  clock.set(iso);
  u = await clients(t.app);
};
/** 周财一 reports to a community and it accepts (the 报到 action earns points). */
async function reportTo(community: number, accepter: string) {
  const live = await db()
    .selectFrom('cobuild_registration')
    .select('id')
    .where('member_id', '=', k.members.zhou)
    .where('status', 'in', ['pending', 'active'])
    .executeTakeFirst();
  if (live) await u['fin-member'].post(`/api/cobuild/registrations/${live.id}/end`, { reason: '调整居住地' });
  const r = await u['fin-member'].post('/api/cobuild/registrations', { communityId: community });
  expect(r.status).toBe(201);
  expect((await u[accepter].post(`/api/cobuild/registrations/${r.body.id}/accept`)).status).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(db());
  k = await seedCobuild(db(), c);
  u = await clients(t.app);
});
afterAll(() => t.close());

describe('versioned rules', () => {
  it('contradictory or retroactive rules are refused', async () => {
    const post = (body: unknown) => u.zzb.post('/api/cobuild/rules', body);
    const dup = await post({ effectiveDate: '2026-02-02', rules: { ...RULES, caps: [RULES.caps[0], RULES.caps[0]] } });
    expect(dup.body.message).toBe('封顶规则重复:报到每年出现了两次');
    const month = await post({
      effectiveDate: '2026-02-02',
      rules: {
        ...RULES,
        caps: [
          { action: 'service', period: 'month', max: 20 },
          { action: 'service', period: 'year', max: 12 },
        ],
      },
    });
    expect(month.body.message).toBe('志愿服务每月封顶(20 分)大于每年封顶(12 分)');
    expect((await post({ effectiveDate: '2026-01-01', rules: RULES })).body.message).toContain('只能自今天或以后生效');
    expect(
      (
        await post({
          effectiveDate: '2026-02-02',
          rules: { ...RULES, actions: { ...RULES.actions, serviceHour: 0.3 } },
        })
      ).status,
    ).toBe(400);
    expect((await u['town-a'].post('/api/cobuild/rules', { effectiveDate: '2026-02-02', rules: RULES })).status).toBe(
      403,
    );
    expect(await db().selectFrom('cobuild_rule').select('id').execute()).toEqual([]);
    expect((await post({ effectiveDate: '2026-02-02', rules: RULES, note: '试行版' })).status).toBe(201);
  });

  it('caps: the excess is a capped entry, recorded and not counted', async () => {
    await reportTo(c.orgs.a1, 'a1-sec');
    await reportTo(c.orgs.b1, 'town-b');
    const l = await ledger();
    expect(l.items.map((x: any) => [x.points, x.capped, x.ruleVersion])).toEqual([
      [3, false, 1],
      [2, true, 1],
      [5, false, 1],
    ]);
    expect(l).toMatchObject({ sum: 8, cappedSum: 2, total: 3, yearlyReset: true });
  });

  it('a later version applies from its date; entries keep the version they were credited under', async () => {
    expect(
      (
        await u.zzb.post('/api/cobuild/rules', {
          effectiveDate: '2026-03-01',
          rules: { ...RULES, actions: { ...RULES.actions, report: 10 }, caps: [] },
        })
      ).status,
    ).toBe(201);
    const list = await u['fin-sec'].get('/api/cobuild/rules');
    expect(list.body.items.map((r: any) => [r.version, r.effectiveDate, r.current])).toEqual([
      [2, '2026-03-01', false],
      [1, '2026-02-02', true],
    ]);
    await at('2026-03-05T02:00:00Z');
    await reportTo(c.orgs.a1, 'a1-sec');
    const l = await ledger();
    expect(l.items[0]).toMatchObject({ points: 10, capped: false, ruleVersion: 2 });
    expect(l.sum).toBe(18);
  });
});

describe('adjustments and vetoes', () => {
  it('a manual adjustment needs a reason, is audited and tells the member', async () => {
    const base = { memberId: k.members.zhou, points: 2 };
    expect((await u.zzb.post('/api/cobuild/points/adjustments', { ...base, reason: '' })).status).toBe(400);
    expect(
      (await u.zzb.post('/api/cobuild/points/adjustments', { ...base, points: 0, reason: '补录社区活动' })).status,
    ).toBe(400);
    expect(
      (await u['fin-sec'].post('/api/cobuild/points/adjustments', { ...base, reason: '补录社区活动' })).status,
    ).toBe(403);
    expect(
      (await u.zzb.post('/api/cobuild/points/adjustments', { memberId: 99999, points: 2, reason: '补录社区活动' }))
        .status,
    ).toBe(404);
    const r = await u.zzb.post('/api/cobuild/points/adjustments', { ...base, reason: '补录2月份社区防疫值守' });
    expect(r.status).toBe(201);
    expect((await ledger()).items[0]).toMatchObject({
      id: r.body.id,
      points: 2,
      action: 'adjust',
      reason: '人工调整:补录2月份社区防疫值守',
      ruleVersion: null,
    });
    const a = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'cobuild.points.adjust')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(a.after_json!)).toMatchObject({ reason: '补录2月份社区防疫值守', points: 2 });
    const n = await db().selectFrom('notification').select('message').where('user_id', 'is not', null).execute();
    expect(n.map((x) => x.message)).toContain('您的共驻共建积分被人工调整 +2 分:补录2月份社区防疫值守');
  });

  it('a veto zeroes the year (later entries too) until it is lifted', async () => {
    expect(
      (await u.zzb.post('/api/cobuild/vetoes', { memberId: k.members.zhou, year: 2026, reason: '短' })).status,
    ).toBe(400);
    const v = await u.zzb.post('/api/cobuild/vetoes', {
      memberId: k.members.zhou,
      year: 2026,
      reason: '受到党内警告处分',
    });
    expect(v.status).toBe(201);
    expect(
      (
        await u.zzb.post('/api/cobuild/vetoes', {
          memberId: k.members.zhou,
          year: 2026,
          quarter: 2,
          reason: '重复否决',
        })
      ).status,
    ).toBe(409);
    expect((await ledger()).sum).toBe(0);
    await u.zzb.post('/api/cobuild/points/adjustments', {
      memberId: k.members.zhou,
      points: 1,
      reason: '否决期间的补录',
    });
    const during = await ledger();
    expect(during.sum).toBe(0);
    expect(during.items[0]).toMatchObject({ vetoed: true, reason: expect.stringContaining('2026年已被一票否决') });
    const rank = await u.zzb.get('/api/cobuild/rankings?kind=member&year=2026');
    expect(rank.body.items.find((x: any) => x.id === k.members.zhou).points).toBe(0);
    expect((await u.zzb.post(`/api/cobuild/vetoes/${v.body.id}/lift`, { reason: '处分已撤销' })).status).toBe(200);
    expect((await ledger()).sum).toBe(18 + 2 + 1);
    expect((await u.zzb.get('/api/cobuild/vetoes')).body.items).toMatchObject([
      { status: 'lifted', liftReason: '处分已撤销', period: '2026年' },
    ]);
  });
});

describe('yearly reset and rankings', () => {
  it('a rule without yearly reset accumulates balances across years', async () => {
    expect(
      (
        await u.zzb.post('/api/cobuild/rules', {
          effectiveDate: '2026-12-01',
          rules: { ...RULES, caps: [], yearlyReset: false },
        })
      ).status,
    ).toBe(201);
    await at('2027-01-10T02:00:00Z');
    await u.zzb.post('/api/cobuild/points/adjustments', {
      memberId: k.members.zhou,
      points: 1,
      reason: '2027年补录活动',
    });
    const y27 = await ledger(2027);
    expect(y27).toMatchObject({ year: 2027, total: 1, sum: 21 + 1, yearlyReset: false });
    expect((await ledger(2026)).yearlyReset).toBe(false);
  });

  it('rankings by member, unit and community, within the caller’s subtree', async () => {
    const m = await u.zzb.get('/api/cobuild/rankings?kind=member&year=2026');
    expect(m.body.items[0]).toMatchObject({
      rank: 1,
      id: k.members.zhou,
      name: '周财一',
      parent: '县财政局机关党支部',
      points: 21,
    });
    expect((await u['town-a'].get('/api/cobuild/rankings?kind=member&year=2026')).body).toEqual({
      items: [],
      total: 0,
    });
    const units = await u.zzb.get('/api/cobuild/rankings?kind=unit&year=2026');
    // 周财一's registration was due for re-confirmation in 2026-09 and lapsed: 0% at the year's end.
    expect(units.body.items.find((x: any) => x.name === '县财政局机关党支部')).toMatchObject({ rate: 0, points: 21 });
    const comm = await u['town-a'].get('/api/cobuild/rankings?kind=community&year=2026');
    expect(comm.body.items.map((x: any) => [x.name, x.rate])).toEqual([['甲镇东村党支部', 1]]);
    expect((await u['fin-member'].get('/api/cobuild/rankings?kind=member')).status).toBe(403);
  });

  it('the totals kept by each credit equal a recount of the ledger', async () => {
    const totals = await db()
      .selectFrom('cobuild_point_total')
      .selectAll()
      .orderBy('subject_kind')
      .orderBy('subject_id')
      .orderBy('year')
      .execute();
    const recount = (
      await sql<{ subject_kind: string; subject_id: number; year: number; p: number }>`
        select subject_kind, subject_id, year, sum(case when capped = 0 and vetoed = 0 then points else 0 end) as p
        from cobuild_point group by subject_kind, subject_id, year order by subject_kind, subject_id, year`.execute(
        db(),
      )
    ).rows;
    expect(totals.map((t) => [t.subject_kind, t.subject_id, t.year, Number(t.points)])).toEqual(
      recount.map((r) => [r.subject_kind, r.subject_id, r.year, Number(r.p)]),
    );
  });
});
