import { insertUser } from '../../test/fixtures.ts';
import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';
import { PNG, uploadFile } from './standards.test-support.ts';

/**
 * A county round holding only 乙镇南村党支部, a 整顿 plan and a 示范点 for it. town-a sees none of
 * them (404), cannot score, review, object to or accept anything of them; manage routes are 403.
 */
const standards: ScopeModule = {
  async setup({ client, c, db }) {
    const zzb = await client('zzb');
    const ok = (r: { status: number; body: any }, what: string) => {
      if (r.status >= 300) throw new Error(`standards scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const manuals = ok(await zzb.get('/api/standards/manuals'), 'manuals');
    const manualId = manuals.items[0].id as number;
    const round = ok(
      await zzb.post('/api/standards/rounds', {
        manualId,
        year: 2026,
        name: '乙镇专项评定',
        orgIds: [c.orgs.b1],
        selfWeight: 40,
        superiorWeight: 60,
        selfDueDate: '2026-12-10',
        reviewDueDate: '2026-12-20',
        objectionDays: 5,
      }),
      'round',
    ).id as number;
    const detail = ok(await zzb.get(`/api/standards/rounds/${round}`), 'round detail');
    const entry = detail.entryRows[0].id as number;
    // 乙镇南村's own account attaches a photo to its sheet (only the branch itself uploads)
    await insertUser(db, { username: 'branch-b1', role: 'unit_admin', scopeOrgId: c.orgs.b1 });
    const b1 = await client('branch-b1');
    const file = ok(
      await uploadFile(
        b1,
        `/api/standards/entries/${entry}/files`,
        { code: 'A1', type: '记录本' },
        '乙镇学习记录.png',
        PNG,
      ),
      'evidence file',
    ).id as number;
    const plan = ok(
      await zzb.post('/api/standards/plans', {
        orgId: c.orgs.b1,
        basis: '乙镇南村书记出缺',
        contactLeader: '乙镇联系领导',
        problems: [{ problem: '乙镇南村支部书记长期空缺' }],
      }),
      'plan',
    ).id as number;
    const pd = ok(await zzb.get(`/api/standards/plans/${plan}`), 'plan detail');
    ok(await zzb.post('/api/standards/models', { orgId: c.orgs.b1, year: 2026, reason: '乙镇示范' }), 'model');
    return { manualId, round, entry, file, plan, problem: pd.problems[0].id as number };
  },

  cases: ({ manualId, round, entry, file, plan, problem }, c) => {
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const R = `/api/standards/rounds/${round}`;
    const E = `/api/standards/entries/${entry}`;
    const P = `/api/standards/plans/${plan}`;
    return {
      'GET /api/standards/manuals': { kind: 'list', url: () => '/api/standards/manuals?all=true' },
      'GET /api/standards/manuals/:id': {
        kind: 'public',
        why: 'manuals are the county-wide scoring rules (like the calendar), no org data',
      },
      'POST /api/standards/manuals': denied({
        method: 'POST',
        url: '/api/standards/manuals',
        body: {},
        status: [400, 403],
      }),
      'PUT /api/standards/manuals/:id': denied({
        method: 'PUT',
        url: `/api/standards/manuals/${manualId}`,
        body: {},
        status: [400, 403],
      }),
      'GET /api/standards/rounds': { kind: 'list', url: () => '/api/standards/rounds' },
      'POST /api/standards/rounds': denied({
        method: 'POST',
        url: '/api/standards/rounds',
        body: {
          manualId,
          year: 2026,
          name: '越权',
          orgIds: [c.orgs.b1],
          selfWeight: 0,
          superiorWeight: 100,
          selfDueDate: '2026-12-01',
          reviewDueDate: '2026-12-02',
          objectionDays: 5,
        },
      }),
      'GET /api/standards/rounds/:id': denied({ method: 'GET', url: R }),
      'GET /api/standards/rounds/:id/results': denied({ method: 'GET', url: `${R}/results` }),
      'POST /api/standards/rounds/:id/grade': denied({ method: 'POST', url: `${R}/grade`, body: {} }),
      'POST /api/standards/rounds/:id/publicity': denied({ method: 'POST', url: `${R}/publicity`, body: {} }),
      'POST /api/standards/rounds/:id/publish': denied({ method: 'POST', url: `${R}/publish`, body: {} }),
      'GET /api/standards/rounds/:id/objections': denied({ method: 'GET', url: `${R}/objections` }),
      'POST /api/standards/rounds/:id/objections': denied({
        method: 'POST',
        url: `${R}/objections`,
        body: { orgId: c.orgs.b1, text: '越权异议' },
      }),
      'POST /api/standards/rounds/:id/objections/:objectionId/answer': denied({
        method: 'POST',
        url: `${R}/objections/1/answer`,
        body: { answer: '越权' },
      }),
      'GET /api/standards/rounds/:id/rectify-candidates': denied({ method: 'GET', url: `${R}/rectify-candidates` }),
      'GET /api/standards/entries/:id': denied({ method: 'GET', url: E }),
      'PUT /api/standards/entries/:id/self': denied({
        method: 'PUT',
        url: `${E}/self`,
        body: { items: [{ code: 'A1', points: 5 }] },
      }),
      'POST /api/standards/entries/:id/review': denied({ method: 'POST', url: `${E}/review`, body: { items: [] } }),
      'POST /api/standards/entries/:id/approve': denied({ method: 'POST', url: `${E}/approve`, body: {} }),
      'POST /api/standards/entries/:id/direct-grade': denied({
        method: 'POST',
        url: `${E}/direct-grade`,
        body: { grade: '先进', reason: '越权' },
      }),
      'POST /api/standards/entries/:id/files': {
        kind: 'custom',
        run: async (townA) => {
          const r = await uploadFile(townA, `${E}/files`, { code: 'A1', type: '记录本' }, '越权.png', PNG);
          return r.status === 404 ? [] : [`upload to 乙镇's sheet → ${r.status} ${JSON.stringify(r.body)}`];
        },
      },
      'GET /api/standards/entries/:id/files/:fileId': denied({ method: 'GET', url: `${E}/files/${file}` }),
      'DELETE /api/standards/entries/:id/files/:fileId': denied({ method: 'DELETE', url: `${E}/files/${file}` }),
      'GET /api/standards/plans': { kind: 'list', url: () => '/api/standards/plans' },
      'POST /api/standards/plans': denied({
        method: 'POST',
        url: '/api/standards/plans',
        body: { orgId: c.orgs.b1, basis: '越权', contactLeader: '越权', problems: [{ problem: '越权' }] },
      }),
      'GET /api/standards/plans/:id': denied({ method: 'GET', url: P }),
      'POST /api/standards/plans/:id/progress': denied({
        method: 'POST',
        url: `${P}/progress`,
        body: { month: '2026-11', text: '越权报送' },
      }),
      'POST /api/standards/plans/:id/problems/:problemId/accept': denied({
        method: 'POST',
        url: `${P}/problems/${problem}/accept`,
        body: { note: '越权验收' },
      }),
      'GET /api/standards/models': { kind: 'list', url: () => '/api/standards/models' },
      'GET /api/standards/manuals/:id/export.xlsx': {
        kind: 'public',
        why: 'a manual is the county-wide scoring rules, no org data',
      },
      'POST /api/standards/manuals/import': denied({
        method: 'POST',
        url: '/api/standards/manuals/import',
        status: [400, 403],
      }),
      'GET /api/standards/entries/:id/sheet.xlsx': denied({ method: 'GET', url: `${E}/sheet.xlsx` }),
      'GET /api/standards/rounds/:id/ranking.xlsx': denied({ method: 'GET', url: `${R}/ranking.xlsx` }),
      'GET /api/standards/rounds/:id/notice.docx': denied({ method: 'GET', url: `${R}/notice.docx` }),
      'GET /api/standards/plans.xlsx': {
        kind: 'custom',
        run: async (townA) => {
          const r = await townA.get('/api/standards/plans.xlsx');
          if (r.status !== 200) return [`plans.xlsx → ${r.status} ${String(r.body).slice(0, 200)}`];
          const ExcelJS = (await import('exceljs')).default;
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(r.raw as unknown as ArrayBuffer);
          const text = JSON.stringify(wb.worksheets[0].getSheetValues());
          return r.status === 200 && !text.includes('乙镇') ? [] : [`plans.xlsx → ${r.status} leaks 乙镇`];
        },
      },
      'POST /api/standards/models': denied({
        method: 'POST',
        url: '/api/standards/models',
        body: { orgId: c.orgs.b1, year: 2027, reason: '越权' },
      }),
    };
  },
};
export default standards;
