/**
 * Hostile uploads (decompression bombs, lying zips, deep nesting, text past the caps) through every
 * route that opens a .docx or .xlsx: each gets a Chinese 400, nothing is stored, and the server
 * keeps answering — also when a parse does blow its worker's heap. (Memory is measured in
 * bench/bombs.ts, not here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness.ts';
import { as, seedCounty, type County } from './fixtures.ts';
import { upload } from '../modules/tasks/tasks.test-support.ts';
import {
  deepNesting,
  docx,
  hugeRun,
  lyingParagraphs,
  manyParagraphs,
  paragraph,
  proseDocx,
  randomText,
  xlsxWithSharedString,
} from './bombs.ts';

let t: TestApp;
let c: County;
let zzb: Client, townA: Client;
let rid: number;
const chinese = /[\u4e00-\u9fff]/;
const count = async (table: 'document' | 'audit_log') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const healthy = async () => (await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode === 200;

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  [zzb, townA] = await Promise.all([as(t.app, 'zzb'), as(t.app, 'town-a')]);
  rid = (await zzb.post('/api/reviews', { title: '述职评议', year: 2026, orgIds: [c.orgs.townA] })).body.id;
});
afterAll(() => t.close());

const uploadDoc = (name: string, data: Buffer) =>
  upload(zzb, '/api/documents/upload', { date: '2026-11-02' }, { name, data });

describe('document uploads (.docx, .txt)', () => {
  const bombs: [string, () => Buffer, RegExp][] = [
    ['7 million empty paragraphs (42 MB of XML)', () => manyParagraphs(7_000_000), /解压后内容过大|压缩比/],
    ['the same bomb with a directory that claims 10 KB', () => lyingParagraphs(7_000_000), /实际超过/],
    ['one run of 12 million characters (36 MB)', () => hugeRun(12_000_000), /解压后内容过大|压缩比/],
    ['100,000 nested content controls', () => deepNesting(100_000), /结构过于复杂/],
    ['600,000 characters of prose', () => proseDocx(3_000, 200), /500,000 字上限/],
  ];
  for (const [what, make, message] of bombs)
    it(`${what}: 400 with a Chinese reason, nothing stored, server healthy`, async () => {
      const [docs, audits] = [await count('document'), await count('audit_log')];
      const r = await uploadDoc('讲话.docx', make());
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.message).toMatch(chinese);
      expect(r.body.message).toMatch(message);
      expect([await count('document'), await count('audit_log')]).toEqual([docs, audits]);
      expect(await healthy()).toBe(true);
    });

  it('a .txt over 500,000 characters is refused; pasted text over the cap too', async () => {
    const docs = await count('document');
    const txt = await uploadDoc('讲话.txt', Buffer.from('落实'.repeat(250_001)));
    expect([txt.status, txt.body.code]).toEqual([400, 'TEXT_TOO_LONG']);
    const pasted = await zzb.post('/api/documents', { title: '长文', date: '2026-11-02', text: '字'.repeat(500_001) });
    expect(pasted.status).toBe(400);
    // 500,000 characters (1.5 MB of UTF-8) fit in the request: the cap is the text's, not the body limit's.
    const max = await zzb.post('/api/documents', { title: '最长', date: '2026-11-02', text: randomText(500_000) });
    expect(max.status).toBe(201);
    expect(pasted.body.message).toMatch(chinese);
    expect(await count('document')).toBe(docs + 1);
  });

  it('a normal .docx still uploads after the bombs, and a UTF-8 .txt cut inside a character stays UTF-8', async () => {
    const ok = await uploadDoc(
      '正常.docx',
      docx(paragraph('一、全面落实党建工作责任制。') + paragraph('二、加强基层组织建设。')),
    );
    expect(ok.status).toBe(201);
    const d = (await zzb.get(`/api/documents/${ok.body.id}`)).body;
    expect(d.text).toContain('全面落实党建工作责任制');
    const cut = Buffer.from('一、推进基层治理现代化。', 'utf8');
    const r = await uploadDoc('截断.txt', cut.subarray(0, cut.length - 1));
    expect(r.status).toBe(201);
    expect((await zzb.get(`/api/documents/${r.body.id}`)).body.text).toBe('一、推进基层治理现代化');
  });
});

describe('述职报告 (.docx, a township secretary can send it)', () => {
  it('the 7-million-paragraph bomb and a 60,000-character report are refused; the report is not stored', async () => {
    const url = `/api/reviews/${rid}/reports/${c.orgs.townA}/docx`;
    const bomb = await upload(townA, url, {}, { name: '述职报告.docx', data: manyParagraphs(7_000_000) });
    expect(bomb.status).toBe(400);
    expect(bomb.body.message).toMatch(/解压后内容过大|压缩比/);
    const long = await upload(townA, url, {}, { name: '述职报告.docx', data: docx(paragraph(randomText(60_000))) });
    expect([long.status, long.body.code]).toEqual([400, 'TEXT_TOO_LONG']);
    expect(long.body.message).toContain('50,000');
    const target = await t.database.db
      .selectFrom('review_target')
      .select(['report_text', 'report_submitted_at'])
      .where('campaign_id', '=', rid)
      .executeTakeFirstOrThrow();
    expect(target).toEqual({ report_text: null, report_submitted_at: null });
    const pasted = await townA.request('PUT', `/api/reviews/${rid}/reports/${c.orgs.townA}`, {
      text: '述'.repeat(60_000),
    });
    expect([pasted.status, pasted.body.code]).toEqual([400, 'REPORT_TOO_LONG']);
    const ok = await upload(
      townA,
      url,
      {},
      { name: '述职报告.docx', data: docx(paragraph('本人履行党建第一责任人职责情况汇报。')) },
    );
    expect(ok.status).toBe(200);
    expect(await healthy()).toBe(true);
  });
});

describe('Excel imports (.xlsx)', () => {
  it('100 MB of shared strings (ratio in the thousands), and the same with a lying directory: 400, no job', async () => {
    for (const data of [
      xlsxWithSharedString(Buffer.alloc(100 * 1024 * 1024, 0x41)),
      xlsxWithSharedString(Buffer.alloc(100 * 1024 * 1024, 0x41), 1000),
    ]) {
      const r = await upload(zzb, '/api/import/members', {}, { name: '党员.xlsx', data });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.message).toMatch(/解压后内容过大|压缩比|实际超过/);
    }
    expect(await healthy()).toBe(true);
  });
});

describe('a parse that still goes wrong fails that request only', () => {
  it('with a worker heap too small for the file, the worker dies: 400, and the server (and its next parse) carry on', async () => {
    const big = proseDocx(20_000, 20);
    const small = await createTestApp({ env: { PARSE_HEAP_MB: '24' } });
    try {
      const c2 = await seedCounty(small.database.db);
      void c2;
      const cl = await as(small.app, 'zzb');
      const big = proseDocx(20_000, 20);
      const r = await upload(cl, '/api/documents/upload', { date: '2026-11-02' }, { name: '大文件.docx', data: big });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.code).toBe('FILE_TOO_COMPLEX');
      expect(r.body.message).toMatch(chinese);
      expect((await small.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect(await small.database.db.selectFrom('document').selectAll().execute()).toEqual([]);
    } finally {
      await small.close();
    }
    // The default sandbox reads the same file.
    const ok = await uploadDoc('大文件.docx', big);
    expect(ok.status).toBe(201);
    // Two parses of a 20,000-paragraph file: ~11 s on a quiet machine, over 30 s under load.
  }, 120_000);
});
