import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { clients, type Cobuild, seedCobuild } from './test-helpers.ts';

const clock = new ManualClock('2026-04-07T01:00:00Z');
let t: TestApp;
let c: County;
let k: Cobuild;
let u: Record<string, Client>;
let need: number;
const db = () => t.database.db;
const claims = () => db().selectFrom('cobuild_claim').selectAll().orderBy('id').execute();
const NEED = {
  title: '东村老年活动室周末值守',
  category: '助老助残',
  description: '周六上午陪伴独居老人,协助读报、量血压',
  place: '东村党群服务中心',
  startDate: '2026-04-10',
  endDate: '2026-05-31',
  headcount: 2,
  skills: '有护理经验者优先',
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(db());
  k = await seedCobuild(db(), c);
  u = await clients(t.app);
  // 周财一 reports to 东村; the finance branch pairs with 东村.
  const r = await u['fin-member'].post('/api/cobuild/registrations', { communityId: c.orgs.a1 });
  await u['a1-sec'].post(`/api/cobuild/registrations/${r.body.id}/accept`);
  const p = await u['fin-sec'].post('/api/cobuild/registrations/unit', { unitId: k.orgs.fin, communityId: c.orgs.a1 });
  await u['a1-sec'].post(`/api/cobuild/registrations/${p.body.id}/accept`);
});
afterAll(() => t.close());

