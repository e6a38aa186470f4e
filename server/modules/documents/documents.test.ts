import { sql } from 'kysely';
import iconv from 'iconv-lite';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, insertOrg, insertUser, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { upload } from '../tasks/tasks.test-support.ts';

const NOTICE = `关于做好冬季重点工作的通知

一、县委组织部要会同县财政局,在12月31日前完成村级组织运转经费保障情况核查。
二、各镇要在11月底前完成软弱涣散村党组织排查整顿,整顿率达到100%。
三、县财政局负责落实专项资金2000万元,年底前拨付到位。`;

let t: TestApp;
let c: County;
let dcs: Client;
let zzbOrg: number;
const clock = new ManualClock('2026-11-02T01:00:00Z');
const count = async (table: 'document' | 'task') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  zzbOrg = await insertOrg(t.database.db, { code: 'ZZB', name: '县委组织部', type: '党组', parentId: c.orgs.county });
  dcs = await as(t.app, 'dcs');
});
afterAll(() => t.close());

describe('documents: paste, upload, search', () => {
  let id: number;
  it('stores a pasted document and returns its id', async () => {
    const r = await dcs.post('/api/documents', {
      title: '冬季重点工作通知',
      date: '2026-11-02',
      text: NOTICE.replace(/\n/g, '\r\n'),
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(Number) });
    id = r.body.id;
    const row = await t.database.db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.text).toBe(NOTICE); // line endings normalized so offsets are stable
    expect(row.owner_org_id).toBe(c.orgs.county);
    const g = await dcs.get(`/api/documents/${id}`);
    expect(g.body).toMatchObject({
      title: '冬季重点工作通知',
      date: '2026-11-02',
      text: NOTICE,
      canPublish: true,
      tasks: [],
    });
  });

  it('full-text search finds Chinese substrings with highlighted snippets', async () => {
    await dcs.post('/api/documents', {
      title: '党建述职评议会讲话',
      date: '2026-01-10',
      text: '要持续整顿软弱涣散村党组织。另外,抓好农村人居环境整治。',
    });
    const r = await dcs.get(`/api/documents?q=${encodeURIComponent('软弱涣散')}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(2);
    const s = r.body.items.find((i: any) => i.id === id).snippets[0];
    expect(s).toMatchObject({ match: '软弱涣散', field: 'text' });
    expect(s.before.endsWith('完成')).toBe(true);
    expect(s.after.startsWith('村党组织')).toBe(true);
    // two characters (below the trigram length) still work
    const two = await dcs.get(`/api/documents?q=${encodeURIComponent('人居')}`);
    expect(two.body.items.map((i: any) => i.title)).toEqual(['党建述职评议会讲话']);
    const none = await dcs.get(`/api/documents?q=${encodeURIComponent('高速公路')}`);
    expect(none.body).toEqual({ items: [], total: 0 });
    const title = await dcs.get(`/api/documents?q=${encodeURIComponent('冬季重点')}`);
    expect(title.body.items[0].snippets[0]).toMatchObject({ field: 'title', match: '冬季重点' });
  });

  it('PostgreSQL: the same matches through the pg_trgm indexes as by the fallback scan', async () => {
    const terms = ['软弱涣散', '人居', '高速公路', '冬季重点', '村党组织'];
    const search = () =>
      Promise.all(
        terms.map(async (q) =>
          (await dcs.get(`/api/documents?q=${encodeURIComponent(q)}`)).body.items.map((i: any) => i.id).sort(),
        ),
      );
    const indexed = await search();
    expect(indexed.map((ids) => ids.length)).toEqual([2, 1, 0, 1, 2]);
    if (t.database.dialect !== 'postgres') return; // SQLite searches its FTS5 trigram table
    const db = t.database.db;
    const ext = await sql`select 1 from pg_extension where extname = 'pg_trgm'`.execute(db);
    const idx = await sql<{ n: number }>`select count(*)::int as n from pg_indexes
      where tablename = 'document' and indexname in ('document_text_trgm', 'document_title_trgm')`.execute(db);
    // Where the extension could be created (a superuser, as in CI) the migration built both indexes.
    expect(idx.rows[0].n).toBe(ext.rows.length ? 2 : 0);
    await sql`drop index if exists document_text_trgm`.execute(db);
    await sql`drop index if exists document_title_trgm`.execute(db);
    expect(await search()).toEqual(indexed);
  });

  it('uploads .txt (UTF-8 and GB18030) and .docx', async () => {
    // The same text as the pasted notice: refused with a pointer to it, nothing stored, until confirmed.
    const before = await count('document');
    const again = await upload(
      dcs,
      '/api/documents/upload',
      { title: '通知(UTF-8)', date: '2026-11-02' },
      { name: 'a.txt', data: Buffer.from(NOTICE) },
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'DOCUMENT_DUPLICATE',
      details: { title: '冬季重点工作通知', date: '2026-11-02' },
    });
    expect(again.body.message).toContain('相同正文已录入为「冬季重点工作通知」');
    expect(await count('document')).toBe(before);
    const pasted = await dcs.post('/api/documents', {
      title: '再贴一次',
      date: '2026-11-03',
      text: NOTICE.replace(/\n/g, '\r\n'),
    });
    expect(pasted.status).toBe(409); // Windows line endings are normalized: still the same text
    const u = await upload(
      dcs,
      '/api/documents/upload',
      { title: '通知(UTF-8)', date: '2026-11-02', allowDuplicate: 'true' },
      { name: 'a.txt', data: Buffer.from(NOTICE) },
    );
    expect(u.status).toBe(201);
    const g = await upload(
      dcs,
      '/api/documents/upload',
      { date: '2026-11-02', allowDuplicate: 'true' },
      { name: '记事本.txt', data: iconv.encode(NOTICE, 'gb18030') },
    );
    expect(g.status).toBe(201);
    expect((await dcs.get(`/api/documents/${g.body.id}`)).body).toMatchObject({
      title: '记事本',
      text: NOTICE,
      source: 'txt',
    });
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: NOTICE.split('\n').map((l) => new Paragraph(l)) }] }),
    );
    const d = await upload(
      dcs,
      '/api/documents/upload',
      { title: 'Word 版', date: '2026-11-02', meeting: '县委常委会', allowDuplicate: 'true' },
      { name: '通知.docx', data: docx },
    );
    expect(d.status).toBe(201);
    const got = (await dcs.get(`/api/documents/${d.body.id}`)).body;
    expect(got).toMatchObject({ source: 'docx', meeting: '县委常委会', fileName: '通知.docx' });
    expect(got.text).toContain('县委组织部要会同县财政局');
  });

  it('a .docx that is not a docx: clear Chinese error, nothing stored', async () => {
    const before = await count('document');
    const r = await upload(
      dcs,
      '/api/documents/upload',
      { title: '假文件', date: '2026-11-02' },
      { name: '假.docx', data: Buffer.from('这其实是一段纯文本') },
    );
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      code: 'DOCX_INVALID',
      message: '文件「假.docx」不是有效的 Word 文档(.docx),请用 Word 打开后“另存为 .docx”再上传',
    });
    const zip = await upload(
      dcs,
      '/api/documents/upload',
      { date: '2026-11-02' },
      { name: '坏.docx', data: Buffer.from('PK\u0003\u0004garbage') },
    );
    expect(zip.body.code).toBe('DOCX_INVALID');
    const pdf = await upload(
      dcs,
      '/api/documents/upload',
      { date: '2026-11-02' },
      { name: 'x.pdf', data: Buffer.from('%PDF-1.4') },
    );
    expect(pdf.body.message).toContain('不支持的文件类型');
    const nofile = await dcs.post('/api/documents/upload', {});
    expect(nofile.status).toBe(400);
    expect(nofile.body.code).toBe('MULTIPART_REQUIRED');
    expect(await count('document')).toBe(before);
  });

  it('rejects empty text and bad dates', async () => {
    const before = await count('document');
    const e = await dcs.post('/api/documents', { title: '空', date: '2026-11-02', text: '   ' });
    expect(e.body).toMatchObject({ code: 'DOCUMENT_TEXT_EMPTY', message: '文件正文为空' });
    const d = await dcs.post('/api/documents', { title: 'x', date: '2026-02-30', text: '正文' });
    expect(d.status).toBe(400);
    expect(await count('document')).toBe(before);
  });

  it('documents are scoped: a township does not see the county’s documents', async () => {
    const a = await as(t.app, 'town-a');
    expect((await a.get(`/api/documents/${id}`)).status).toBe(404);
    expect((await a.get('/api/documents')).body.total).toBe(0);
    expect((await a.post('/api/documents', { title: 'x', date: '2026-11-02', text: '正文' })).status).toBe(403);
  });
});

describe('extract and publish', () => {
  let id: number;
  beforeAll(async () => {
    id = (
      await dcs.post('/api/documents', {
        title: '冬季重点工作通知',
        date: '2026-11-02',
        text: NOTICE,
        allowDuplicate: true,
      })
    ).body.id;
  });

  it('extract proposes rows with pre-filled org ids and saves nothing', async () => {
    const before = await count('task');
    const r = await dcs.post(`/api/documents/${id}/extract`);
    expect(r.status).toBe(200);
    const [first, second, third] = r.body.tasks;
    expect(first).toMatchObject({
      text: '县委组织部要会同县财政局,在12月31日前完成村级组织运转经费保障情况核查',
      leadOrgId: zzbOrg,
      coOrgIds: [c.orgs.dept],
      dueDate: '2026-12-31',
    });
    expect(first.deadline).toMatchObject({ text: '12月31日前', to: '2026-12-31' });
    expect(NOTICE.slice(first.start, first.end)).toBe(first.text);
    // 各镇 → every township committee
    expect(second.leadOrgIds.sort()).toEqual([c.orgs.townA, c.orgs.townB].sort());
    expect([second.leadOrgId, ...second.coOrgIds].sort()).toEqual([c.orgs.townA, c.orgs.townB].sort());
    expect(second.dueDate).toBe('2026-11-30');
    expect(third).toMatchObject({ leadOrgId: c.orgs.dept, dueDate: '2026-12-31' });
    expect(third.targets.map((x: any) => x.text)).toContain('2000万元');
    expect(await count('task')).toBe(before);
  });

  it('a supervisor of one township only gets that township pre-filled', async () => {
    await insertUser(t.database.db, { username: 'dcs-a', role: 'supervisor', scopeOrgId: c.orgs.townA });
    const s = await as(t.app, 'dcs-a');
    const own = (
      await s.post('/api/documents', { title: '甲镇通知', date: '2026-11-02', text: NOTICE, allowDuplicate: true })
    ).body.id;
    const r = await s.post(`/api/documents/${own}/extract`);
    expect(r.body.tasks[1].leadOrgIds).toEqual([c.orgs.townA]);
    expect(r.body.tasks[0].leadOrgId).toBeNull();
    expect(r.body.tasks[0].unmatched).toEqual(['县委组织部', '县财政局']);
  });

  it('publish creates linked tasks (acceptance shape)', async () => {
    const ex = (await dcs.post(`/api/documents/${id}/extract`)).body.tasks;
    const rows = ex.map((p: any) => ({
      text: p.text,
      start: p.start,
      end: p.end,
      leadOrgId: p.leadOrgId,
      coOrgIds: p.coOrgIds,
      dueDate: p.dueDate,
      targets: p.targets,
    }));
    const r = await dcs.post(`/api/documents/${id}/publish`, { tasks: rows });
    expect(r.status).toBe(200);
    expect(r.body.taskIds).toHaveLength(3);
    const task = await t.database.db
      .selectFrom('task')
      .selectAll()
      .where('id', '=', r.body.taskIds[2])
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      document_id: id,
      passage_start: ex[2].start,
      passage_end: ex[2].end,
      lead_org_id: c.orgs.dept,
      status: 'pending',
      due_date: '2026-12-31',
      issued_date: '2026-11-02',
    });
    expect(JSON.parse(task.targets_json)).toContain('2000万元');
    const list = await dcs.get(`/api/tasks?documentId=${id}&page=1&pageSize=10`);
    expect(list.body.total).toBe(3);
    expect(list.body.items[0]).toMatchObject({
      id: expect.any(Number),
      light: 'green',
      status: 'pending',
      statusLabel: '待签收',
    });
    const doc = await dcs.get(`/api/documents/${id}`);
    expect(doc.body.tasks.map((x: any) => x.start)).toEqual(ex.map((p: any) => p.start));
    // the passage comes back with the task
    const detail = await dcs.get(`/api/tasks/${r.body.taskIds[0]}`);
    expect(detail.body.passageText).toBe(ex[0].text);
    expect(detail.body.document).toMatchObject({ id, title: '冬季重点工作通知' });
    // the township that received a task can now open the document to read the passage
    const a = await as(t.app, 'town-a');
    expect((await a.get(`/api/documents/${id}`)).status).toBe(200);
    expect((await a.get(`/api/documents/${id}`)).body.canPublish).toBe(false);
  });

  it('a township counts only the tasks of a document it can see (the others are not disclosed, not even their number)', async () => {
    const count = async (username: string) =>
      (await (await as(t.app, username)).get('/api/documents?pageSize=100')).body.items.find((d: any) => d.id === id)
        ?.taskCount;
    expect(await count('dcs')).toBe(3);
    expect(await count('town-a')).toBe(1); // the 各镇 row only, not the 县委组织部 / 县财政局 rows
    expect(await count('town-b')).toBe(1);
  });
});

describe('publish: bad input, nothing changed', () => {
  let id: number;
  const ok = () => ({
    text: '完成排查',
    start: 0,
    end: 4,
    leadOrgId: c.orgs.townA,
    coOrgIds: [],
    dueDate: '2026-12-31',
    targets: [],
  });
  beforeAll(async () => {
    id = (
      await dcs.post('/api/documents', { title: '会议纪要', date: '2026-11-02', text: NOTICE, allowDuplicate: true })
    ).body.id;
  });
  const expectNothing = async (body: unknown, status: number, code: string, message: string) => {
    const before = await count('task');
    const auditBefore = (await t.database.db.selectFrom('audit_log').select('id').execute()).length;
    const r = await dcs.post(`/api/documents/${id}/publish`, body);
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(code);
    expect(r.body.message).toBe(message);
    expect(await count('task')).toBe(before);
    expect((await t.database.db.selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore);
  };

  it('an org outside the caller’s scope', async () => {
    await insertUser(t.database.db, { username: 'dcs-b', role: 'supervisor', scopeOrgId: c.orgs.townB });
    const s = await as(t.app, 'dcs-b');
    const own = (
      await s.post('/api/documents', { title: '乙镇', date: '2026-11-02', text: NOTICE, allowDuplicate: true })
    ).body.id;
    const before = await count('task');
    const r = await s.post(`/api/documents/${own}/publish`, {
      tasks: [
        { ...ok(), leadOrgId: c.orgs.b1 },
        { ...ok(), leadOrgId: c.orgs.townA },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      code: 'ORG_NOT_IN_SCOPE',
      message: `第 2 条任务:牵头单位(编号 ${c.orgs.townA})不存在或不在您的管辖范围内`,
    });
    const co = await s.post(`/api/documents/${own}/publish`, {
      tasks: [{ ...ok(), leadOrgId: c.orgs.b1, coOrgIds: [c.orgs.a1] }],
    });
    expect(co.body.message).toBe(`配合单位(编号 ${c.orgs.a1})不存在或不在您的管辖范围内`);
    expect(await count('task')).toBe(before);
  });
  it('a due date before the meeting date', () =>
    expectNothing(
      { tasks: [ok(), { ...ok(), dueDate: '2026-10-31' }] },
      400,
      'DUE_BEFORE_MEETING',
      '第 2 条任务:完成时限 2026-10-31 早于会议日期 2026-11-02',
    ));
  it('an empty task text', () =>
    expectNothing({ tasks: [{ ...ok(), text: '  ' }] }, 400, 'TASK_TEXT_EMPTY', '任务内容不能为空'));
  it('a passage outside the document', () =>
    expectNothing({ tasks: [{ ...ok(), start: 5, end: 99999 }] }, 400, 'PASSAGE_INVALID', '原文位置超出文件长度'));
  it('no rows', () => expectNothing({ tasks: [] }, 400, 'VALIDATION_FAILED', '字段「任务(tasks)」至少需要 1 项'));
  it('a document of another scope is 404', async () => {
    const s = await as(t.app, 'dcs-b');
    const r = await s.post(`/api/documents/${id}/publish`, { tasks: [ok()] });
    expect(r.status).toBe(404);
    expect((await s.post(`/api/documents/${id}/extract`)).status).toBe(404);
  });
});
