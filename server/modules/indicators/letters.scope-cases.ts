import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';

/** 乙镇's 目标责任书 (issued by the county, signed by 乙镇): town-a cannot read, print or sign it. */
const letters: ScopeModule = {
  async setup({ c, client }) {
    const zzb = await client('zzb');
    const townB = await client('town-b');
    const r = await zzb.post('/api/responsibility-letters', {
      orgIds: [c.orgs.townB],
      year: 2031,
      title: '乙镇2031年度目标管理责任书',
      items: [{ kind: '重点任务', text: '乙镇茶园提质改造' }],
    });
    if (r.status !== 200) throw new Error(`letters scope setup → ${r.status} ${JSON.stringify(r.body)}`);
    const id = r.body.ids[0] as number;
    const s = await townB.post(`/api/responsibility-letters/${id}/sign`);
    if (s.status !== 200) throw new Error(`letters scope setup sign → ${s.status}`);
    return { letter: id };
  },
  cases: (ids, c) => {
    const L = `/api/responsibility-letters/${ids.letter}`;
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    return {
      'GET /api/responsibility-letters': { kind: 'list', url: () => '/api/responsibility-letters?year=2031' },
      'POST /api/responsibility-letters': denied({
        method: 'POST',
        url: '/api/responsibility-letters',
        body: {
          orgIds: [c.orgs.townB],
          year: 2032,
          title: '越权下达责任书',
          items: [{ kind: '党建', text: '越权条目' }],
        },
      }),
      'GET /api/responsibility-letters/:id': denied({ method: 'GET', url: L }),
      'POST /api/responsibility-letters/:id/sign': denied({ method: 'POST', url: `${L}/sign`, body: {} }),
      'GET /api/responsibility-letters/:id/letter.docx': denied({ method: 'GET', url: `${L}/letter.docx` }),
    };
  },
};
export default letters;
