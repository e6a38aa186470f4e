import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';

const B_MARKERS = ['乙镇', '赵四海', '钱文静', 'TB01', 'town-b'];
const leaks = (x: unknown) => B_MARKERS.filter((m) => JSON.stringify(x).includes(m));

/**
 * 乙镇's own 调研 (registered by town-b to 乙镇南村, with a finding and a coordinator's proposal),
 * and a county visit to 乙镇. town-a sees none of them, cannot plan a visit into 乙镇, and cannot
 * flag, change, cancel or record anything on them.
 */
const research: ScopeModule = {
  async setup({ client, c }) {
    const townB = await client('town-b');
    const dcs = await client('dcs');
    const ok = (r: { status: number; body: any }, what: string) => {
      if (r.status >= 300) throw new Error(`research scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const visit = ok(
      await townB.post('/api/research-visits', {
        title: '乙镇南村产业调研',
        leader: '乙镇镇长',
        startDate: '2026-01-05',
        endDate: '2026-01-05',
        placeOrgIds: [c.orgs.b1],
      }),
      'visit',
    ).id as number;
    ok(
      await townB.post(`/api/research-visits/${visit}/findings`, {
        placeOrgId: c.orgs.b1,
        kind: '问题',
        text: '乙镇南村道路破损',
      }),
      'finding',
    );
    const county = ok(
      await dcs.post('/api/research-visits', {
        title: '县委到乙镇调研',
        leader: '县委书记',
        startDate: '2030-05-06',
        endDate: '2030-05-06',
        placeOrgIds: [c.orgs.b1],
      }),
      'county visit',
    ).id as number;
    const proposal = ok(
      await dcs.post(`/api/research-visits/${county}/proposals`, {
        startDate: '2030-05-08',
        endDate: '2030-05-08',
        note: '请错开乙镇赶集日',
      }),
      'proposal',
    ).id as number;
    return { visit, county, proposal };
  },

  cases: ({ visit, county, proposal }, c) => {
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const V = (id: number) => `/api/research-visits/${id}`;
    const into = { title: '越界调研', startDate: '2030-06-01', endDate: '2030-06-01', placeOrgIds: [c.orgs.b1] };
    const json = (urls: string[]): Case => ({
      kind: 'custom',
      run: async (townA) => {
        const out: string[] = [];
        for (const u of urls) {
          const r = await townA.get(u);
          if (r.status !== 200 || leaks(r.body).length)
            out.push(`${u} → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
        }
        return out;
      },
    });
    return {
      'GET /api/research-visits': json([
        '/api/research-visits?pageSize=500',
        '/api/research-visits?side=host&pageSize=500',
        `/api/research-visits?leader=${encodeURIComponent('乙镇镇长')}`,
        '/api/research-visits?from=2026-01-01&to=2030-12-31&pageSize=500',
      ]),
      'GET /api/research-visits/leaders': { kind: 'list', url: () => '/api/research-visits/leaders' },
      'POST /api/research-visits/check': denied({ method: 'POST', url: '/api/research-visits/check', body: into }),
      'POST /api/research-visits': denied({ method: 'POST', url: '/api/research-visits', body: into }),
      'GET /api/research-visits/:id': denied(
        { method: 'GET', url: V(visit) },
        { method: 'GET', url: V(county) },
        { method: 'GET', url: `/api/research-visits?placeOrgId=${c.orgs.b1}` },
      ),
      'PATCH /api/research-visits/:id': denied({ method: 'PATCH', url: V(visit), body: { title: '越权修改' } }),
      'POST /api/research-visits/:id/confirm': denied({
        method: 'POST',
        url: `${V(county)}/confirm`,
        body: { reason: '越权' },
      }),
      'POST /api/research-visits/:id/merge': denied({
        method: 'POST',
        url: `${V(visit)}/merge`,
        body: { intoVisitId: county },
      }),
      'POST /api/research-visits/:id/cancel': denied({
        method: 'POST',
        url: `${V(county)}/cancel`,
        body: { reason: '越权取消' },
      }),
      'POST /api/research-visits/:id/proposals': denied({
        method: 'POST',
        url: `${V(county)}/proposals`,
        body: { startDate: '2030-05-09', endDate: '2030-05-09', note: '越权' },
      }),
      'POST /api/research-visits/:id/proposals/:proposalId/answer': denied({
        method: 'POST',
        url: `${V(county)}/proposals/${proposal}/answer`,
        body: { accept: true },
      }),
      'POST /api/research-visits/:id/flags': denied({
        method: 'POST',
        url: `${V(county)}/flags`,
        body: { note: '越权反馈' },
      }),
      'POST /api/research-visits/:id/findings': denied({
        method: 'POST',
        url: `${V(visit)}/findings`,
        body: { placeOrgId: c.orgs.b1, kind: '问题', text: '越权记录' },
      }),
      'GET /api/research-findings': json(['/api/research-findings?pageSize=500']),
      'GET /api/research/heat': { kind: 'list', url: () => '/api/research/heat?year=2026' },
      'GET /api/research/unvisited': { kind: 'list', url: () => '/api/research/unvisited?year=2030&level=village' },
      'GET /api/research/settings': {
        kind: 'public',
        why: 'the county-wide limits of the conflict check, no org data',
      },
      'PUT /api/research/settings': denied({
        method: 'PUT',
        url: '/api/research/settings',
        body: { windowDays: 0, monthlyMax: 99, classicRouteMax: 99, escortLimits: {} },
      }),
    };
  },
};
export default research;
