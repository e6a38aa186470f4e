import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { type County, as, seedCounty } from '../../test/fixtures.ts';
import { type Client, type TestApp, createTestApp } from '../../test/harness.ts';

let t: TestApp;
let c: County;
let dcs: Client, townA: Client, branchA1: Client, zzb: Client;
const clock = new ManualClock('2026-03-02T02:00:00.000Z'); // 2026-03-02 10:00 in Shanghai

const visitCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('research_visit')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  dcs = await as(t.app, 'dcs');
  zzb = await as(t.app, 'zzb');
  townA = await as(t.app, 'town-a');
  branchA1 = await as(t.app, 'branch-a1');
});
afterAll(() => t.close());

describe('调研 registration and the conflict check', () => {
  let first: number;
  it('registers a visit with the exact acceptance shape and stores its places', async () => {
    const r = await dcs.post('/api/research-visits', {
      title: '基层党组织标准化建设调研',
      startDate: '2026-03-10',
      endDate: '2026-03-10',
      placeOrgIds: [c.orgs.a1],
    });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(['id', 'warnings']);
    expect(r.body.warnings).toEqual([]);
    first = r.body.id;
    const places = await t.database.db.selectFrom('research_place').selectAll().where('visit_id', '=', first).execute();
    expect(places).toMatchObject([
      { org_id: c.orgs.a1, township_id: c.orgs.townA, active: 1, start_date: '2026-03-10' },
    ]);
    const v = await t.database.db
      .selectFrom('research_visit')
      .selectAll()
      .where('id', '=', first)
      .executeTakeFirstOrThrow();
    expect(v).toMatchObject({ status: '待统筹', leader: 'dcs', visitor_level: '县级', owner_org_id: c.orgs.county });
  });

  it('a second team to the same village that week is warned, with the first visit named', async () => {
    const r = await zzb.post('/api/research-visits', {
      title: '发展党员工作调研',
      leader: '王副书记',
      startDate: '2026-03-12',
      endDate: '2026-03-13',
      placeOrgIds: [c.orgs.a1],
    });
    expect(r.status).toBe(201);
    const w = r.body.warnings.find((x: any) => x.kind === 'same_place');
    expect(w).toMatchObject({ otherVisitId: first });
    expect(w.message).toContain('基层党组织标准化建设调研');
    const d = await zzb.get(`/api/research-visits/${r.body.id}`);
    expect(d.status).toBe(200);
    expect(d.body.others.map((o: any) => o.id)).toEqual([first]);
    expect(d.body.others[0].places[0].name).toBe('甲镇东村党支部');
  });

  it('a visit to the township also meets the village visit (subtree), and another leader in the same township the same day', async () => {
    const r = await dcs.post('/api/research-visits/check', {
      title: '乡村振兴调研',
      leader: '李县长',
      startDate: '2026-03-10',
      endDate: '2026-03-10',
      placeOrgIds: [c.orgs.a2],
    });
    expect(r.status).toBe(200);
    expect(r.body.warnings).toEqual([expect.objectContaining({ kind: 'same_township_day', otherVisitId: first })]);
    const up = await dcs.post('/api/research-visits/check', {
      title: '全镇调研',
      leader: '李县长',
      startDate: '2026-03-16',
      endDate: '2026-03-16',
      placeOrgIds: [c.orgs.townA],
    });
    expect(up.body.warnings.filter((w: any) => w.kind === 'same_place').map((w: any) => w.otherVisitId)).toContain(
      first,
    );
    expect(await visitCount()).toBe(2); // the check saves nothing
  });

  it('a place over its monthly load is warned; limits are configurable and audited', async () => {
    const put = await dcs.request('PUT', '/api/research/settings', {
      windowDays: 0,
      monthlyMax: 2,
      classicRouteMax: 2,
      escortLimits: { 县级: { 县级: 2, 乡镇级: 1, 村级: 1 } },
    });
    expect(put.status).toBe(200);
    const r = await dcs.post('/api/research-visits/check', {
      title: '第三批',
      leader: '张部长',
      startDate: '2026-03-25',
      endDate: '2026-03-25',
      placeOrgIds: [c.orgs.a1],
    });
    expect(r.body.warnings.map((w: any) => w.kind).sort()).toEqual(['classic_route', 'place_load']);
    expect(r.body.warnings.find((w: any) => w.kind === 'classic_route').message).toContain('甲镇西村党支部');
    const a = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'research.limits')
      .execute();
    expect(a).toHaveLength(1);
  });

  it('陪同 over the limit is refused without a reason and accepted (with a warning) with one', async () => {
    const body = {
      title: '党建引领基层治理调研',
      leader: '赵主任',
      visitorLevel: '县级',
      startDate: '2026-04-08',
      endDate: '2026-04-08',
      placeOrgIds: [c.orgs.a2],
      escorts: [{ level: '乡镇级', count: 3 }],
    };
    const before = await visitCount();
    const bad = await dcs.post('/api/research-visits', body);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('ESCORT_OVER_LIMIT');
    expect(bad.body.message).toContain('超过规定的 1 人');
    expect(await visitCount()).toBe(before);
    const ok = await dcs.post('/api/research-visits', { ...body, escortReason: '涉及三个站所业务,需分管领导说明' });
    expect(ok.status).toBe(201);
    expect(ok.body.warnings.map((w: any) => w.kind)).toEqual(['escort']);
  });

  it('bad input: end before start, a place outside scope, unknown fields — nothing saved', async () => {
    const before = await visitCount();
    const r1 = await townA.post('/api/research-visits', {
      title: '倒序日期',
      startDate: '2026-05-10',
      endDate: '2026-05-09',
      placeOrgIds: [c.orgs.a1],
    });
    expect(r1.status).toBe(400);
    expect(r1.body.message).toBe('结束日期(2026-05-09)不能早于开始日期(2026-05-10)');
    const r2 = await townA.post('/api/research-visits', {
      title: '越界调研',
      startDate: '2026-05-10',
      endDate: '2026-05-10',
      placeOrgIds: [c.orgs.b1],
    });
    expect(r2.status).toBe(404);
    expect(r2.body.message).toContain('调研地点');
    const r3 = await townA.post('/api/research-visits', {
      title: '  ',
      startDate: '2026-05-10',
      endDate: '2026-05-10',
      placeOrgIds: [c.orgs.a1],
    });
    expect(r3.status).toBe(400);
    expect(r3.body.message).toContain('禁止无课题调研');
    const r4 = await townA.post('/api/research-visits', {
      title: 'x',
      startDate: '2026-05-10',
      endDate: '2026-05-10',
      placeOrgIds: [],
    });
    expect(r4.status).toBe(400);
    expect(await visitCount()).toBe(before);
  });
});

