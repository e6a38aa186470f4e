/**
 * Documents (speeches, minutes, notices): stored with their full text so every task can point
 * back to its passage. A document belongs to the creator's scope node; it is also visible to
 * units that received a task from it (so they can read the passage that assigned it).
 * Search: SQLite FTS5 with the trigram tokenizer (any substring of ≥ 3 characters, no word
 * segmentation needed for Chinese); shorter queries and PostgreSQL use a substring scan
 * (strpos), which needs no extension — pg_trgm is not guaranteed to be installable.
 */
import { type Selectable, sql } from 'kysely';
import type {
  DocumentDetail,
  DocumentDuplicate,
  DocumentPage,
  DocumentQuery,
  NewDocument,
} from '../../../common/contracts/documents.ts';
import type { DocumentSource } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { DocumentTable } from '../../db/schema/supervision.ts';
import { cnDate } from '../../../common/dates.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { Upload } from '../../lib/http.ts';
import { escapeLike } from '../../lib/like.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { isValidDate } from '../../lib/workdays.ts';
import { docxText } from '../../lib/sandbox.ts';
import { decodeText } from '../../../extract/io.ts';
import { coversAll, taskVisible } from '../tasks/tasks.policy.ts';
import { turn } from '../../lib/turn.ts';

type DocInput = NewDocument;

/**
 * The most text a document may hold, pasted or extracted from an upload: a long 政府工作报告 is
 * about 30,000 characters; beyond this a document only makes every search and page slower.
 */
export const MAX_DOC_CHARS = 500_000;
const tooLong = (n: number) =>
  badRequest(
    'TEXT_TOO_LONG',
    `文件正文超过 ${MAX_DOC_CHARS.toLocaleString('en-US')} 字上限(约 ${n.toLocaleString('en-US')} 字),请删减或拆分后再上传`,
  );

/** Line endings normalized once, so stored offsets stay valid for every reader. */
export const normalizeDocText = (s: string) => s.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

function check(input: DocInput) {
  if (!input.title?.trim()) throw badRequest('DOCUMENT_TITLE_EMPTY', '文件标题不能为空');
  if (!isValidDate(input.date))
    throw badRequest('DOCUMENT_DATE_INVALID', `会议(发文)日期「${input.date}」不是有效日期`);
  if (!input.text?.trim()) throw badRequest('DOCUMENT_TEXT_EMPTY', '文件正文为空');
  if (input.text.length > MAX_DOC_CHARS) throw tooLong(input.text.length);
}

