import type { ScopeModule } from '../../test/scope-types.ts';
import { at, both, ensureUser } from '../../test/scope.test-support.ts';

/** 乙镇's review draft: neither read, overwritten nor discarded from 甲镇 (404), nor by a 党员. */
const reviewDraft: ScopeModule = {
  async setup({ db, c, client }) {
    const supB = await ensureUser(db, client, { username: 'dcs-b', role: 'supervisor', scopeOrgId: c.orgs.townB });
    const supA = await ensureUser(db, client, { username: 'dcs-a', role: 'supervisor', scopeOrgId: c.orgs.townA });
    const text = '乙镇南村要完成党员活动室改造。';
    const doc = await supB.post('/api/documents', { title: '乙镇审核草稿用纪要', date: '2026-01-06', text });
    if (doc.status !== 201 && doc.status !== 200) throw new Error(`review draft scope setup: ${doc.status}`);
    const saved = await supB.request('PUT', `/api/documents/${doc.body.id}/review-draft`, draftBody(text.length - 1));
    if (saved.status !== 200)
      throw new Error(`review draft scope setup: ${saved.status} ${JSON.stringify(saved.body)}`);
    return { docB: doc.body.id, supA, member: await client('member-a') };
  },
  cases: (ids) => ({
    'GET /api/documents/:id/review-draft': both(ids, () => [at('GET', `/api/documents/${ids.docB}/review-draft`)]),
    'PUT /api/documents/:id/review-draft': both(ids, () => [
      at('PUT', `/api/documents/${ids.docB}/review-draft`, draftBody(5)),
    ]),
    'DELETE /api/documents/:id/review-draft': both(ids, () => [
      at('DELETE', `/api/documents/${ids.docB}/review-draft`),
    ]),
  }),
};

function draftBody(end: number) {
  const row = {
    key: 'r1',
    text: '乙镇南村要完成党员活动室改造',
    start: 0,
    end,
    leadOrgId: null,
    coOrgIds: [],
    dueDate: null,
    deadlineText: null,
    targets: [],
    unmatched: ['乙镇南村'],
    units: ['乙镇南村'],
  };
  return { baseVersion: null, rows: [row], taught: [], warnings: [] };
}
export default reviewDraft;