describe('需求清单 and two-way claiming', () => {
  it('the community publishes a need; the paired unit is told; bad input changes nothing', async () => {
    for (const [b, m] of [
      [{ ...NEED, endDate: '2026-04-01' }, '结束日期不能早于开始日期'],
      [{ ...NEED, startDate: '2026-03-01', endDate: '2026-03-31' }, '结束日期不能早于今天'],
      [{ ...NEED, headcount: 0 }, '需要人数'],
      [{ ...NEED, category: '吃喝' }, '类别'],
    ] as const) {
      const r = await u['a1-sec'].post('/api/cobuild/needs', { communityId: c.orgs.a1, ...b });
      expect(r.status).toBe(400);
      expect(r.body.message).toContain(m);
    }
    expect((await u['town-b'].post('/api/cobuild/needs', { communityId: c.orgs.a1, ...NEED })).status).toBe(404);
    expect((await u['fin-member'].post('/api/cobuild/needs', { communityId: c.orgs.a1, ...NEED })).status).toBe(403);
    expect(await db().selectFrom('cobuild_need').select('id').execute()).toEqual([]);
    const r = await u['a1-sec'].post('/api/cobuild/needs', { communityId: c.orgs.a1, ...NEED });
    expect(r.status).toBe(201);
    need = r.body.id;
    const n = await db().selectFrom('notification').select('message').where('org_id', '=', k.orgs.fin).execute();
    expect(n.map((x) => x.message)).toContain('结对社区甲镇东村党支部发布需求:东村老年活动室周末值守');
  });

  it('GET /api/cobuild/needs → { items, total } for those who may serve there, nobody else', async () => {
    const mine = await u['fin-member'].get('/api/cobuild/needs');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0]).toMatchObject({
      id: need,
      title: NEED.title,
      headcount: 2,
      claimedCount: 0,
      status: 'open',
      canManage: false,
      myClaim: null,
    });
    expect((await u['fin-wu'].get('/api/cobuild/needs')).body.total).toBe(1); // her unit is paired with 东村
    expect((await u['audit-member'].get('/api/cobuild/needs')).body).toEqual({ items: [], total: 0 });
    expect((await u['town-b'].get('/api/cobuild/needs')).body.total).toBe(0);
    expect((await u['town-b'].get(`/api/cobuild/needs/${need}`)).status).toBe(404);
    expect((await u['a1-sec'].get('/api/cobuild/needs')).body.items[0].canManage).toBe(true);
  });

  it('members and the paired unit claim (201); a stranger cannot; one claim per claimant', async () => {
    const m = await u['fin-member'].post(`/api/cobuild/needs/${need}/claim`, { note: '周六上午可以' });
    expect(m.status).toBe(201);
    const n0 = (await claims()).length;
    const twice = await u['fin-member'].post(`/api/cobuild/needs/${need}/claim`, {});
    expect([twice.status, twice.body.code, twice.body.message]).toEqual([409, 'ALREADY_CLAIMED', '已认领过该需求']);
    expect((await claims()).length).toBe(n0);
    const unit = await u['fin-sec'].post(`/api/cobuild/needs/${need}/claim`, {
      unitId: k.orgs.fin,
      headcount: 1,
      note: '派两名青年党员轮值',
    });
    expect(unit.status).toBe(201);
    expect((await u['audit-member'].post(`/api/cobuild/needs/${need}/claim`, {})).status).toBe(404);
    expect((await u['fin-sec'].post(`/api/cobuild/needs/${need}/claim`, { unitId: k.orgs.audit })).status).toBe(404);
    const wu = await u['fin-wu'].post(`/api/cobuild/needs/${need}/claim`, {});
    expect(wu.status).toBe(201);
    expect((await claims()).map((x) => [x.claimant, x.member_id, x.org_id, x.status])).toEqual([
      ['member', k.members.zhou, null, 'pending'],
      ['unit', null, k.orgs.fin, 'pending'],
      ['member', k.members.wu, null, 'pending'],
    ]);
    const todo = await u['a1-sec'].get('/api/cobuild/claims?box=todo');
    // 吴财二 has not reported to 东村: the community sees her name masked.
    expect(todo.body.items.map((x: any) => x.claimantName)).toEqual(['吴*二', '县财政局机关党支部', '周财一']);
  });

  it('the community accepts within the headcount, declines with a reason', async () => {
    const [mz, mu, mw] = (await claims()).map((x) => x.id);
    expect((await u['fin-sec'].post(`/api/cobuild/claims/${mz}/accept`, {})).status).toBe(404);
    expect((await u['a1-sec'].post(`/api/cobuild/claims/${mz}/accept`, { note: '请周六8点到' })).status).toBe(200);
    expect((await u['a1-sec'].post(`/api/cobuild/claims/${mu}/accept`, {})).status).toBe(200);
    const full = await u['a1-sec'].post(`/api/cobuild/claims/${mw}/accept`, {});
    expect(full.status).toBe(409);
    expect(full.body.message).toContain('名额不足');
    expect((await u['a1-sec'].post(`/api/cobuild/claims/${mw}/decline`, {})).status).toBe(400);
    expect(
      (await u['a1-sec'].post(`/api/cobuild/claims/${mw}/decline`, { reason: '名额已满,欢迎参加下次活动' })).status,
    ).toBe(200);
    expect((await claims()).map((x) => [x.status, x.reason])).toEqual([
      ['accepted', '请周六8点到'],
      ['accepted', null],
      ['declined', '名额已满,欢迎参加下次活动'],
    ]);
    const mine = await u['fin-member'].get('/api/cobuild/needs');
    expect(mine.body.items[0]).toMatchObject({ claimedCount: 2, myClaim: { id: mz, status: 'accepted' } });
    const unitView = await u['fin-sec'].get('/api/cobuild/claims?box=mine');
    expect(unitView.body.items.map((x: any) => [x.claimantName, x.status])).toEqual([
      ['县财政局机关党支部', 'accepted'],
    ]);
  });

  it('fulfilment credits the accepted claimants; a closed need cannot be claimed', async () => {
    expect((await u['a1-sec'].post(`/api/cobuild/needs/${need}/fulfil`)).status).toBe(200);
    expect((await claims()).map((x) => x.status)).toEqual(['fulfilled', 'fulfilled', 'declined']);
    const pts = await u['fin-member'].get('/api/cobuild/points');
    expect(pts.body.items.map((x: any) => [x.action, x.points])).toEqual([
      ['needFulfilled', 2],
      ['report', 5],
    ]);
    expect((await u['fin-sec'].get(`/api/cobuild/points?unitId=${k.orgs.fin}`)).body.sum).toBe(5 + 2);
    const other = await u['a1-sec'].post('/api/cobuild/needs', { communityId: c.orgs.a1, ...NEED, title: '河道清理' });
    expect((await u['a1-sec'].post(`/api/cobuild/needs/${other.body.id}/close`, {})).status).toBe(400);
    expect(
      (await u['a1-sec'].post(`/api/cobuild/needs/${other.body.id}/close`, { reason: '镇里已统一安排' })).status,
    ).toBe(200);
    const before = await claims();
    const gone = await u['fin-member'].post(`/api/cobuild/needs/${other.body.id}/claim`, {});
    expect(gone.status).toBe(404); // closed needs are no longer offered outside the community…
    const closed = await u['a1-sec'].post(`/api/cobuild/needs/${other.body.id}/claim`, {});
    expect(closed.status).toBe(409); // …and a villager who still sees it is told why
    expect(closed.body.message).toBe('该需求已关闭,不能认领');
    const done = await u['fin-member'].post(`/api/cobuild/needs/${need}/claim`, {});
    expect([404, 409]).toContain(done.status);
    expect(await claims()).toEqual(before);
  });
});

