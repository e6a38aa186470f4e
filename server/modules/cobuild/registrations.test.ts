import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { figureByKey } from '../figures.ts';
import { seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { cobuildAppraisalCheck, reportedMembers, unreportedInService } from './eligibility.ts';
import { clients, type Cobuild, seedCobuild } from './test-helpers.ts';

const clock = new ManualClock('2026-03-02T02:00:00Z');
let t: TestApp;
let c: County;
let k: Cobuild;
let u: Record<string, Client>;
const db = () => t.database.db;
const regs = () => db().selectFrom('cobuild_registration').selectAll().orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(db());
  k = await seedCobuild(db(), c);
  u = await clients(t.app);
});
afterAll(() => t.close());

describe('communities', () => {
  it('the county registers 村/社区 党组织 only; candidates come from the tree by name', async () => {
    const cand = await u.zzb.get('/api/cobuild/communities/candidates');
    expect(cand.status).toBe(200);
    expect(cand.body.items.map((x: any) => x.name)).toEqual(['甲镇西村党支部']);
    const bad = await u.zzb.post('/api/cobuild/communities', { items: [{ orgId: c.orgs.dept, kind: '社区' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('不是村/社区党组织');
    const twice = await u.zzb.post('/api/cobuild/communities', { items: [{ orgId: c.orgs.a1, kind: '村' }] });
    expect(twice.status).toBe(409);
    expect(await db().selectFrom('cobuild_community').select('org_id').execute()).toHaveLength(2);
    expect(
      (await u['town-a'].post('/api/cobuild/communities', { items: [{ orgId: c.orgs.a2, kind: '村' }] })).status,
    ).toBe(403);
    const dir = await u['fin-member'].get('/api/cobuild/communities');
    expect(dir.body.items.map((x: any) => [x.name, x.township])).toEqual([
      ['甲镇东村党支部', '甲镇党委'],
      ['乙镇南村党支部', '乙镇党委'],
    ]);
  });
});

describe('报到', () => {
  let reg: number;
  it('an in-service member reports to one community; the community is told', async () => {
    const r = await u['fin-member'].post('/api/cobuild/registrations', {
      communityId: c.orgs.a1,
      address: '东村3组12号',
    });
    expect(r.status).toBe(201);
    reg = r.body.id;
    expect(await regs()).toMatchObject([
      {
        id: reg,
        kind: 'member',
        member_id: k.members.zhou,
        unit_org_id: k.orgs.fin,
        community_org_id: c.orgs.a1,
        status: 'pending',
        reported_date: '2026-03-02',
      },
    ]);
    const n = await db().selectFrom('notification').selectAll().where('org_id', '=', c.orgs.a1).execute();
    expect(n.map((x) => x.message)).toEqual(['在职党员 周财一(县财政局机关党支部)申请到甲镇东村党支部报到,请确认']);
  });

  it('refuses a second community at once, a non-community node, and members who need not report', async () => {
    const before = await regs();
    const two = await u['fin-member'].post('/api/cobuild/registrations', { communityId: c.orgs.b1 });
    expect(two.status).toBe(409);
    expect(two.body.message).toContain('同一时间只能在一个社区报到');
    const notCommunity = await u['fin-wu'].post('/api/cobuild/registrations', { communityId: c.orgs.a2 });
    expect(notCommunity.status).toBe(400);
    expect(notCommunity.body.message).toBe('「甲镇西村党支部」不是已登记的村/社区,不能向其报到');
    const dept = await u['fin-wu'].post('/api/cobuild/registrations', { communityId: k.orgs.fin });
    expect(dept.status).toBe(400);
    const villager = await u['member-a'].post('/api/cobuild/registrations', { communityId: c.orgs.b1 });
    expect(villager.status).toBe(400);
    expect(villager.body.message).toContain('组织关系在村/社区党组织');
    const noMember = await u['town-a'].post('/api/cobuild/registrations', { communityId: c.orgs.a1 });
    expect(noMember.status).toBe(403);
    expect(await regs()).toEqual(before);
  });

  it('the community sees the name and phone; another township sees nothing; the member only their own', async () => {
    const list = await u['a1-sec'].get(`/api/cobuild/registrations?communityId=${c.orgs.a1}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      member: { name: '周财一', phone: '13800000000' },
      status: 'pending',
      canDecide: true,
    });
    const other = await u['town-b'].get(`/api/cobuild/registrations?communityId=${c.orgs.a1}`);
    expect(other.body).toEqual({ items: [], total: 0 });
    expect((await u['town-b'].get(`/api/cobuild/registrations/${reg}`)).status).toBe(404);
    expect((await u['fin-wu'].get('/api/cobuild/registrations')).body.total).toBe(0);
    expect((await u['fin-member'].get('/api/cobuild/registrations')).body.items[0].id).toBe(reg);
  });

  it('only the community accepts; acceptance credits the 报到 points and sets the re-confirmation date', async () => {
    expect((await u['town-b'].post(`/api/cobuild/registrations/${reg}/accept`)).status).toBe(404);
    expect((await u['fin-sec'].post(`/api/cobuild/registrations/${reg}/accept`)).status).toBe(403);
    const ok = await u['a1-sec'].post(`/api/cobuild/registrations/${reg}/accept`);
    expect(ok.status).toBe(200);
    expect((await regs())[0]).toMatchObject({ status: 'active', accepted_date: '2026-03-02', due_date: '2026-09-02' });
    const pts = await u['fin-member'].get(`/api/cobuild/points?memberId=${k.members.zhou}`);
    expect(pts.body).toMatchObject({
      total: 1,
      sum: 5,
      items: [{ points: 5, capped: false, reason: '到甲镇东村党支部报到' }],
    });
    expect((await u['a1-sec'].post(`/api/cobuild/registrations/${reg}/accept`)).status).toBe(409);
  });

  it('a decline needs a reason', async () => {
    const r = await u['fin-wu'].post('/api/cobuild/registrations', { communityId: c.orgs.a1 });
    expect(r.status).toBe(201);
    const noReason = await u['a1-sec'].post(`/api/cobuild/registrations/${r.body.id}/decline`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('理由');
    const ok = await u['a1-sec'].post(`/api/cobuild/registrations/${r.body.id}/decline`, {
      reason: '经核实不在本村居住',
    });
    expect(ok.status).toBe(200);
    expect((await regs())[1]).toMatchObject({ status: 'declined', decline_reason: '经核实不在本村居住' });
  });

  it('per-employer roster and rates: the employer sees its own members only', async () => {
    const r = await u['fin-sec'].get('/api/cobuild/roster');
    expect(r.status).toBe(200);
    expect(r.body.summary).toEqual({ inService: 2, reported: 1, rate: 50 });
    expect(r.body.items.map((x: any) => [x.name, x.state, x.community?.name ?? null])).toEqual([
      ['吴财二', 'none', null],
      ['周财一', 'reported', '甲镇东村党支部'],
    ]);
    // another employer's members: out of scope
    expect((await u['fin-sec'].get(`/api/cobuild/roster?unitId=${k.orgs.audit}`)).status).toBe(404);
    expect((await u['fin-sec'].get(`/api/cobuild/points?memberId=${k.members.feng}`)).status).toBe(404);
    expect((await u['town-a'].get('/api/cobuild/roster')).body.items.map((x: any) => x.name)).not.toContain('周财一');
    const units = await u.zzb.get('/api/cobuild/units');
    // 甲镇西村 is not registered as a community, so its in-service member must report too.
    expect(units.body.items.map((x: any) => [x.unit.name, x.inService, x.reported, x.rate])).toEqual([
      ['甲镇西村党支部', 1, 0, 0],
      ['县审计局机关党支部', 1, 0, 0],
      ['县财政局机关党支部', 2, 1, 50],
    ]);
    expect((await u['fin-member'].get('/api/cobuild/roster')).status).toBe(403);
  });

  it('a unit reports as 共建单位 and is accepted', async () => {
    const r = await u['fin-sec'].post('/api/cobuild/registrations/unit', {
      unitId: k.orgs.fin,
      communityId: c.orgs.a1,
      note: '结对共建',
    });
    expect(r.status).toBe(201);
    expect(
      (await u['fin-sec'].post('/api/cobuild/registrations/unit', { unitId: k.orgs.fin, communityId: c.orgs.a1 }))
        .status,
    ).toBe(409);
    expect(
      (await u['fin-sec'].post('/api/cobuild/registrations/unit', { unitId: k.orgs.audit, communityId: c.orgs.a1 }))
        .status,
    ).toBe(404);
    expect((await u['a1-sec'].post(`/api/cobuild/registrations/${r.body.id}/accept`)).status).toBe(200);
    const unitPts = await u['fin-sec'].get(`/api/cobuild/points?unitId=${k.orgs.fin}`);
    expect(unitPts.body).toMatchObject({ sum: 5, subject: { kind: 'unit', name: '县财政局机关党支部' } });
  });

  it('lapses without re-confirmation; the member re-confirms; figures and 民主评议 read the same state', async () => {
    const rate = figureByKey('cobuild.reportRate')!;
    const q = (to: string) => rate.compute(db(), { orgIds: [k.orgs.fin, k.orgs.gw], from: '2026-01-01', to });
    expect((await q('2026-06-30')).get(k.orgs.fin)).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect((await q('2026-02-01')).get(k.orgs.gw)).toMatchObject({ value: 0, numerator: 0, denominator: 3 });
    clock.set('2026-10-01T02:00:00Z');
    u = await clients(t.app);
    expect((await u['fin-sec'].get('/api/cobuild/roster?state=lapsed')).body.items.map((x: any) => x.name)).toEqual([
      '周财一',
    ]);
    expect((await q('2026-10-01')).get(k.orgs.fin)).toMatchObject({ value: 0 });
    expect(await reportedMembers(db(), [k.members.zhou, k.members.wu, c.members.mA1], '2026-06-01')).toEqual(
      new Set([k.members.zhou]),
    );
    // 民主评议: 吴财二 never reported; 张三明 need not (甲镇东村 is his own community).
    expect(await unreportedInService(db(), [k.members.zhou, k.members.wu, c.members.mA1], '2026-06-01')).toEqual(
      new Map([[k.members.wu, '在职党员未到居住地社区报到(或逾期未复核)']]),
    );
    expect(await cobuildAppraisalCheck.check(db(), [k.members.zhou], '2026-10-01')).toEqual(
      new Map([[k.members.zhou, '在职党员未到居住地社区报到(或逾期未复核)']]),
    );
    const set = await u.zzb.request('PUT', '/api/cobuild/settings', { reconfirmMonths: 6, targetRate: 90 });
    expect(set.body).toEqual({ reconfirmMonths: 6, checkinOpensMin: 30, checkoutGraceMin: 120, targetRate: 90 });
    expect((await u['fin-sec'].request('PUT', '/api/cobuild/settings', { targetRate: 10 })).status).toBe(403);
    const reg = (await regs())[0].id;
    expect((await u['a1-sec'].post(`/api/cobuild/registrations/${reg}/confirm`)).status).toBe(403);
    expect((await u['fin-member'].post(`/api/cobuild/registrations/${reg}/confirm`)).status).toBe(200);
    expect((await regs())[0]).toMatchObject({ confirmed_date: '2026-10-01', due_date: '2027-04-01' });
    expect((await q('2026-10-01')).get(k.orgs.fin)).toMatchObject({ value: 50 });
  });

  it('the member ends the registration (moved); history is kept and audited', async () => {
    const reg = (await regs())[0].id;
    expect((await u['fin-member'].post(`/api/cobuild/registrations/${reg}/end`, { reason: '搬家至城南' })).status).toBe(
      200,
    );
    const detail = await u['fin-member'].get(`/api/cobuild/registrations/${reg}`);
    expect(detail.body.events.map((e: any) => e.kind)).toEqual(['reported', 'accepted', 'confirmed', 'ended']);
    const audits = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'cobuild.registration.%')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'cobuild.registration.report',
      'cobuild.registration.accept',
      'cobuild.registration.report',
      'cobuild.registration.decline',
      'cobuild.registration.report_unit',
      'cobuild.registration.accept',
      'cobuild.registration.confirm',
      'cobuild.registration.end',
    ]);
    const again = await u['fin-member'].post('/api/cobuild/registrations', { communityId: c.orgs.b1 });
    expect(again.status).toBe(201);
  });
});
