import type { Attempt, ScopeModule } from '../../test/scope-types.ts';
import { both, ensureUser } from '../../test/scope.test-support.ts';

const corrections: ScopeModule = {
  async setup({ db, c, client }) {
    const supB = await ensureUser(db, client, { username: 'dcs-b', role: 'supervisor', scopeOrgId: c.orgs.townB });
    const supA = await ensureUser(db, client, { username: 'dcs-a', role: 'supervisor', scopeOrgId: c.orgs.townA });
    const must = async (what: string, p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      if (r.status !== 200 && r.status !== 201)
        throw new Error(`corrections scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const text = '乙镇要加强宣传引导,营造浓厚氛围。乙镇南村要完成党员活动室改造。';
    const docB = await must(
      '乙镇 document',
      supB.post('/api/documents', { title: '乙镇党委会议纪要', date: '2026-01-05', text }),
    );
    const docA = await must(
      '甲镇 document',
      supA.post('/api/documents', { title: '甲镇党委会议纪要', date: '2026-01-05', text: '甲镇东村要完成道路硬化。' }),
    );
    await must(
      '乙镇 corrections',
      supB.post(`/api/documents/${docB.id}/corrections`, {
        corrections: [{ kind: 'not_task', text: '乙镇要加强宣传引导,营造浓厚氛围', start: 0, end: 16 }],
      }),
    );
    const lessons = await must('乙镇 lessons', supB.get('/api/extraction-corrections'));
    if (lessons.items?.length !== 1) throw new Error('corrections scope setup: lesson not kept');
    return { docB: docB.id, docA: docA.id, lessonB: lessons.items[0].id, supA, member: await client('member-a') };
  },
  cases: (ids, c) => {
    const at = (method: Attempt['method'], url: string, body?: unknown): Attempt => ({ method, url, body });
    const unit = (leadOrgId: number) => ({
      corrections: [
        {
          kind: 'unit',
          text: '甲镇东村要完成道路硬化',
          start: 0,
          end: 11,
          unitText: null,
          unitSource: 'none',
          proposalType: null,
          leadOrgId,
        },
      ],
    });
    return {
      'POST /api/documents/:id/corrections': both(ids, () => [
        at('POST', `/api/documents/${ids.docB}/corrections`, unit(c.orgs.a1)),
        // 甲镇's own document, taught a 乙镇 unit as its lead: 404 for the unit
        at('POST', `/api/documents/${ids.docA}/corrections`, unit(c.orgs.b1)),
      ]),
      'GET /api/extraction-corrections': { kind: 'list', url: () => '/api/extraction-corrections?pageSize=500' },
      'DELETE /api/extraction-corrections/:id': both(ids, () => [
        at('DELETE', `/api/extraction-corrections/${ids.lessonB}`),
      ]),
    };
  },
};
export default corrections;