describe('资源清单 and 项目清单', () => {
  it('a unit offers a resource; the paired community claims it; the unit answers', async () => {
    const r = await u['fin-sec'].post('/api/cobuild/resources', {
      unitId: k.orgs.fin,
      title: '财政政策宣讲',
      category: '政策宣讲',
      description: '惠民惠农财政补贴政策解读',
      availableFrom: '2026-04-01',
      availableTo: '2026-12-31',
      contact: '周财一 13800000000',
    });
    expect(r.status).toBe(201);
    expect((await u['town-b'].get('/api/cobuild/resources')).body.total).toBe(0);
    const offered = await u['a1-sec'].get(`/api/cobuild/resources?forCommunityId=${c.orgs.a1}`);
    expect(offered.body.items.map((x: any) => [x.title, x.owner, x.canManage])).toEqual([
      ['财政政策宣讲', '县财政局机关党支部', false],
    ]);
    expect(
      (await u['town-b'].post(`/api/cobuild/resources/${r.body.id}/claim`, { communityId: c.orgs.b1 })).status,
    ).toBe(404);
    const k1 = await u['a1-sec'].post(`/api/cobuild/resources/${r.body.id}/claim`, {
      communityId: c.orgs.a1,
      note: '五月党员活动日',
    });
    expect(k1.status).toBe(201);
    const again = await u['a1-sec'].post(`/api/cobuild/resources/${r.body.id}/claim`, { communityId: c.orgs.a1 });
    expect([again.status, again.body.code, again.body.message]).toEqual([
      409,
      'ALREADY_CLAIMED',
      '本社区已认领过该资源',
    ]);
    expect((await claims()).filter((x) => x.resource_id === r.body.id)).toHaveLength(1);
    expect((await u['a1-sec'].post(`/api/cobuild/claims/${k1.body.id}/accept`, {})).status).toBe(403);
    const todo = await u['fin-sec'].get('/api/cobuild/claims?box=todo');
    expect(todo.body.items.map((x: any) => [x.target, x.claimantName])).toEqual([['resource', '甲镇东村党支部']]);
    expect((await u['fin-sec'].post(`/api/cobuild/claims/${k1.body.id}/accept`, { note: '5月8日上午' })).status).toBe(
      200,
    );
    expect(
      (await db().selectFrom('cobuild_claim').select('status').where('id', '=', k1.body.id).executeTakeFirstOrThrow())
        .status,
    ).toBe('accepted');
  });

  it('a joint project with a paired lead unit; completion credits the lead unit and lead member', async () => {
    const bad = await u['a1-sec'].post('/api/cobuild/projects', {
      communityId: c.orgs.a1,
      leadOrgId: k.orgs.audit,
      title: '东村道路亮化',
      category: '环境整治',
      startDate: '2026-04-01',
      endDate: '2026-09-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('已与本社区结对');
    const p = await u['a1-sec'].post('/api/cobuild/projects', {
      communityId: c.orgs.a1,
      leadOrgId: k.orgs.fin,
      leadMemberId: k.members.zhou,
      title: '东村道路亮化',
      category: '环境整治',
      startDate: '2026-04-01',
      endDate: '2026-09-30',
    });
    expect(p.status).toBe(201);
    expect((await u['fin-sec'].get('/api/cobuild/projects')).body.items[0]).toMatchObject({
      title: '东村道路亮化',
      lead: { name: '县财政局机关党支部' },
      canManage: false,
    });
    expect((await u['fin-sec'].post(`/api/cobuild/projects/${p.body.id}/complete`)).status).toBe(403);
    expect((await u['a1-sec'].post(`/api/cobuild/projects/${p.body.id}/complete`)).status).toBe(200);
    const led = await db()
      .selectFrom('cobuild_point')
      .select(['subject_kind', 'subject_id', 'points'])
      .where('action', '=', 'leadProject')
      .orderBy('id')
      .execute();
    expect(led).toEqual([
      { subject_kind: 'unit', subject_id: k.orgs.fin, points: 5 },
      { subject_kind: 'member', subject_id: k.members.zhou, points: 5 },
    ]);
  });
});