async function insert(ctx: Ctx, actor: Actor, input: DocInput, source: DocumentSource, fileName: string | null) {
  check(input);
  const text = normalizeDocText(input.text);
  return ctx.db.transaction().execute(async (trx) => {
    // The same speech uploaded twice would publish its tasks twice: say where it already is and
    // save only when the caller confirms (a re-issued text may legitimately repeat).
    if (!input.allowDuplicate) {
      const dup = await visibleDocs(trx, actor)
        .select(['d.id', 'd.title', 'd.doc_date', 'd.created_at'])
        .where('d.text', '=', text)
        .orderBy('d.id')
        .executeTakeFirst();
      if (dup)
        throw conflict(
          'DOCUMENT_DUPLICATE',
          `相同正文已录入为「${dup.title}」(编号 ${dup.id},${cnDate(dup.doc_date)}),请勿重复录入;如确需再次录入,请确认后保存`,
          { id: dup.id, title: dup.title, date: dup.doc_date } satisfies DocumentDuplicate,
        );
    }
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('document')
      .values({
        title: input.title.trim(),
        meeting: input.meeting?.trim() || null,
        doc_date: input.date,
        issuing_unit: input.issuingUnit?.trim() || null,
        owner_org_id: actor.scopeOrgId,
        source,
        file_name: fileName,
        text,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (ctx.dialect === 'sqlite')
      await trx.insertInto('document_fts').values({ rowid: r.id, title: input.title.trim(), body: text }).execute();
    await audit(ctx, trx, actor, {
      action: 'document.create',
      entity: 'document',
      entityId: r.id,
      after: { title: input.title, date: input.date, source, fileName, chars: text.length },
    });
    return { id: r.id };
  });
}

export const create = (ctx: Ctx, actor: Actor, input: DocInput) => insert(ctx, actor, input, 'paste', null);

/** Text of an uploaded .txt (UTF-8, or GB18030 as Windows Notepad saves it) or .docx. */
export async function fileText(
  config: { parseHeapMb: number },
  file: { filename: string; data: Buffer },
): Promise<{ text: string; source: Exclude<DocumentSource, 'paste'> }> {
  const name = file.filename.toLowerCase();
  if (name.endsWith('.docx')) {
    // A .docx is a zip: anything else (a renamed .doc, a PDF, plain text) is refused clearly. It
    // is opened in the parse sandbox, bounded before anything is expanded (lib/sandbox-jobs.ts).
    const text = await docxText(config, file.data, {
      profile: 'document',
      maxChars: MAX_DOC_CHARS,
      what: `文件「${file.filename}」`,
      invalid: {
        code: 'DOCX_INVALID',
        message: `文件「${file.filename}」不是有效的 Word 文档(.docx),请用 Word 打开后“另存为 .docx”再上传`,
      },
    });
    return { text: text.replace(/\n{3,}/g, '\n\n'), source: 'docx' };
  }
  if (name.endsWith('.txt')) {
    // 4 bytes per character at most: a file this large cannot be under the limit.
    if (file.data.length > MAX_DOC_CHARS * 4) throw tooLong(Math.round(file.data.length / 3));
    // UTF-8 (also when cut inside the last character), UTF-16 with BOM, else GB18030 (Notepad).
    const { text } = decodeText(file.data);
    if (text.length > MAX_DOC_CHARS) throw tooLong(text.length);
    return { text, source: 'txt' };
  }
  if (name.endsWith('.doc')) throw badRequest('DOC_UNSUPPORTED', '暂不支持旧版 Word(.doc)文件,请另存为 .docx 后上传');
  throw badRequest(
    'FILE_TYPE_UNSUPPORTED',
    `不支持的文件类型「${file.filename}」,请上传 .docx 或 .txt 文件,或直接粘贴正文`,
  );
}

/** An uploaded .docx / .txt; title, date, meeting and issuingUnit come as text fields before the file. */
export async function upload(ctx: Ctx, actor: Actor, file: Upload) {
  const { fields } = file;
  const { text, source } = await fileText(ctx.config, file);
  const title = fields.title?.trim() || file.filename.replace(/\.(docx|txt)$/i, '');
  if (!fields.date) throw badRequest('DOCUMENT_DATE_INVALID', '请填写会议(发文)日期(字段 date,须放在文件之前)');
  if (!text.trim()) throw badRequest('DOCUMENT_TEXT_EMPTY', `文件「${file.filename}」中没有文字内容`);
  return insert(
    ctx,
    actor,
    {
      title,
      date: fields.date,
      text,
      meeting: fields.meeting,
      issuingUnit: fields.issuingUnit,
      allowDuplicate: fields.allowDuplicate === 'true',
    },
    source,
    file.filename,
  );
}

/** Documents the caller owns (by scope) or received a task from. */
function visibleDocs(db: Executor, actor: Actor) {
  const p = actor.scopePath;
  return db
    .selectFrom('document as d')
    .innerJoin('org_unit as oo', 'oo.id', 'd.owner_org_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('oo.path', '>=', p), eb('oo.path', '<', pathUpper(p))]),
        eb.exists(
          eb
            .selectFrom('task as t')
            .select(sql`1`.as('one'))
            .whereRef('t.document_id', '=', 'd.id')
            .where(taskVisible(p) as any),
        ),
      ]),
    );
}

