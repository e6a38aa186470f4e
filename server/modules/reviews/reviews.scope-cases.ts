import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { Document, Packer, Paragraph } from 'docx';
import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';
import { Client } from '../../test/harness.ts';
import { leaks } from '../../test/scope.test-support.ts';
import { closeReview } from './reviews.test-support.ts';

const xlsxText = async (raw: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
  return cells.join('|');
};
const docxText = async (raw: Buffer) => (await mammoth.extractRawText({ buffer: raw })).value;

/** A .docx upload (multipart, field `file`), as the browser sends it. */
function uploadDocx(cl: Client, url: string, name: string, data: Buffer) {
  const boundary = `----luoshi${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return cl.request('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

/**
 * 述职评议 of 乙镇: town-a (a 书记 without review.manage) must not read 乙镇's campaigns, reports, 点评,
 * participants, tokens, turnout, paper sheets, results or exports, nor change any of them. Four
 * campaigns, all organized by the county (zzb):
 *  - rB   「乙镇专项评议」 voting: reports, 点评 (one approved, one submitted), participants, tokens,
 *         two ballots, a paper sheet whose two entries differ;
 *  - rB2  「乙镇第二批述职评议」 preparing: a report and a draft 点评 (targets of the write attempts);
 *  - rBc  「乙镇年度评议」 closed with ballots: sealed results are open to its managers only;
 *  - rMix 「全县2024年度述职评议」 reviews 甲镇 AND 乙镇, closed: town-a is a reviewed unit here and may
 *         read the campaign, its own report, its own approved 点评 and results — but only 甲镇's part.
 */
const reviews: ScopeModule = {
  async setup({ c, client, app }) {
    const zzb = await client('zzb');
    const admin = await client('admin');
    const townB = await client('town-b');
    const ok = (r: { status: number; body: any }, what: string) => {
      if (r.status >= 300) throw new Error(`reviews scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const vote = async (token: string, ratings: { orgId: number; grade: string; opinion?: string }[]) =>
      ok(await new Client(app).post('/api/ballots', { token, ratings }), 'ballot');
    const comment = async (
      rid: number,
      orgId: number,
      summary: string,
      problem: string,
      to: 'draft' | 'submitted' | 'approved',
    ) => {
      const id = ok(
        await zzb.post(`/api/reviews/${rid}/comments`, {
          orgId,
          summary,
          findings: [{ source: '平时掌握情况', problem }],
        }),
        'comment',
      ).id as number;
      if (to !== 'draft') ok(await zzb.post(`/api/reviews/comments/${id}/submit`), 'submit');
      if (to === 'approved') ok(await zzb.post(`/api/reviews/comments/${id}/approve`), 'approve');
      return id;
    };

    // rB: voting.
    const rB = ok(
      await zzb.post('/api/reviews', { title: '乙镇专项评议', year: 2024, orgIds: [c.orgs.townB, c.orgs.b1] }),
      'create rB',
    ).id as number;
    ok(
      await townB.request('PUT', `/api/reviews/${rB}/reports/${c.orgs.townB}`, {
        text: '乙镇党委书记述职报告全文:一年来乙镇党委……',
      }),
      'report rB',
    );
    const cApproved = await comment(rB, c.orgs.townB, '乙镇党委点评意见', '乙镇党委三会一课不规范', 'approved');
    const cSubmitted = await comment(rB, c.orgs.b1, '乙镇南村党支部点评意见', '乙镇南村党员发展不规范', 'submitted');
    ok(
      await zzb.post(`/api/reviews/${rB}/participants`, {
        items: [
          { name: '乙镇参评人员钱文静', unit: '乙镇党委' },
          { name: '乙镇列席人员', kind: '列席' },
        ],
      }),
      'participants',
    );
    const pid = ok(await zzb.get(`/api/reviews/${rB}/participants`), 'participants').items[1].id as number;
    const tokens = ok(await zzb.post(`/api/reviews/${rB}/tokens`, { count: 4 }), 'tokens').tokens as string[];
    ok(await zzb.post(`/api/reviews/${rB}/open-voting`), 'open rB');
    await vote(tokens[0], [
      { orgId: c.orgs.townB, grade: '好', opinion: '乙镇工作扎实' },
      { orgId: c.orgs.b1, grade: '较好' },
    ]);
    await vote(tokens[1], [
      { orgId: c.orgs.townB, grade: '一般' },
      { orgId: c.orgs.b1, grade: '差', opinion: '乙镇南村需加强' },
    ]);
    ok(
      await zzb.post(`/api/reviews/${rB}/paper`, {
        sheetNo: 'P1',
        ratings: [
          { orgId: c.orgs.townB, grade: '好' },
          { orgId: c.orgs.b1, grade: '好' },
        ],
      }),
      'paper 1',
    );
    ok(
      await admin.post(`/api/reviews/${rB}/paper`, {
        sheetNo: 'P1',
        ratings: [
          { orgId: c.orgs.townB, grade: '好' },
          { orgId: c.orgs.b1, grade: '差' },
        ],
      }),
      'paper 2',
    );

    // rB2: preparing.
    const rB2 = ok(
      await zzb.post('/api/reviews', {
        title: '乙镇第二批述职评议',
        year: 2025,
        orgIds: [c.orgs.b1, c.orgs.townB],
        oralOrgIds: [c.orgs.b1],
      }),
      'create rB2',
    ).id as number;
    ok(
      await townB.request('PUT', `/api/reviews/${rB2}/reports/${c.orgs.b1}`, {
        text: '乙镇南村党支部书记述职报告全文内容',
      }),
      'report rB2',
    );
    const cDraft = await comment(rB2, c.orgs.b1, '乙镇南村点评草稿', '乙镇南村问题草稿', 'draft');

    // rBc: closed.
    const rBc = ok(
      await zzb.post('/api/reviews', { title: '乙镇年度评议', year: 2023, orgIds: [c.orgs.townB] }),
      'create rBc',
    ).id as number;
    const tc = ok(await zzb.post(`/api/reviews/${rBc}/tokens`, { count: 2 }), 'tokens rBc').tokens as string[];
    ok(await zzb.post(`/api/reviews/${rBc}/open-voting`), 'open rBc');
    await vote(tc[0], [{ orgId: c.orgs.townB, grade: '差', opinion: '乙镇班子不团结' }]);
    await closeReview(zzb, rBc);

    // rMix: 甲镇 and 乙镇, closed.
    const rMix = ok(
      await zzb.post('/api/reviews', {
        title: '全县2024年度述职评议',
        year: 2024,
        orgIds: [c.orgs.townA, c.orgs.townB],
      }),
      'create rMix',
    ).id as number;
    ok(
      await townB.request('PUT', `/api/reviews/${rMix}/reports/${c.orgs.townB}`, {
        text: '乙镇党委书记在全县述职评议中的述职报告',
      }),
      'report rMix',
    );
    await comment(rMix, c.orgs.townA, '甲镇党委点评意见', '甲镇党委问题', 'approved');
    await comment(rMix, c.orgs.townB, '乙镇党委全县点评意见', '乙镇党委全县问题', 'approved');
    const tm = ok(await zzb.post(`/api/reviews/${rMix}/tokens`, { count: 2 }), 'tokens rMix').tokens as string[];
    ok(await zzb.post(`/api/reviews/${rMix}/open-voting`), 'open rMix');
    await vote(tm[0], [
      { orgId: c.orgs.townA, grade: '好', opinion: '甲镇抓党建有力' },
      { orgId: c.orgs.townB, grade: '差', opinion: '乙镇抓党建不力' },
    ]);
    await vote(tm[1], [
      { orgId: c.orgs.townA, grade: '较好' },
      { orgId: c.orgs.townB, grade: '一般', opinion: '乙镇需加强' },
    ]);
    await closeReview(zzb, rMix);

    return { rB, rB2, rBc, rMix, pid, cApproved, cSubmitted, cDraft, townB };
  },

  cases: (ids, c) => {
    const { rB, rB2, rBc, rMix, pid, cApproved, cSubmitted, cDraft } = ids;
    const townB = ids.townB as Client;
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const get = (url: string): Attempt => ({ method: 'GET', url });
    const post = (url: string, body: unknown = {}): Attempt => ({ method: 'POST', url, body });
    const R = (id: number) => `/api/reviews/${id}`;
    const ratingsB = [
      { orgId: c.orgs.townB, grade: '好' },
      { orgId: c.orgs.b1, grade: '好' },
    ];

    /** 乙镇-only campaigns answer 404; in the mixed campaign town-a reads its own part and nothing of 乙镇. */
    const readable = (suffix: string, own: string, extra?: (townA: Client) => Promise<string[]>): Case => ({
      kind: 'custom',
      run: async (townA) => {
        const out: string[] = [];
        for (const id of [rB, rB2, rBc]) {
          const r = await townA.get(`${R(id)}${suffix}`);
          if (r.status !== 404 || leaks(r.body).length)
            out.push(`${R(id)}${suffix} → ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
        }
        const m = await townA.get(`${R(rMix)}${suffix}`);
        if (m.status !== 200) out.push(`mixed campaign ${suffix} → ${m.status}`);
        else if (leaks(m.body).length)
          out.push(`mixed campaign ${suffix} leaks ${leaks(m.body)}: ${JSON.stringify(m.body).slice(0, 200)}`);
        else if (!JSON.stringify(m.body).includes(own))
          out.push(`mixed campaign ${suffix} lacks town-a's own ${own} (vacuous)`);
        return [...out, ...(extra ? await extra(townA) : [])];
      },
    });

    /** Sealed-result exports: 404 for 乙镇's campaigns, 甲镇's rows only in the mixed one. */
    const exported = (suffix: string, text: (raw: Buffer) => Promise<string>): Case => ({
      kind: 'custom',
      run: async (townA) => {
        const out: string[] = [];
        for (const id of [rB, rBc]) {
          const r = await townA.get(`${R(id)}${suffix}`);
          if (r.status !== 404) out.push(`${R(id)}${suffix} → ${r.status}`);
        }
        const m = await townA.get(`${R(rMix)}${suffix}`);
        if (m.status !== 200) return [...out, `mixed campaign ${suffix} → ${m.status}`];
        const t = await text(m.raw);
        if (leaks(t).length) out.push(`mixed campaign ${suffix} leaks ${leaks(t)}`);
        if (!t.includes('甲镇党委')) out.push(`mixed campaign ${suffix} lacks 甲镇 (vacuous)`);
        return out;
      },
    });

    return {
      'POST /api/reviews': denied(
        post('/api/reviews', { title: '越权评议', year: 2024, orgIds: [c.orgs.townB] }),
        post('/api/reviews', { title: '越权评议', year: 2024, orgIds: [c.orgs.a1] }),
      ),
      'GET /api/reviews': { kind: 'list', url: () => '/api/reviews?pageSize=100' },
      'GET /api/reviews/:id': readable('', '甲镇党委', async () => {
        // Not vacuous: town-b reads its own campaign, and sees 乙镇 in it.
        const r = await townB.get(R(rB));
        return r.status === 200 && JSON.stringify(r.body).includes('乙镇党委')
          ? []
          : [`town-b cannot read its own campaign (${r.status})`];
      }),
      'PATCH /api/reviews/:id': denied({ method: 'PATCH', url: R(rB2), body: { title: '越权改名' } }),
      'POST /api/reviews/:id/open-voting': denied(post(`${R(rB2)}/open-voting`)),
      'POST /api/reviews/:id/close': denied(post(`${R(rB)}/close`)),
      'GET /api/reviews/:id/turnout': denied(get(`${R(rB)}/turnout`), get(`${R(rMix)}/turnout`)),
      'POST /api/reviews/:id/tokens': denied(
        post(`${R(rB)}/tokens`, { count: 1 }),
        post(`${R(rB2)}/tokens`, { count: 1, qr: true }),
      ),
      'GET /api/reviews/:id/participants': denied(get(`${R(rB)}/participants`)),
      'POST /api/reviews/:id/participants': denied(
        post(`${R(rB)}/participants`, { items: [{ name: '越权人员', kind: '列席' }] }),
      ),
      'POST /api/reviews/:id/participants/:pid/issue': denied(post(`${R(rB)}/participants/${pid}/issue`)),
      'GET /api/reviews/:id/agenda': denied(get(`${R(rB2)}/agenda`), get(`${R(rMix)}/agenda`)),
      'PUT /api/reviews/:id/agenda': denied({
        method: 'PUT',
        url: `${R(rB2)}/agenda`,
        body: { items: [{ orgId: c.orgs.b1, limitSec: 600 }] },
      }),
      'POST /api/reviews/:id/meeting/speaker': denied(post(`${R(rB2)}/meeting/speaker`, { orgId: c.orgs.b1 })),
      'GET /api/reviews/:id/screen': denied(get(`${R(rB)}/screen`), get(`${R(rMix)}/screen`)),
      'GET /api/reviews/:id/reports': readable('/reports', '甲镇党委'),
      'GET /api/reviews/:id/reports/:orgId': denied(
        get(`${R(rB)}/reports/${c.orgs.townB}`),
        get(`${R(rB2)}/reports/${c.orgs.b1}`),
        get(`${R(rMix)}/reports/${c.orgs.townB}`),
      ),
      'PUT /api/reviews/:id/reports/:orgId': denied(
        { method: 'PUT', url: `${R(rB2)}/reports/${c.orgs.b1}`, body: { text: '冒名报送的述职报告内容内容' } },
        { method: 'PUT', url: `${R(rMix)}/reports/${c.orgs.townB}`, body: { text: '冒名报送的述职报告内容内容' } },
      ),
      'POST /api/reviews/:id/reports/:orgId/docx': {
        kind: 'custom',
        run: async (townA) => {
          const data = await Packer.toBuffer(
            new Document({ sections: [{ children: [new Paragraph('冒名报送的述职报告,内容足够长足够长。')] }] }),
          );
          const out: string[] = [];
          for (const [id, org] of [
            [rB2, c.orgs.b1],
            [rB, c.orgs.townB],
            [rMix, c.orgs.townB],
          ]) {
            const r = await uploadDocx(townA, `${R(id)}/reports/${org}/docx`, '述职报告.docx', data);
            if (r.status !== 404 || leaks(r.body).length) out.push(`docx upload to ${R(id)} for ${org} → ${r.status}`);
          }
          return out;
        },
      },
      'POST /api/reviews/:id/reports/remind': denied(
        post(`${R(rB2)}/reports/remind`, {}),
        post(`${R(rB)}/reports/remind`, { orgIds: [c.orgs.b1] }),
      ),
      'GET /api/reviews/:id/comments': readable('/comments', '甲镇党委点评意见'),
      'POST /api/reviews/:id/comments': denied(
        post(`${R(rB2)}/comments`, {
          orgId: c.orgs.townB,
          summary: '越权点评',
          findings: [{ source: '督查调研发现', problem: '越权问题' }],
        }),
      ),
      'PATCH /api/reviews/comments/:id': denied({
        method: 'PATCH',
        url: `/api/reviews/comments/${cDraft}`,
        body: { summary: '越权修改' },
      }),
      'POST /api/reviews/comments/:id/submit': denied(post(`/api/reviews/comments/${cDraft}/submit`)),
      'POST /api/reviews/comments/:id/approve': denied(post(`/api/reviews/comments/${cSubmitted}/approve`)),
      'POST /api/reviews/comments/:id/return': denied(
        post(`/api/reviews/comments/${cSubmitted}/return`, { reason: '越权退回' }),
        post(`/api/reviews/comments/${cApproved}/return`, { reason: '越权退回' }),
      ),
      'POST /api/ballots/form': {
        kind: 'public',
        why: 'no login: the one-time token is the authority and opens the form of its own campaign only (title, scale, names of the reviewed orgs). A voter of a 乙镇 campaign may be anyone who was handed a token; the session is ignored',
      },
      'POST /api/ballots': {
        kind: 'public',
        why: 'no login, anonymous by design: the one-time token decides the campaign and is consumed once; the session is ignored and the answer is only a receipt code',
      },
      'PUT /api/ballots/draft': {
        kind: 'public',
        why: 'no login: the one-time token is the authority and the draft is saved under it alone (sealed with a key from the code); the session is ignored and the answer is only ok',
      },
      'GET /api/reviews/:id/receipts': {
        kind: 'public',
        why: 'the receipt codes of a closed campaign, published so that any voter (no login) can check theirs was counted: codes carry no org, grade or voter; 409 while sealed',
      },
      'GET /api/reviews/:id/results': readable('/results', '甲镇抓党建有力'),
      'GET /api/reviews/:id/results.xlsx': exported('/results.xlsx', xlsxText),
      'GET /api/reviews/:id/results.docx': exported('/results.docx', docxText),
      'POST /api/reviews/:id/low-rating-items': denied(
        post(`${R(rBc)}/low-rating-items`, { threshold: 90 }),
        post(`${R(rMix)}/low-rating-items`, { threshold: 90 }),
      ),
      'POST /api/reviews/:id/paper': denied(post(`${R(rB)}/paper`, { sheetNo: 'P2', ratings: ratingsB })),
      'GET /api/reviews/:id/paper': denied(
        get(`${R(rB)}/paper`),
        get(`${R(rB)}/paper?status=${encodeURIComponent('不一致')}`),
      ),
      'POST /api/reviews/:id/paper/:sheetNo/resolve': denied(post(`${R(rB)}/paper/P1/resolve`, { ratings: ratingsB })),
    };
  },
};
export default reviews;
