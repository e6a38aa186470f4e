/**
 * 共驻共建 in the scope matrix. 乙镇 gets everything: 乙镇南村 registered as a community, an
 * employer branch (乙镇机关党支部) with an in-service member who reported there, the branch paired
 * with 乙镇南村, a need with claims, a resource claimed by the community, a project, an activity
 * with a checked-in participant and a photo, points, an adjustment, a veto, a letter and a 乙镇
 * bulletin. town-a (甲镇) must neither read nor change any of it.
 */
import { insertMember, insertOrg, insertUser } from '../../test/fixtures.ts';
import type { Client } from '../../test/harness.ts';
import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';
import { PNG, upload } from './test-helpers.ts';

const B_MARKERS = ['乙镇', '赵四海', '钱文静', 'TB01', 'town-b'];
const leaks = (x: unknown) => B_MARKERS.some((m) => (typeof x === 'string' ? x : JSON.stringify(x)).includes(m));

const cobuild: ScopeModule = {
  async setup({ c, client, db }) {
    const ok = (r: { status: number; body: any }, what: string) => {
      if (r.status >= 300) throw new Error(`cobuild scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const zzb = await client('zzb');
    const townB = await client('town-b');
    const bUnit = await insertOrg(db, {
      code: 'TB-JG',
      name: '乙镇机关党支部',
      type: '党支部',
      parentId: c.orgs.townB,
    });
    const bMember = await insertMember(db, { name: '赵四海', orgId: bUnit, seq: 205 });
    await insertUser(db, { username: 'b-cadre', role: 'member', scopeOrgId: bUnit, memberId: bMember });
    const cadre = await client('b-cadre');
    ok(await zzb.post('/api/cobuild/communities', { items: [{ orgId: c.orgs.b1, kind: '村' }] }), 'community');
    const reg = ok(
      await cadre.post('/api/cobuild/registrations', { communityId: c.orgs.b1, address: '乙镇南村1组' }),
      'report',
    ).id;
    ok(await townB.post(`/api/cobuild/registrations/${reg}/accept`), 'accept');
    const pair = ok(
      await townB.post('/api/cobuild/registrations/unit', { unitId: bUnit, communityId: c.orgs.b1 }),
      'pair',
    ).id;
    ok(await townB.post(`/api/cobuild/registrations/${pair}/accept`), 'accept pair');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const need = ok(
      await townB.post('/api/cobuild/needs', {
        communityId: c.orgs.b1,
        title: '乙镇南村河道清理',
        category: '环境整治',
        startDate: today,
        endDate: '2099-12-31',
        headcount: 5,
      }),
      'need',
    ).id;
    const claim = ok(await cadre.post(`/api/cobuild/needs/${need}/claim`, { note: '乙镇干部认领' }), 'claim').id;
    const unitClaim = ok(
      await townB.post(`/api/cobuild/needs/${need}/claim`, { unitId: bUnit, headcount: 2 }),
      'unit claim',
    ).id;
    ok(await townB.post(`/api/cobuild/claims/${claim}/accept`, {}), 'accept claim');
    const resource = ok(
      await townB.post('/api/cobuild/resources', {
        unitId: bUnit,
        title: '乙镇机关会议室',
        category: '其他',
        availableFrom: today,
        availableTo: '2099-12-31',
      }),
      'resource',
    ).id;
    const resClaim = ok(
      await townB.post(`/api/cobuild/resources/${resource}/claim`, { communityId: c.orgs.b1 }),
      'res claim',
    ).id;
    const project = ok(
      await townB.post('/api/cobuild/projects', {
        communityId: c.orgs.b1,
        leadOrgId: bUnit,
        title: '乙镇南村文化墙',
        category: '文明创建',
        startDate: today,
        endDate: '2099-12-31',
      }),
      'project',
    ).id;
    const now = Date.now();
    const activity = ok(
      await townB.post('/api/cobuild/activities', {
        communityId: c.orgs.b1,
        needId: need,
        title: '乙镇南村河道清理活动',
        category: '环境整治',
        place: '乙镇南村河道',
        startsAt: new Date(now - 10 * 60_000).toISOString(),
        endsAt: new Date(now + 3 * 3600_000).toISOString(),
        signupLimit: 10,
      }),
      'activity',
    ).id;
    const qr = ok(await townB.get(`/api/cobuild/activities/${activity}/qr`), 'qr');
    const token = new URL(qr.signInUrl).searchParams.get('t')!;
    ok(await cadre.post('/api/cobuild/scan', { token }), 'scan');
    const photo = ok(
      await upload(cadre, `/api/cobuild/activities/${activity}/photos`, { name: '乙镇.png', data: PNG }),
      'photo',
    ).id;
    const signup = (
      await db.selectFrom('cobuild_signup').select('id').where('member_id', '=', bMember).executeTakeFirstOrThrow()
    ).id;
    ok(
      await zzb.post('/api/cobuild/points/adjustments', { memberId: bMember, points: 1, reason: '乙镇补录活动' }),
      'adjust',
    );
    const veto = ok(
      await zzb.post('/api/cobuild/vetoes', {
        unitId: bUnit,
        year: Number(today.slice(0, 4)),
        reason: '乙镇机关被通报',
      }),
      'veto',
    ).id;
    const q = Math.ceil(Number(today.slice(5, 7)) / 3);
    ok(await zzb.post('/api/cobuild/letters/generate', { year: Number(today.slice(0, 4)), quarter: q }), 'letters');
    const letter = (
      await db.selectFrom('cobuild_report').select('id').where('org_id', '=', bUnit).executeTakeFirstOrThrow()
    ).id;
    const bim = Math.ceil(Number(today.slice(5, 7)) / 2);
    const county = ok(
      await zzb.post('/api/cobuild/bulletins', { year: Number(today.slice(0, 4)), bimester: bim }),
      'bulletin',
    ).id;
    // A bulletin 乙镇 issued for itself (as a township with the settings permission would).
    const own = await db
      .insertInto('cobuild_report')
      .values({
        kind: 'bulletin',
        org_id: c.orgs.townB,
        period: `${today.slice(0, 4)}B${bim}`,
        from_date: today,
        to_date: today,
        data_json: JSON.stringify({
          title: '乙镇通报',
          summary: {},
          units: [],
          communities: [],
          lagging: [],
          org: { id: c.orgs.townB, name: '乙镇党委' },
        }),
        created_by: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      bUnit,
      bMember,
      reg,
      pair,
      need,
      claim,
      unitClaim,
      resource,
      resClaim,
      project,
      activity,
      token,
      photo,
      signup,
      veto,
      letter,
      county,
      ownBulletin: own.id,
    };
  },

  cases: (ids, c) => {
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const get = (url: string): Attempt => ({ method: 'GET', url });
    const post = (url: string, body: unknown = {}): Attempt => ({ method: 'POST', url, body });
    const B = c.orgs.b1;
    const RULES = {
      actions: { report: 1, serviceHour: 1, leadProject: 1, needFulfilled: 1 },
      caps: [],
      vetoEnabled: true,
      yearlyReset: true,
    };
    const custom = (run: (a: Client) => Promise<string[]>): Case => ({ kind: 'custom', run });
    return {
      'GET /api/cobuild/communities': {
        kind: 'public',
        why: 'the directory of communities (names, township, contact): every member picks where they live',
      },
      'GET /api/cobuild/communities/candidates': denied(get('/api/cobuild/communities/candidates')),
      'POST /api/cobuild/communities': denied(post('/api/cobuild/communities', { items: [{ orgId: B, kind: '村' }] })),
      'PATCH /api/cobuild/communities/:id': denied({
        method: 'PATCH',
        url: `/api/cobuild/communities/${B}`,
        body: { active: false },
      }),
      'GET /api/cobuild/settings': { kind: 'list', url: () => '/api/cobuild/settings' },
      'PUT /api/cobuild/settings': denied({ method: 'PUT', url: '/api/cobuild/settings', body: { targetRate: 10 } }),
      'GET /api/cobuild/registrations': {
        kind: 'list',
        url: () => `/api/cobuild/registrations?communityId=${B}&pageSize=100`,
      },
      'GET /api/cobuild/registrations/:id': denied(
        get(`/api/cobuild/registrations/${ids.reg}`),
        get(`/api/cobuild/registrations/${ids.pair}`),
      ),
      'POST /api/cobuild/registrations': {
        kind: 'self',
        why: 'a member reports themselves, to the community where they live (any in the county)',
      },
      'POST /api/cobuild/registrations/unit': denied(
        post('/api/cobuild/registrations/unit', { unitId: ids.bUnit, communityId: B }),
      ),
      'POST /api/cobuild/registrations/:id/accept': denied(post(`/api/cobuild/registrations/${ids.reg}/accept`)),
      'POST /api/cobuild/registrations/:id/decline': denied(
        post(`/api/cobuild/registrations/${ids.reg}/decline`, { reason: '越权退回' }),
      ),
      'POST /api/cobuild/registrations/:id/confirm': denied(post(`/api/cobuild/registrations/${ids.reg}/confirm`)),
      'POST /api/cobuild/registrations/:id/end': denied(
        post(`/api/cobuild/registrations/${ids.pair}/end`, { reason: '越权结束' }),
      ),
      'GET /api/cobuild/roster': custom(async (a) => {
        const f: string[] = [];
        if ((await a.get(`/api/cobuild/roster?unitId=${ids.bUnit}`)).status !== 404)
          f.push('roster of 乙镇机关 not 404');
        const r = await a.get('/api/cobuild/roster?pageSize=500');
        if (r.status !== 200 || leaks(r.body)) f.push('roster leaks');
        return f;
      }),
      'GET /api/cobuild/units': { kind: 'list', url: () => '/api/cobuild/units' },
      'GET /api/cobuild/overview': { kind: 'list', url: () => '/api/cobuild/overview' },
      'GET /api/cobuild/rankings': custom(async (a) => {
        const f: string[] = [];
        for (const kind of ['member', 'unit', 'community']) {
          const r = await a.get(`/api/cobuild/rankings?kind=${kind}&pageSize=500`);
          if (r.status !== 200 || leaks(r.body)) f.push(`rankings ${kind} leaks`);
        }
        return f;
      }),
      'GET /api/cobuild/me': { kind: 'self', why: "the caller's own member record" },
      'GET /api/cobuild/needs': { kind: 'list', url: () => '/api/cobuild/needs?pageSize=500' },
      'GET /api/cobuild/needs/:id': denied(get(`/api/cobuild/needs/${ids.need}`)),
      'POST /api/cobuild/needs': denied(
        post('/api/cobuild/needs', {
          communityId: B,
          title: '越权需求',
          category: '其他',
          startDate: '2099-01-01',
          endDate: '2099-01-02',
          headcount: 1,
        }),
      ),
      'PATCH /api/cobuild/needs/:id': denied({
        method: 'PATCH',
        url: `/api/cobuild/needs/${ids.need}`,
        body: { title: '越权修改' },
      }),
      'POST /api/cobuild/needs/:id/close': denied(post(`/api/cobuild/needs/${ids.need}/close`, { reason: '越权关闭' })),
      'POST /api/cobuild/needs/:id/fulfil': denied(post(`/api/cobuild/needs/${ids.need}/fulfil`)),
      'POST /api/cobuild/needs/:id/claim': denied(
        post(`/api/cobuild/needs/${ids.need}/claim`, {}),
        post(`/api/cobuild/needs/${ids.need}/claim`, { unitId: c.orgs.a2 }),
      ),
      'GET /api/cobuild/claims': { kind: 'list', url: () => '/api/cobuild/claims?pageSize=500' },
      'POST /api/cobuild/claims/:id/accept': denied(
        post(`/api/cobuild/claims/${ids.unitClaim}/accept`),
        post(`/api/cobuild/claims/${ids.resClaim}/accept`),
      ),
      'POST /api/cobuild/claims/:id/decline': denied(
        post(`/api/cobuild/claims/${ids.unitClaim}/decline`, { reason: '越权婉拒' }),
      ),
      'POST /api/cobuild/claims/:id/withdraw': denied(post(`/api/cobuild/claims/${ids.unitClaim}/withdraw`)),
      'GET /api/cobuild/resources': { kind: 'list', url: () => '/api/cobuild/resources?pageSize=500' },
      'POST /api/cobuild/resources': denied(
        post('/api/cobuild/resources', {
          unitId: ids.bUnit,
          title: '越权资源',
          category: '其他',
          availableFrom: '2099-01-01',
          availableTo: '2099-01-02',
        }),
      ),
      'POST /api/cobuild/resources/:id/withdraw': denied(post(`/api/cobuild/resources/${ids.resource}/withdraw`)),
      'POST /api/cobuild/resources/:id/claim': denied(
        post(`/api/cobuild/resources/${ids.resource}/claim`, { communityId: B }),
        post(`/api/cobuild/resources/${ids.resource}/claim`, { communityId: c.orgs.a1 }),
      ),
      'GET /api/cobuild/projects': { kind: 'list', url: () => '/api/cobuild/projects?pageSize=500' },
      'POST /api/cobuild/projects': denied(
        post('/api/cobuild/projects', {
          communityId: B,
          leadOrgId: ids.bUnit,
          title: '越权项目',
          category: '其他',
          startDate: '2099-01-01',
          endDate: '2099-01-02',
        }),
      ),
      'POST /api/cobuild/projects/:id/complete': denied(post(`/api/cobuild/projects/${ids.project}/complete`)),
      'POST /api/cobuild/projects/:id/cancel': denied(
        post(`/api/cobuild/projects/${ids.project}/cancel`, { reason: '越权取消' }),
      ),
      'GET /api/cobuild/activities': { kind: 'list', url: () => '/api/cobuild/activities?pageSize=500' },
      'GET /api/cobuild/activities/:id': denied(get(`/api/cobuild/activities/${ids.activity}`)),
      'POST /api/cobuild/activities': denied(
        post('/api/cobuild/activities', {
          communityId: B,
          title: '越权活动',
          category: '其他',
          place: '某处',
          startsAt: '2099-01-01T01:00:00.000Z',
          endsAt: '2099-01-01T02:00:00.000Z',
          signupLimit: 1,
        }),
      ),
      'POST /api/cobuild/activities/:id/cancel': denied(
        post(`/api/cobuild/activities/${ids.activity}/cancel`, { reason: '越权取消' }),
      ),
      'GET /api/cobuild/activities/:id/qr': denied(get(`/api/cobuild/activities/${ids.activity}/qr`)),
      'POST /api/cobuild/activities/:id/signup': denied(post(`/api/cobuild/activities/${ids.activity}/signup`)),
      'POST /api/cobuild/activities/:id/signup/cancel': denied(
        post(`/api/cobuild/activities/${ids.activity}/signup/cancel`),
      ),
      // Holding the activity's QR code (being on site) is what a sign-in needs; without a sign-up it is refused.
      'POST /api/cobuild/scan': denied({
        method: 'POST',
        url: '/api/cobuild/scan',
        body: { token: ids.token },
        status: [400, 403],
      }),
      'POST /api/cobuild/activities/:id/photos': denied(post(`/api/cobuild/activities/${ids.activity}/photos`)),
      'GET /api/cobuild/activities/:id/photos/:photoId': denied(
        get(`/api/cobuild/activities/${ids.activity}/photos/${ids.photo}`),
      ),
      'POST /api/cobuild/activities/:id/verify-all': denied(post(`/api/cobuild/activities/${ids.activity}/verify-all`)),
      'GET /api/cobuild/verifications': { kind: 'list', url: () => '/api/cobuild/verifications?pageSize=500' },
      'POST /api/cobuild/signups/:id/verify': denied(post(`/api/cobuild/signups/${ids.signup}/verify`, { hours: 1 })),
      'POST /api/cobuild/signups/:id/reject': denied(
        post(`/api/cobuild/signups/${ids.signup}/reject`, { reason: '越权驳回' }),
      ),
      'GET /api/cobuild/points': denied(
        get(`/api/cobuild/points?memberId=${ids.bMember}`),
        get(`/api/cobuild/points?unitId=${ids.bUnit}`),
      ),
      'POST /api/cobuild/points/adjustments': denied(
        post('/api/cobuild/points/adjustments', { memberId: ids.bMember, points: 5, reason: '越权加分操作' }),
      ),
      'GET /api/cobuild/rules': { kind: 'list', url: () => '/api/cobuild/rules' },
      'POST /api/cobuild/rules': denied(post('/api/cobuild/rules', { effectiveDate: '2099-01-01', rules: RULES })),
      'GET /api/cobuild/vetoes': { kind: 'list', url: () => '/api/cobuild/vetoes' },
      'POST /api/cobuild/vetoes': denied(
        post('/api/cobuild/vetoes', { memberId: ids.bMember, year: 2099, reason: '越权否决操作' }),
      ),
      'POST /api/cobuild/vetoes/:id/lift': denied(post(`/api/cobuild/vetoes/${ids.veto}/lift`, { reason: '越权撤销' })),
      'GET /api/cobuild/letters': { kind: 'list', url: () => '/api/cobuild/letters?pageSize=500' },
      'POST /api/cobuild/letters/generate': denied(post('/api/cobuild/letters/generate', { year: 2026, quarter: 1 })),
      'GET /api/cobuild/letters/:id': denied(get(`/api/cobuild/letters/${ids.letter}`)),
      'GET /api/cobuild/letters/:id/letter.docx': denied(get(`/api/cobuild/letters/${ids.letter}/letter.docx`)),
      'GET /api/cobuild/letters/:id/letter.xlsx': denied(get(`/api/cobuild/letters/${ids.letter}/letter.xlsx`)),
      'GET /api/cobuild/bulletins': { kind: 'list', url: () => '/api/cobuild/bulletins' },
      'POST /api/cobuild/bulletins': denied(post('/api/cobuild/bulletins', { year: 2026, bimester: 1 })),
      // A county bulletin (通报) is circulated to every township by design; 乙镇's own bulletin is not.
      'GET /api/cobuild/bulletins/:id/bulletin.docx': custom(async (a) => {
        const f: string[] = [];
        if ((await a.get(`/api/cobuild/bulletins/${ids.ownBulletin}/bulletin.docx`)).status !== 404)
          f.push('乙镇 bulletin readable');
        if ((await a.get(`/api/cobuild/bulletins/${ids.county}/bulletin.docx`)).status !== 200)
          f.push('county bulletin not circulated');
        return f;
      }),
      'GET /api/cobuild/bulletins/:id/bulletin.xlsx': denied(
        get(`/api/cobuild/bulletins/${ids.ownBulletin}/bulletin.xlsx`),
      ),
    };
  },
};

export default cobuild;