export async function visibleDocument(db: Executor, actor: Actor, id: number) {
  const d = await visibleDocs(db, actor)
    .selectAll('d')
    .select('oo.path as owner_path')
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!d) throw notFound('文件', 'DOCUMENT_NOT_FOUND');
  return { ...d, owned: isInPath(d.owner_path, actor.scopePath) };
}

/** Up to `max` passages around the query's occurrences, split so the client can mark the match. */
export function snippets(text: string, q: string, max = 3, radius = 30) {
  const out: { before: string; match: string; after: string }[] = [];
  if (!q) return out;
  const lower = text.toLowerCase();
  const lq = q.toLowerCase();
  let from = 0;
  while (out.length < max) {
    const i = lower.indexOf(lq, from);
    if (i < 0) break;
    out.push({
      before: (i > radius ? '…' : '') + text.slice(Math.max(0, i - radius), i).replace(/\n+/g, ' '),
      match: text.slice(i, i + q.length),
      after:
        text.slice(i + q.length, i + q.length + radius).replace(/\n+/g, ' ') +
        (i + q.length + radius < text.length ? '…' : ''),
    });
    from = i + q.length;
  }
  return out;
}

const SNIPPET_BATCH = 2;
/**
 * The short-term scan reads windows of documents by id, sized by time: the window halves when a
 * statement took over twice SCAN_TARGET_MS and doubles under half of it. A fixed 50 documents of up
 * to 500,000 characters held the event loop ~360 ms per statement (bench/stalls.ts, search).
 */
const SCAN_TARGET_MS = 25;
const SCAN_FIRST = 1;
const SCAN_MAX = 512;

/**
 * Ids of documents whose title or text contains a 1–2 character term (SQLite: the trigram index
 * needs 3). A substring scan, but in windows of documents, each its own short statement with the
 * event loop free in between: better-sqlite3 runs a query synchronously, and a single scan over
 * every document's text would hold the server for it.
 */
async function scanForShortTerm(ctx: Ctx, term: string): Promise<number[]> {
  const range = await ctx.db
    .selectFrom('document')
    .select((eb) => [eb.fn.min<number>('id').as('lo'), eb.fn.max<number>('id').as('hi')])
    .executeTakeFirst();
  const ids: number[] = [];
  if (!range?.lo) return ids;
  let per = SCAN_FIRST;
  for (let lo = Number(range.lo); lo <= Number(range.hi); ) {
    const started = performance.now();
    const hits = await ctx.db
      .selectFrom('document')
      .select('id')
      .where('id', '>=', lo)
      .where('id', '<', lo + per)
      .where((eb) => eb.or([sql<boolean>`instr(title, ${term}) > 0`, sql<boolean>`instr(text, ${term}) > 0`]))
      .execute();
    for (const h of hits) ids.push(h.id);
    lo += per;
    const took = performance.now() - started;
    if (took > 2 * SCAN_TARGET_MS) per = Math.max(1, per >> 1);
    else if (took < SCAN_TARGET_MS / 2) per = Math.min(SCAN_MAX, per * 2);
    await turn();
  }
  return ids;
}

/** The columns of a document as the API names them (list rows and the detail). */
const docFields = (
  d: Pick<
    Selectable<DocumentTable>,
    'id' | 'title' | 'meeting' | 'doc_date' | 'issuing_unit' | 'source' | 'file_name' | 'created_at'
  >,
) => ({
  id: d.id,
  title: d.title,
  meeting: d.meeting,
  date: d.doc_date,
  issuingUnit: d.issuing_unit,
  source: d.source,
  fileName: d.file_name,
  createdAt: d.created_at,
});

