import { upload } from '../imports/test-helpers.ts';
import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';
import { leaks } from '../../test/scope.test-support.ts';

/**
 * 乙镇's commendations: its 优秀党员 nomination in the county's round (town-a sees the round but not
 * that nomination), and 乙镇党委's own round in 公示 with an objection (invisible to town-a).
 */
const commendations: ScopeModule = {
  async setup({ c, client }) {
    const zzb = await client('zzb');
    const townB = await client('town-b');
    const must = (r: { status: number; body: any }, what: string) => {
      if (r.status !== 200)
        throw new Error(`commendations scope setup ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const quotas = [{ category: '优秀党员', count: 2 }];
    const county = must(
      await zzb.post('/api/commend-rounds', {
        year: 2031,
        name: '2031年度县委表彰',
        level: '县委',
        quotaMode: '严格',
        quotas,
      }),
      'county round',
    ).id;
    const nB = must(
      await townB.post(`/api/commend-rounds/${county}/nominations`, {
        category: '优秀党员',
        memberId: c.members.mB1,
        deeds: '乙镇南村赵四海带头修路',
      }),
      'nominate',
    ).id;
    const own = must(
      await townB.post('/api/commend-rounds', {
        year: 2031,
        name: '乙镇2031年度表彰',
        level: '乡镇党委',
        quotaMode: '提醒',
        quotas,
      }),
      'town round',
    ).id;
    const nB2 = must(
      await townB.post(`/api/commend-rounds/${own}/nominations`, {
        category: '优秀党员',
        memberId: c.members.mB2,
        deeds: '乙镇钱文静扎根基层',
      }),
      'nominate own',
    ).id;
    must(await townB.post(`/api/commend-nominations/${nB2}/submit`), 'submit');
    must(await townB.post(`/api/commend-nominations/${nB2}/approve`, { pass: true }), 'approve');
    must(await townB.post(`/api/commend-rounds/${own}/publicity`, {}), 'publicity');
    const obj = must(
      await townB.post(`/api/commend-nominations/${nB2}/objections`, { text: '乙镇群众反映情况' }),
      'object',
    ).id;
    return { county, own, nB, nB2, obj };
  },
  cases: (ids, c) => {
    const R = `/api/commend-rounds/${ids.own}`;
    const N = `/api/commend-nominations/${ids.nB}`;
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const decision = { pass: false, reason: '越权退回' };
    return {
      'GET /api/commend-rounds': { kind: 'list', url: () => '/api/commend-rounds?year=2031' },
      'POST /api/commend-rounds': denied({
        method: 'POST',
        url: '/api/commend-rounds',
        body: {
          year: 2031,
          name: '越权设立表彰',
          level: '乡镇党委',
          ownerOrgId: c.orgs.townB,
          quotaMode: '严格',
          quotas: [{ category: '优秀党员', count: 1 }],
        },
      }),
      'GET /api/commend-rounds/:id': { kind: 'list', url: () => `/api/commend-rounds/${ids.county}` },
      'POST /api/commend-rounds/:id/nominations': denied(
        {
          method: 'POST',
          url: `${R}/nominations`,
          body: { category: '优秀党员', memberId: c.members.mA1, deeds: '越权推荐' },
        },
        {
          method: 'POST',
          url: `/api/commend-rounds/${ids.county}/nominations`,
          body: { category: '优秀党员', orgId: c.orgs.townB, memberId: c.members.mB2, deeds: '越权推荐' },
        },
      ),
      'PATCH /api/commend-nominations/:id': denied({ method: 'PATCH', url: N, body: { deeds: '越权修改' } }),
      'POST /api/commend-nominations/:id/file': {
        kind: 'custom',
        run: async (townA) => {
          const r = await upload(townA, `${N}/file`, Buffer.from('%PDF'), 'x.pdf');
          return r.status === 404 && !leaks(r.body).length ? [] : [`town-a upload → ${r.status}`];
        },
      },
      'GET /api/commend-nominations/:id/file': denied({ method: 'GET', url: `${N}/file` }),
      'POST /api/commend-nominations/:id/submit': denied({ method: 'POST', url: `${N}/submit` }),
      'POST /api/commend-nominations/:id/review': denied({ method: 'POST', url: `${N}/review`, body: decision }),
      'POST /api/commend-nominations/:id/approve': denied({
        method: 'POST',
        url: `/api/commend-nominations/${ids.nB2}/approve`,
        body: decision,
      }),
      'POST /api/commend-rounds/:id/publicity': denied({ method: 'POST', url: `${R}/publicity`, body: {} }),
      'POST /api/commend-nominations/:id/objections': denied(
        { method: 'POST', url: `${N}/objections`, body: { text: '对乙镇推荐有异议' } },
        { method: 'POST', url: `/api/commend-nominations/${ids.nB2}/objections`, body: { text: '对乙镇推荐有异议' } },
      ),
      'GET /api/commend-rounds/:id/objections': denied({ method: 'GET', url: `${R}/objections` }),
      'POST /api/commend-objections/:id/answer': denied({
        method: 'POST',
        url: `/api/commend-objections/${ids.obj}/answer`,
        body: { answer: '越权答复', upheld: true },
      }),
      'POST /api/commend-rounds/:id/publish': denied({ method: 'POST', url: `${R}/publish`, body: {} }),
      'GET /api/commend-rounds/:id/list.xlsx': denied({ method: 'GET', url: `${R}/list.xlsx` }),
      'GET /api/commend-rounds/:id/list.docx': denied({ method: 'GET', url: `${R}/list.docx` }),
      'GET /api/orgs/:id/honours': denied({ method: 'GET', url: `/api/orgs/${c.orgs.townB}/honours` }),
      'GET /api/members/:id/honours': denied({ method: 'GET', url: `/api/members/${c.members.mB1}/honours` }),
      'GET /api/indicator-bulletin.docx': denied({
        method: 'GET',
        url: `/api/indicator-bulletin.docx?period=2031-01&orgId=${c.orgs.townB}`,
      }),
    };
  },
};
export default commendations;
