import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';

/**
 * Two county assessments: one of 甲镇 and 乙镇 together (town-a reads only its own row and cannot
 * object to 乙镇's), one of 乙镇 alone (invisible to town-a). town-a can change neither.
 */
const assessments: ScopeModule = {
  async setup({ c, client }) {
    const zzb = await client('zzb');
    const make = async (name: string, orgIds: number[]) => {
      const r = await zzb.post('/api/assessments', {
        year: 2031,
        name,
        orgIds,
        parts: [{ source: 'monthly', weight: 100 }],
      });
      if (r.status !== 200) throw new Error(`assessments scope setup → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id as number;
    };
    const both = await make('2031年度乡镇综合考核', [c.orgs.townA, c.orgs.townB]);
    const onlyB = await make('乙镇2031年度专项考核', [c.orgs.townB]);
    const s = await zzb.post(`/api/assessments/${onlyB}/scores`, {
      orgId: c.orgs.townB,
      month: 3,
      score: 88,
      reason: '乙镇三月调度评分',
    });
    if (s.status !== 200) throw new Error(`assessments scope setup score → ${s.status}`);
    return { both, onlyB };
  },
  cases: (ids, c) => {
    const B = `/api/assessments/${ids.onlyB}`;
    const M = `/api/assessments/${ids.both}`;
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    return {
      'GET /api/assessments': { kind: 'list', url: () => '/api/assessments?year=2031' },
      'POST /api/assessments': denied({
        method: 'POST',
        url: '/api/assessments',
        body: { year: 2031, name: '越权考核方案', orgIds: [c.orgs.townB], parts: [{ source: 'monthly', weight: 100 }] },
      }),
      'GET /api/assessments/:id': { kind: 'list', url: () => M },
      'POST /api/assessments/:id/scores': denied({
        method: 'POST',
        url: `${M}/scores`,
        body: { orgId: c.orgs.townB, month: 4, score: 10, reason: '越权评分' },
      }),
      'POST /api/assessments/:id/adjustments': denied({
        method: 'POST',
        url: `${M}/adjustments`,
        body: { orgId: c.orgs.townB, kind: '一票否决', reason: '越权否决' },
      }),
      'POST /api/assessments/:id/compute': denied({ method: 'POST', url: `${B}/compute` }),
      'POST /api/assessments/:id/publicity': denied({ method: 'POST', url: `${B}/publicity`, body: {} }),
      'POST /api/assessments/:id/objections': denied(
        { method: 'POST', url: `${M}/objections`, body: { orgId: c.orgs.townB, text: '对乙镇结果有异议' } },
        { method: 'POST', url: `${B}/objections`, body: { orgId: c.orgs.townB, text: '对乙镇结果有异议' } },
      ),
      'GET /api/assessments/:id/objections': denied({ method: 'GET', url: `${B}/objections` }),
      'POST /api/assessments/:id/objections/:objectionId/answer': denied({
        method: 'POST',
        url: `${B}/objections/1/answer`,
        body: { answer: '越权答复', upheld: true },
      }),
      'POST /api/assessments/:id/publish': denied({ method: 'POST', url: `${B}/publish` }),
      'GET /api/assessments/:id/results.xlsx': denied({ method: 'GET', url: `${B}/results.xlsx` }),
    };
  },
};
export default assessments;