describe('coordination: confirm with a reason, merge, propose, the host side', () => {
  let a: number, b: number;
  beforeAll(async () => {
    await dcs.request('PUT', '/api/research/settings', {
      windowDays: 7,
      monthlyMax: 4,
      classicRouteMax: 5,
      escortLimits: {},
    });
    a = (
      await townA.post('/api/research-visits', {
        title: '甲镇产业调研',
        leader: '甲镇书记',
        startDate: '2026-06-02',
        endDate: '2026-06-02',
        placeOrgIds: [c.orgs.a2],
      })
    ).body.id;
    b = (
      await dcs.post('/api/research-visits', {
        title: '县委产业调研',
        leader: '县委书记',
        startDate: '2026-06-03',
        endDate: '2026-06-03',
        placeOrgIds: [c.orgs.a2],
      })
    ).body.id;
  });

  it('a township cannot coordinate; a coordinator must give a reason when warnings stand', async () => {
    expect((await townA.post(`/api/research-visits/${b}/confirm`, { reason: 'x' })).status).toBe(403);
    const r = await dcs.post(`/api/research-visits/${b}/confirm`, {});
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('REASON_REQUIRED');
    const v = await t.database.db
      .selectFrom('research_visit')
      .select('status')
      .where('id', '=', b)
      .executeTakeFirstOrThrow();
    expect(v.status).toBe('待统筹');
  });

  it('merging teams (合并同类项) moves the leader into the other team and frees the place', async () => {
    const r = await dcs.post(`/api/research-visits/${a}/merge`, { intoVisitId: b });
    expect(r.status).toBe(200);
    const rows = await t.database.db
      .selectFrom('research_visit')
      .select(['id', 'status', 'merged_into_id', 'members_json'])
      .where('id', 'in', [a, b])
      .orderBy('id')
      .execute();
    expect(rows[0]).toMatchObject({ status: '已合并', merged_into_id: b });
    expect(JSON.parse(rows[1].members_json)).toContain('甲镇书记');
    expect(
      await t.database.db.selectFrom('research_place').select('active').where('visit_id', '=', a).execute(),
    ).toEqual([{ active: 1 - 1 }]);
    const d = await dcs.get(`/api/research-visits/${b}`);
    expect(d.body.warnings).toEqual([]);
    expect(d.body.mergedFrom).toEqual([{ id: a, title: '甲镇产业调研', leader: '甲镇书记' }]);
    const n = await t.database.db
      .selectFrom('notification')
      .select(['org_id', 'kind'])
      .where('dedupe_key', '=', `research:merge:${a}`)
      .execute();
    expect(n).toEqual([{ org_id: c.orgs.townA, kind: 'research' }]);
    expect((await dcs.post(`/api/research-visits/${a}/merge`, { intoVisitId: b })).status).toBe(400);
  });

  it('confirming notifies the host; the host sees the visit and flags a clash', async () => {
    expect((await dcs.post(`/api/research-visits/${b}/confirm`, {})).status).toBe(200);
    const n = await t.database.db
      .selectFrom('notification')
      .select(['org_id', 'link'])
      .where('dedupe_key', 'like', `research:confirm:${b}:%`)
      .execute();
    expect(n).toEqual([{ org_id: c.orgs.a2, link: `/research/${b}` }]);
    const hostList = await townA.get('/api/research-visits?side=host&pageSize=100');
    expect(hostList.body.items.map((v: any) => v.id)).toContain(b);
    const f = await townA.post(`/api/research-visits/${b}/flags`, { note: '当天有省里安全生产检查' });
    expect(f.status).toBe(201);
    const d = await dcs.get(`/api/research-visits/${b}`);
    expect(d.body.flags).toMatchObject([{ note: '当天有省里安全生产检查', org: { id: c.orgs.a2 } }]);
    expect(d.body.flagCount).toBe(1);
  });

  it('a proposal of other dates, accepted by the registering side, moves the visit', async () => {
    const v = (
      await townA.post('/api/research-visits', {
        title: '甲镇人居环境调研',
        leader: '甲镇镇长',
        startDate: '2026-06-03',
        endDate: '2026-06-03',
        placeOrgIds: [c.orgs.a1],
      })
    ).body.id;
    const p = await dcs.post(`/api/research-visits/${v}/proposals`, {
      startDate: '2026-06-20',
      endDate: '2026-06-20',
      note: '6月3日县委书记在甲镇,请错开',
    });
    expect(p.status).toBe(201);
    const bad = await townA.post(`/api/research-visits/${v}/proposals`, {
      startDate: '2026-06-20',
      endDate: '2026-06-20',
      note: 'x',
    });
    expect(bad.status).toBe(403);
    const ans = await townA.post(`/api/research-visits/${v}/proposals/${p.body.id}/answer`, { accept: true });
    expect(ans.status).toBe(200);
    const row = await t.database.db
      .selectFrom('research_visit')
      .select(['start_date', 'end_date'])
      .where('id', '=', v)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ start_date: '2026-06-20', end_date: '2026-06-20' });
    const place = await t.database.db
      .selectFrom('research_place')
      .select('start_date')
      .where('visit_id', '=', v)
      .executeTakeFirstOrThrow();
    expect(place.start_date).toBe('2026-06-20');
    expect((await townA.post(`/api/research-visits/${v}/proposals/${p.body.id}/answer`, { accept: true })).status).toBe(
      400,
    );
  });
});

