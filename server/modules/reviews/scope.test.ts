/**
 * Scope cases for the review and rectification routes (the scope matrix delegates these prefixes
 * here): town-a tries every route on a campaign that reviews only 乙镇 and on 乙镇's rectification
 * items, and gets 403/404 with nothing of 乙镇 in the answer and nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';

let t: TestApp;
let c: County;
let zzb: Client, townA: Client, townB: Client;
let rid: number, cid: number, item: number;
const B_MARKERS = ['乙镇', '赵四海', '钱文静', 'TB01'];

type Attempt = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  xlsx?: boolean;
  docx?: boolean;
};
const cases: Record<string, { public: string } | (() => Attempt[])> = {
  'POST /api/ballots': { public: 'anonymous ballot: the one-time token is the authority' },
  'POST /api/ballots/form': { public: 'the token opens the form; names of reviewed orgs only' },
  'PUT /api/ballots/draft': { public: 'the token is the authority; the draft is kept under it alone, sealed' },
  'GET /api/reviews/:id/receipts': { public: 'receipt codes after close, published so voters can check' },
  'POST /api/reviews': () => [
    { method: 'POST', url: '/api/reviews', body: { title: '越权评议', year: 2024, orgIds: [c.orgs.townB] } },
  ],
  'GET /api/reviews': () => [{ method: 'GET', url: '/api/reviews' }],
  'GET /api/reviews/:id': () => [{ method: 'GET', url: `/api/reviews/${rid}` }],
  'PATCH /api/reviews/:id': () => [{ method: 'PATCH', url: `/api/reviews/${rid}`, body: { title: '越权改名' } }],
  'POST /api/reviews/:id/open-voting': () => [{ method: 'POST', url: `/api/reviews/${rid}/open-voting` }],
  'POST /api/reviews/:id/close': () => [{ method: 'POST', url: `/api/reviews/${rid}/close` }],
  'GET /api/reviews/:id/turnout': () => [{ method: 'GET', url: `/api/reviews/${rid}/turnout` }],
  'POST /api/reviews/:id/tokens': () => [{ method: 'POST', url: `/api/reviews/${rid}/tokens`, body: { count: 1 } }],
  'GET /api/reviews/:id/participants': () => [{ method: 'GET', url: `/api/reviews/${rid}/participants` }],
  'POST /api/reviews/:id/participants': () => [
    { method: 'POST', url: `/api/reviews/${rid}/participants`, body: { items: [{ name: '越权' }] } },
  ],
  'POST /api/reviews/:id/participants/:pid/issue': () => [
    { method: 'POST', url: `/api/reviews/${rid}/participants/1/issue` },
  ],
  'GET /api/reviews/:id/agenda': () => [{ method: 'GET', url: `/api/reviews/${rid}/agenda` }],
  'PUT /api/reviews/:id/agenda': () => [
    { method: 'PUT', url: `/api/reviews/${rid}/agenda`, body: { items: [{ orgId: c.orgs.townB }] } },
  ],
  'POST /api/reviews/:id/meeting/speaker': () => [
    { method: 'POST', url: `/api/reviews/${rid}/meeting/speaker`, body: { orgId: c.orgs.townB } },
  ],
  'GET /api/reviews/:id/screen': () => [{ method: 'GET', url: `/api/reviews/${rid}/screen` }],
  'GET /api/reviews/:id/reports': () => [{ method: 'GET', url: `/api/reviews/${rid}/reports` }],
  'GET /api/reviews/:id/reports/:orgId': () => [{ method: 'GET', url: `/api/reviews/${rid}/reports/${c.orgs.townB}` }],
  'PUT /api/reviews/:id/reports/:orgId': () => [
    { method: 'PUT', url: `/api/reviews/${rid}/reports/${c.orgs.townB}`, body: { text: '冒名报送的述职报告内容内容' } },
  ],
  'POST /api/reviews/:id/reports/:orgId/docx': () => [
    { method: 'POST', url: `/api/reviews/${rid}/reports/${c.orgs.townB}/docx`, body: {} },
  ],
  'POST /api/reviews/:id/reports/remind': () => [
    { method: 'POST', url: `/api/reviews/${rid}/reports/remind`, body: {} },
  ],
  'GET /api/reviews/:id/comments': () => [{ method: 'GET', url: `/api/reviews/${rid}/comments` }],
  'POST /api/reviews/:id/comments': () => [
    { method: 'POST', url: `/api/reviews/${rid}/comments`, body: { orgId: c.orgs.townB, summary: 'x', findings: [] } },
  ],
  'PATCH /api/reviews/comments/:id': () => [
    { method: 'PATCH', url: `/api/reviews/comments/${cid}`, body: { summary: '越权' } },
  ],
  'POST /api/reviews/comments/:id/submit': () => [{ method: 'POST', url: `/api/reviews/comments/${cid}/submit` }],
  'POST /api/reviews/comments/:id/approve': () => [{ method: 'POST', url: `/api/reviews/comments/${cid}/approve` }],
  'POST /api/reviews/comments/:id/return': () => [
    { method: 'POST', url: `/api/reviews/comments/${cid}/return`, body: { reason: '越权' } },
  ],
  'GET /api/reviews/:id/results': () => [{ method: 'GET', url: `/api/reviews/${rid}/results` }],
  'GET /api/reviews/:id/results.xlsx': () => [{ method: 'GET', url: `/api/reviews/${rid}/results.xlsx` }],
  'GET /api/reviews/:id/results.docx': () => [{ method: 'GET', url: `/api/reviews/${rid}/results.docx` }],
  'POST /api/reviews/:id/low-rating-items': () => [
    { method: 'POST', url: `/api/reviews/${rid}/low-rating-items`, body: { threshold: 90 } },
  ],
  'POST /api/reviews/:id/paper': () => [
    {
      method: 'POST',
      url: `/api/reviews/${rid}/paper`,
      body: { sheetNo: '1', ratings: [{ orgId: c.orgs.townB, grade: '好' }] },
    },
  ],
  'GET /api/reviews/:id/paper': () => [{ method: 'GET', url: `/api/reviews/${rid}/paper` }],
  'POST /api/reviews/:id/paper/:sheetNo/resolve': () => [
    {
      method: 'POST',
      url: `/api/reviews/${rid}/paper/1/resolve`,
      body: { ratings: [{ orgId: c.orgs.townB, grade: '好' }] },
    },
  ],
  'GET /api/rectifications': () => [{ method: 'GET', url: `/api/rectifications?orgId=${c.orgs.townB}` }],
  'GET /api/rectifications/export.xlsx': () => [
    { method: 'GET', url: `/api/rectifications/export.xlsx?orgId=${c.orgs.townB}`, xlsx: true },
  ],
  'GET /api/rectifications/export.docx': () => [
    { method: 'GET', url: `/api/rectifications/export.docx?orgId=${c.orgs.townB}`, docx: true },
  ],
  'GET /api/rectifications/summary': () => [{ method: 'GET', url: '/api/rectifications/summary' }],
  'GET /api/rectifications/summary.xlsx': () => [
    { method: 'GET', url: '/api/rectifications/summary.xlsx', xlsx: true },
  ],
  'POST /api/rectifications/rechecks/run': () => [],
  'GET /api/rectifications/:id': () => [{ method: 'GET', url: `/api/rectifications/${item}` }],
  'POST /api/rectifications': () => [
    { method: 'POST', url: '/api/rectifications', body: { orgId: c.orgs.b1, problem: '越权交办', source: '督查' } },
  ],
  'PATCH /api/rectifications/:id': () => [
    { method: 'PATCH', url: `/api/rectifications/${item}`, body: { owner: '越权' } },
  ],
  'POST /api/rectifications/:id/evidence': () => [
    { method: 'POST', url: `/api/rectifications/${item}/evidence`, body: { note: '越权' } },
  ],
  'GET /api/rectifications/:id/evidence/:evidenceId': () => [
    { method: 'GET', url: `/api/rectifications/${item}/evidence/1` },
  ],
  'POST /api/rectifications/:id/apply-close': () => [
    { method: 'POST', url: `/api/rectifications/${item}/apply-close`, body: {} },
  ],
  'POST /api/rectifications/:id/approve-close': () => [
    { method: 'POST', url: `/api/rectifications/${item}/approve-close`, body: {} },
  ],
  'POST /api/rectifications/:id/reject-close': () => [
    { method: 'POST', url: `/api/rectifications/${item}/reject-close`, body: { opinion: '越权' } },
  ],
  'POST /api/rectifications/:id/recheck': () => [
    { method: 'POST', url: `/api/rectifications/${item}/recheck`, body: { recurred: true, note: '越权' } },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  [zzb, townA, townB] = await Promise.all(['zzb', 'town-a', 'town-b'].map((u) => as(t.app, u)));
  rid = (await zzb.post('/api/reviews', { title: '乙镇专项评议', year: 2024, orgIds: [c.orgs.townB] })).body.id;
  await townB.request('PUT', `/api/reviews/${rid}/reports/${c.orgs.townB}`, { text: '乙镇党委书记述职报告全文内容' });
  cid = (
    await zzb.post(`/api/reviews/${rid}/comments`, {
      orgId: c.orgs.townB,
      summary: '乙镇点评',
      findings: [{ source: '平时掌握情况', problem: '乙镇问题' }],
    })
  ).body.id;
  await zzb.post(`/api/reviews/comments/${cid}/submit`);
  await zzb.post(`/api/reviews/comments/${cid}/approve`);
  item = (await t.database.db.selectFrom('rectification_item').select('id').executeTakeFirstOrThrow()).id;
  await townB.post(`/api/rectifications/${item}/evidence`, {
    note: '乙镇佐证',
    fileName: 'b.txt',
    contentBase64: 'YQ==',
  });
});
afterAll(() => t.close());

describe('scope of review and rectification routes', () => {
  it('every review/ballot/rectification route has a case here', () => {
    const mine = t.app.routeTable
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => /\/api\/(reviews|ballots|rectifications)/.test(k));
    expect(mine.filter((k) => !cases[k])).toEqual([]);
    for (const [k, v] of Object.entries(cases))
      if ('public' in v) expect(t.app.routeTable.find((r) => `${r.method} ${r.url}` === k)?.permission).toBe('public');
  });

  it('town-a can neither read nor change anything of town-b, and nothing changes', async () => {
    const snap = async () =>
      JSON.stringify(
        await Promise.all(
          [
            'review_campaign',
            'review_target',
            'review_comment',
            'review_finding',
            'review_token',
            'review_participant',
            'paper_sheet',
            'rectification_item',
            'rectification_evidence',
            'audit_log',
          ].map((tb) =>
            t.database.db
              .selectFrom(tb as any)
              .selectAll()
              .execute(),
          ),
        ),
      );
    const before = await snap();
    const failures: string[] = [];
    for (const [k, v] of Object.entries(cases)) {
      if (typeof v !== 'function') continue;
      for (const a of v()) {
        const r = await townA.request(a.method, a.url, a.body);
        let text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        if (a.xlsx && r.status === 200) {
          // An export of nothing: only the header row, and no 乙镇 cell.
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(r.raw as any);
          const rows: string[] = [];
          wb.eachSheet((ws) => ws.eachRow((row) => rows.push(JSON.stringify(row.values))));
          text = rows.length === 1 ? `{"items":[],"header":${rows[0]}}` : rows.join('\n');
        }
        if (a.docx && r.status === 200) {
          // The Word ledger of nothing says 共 0 项 and names no 乙镇 unit.
          const raw = (await mammoth.extractRawText({ buffer: r.raw })).value;
          text = raw.includes('共 0 项') ? `{"items":[],"text":${JSON.stringify(raw)}}` : raw;
        }
        const listOk = r.status === 200 && /"total":0|"items":\[\]/.test(text);
        if ((![403, 404].includes(r.status) && !listOk) || B_MARKERS.some((m) => text.includes(m)))
          failures.push(`${k}: ${a.method} ${a.url} → ${r.status} ${text.slice(0, 100)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snap()).toBe(before);
  });
});