export async function list(ctx: Ctx, actor: Actor, f: DocumentQuery): Promise<DocumentPage> {
  const { page = 1, pageSize = 20 } = f;
  let q = visibleDocs(ctx.db, actor);
  const term = f.q?.trim();
  if (term) {
    if (ctx.dialect === 'sqlite' && [...term].length >= 3) {
      const phrase = `"${term.replace(/"/g, '""')}"`;
      q = q.where(
        'd.id',
        'in',
        ctx.db.selectFrom('document_fts').select('rowid').where(sql<boolean>`document_fts match ${phrase}`),
      );
    } else if (ctx.dialect === 'sqlite') {
      const ids = await scanForShortTerm(ctx, term);
      q = q.where('d.id', 'in', ids.length ? ids : [0]);
    } else {
      // ILIKE rather than strpos(lower()): the pg_trgm indexes of migration 202612040200_scale (when
      // the extension could be created) serve it for terms of ≥ 3 characters; without them, or for
      // shorter terms, PostgreSQL scans as before. Same matches either way.
      const pattern = `%${escapeLike(term)}%`;
      q = q.where((eb) =>
        eb.or([sql<boolean>`d.title ilike ${pattern} escape '\\'`, sql<boolean>`d.text ilike ${pattern} escape '\\'`]),
      );
    }
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // A unit that received one task of a county document counts only the tasks it can see: the
  // others (another township's) are not its business, not even their number.
  const all = await coversAll(ctx.db, actor.scopePath);
  // The page's ids first, from columns stored before `text`; then the page's fields, five documents
  // at a time. A column stored after a document's text (created_at) is reached through its overflow
  // pages on SQLite (~3.5 ms for 500,000 characters): reading it for every match to sort them took
  // 139 ms for 100 such documents, and for a page of 20 at once 73 ms.
  const pageIds = (
    await q
      .select('d.id')
      .orderBy('d.doc_date', 'desc')
      .orderBy('d.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute()
  ).map((r) => r.id);
  const pageRows = (ids: number[]) =>
    ctx.db
      .selectFrom('document as d')
      .select([
        'd.id',
        'd.title',
        'd.meeting',
        'd.doc_date',
        'd.issuing_unit',
        'd.source',
        'd.file_name',
        'd.created_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('task as t')
          .select((e) => e.fn.countAll<number>().as('c'))
          .whereRef('t.document_id', '=', 'd.id')
          .where(taskVisible(actor.scopePath, all) as any)
          .as('task_count'),
      )
      .where('d.id', 'in', ids)
      .execute();
  const found: Awaited<ReturnType<typeof pageRows>> = [];
  for (let i = 0; i < pageIds.length; i += 5) {
    if (i) await turn();
    found.push(...(await pageRows(pageIds.slice(i, i + 5))));
  }
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = pageIds.flatMap((id) => byId.get(id) ?? []);
  // Snippets need each hit's full text (up to 500,000 characters): read a few documents at a time.
  const texts = new Map<number, string>();
  if (term)
    for (let i = 0; i < rows.length; i += SNIPPET_BATCH) {
      const batch = rows.slice(i, i + SNIPPET_BATCH).map((r) => r.id);
      for (const d of await ctx.db.selectFrom('document').select(['id', 'text']).where('id', 'in', batch).execute())
        texts.set(d.id, d.text);
      await turn();
    }
  return {
    total: Number(n),
    items: rows.map((r) => ({
      ...docFields(r),
      taskCount: Number(r.task_count ?? 0),
      ...(term
        ? {
            snippets: [
              ...snippets(r.title, term, 1, 40).map((s) => ({ ...s, field: 'title' as const })),
              ...snippets(texts.get(r.id) ?? '', term).map((s) => ({ ...s, field: 'text' as const })),
            ],
          }
        : {}),
    })),
  };
}

export async function get(ctx: Ctx, actor: Actor, id: number): Promise<DocumentDetail> {
  const d = await visibleDocument(ctx.db, actor, id);
  const tasks = await ctx.db
    .selectFrom('task as t')
    .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .select([
      't.id',
      't.text',
      't.passage_start as start',
      't.passage_end as end',
      't.light',
      't.status',
      't.due_date as dueDate',
      'lo.name as leadName',
    ])
    .where('t.document_id', '=', id)
    .where(taskVisible(actor.scopePath))
    .orderBy('t.passage_start')
    .orderBy('t.id')
    .execute();
  return { ...docFields(d), text: d.text, canPublish: d.owned, tasks };
}