describe('findings, calendar, heat table and never-visited places', () => {
  it('findings become a 督查 task or a rectification item and are shared with the next team', async () => {
    const v = (
      await dcs.post('/api/research-visits', {
        title: '村级集体经济调研',
        leader: '县委副书记',
        startDate: '2026-03-01',
        endDate: '2026-03-01',
        placeOrgIds: [c.orgs.a2],
      })
    ).body.id;
    await dcs.post(`/api/research-visits/${v}/confirm`, { reason: '已与镇里核实' });
    const early = (
      await dcs.post('/api/research-visits', {
        title: '未来调研',
        startDate: '2026-09-01',
        endDate: '2026-09-01',
        placeOrgIds: [c.orgs.a2],
      })
    ).body.id;
    const tooEarly = await dcs.post(`/api/research-visits/${early}/findings`, {
      placeOrgId: c.orgs.a2,
      kind: '问题',
      text: 'x',
    });
    expect(tooEarly.status).toBe(400);
    const f1 = await dcs.post(`/api/research-visits/${v}/findings`, {
      placeOrgId: c.orgs.a2,
      kind: '问题',
      text: '村集体经济收入来源单一',
      outcome: 'task',
      dueDate: '2026-09-30',
    });
    expect(f1.status).toBe(201);
    const task = await t.database.db
      .selectFrom('task')
      .selectAll()
      .where('id', '=', f1.body.taskId)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({ lead_org_id: c.orgs.a2, due_date: '2026-09-30', status: 'pending' });
    expect(task.text).toContain('村集体经济收入来源单一');
    const f2 = await dcs.post(`/api/research-visits/${v}/findings`, {
      placeOrgId: c.orgs.a2,
      kind: '问题',
      text: '三会一课记录不全',
      outcome: 'rectification',
    });
    expect(f2.status).toBe(201);
    const item = await t.database.db
      .selectFrom('rectification_item')
      .selectAll()
      .where('id', '=', f2.body.rectificationId)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ org_id: c.orgs.a2, source: '调研', source_ref: `research_visit:${v}` });
    const branchTask = await townA.post(`/api/research-visits/${v}/findings`, {
      placeOrgId: c.orgs.a2,
      kind: '问题',
      text: 'x',
      outcome: 'task',
    });
    expect(branchTask.status).toBe(403);
    const next = (
      await townA.post('/api/research-visits', {
        title: '再到西村',
        startDate: '2026-10-10',
        endDate: '2026-10-10',
        placeOrgIds: [c.orgs.a2],
      })
    ).body.id;
    const d = await townA.get(`/api/research-visits/${next}`);
    expect(d.body.previousFindings.map((x: any) => x.text).sort()).toEqual([
      '三会一课记录不全',
      '村集体经济收入来源单一',
    ]);
    const shared = await branchA1.get('/api/research-findings');
    expect(shared.body.total).toBe(0); // a1 is not where it was found
    expect((await townA.get(`/api/research-findings?orgId=${c.orgs.a2}`)).body.total).toBe(2);
  });

  it('the calendar lists a range, per leader and per place', async () => {
    const r = await dcs.get('/api/research-visits?from=2026-03-01&to=2026-03-31&pageSize=100');
    expect(r.status).toBe(200);
    expect(r.body.items.every((v: any) => v.startDate <= '2026-03-31' && v.endDate >= '2026-03-01')).toBe(true);
    const byLeader = await dcs.get(`/api/research-visits?leader=${encodeURIComponent('王副书记')}`);
    expect(byLeader.body.items.map((v: any) => v.title)).toEqual(['发展党员工作调研']);
    const byPlace = await dcs.get(`/api/research-visits?placeOrgId=${c.orgs.townA}&pageSize=100`);
    expect(byPlace.body.total).toBeGreaterThan(3);
    expect((await dcs.get('/api/research-visits/leaders')).body.items).toContain('王副书记');
  });

  it('the heat table counts visits per township per month; never-visited places are listed', async () => {
    const h = await dcs.get('/api/research/heat?year=2026');
    expect(h.status).toBe(200);
    const a = h.body.rows.find((r: any) => r.orgId === c.orgs.townA);
    const b = h.body.rows.find((r: any) => r.orgId === c.orgs.townB);
    expect(a.months[2]).toBe(3); // March: two visits to 东村 and the 西村 visit of 1 March
    expect(b.total).toBe(0);
    const direct = await t.database.db
      .selectFrom('research_place')
      .select((eb) => eb.fn.count('visit_id').distinct().as('n'))
      .where('active', '=', 1)
      .where('start_date', '>=', '2026-03-01')
      .where('start_date', '<=', '2026-03-31')
      .where('township_id', '=', c.orgs.townA)
      .executeTakeFirstOrThrow();
    expect(Number(direct.n)).toBe(a.months[2]);
    const u = await dcs.get('/api/research/unvisited?year=2026');
    expect(u.body.items.map((x: any) => x.name)).toEqual(['乙镇南村党支部']);
    const towns = await dcs.get('/api/research/unvisited?year=2026&level=township');
    expect(towns.body.items.map((x: any) => x.name)).toEqual(['乙镇党委']); // offices (县财政局) are not places to visit
    expect(h.body.rows.map((r: any) => r.name)).toEqual(['甲镇党委', '乙镇党委']);
  });
});
