import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { createTestApp, Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { closeReview } from './reviews.test-support.ts';

let t: TestApp;
let c: County;
let zzb: Client, admin: Client, townA: Client, townB: Client;
let rid: number;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  [zzb, admin, townA, townB] = await Promise.all(['zzb', 'admin', 'town-a', 'town-b'].map((u) => as(t.app, u)));
});
afterAll(() => t.close());

const ballot = (token: string, grades: Record<number, string>, opinion?: string) =>
  new Client(t.app).post('/api/ballots', {
    token,
    ratings: Object.entries(grades).map(([orgId, grade]) => ({
      orgId: Number(orgId),
      grade,
      ...(opinion ? { opinion } : {}),
    })),
  });

describe('campaign, tokens, ballots, sealed results', () => {
  it('creates a campaign (acceptance shape) and lists it', async () => {
    const r = await zzb.post('/api/reviews', {
      title: '2024年度党组织书记抓基层党建述职评议',
      year: 2024,
      orgIds: [c.orgs.townA, c.orgs.townB, c.orgs.dept],
      oralOrgIds: [c.orgs.townA, c.orgs.townB],
    });
    expect(r.status).toBe(201);
    rid = r.body.id;
    expect(rid).toBeGreaterThan(0);
    const g = await zzb.get(`/api/reviews/${rid}`);
    expect(g.body.targets.map((x: any) => [x.orgName, x.mode])).toEqual([
      ['甲镇党委', '口头'],
      ['乙镇党委', '口头'],
      ['县财政局', '书面'],
    ]);
    expect(g.body.scale).toEqual(['好', '较好', '一般', '差']);
    const l = await zzb.get('/api/reviews');
    expect(l.body.total).toBe(1);
    const audit = await db().selectFrom('audit_log').select('action').where('action', '=', 'review.create').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses bad input with Chinese messages and changes nothing', async () => {
    const n = async () => (await db().selectFrom('review_campaign').select('id').execute()).length;
    const before = await n();
    const cases: [unknown, RegExp][] = [
      [{ title: '测', year: 2024, orgIds: [c.orgs.townA] }, /活动名称/],
      [{ title: '某评议', year: '2024', orgIds: [c.orgs.townA] }, /年度/],
      [{ title: '某评议', year: 2024, orgIds: [] }, /被评议组织/],
      [{ title: '某评议', year: 2024, orgIds: [99999] }, /不存在或不在管辖范围内/],
      [{ title: '某评议', year: 2024, orgIds: [c.orgs.townA, c.orgs.townA] }, /重复/],
      [{ title: '某评议', year: 2024, orgIds: [c.orgs.townA], oralOrgIds: [c.orgs.townB] }, /口头述职/],
      [{ title: '某评议', year: 2024, orgIds: [c.orgs.townA], scale: ['好', '好'] }, /重复/],
      [{ title: '某评议', year: 2024, orgIds: [c.orgs.townA], extra: 1 }, /不允许的字段/],
    ];
    for (const [body, msg] of cases) {
      const r = await zzb.post('/api/reviews', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.message).toMatch(msg);
    }
    expect(await n()).toBe(before);
    expect((await townA.post('/api/reviews', { title: '越权评议', year: 2024, orgIds: [c.orgs.a1] })).status).toBe(403);
  });

  it('turnout is visible, results are sealed for every role until close', async () => {
    const tok = await zzb.post(`/api/reviews/${rid}/tokens`, { count: 5 });
    expect(tok.status).toBe(200);
    expect(tok.body.tokens).toHaveLength(5);
    expect(tok.body.tokens[0]).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    // Before voting opens, a token cannot be used.
    const early = await ballot(tok.body.tokens[0], { [c.orgs.townA]: '好', [c.orgs.townB]: '好', [c.orgs.dept]: '好' });
    expect(early.status).toBe(409);
    expect((await zzb.post(`/api/reviews/${rid}/open-voting`)).status).toBe(200);
    const [t1, t2, t3] = tok.body.tokens;
    const b1 = await ballot(
      t1,
      { [c.orgs.townA]: '好', [c.orgs.townB]: '较好', [c.orgs.dept]: '一般' },
      '抓党建责任落实较好',
    );
    expect(b1.status).toBe(200);
    expect(b1.body.receipt).toMatch(/^[A-Z2-9]{10}$/);
    expect((await ballot(t1, { [c.orgs.townA]: '差', [c.orgs.townB]: '差', [c.orgs.dept]: '差' })).status).toBe(409);
    expect((await ballot(t2, { [c.orgs.townA]: '好', [c.orgs.townB]: '差', [c.orgs.dept]: '好' })).status).toBe(200);
    expect((await zzb.get(`/api/reviews/${rid}/turnout`)).body).toMatchObject({ issued: 5, used: 2 });
    for (const cl of [zzb, admin, townA, townB]) {
      const r = await cl.get(`/api/reviews/${rid}/results`);
      expect(r.status).toBe(409);
      expect(r.body.message).toContain('密封');
      expect((await cl.get(`/api/reviews/${rid}/results.xlsx`)).status).toBe(409);
      expect((await cl.get(`/api/reviews/${rid}/results.docx`)).status).toBe(409);
    }
    expect((await new Client(t.app).get(`/api/reviews/${rid}/receipts`)).status).toBe(409);
    const screen = await zzb.get(`/api/reviews/${rid}/screen`);
    expect(screen.body.turnout).toMatchObject({ issued: 5, used: 2 });
    expect(JSON.stringify(screen.body)).not.toMatch(/较好|一般|差/);
    // The unit being reviewed does not see turnout management or results.
    expect((await townA.get(`/api/reviews/${rid}/turnout`)).status).toBe(403);

    expect((await closeReview(zzb, rid)).status).toBe('closed');
    expect((await ballot(t3, { [c.orgs.townA]: '好', [c.orgs.townB]: '好', [c.orgs.dept]: '好' })).status).toBe(409);
    const res = await admin.get(`/api/reviews/${rid}/results`);
    expect(res.status).toBe(200);
    const a = res.body.orgs.find((o: any) => o.orgId === c.orgs.townA);
    expect(a).toMatchObject({ total: 2, counts: { 好: 2, 较好: 0, 一般: 0, 差: 0 }, goodRate: 100, rank: 1 });
    const b = res.body.orgs.find((o: any) => o.orgId === c.orgs.townB);
    expect(b).toMatchObject({ counts: { 较好: 1, 差: 1 }, percents: { 较好: 50, 差: 50 }, goodRate: 50 });
    expect(res.body.voters).toBe(2);
    expect(res.body.opinions.find((o: any) => o.orgId === c.orgs.townA).items).toEqual(['抓党建责任落实较好']);
    const rc = await new Client(t.app).get(`/api/reviews/${rid}/receipts`);
    expect(rc.status).toBe(200);
    expect(rc.body.receipts).toContain(b1.body.receipt);
    expect(rc.body.total).toBe(2);
    // 民主评议 feeds the ledger: 乙镇 and 县财政局 (好+较好 50%) are below 60%, 甲镇 (100%) is not; twice creates nothing new.
    expect((await zzb.post(`/api/reviews/${rid}/low-rating-items`, { threshold: 0 })).status).toBe(400);
    const low = await zzb.post(`/api/reviews/${rid}/low-rating-items`, { threshold: 60 });
    expect(low.body.created).toBe(2);
    const items = await db()
      .selectFrom('rectification_item')
      .selectAll()
      .where('id', 'in', low.body.ids)
      .orderBy('org_id')
      .execute();
    expect(items.map((i) => i.org_id).sort()).toEqual([c.orgs.townB, c.orgs.dept].sort());
    for (const item of items) {
      expect(item).toMatchObject({ source: '民主评议', status: '整改中', issuer_org_id: c.orgs.county });
      expect(item.problem).toContain('50%');
    }
    expect((await zzb.post(`/api/reviews/${rid}/low-rating-items`, { threshold: 60 })).body.created).toBe(0);
    const x = await zzb.get(`/api/reviews/${rid}/results.xlsx`);
    expect(x.status).toBe(200);
    expect(x.raw.subarray(0, 2).toString()).toBe('PK');
    const d = await zzb.get(`/api/reviews/${rid}/results.docx`);
    expect(d.status).toBe(200);
    expect(d.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('ballot bad input: incomplete, unknown grade, unknown org, bad token; nothing stored', async () => {
    const r2 = await zzb.post('/api/reviews', {
      title: '第二次评议',
      year: 2025,
      orgIds: [c.orgs.townA, c.orgs.townB],
    });
    const id2 = r2.body.id;
    const [tk] = (await zzb.post(`/api/reviews/${id2}/tokens`, { count: 1 })).body.tokens;
    await zzb.post(`/api/reviews/${id2}/open-voting`);
    const count = async () =>
      (await db().selectFrom('ballot').select('id').where('campaign_id', '=', id2).execute()).length;
    const cases: [unknown, number, RegExp][] = [
      [{ token: tk, ratings: [{ orgId: c.orgs.townA, grade: '好' }] }, 400, /须对全部 2 个组织/],
      [
        {
          token: tk,
          ratings: [
            { orgId: c.orgs.townA, grade: '优秀' },
            { orgId: c.orgs.townB, grade: '好' },
          ],
        },
        400,
        /评议等次「优秀」无效/,
      ],
      [
        {
          token: tk,
          ratings: [
            { orgId: c.orgs.dept, grade: '好' },
            { orgId: c.orgs.townB, grade: '好' },
          ],
        },
        400,
        /不在本次评议范围/,
      ],
      [
        {
          token: tk,
          ratings: [
            { orgId: c.orgs.townA, grade: '好' },
            { orgId: c.orgs.townA, grade: '好' },
          ],
        },
        400,
        /只能评议一次/,
      ],
      [
        {
          token: 'AAAAA-AAAAA',
          ratings: [
            { orgId: c.orgs.townA, grade: '好' },
            { orgId: c.orgs.townB, grade: '好' },
          ],
        },
        404,
        /选票码无效/,
      ],
      [{ ratings: [] }, 400, /选票码/],
    ];
    for (const [body, status, msg] of cases) {
      const r = await new Client(t.app).post('/api/ballots', body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.message).toMatch(msg);
    }
    expect(await count()).toBe(0);
    expect(
      (await db().selectFrom('review_token').select('used').where('campaign_id', '=', id2).executeTakeFirstOrThrow())
        .used,
    ).toBe(0);
    // The token still works, lower-case and without the dash.
    const ok = await new Client(t.app).post('/api/ballots', {
      token: tk.toLowerCase().replace('-', ''),
      ratings: [
        { orgId: c.orgs.townA, grade: '好' },
        { orgId: c.orgs.townB, grade: '一般' },
      ],
    });
    expect(ok.status).toBe(200);
    expect(await count()).toBe(1);
  });

  it('scope: town-b cannot see a campaign that only reviews town-a; managers of other scopes get 404', async () => {
    const r = await zzb.post('/api/reviews', { title: '甲镇专项评议', year: 2025, orgIds: [c.orgs.townA] });
    const id = r.body.id;
    expect((await townA.get(`/api/reviews/${id}`)).status).toBe(200);
    for (const u of ['/', '/reports', '/comments', '/results'])
      expect((await townB.get(`/api/reviews/${id}${u === '/' ? '' : u}`)).status).toBe(404);
    expect((await townB.get('/api/reviews')).body.items.map((x: any) => x.id)).not.toContain(id);
    // town-a sees the multi-org campaign but only its own target.
    const g = await townA.get(`/api/reviews/${rid}`);
    expect(g.body.targets.map((x: any) => x.orgId)).toEqual([c.orgs.townA]);
    expect(g.body.counts).toBeNull();
  });

  it("scope: a reviewed unit sees only its own rows of the results and exports, never another town's", async () => {
    // Regression: results, results.xlsx and results.docx returned every org's counts and opinions to any reviewed unit.
    const a = await townA.get(`/api/reviews/${rid}/results`);
    expect(a.status).toBe(200);
    expect(a.body.orgs.map((o: any) => o.orgId)).toEqual([c.orgs.townA]);
    expect(a.body.orgs[0]).toMatchObject({ total: 2, goodRate: 100, rank: 1 });
    expect(a.body.opinions).toEqual([{ orgId: c.orgs.townA, orgName: '甲镇党委', items: ['抓党建责任落实较好'] }]);
    expect(JSON.stringify(a.body)).not.toMatch(/乙镇|县财政局/);
    const b = await townB.get(`/api/reviews/${rid}/results`);
    expect(b.body.orgs.map((o: any) => o.orgId)).toEqual([c.orgs.townB]);
    expect((await zzb.get(`/api/reviews/${rid}/results`)).body.orgs).toHaveLength(3);
    const x = await townA.get(`/api/reviews/${rid}/results.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as any);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    expect(cells).toContain('甲镇党委');
    expect(cells.join('|')).not.toMatch(/乙镇|县财政局/);
    const d = await townA.get(`/api/reviews/${rid}/results.docx`);
    const text = (await mammoth.extractRawText({ buffer: d.raw })).value;
    expect(text).toContain('甲镇党委');
    expect(text).not.toMatch(/乙镇|县财政局/);
  });
});
