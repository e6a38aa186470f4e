/**
 * Learning from corrections. The review screen reports what a person changed in an extraction; this service keeps
 * what that teaches (extraction_correction), per scope node, and hands the lessons to the next extraction:
 * - a lead unit changed on a row whose text named exactly one unit → an alias ("城管" → 县综合行政执法局);
 * - a lead unit chosen for a row that named none → the lead for that topic (its function words) and, when the
 *   extractor had proposed a department type, the lead for that type;
 * - a row deleted as not a task → the phrase is not proposed again;
 * - split and merge are kept for the statistics of granularity (they teach nothing automatic).
 * A lesson belongs to the scope node of the person who made it and serves extractions by that node and below: a
 * county's aliases serve its towns, a town's never reach its neighbour. A repeated lesson replaces the older one.
 */
import { squash, topicWords } from '../../../extract/corrections.ts';
import { defaultFunctions } from '../../../extract/functions.ts';
import type { Corrections } from '../../../extract/types.ts';
import type {
  Correction,
  CorrectionList,
  CorrectionsQuery,
  RecordCorrectionsBody,
  RecordCorrectionsResult,
} from '../../../common/contracts/corrections.ts';
import type { CorrectionKind } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { visibleDocument } from './documents.service.ts';

type Lesson = {
  kind: CorrectionKind;
  text: string;
  key: string;
  words: string[];
  deptType: string | null;
  unit: number | null;
};

const fx = defaultFunctions();

/** The lessons one correction teaches (none for a unit change on a row that named several units or inherited one). */
function lessonsOf(c: RecordCorrectionsBody['corrections'][number]): Lesson[] {
  const base = { words: [] as string[], deptType: null, unit: null };
  if (c.kind !== 'unit') {
    const key = squash(c.text);
    return key.length >= 4 ? [{ ...base, kind: c.kind, text: c.text, key }] : [];
  }
  const unit = c.leadOrgId;
  if (c.unitSource === 'explicit' && c.unitText?.trim()) {
    const text = c.unitText.trim();
    return [{ ...base, kind: 'alias', text, key: squash(text), unit }];
  }
  // an inherited unit (paragraph, heading, label) that was wrong says nothing about the next document's rows
  if (c.unitSource && !['proposal', 'none', 'correction'].includes(c.unitSource)) return [];
  const out: Lesson[] = [];
  const words = topicWords(fx, c.text, null);
  if (words.length)
    out.push({ kind: 'topic', text: c.text, key: [...words].sort().join('|'), words, deptType: null, unit });
  if (c.proposalType)
    out.push({ kind: 'type', text: c.proposalType, key: c.proposalType, words: [], deptType: c.proposalType, unit });
  return out;
}

/** Records a review's corrections for a document the caller may publish from; all or nothing. */
export async function record(
  ctx: Ctx,
  actor: Actor,
  documentId: number,
  body: RecordCorrectionsBody,
): Promise<RecordCorrectionsResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const doc = await visibleDocument(trx, actor, documentId);
    if (!doc.owned) throw new AppError('DOCUMENT_NOT_OWNED', 403, '只有发文单位(或其上级)可以更正此文件的抽取结果');
    const learnt = { alias: 0, not_task: 0, topic: 0, type: 0 };
    const lessons: Lesson[] = [];
    for (const [i, c] of body.corrections.entries()) {
      const label = body.corrections.length > 1 ? `第 ${i + 1} 条更正:` : '';
      if (c.end > doc.text.length || c.start >= c.end)
        throw badRequest('PASSAGE_INVALID', `${label}原文位置无效(超出文件长度或起止颠倒)`);
      if (c.kind === 'unit') {
        const org = await trx.selectFrom('org_unit').select('path').where('id', '=', c.leadOrgId).executeTakeFirst();
        if (!org || !isInPath(org.path, actor.scopePath)) throw notFound(`${label}牵头单位`, 'ORG_NOT_FOUND');
      }
      lessons.push(...lessonsOf(c));
    }
    const now = nowIso(ctx);
    for (const l of lessons) {
      // the newer lesson replaces the older one of the same node (a person changed their mind)
      await trx
        .deleteFrom('extraction_correction')
        .where('owner_org_id', '=', actor.scopeOrgId)
        .where('kind', '=', l.kind)
        .where('text_key', '=', l.key)
        .execute();
      await trx
        .insertInto('extraction_correction')
        .values({
          owner_org_id: actor.scopeOrgId,
          document_id: documentId,
          kind: l.kind,
          text: l.text,
          text_key: l.key,
          words_json: JSON.stringify(l.words),
          dept_type: l.deptType,
          unit_org_id: l.unit,
          created_by: actor.userId,
          created_at: now,
        })
        .execute();
      if (l.kind in learnt) learnt[l.kind as keyof typeof learnt]++;
    }
    await audit(ctx, trx, actor, {
      action: 'document.corrections',
      entity: 'document',
      entityId: documentId,
      after: { corrections: body.corrections.length, learnt },
    });
    return { recorded: body.corrections.length, learnt };
  });
}

function base(db: Executor) {
  return db
    .selectFrom('extraction_correction as x')
    .innerJoin('org_unit as oo', 'oo.id', 'x.owner_org_id')
    .leftJoin('org_unit as u', 'u.id', 'x.unit_org_id')
    .leftJoin('document as d', 'd.id', 'x.document_id')
    .leftJoin('app_user as a', 'a.id', 'x.created_by');
}

/**
 * The lessons that serve an extraction by the caller: those of its scope node and of the nodes above it, nearer
 * nodes last so that their choices win. Units are given by their full names (the org tree the extractor maps to).
 */
export async function lessonsFor(ctx: Ctx, actor: Actor): Promise<Corrections & { count: number }> {
  const rows = await base(ctx.db)
    .select([
      'x.kind',
      'x.text',
      'x.words_json',
      'x.dept_type',
      'u.name as unit_name',
      'u.status as unit_status',
      'oo.path',
    ])
    .orderBy('oo.depth')
    .orderBy('x.id')
    .execute();
  const c: Required<Corrections> = { aliases: [], notTasks: [], topics: [], types: [] };
  let count = 0;
  for (const r of rows) {
    if (!isInPath(actor.scopePath, r.path)) continue;
    // a unit since dissolved is taught no more
    if (r.kind !== 'not_task' && (!r.unit_name || r.unit_status !== '正常')) continue;
    count++;
    if (r.kind === 'alias') c.aliases.push({ text: r.text, unit: r.unit_name! });
    else if (r.kind === 'not_task') c.notTasks.push(r.text);
    else if (r.kind === 'topic') c.topics.push({ words: JSON.parse(r.words_json), unit: r.unit_name! });
    else if (r.kind === 'type' && r.dept_type) c.types.push({ type: r.dept_type, unit: r.unit_name! });
    else count--;
  }
  return { ...c, count };
}

/** Lessons kept by the caller's subtree (a county sees its towns' lessons; a town only its own). */
export async function list(ctx: Ctx, actor: Actor, q: CorrectionsQuery): Promise<CorrectionList> {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let b = base(ctx.db).where('oo.path', '>=', actor.scopePath).where('oo.path', '<', pathUpper(actor.scopePath));
  if (q.kind) b = b.where('x.kind', '=', q.kind);
  const total = Number((await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await b
    .select([
      'x.id',
      'x.kind',
      'x.text',
      'x.words_json',
      'x.dept_type',
      'x.unit_org_id',
      'u.name as unit_name',
      'x.document_id',
      'd.title as document_title',
      'x.owner_org_id',
      'a.display_name as created_by',
      'x.created_at',
    ])
    .orderBy('x.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const items: Correction[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind as CorrectionKind,
    text: r.text,
    words: JSON.parse(r.words_json),
    deptType: r.dept_type,
    unitOrgId: r.unit_org_id,
    unitName: r.unit_name,
    documentId: r.document_id,
    documentTitle: r.document_title,
    ownerOrgId: r.owner_org_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
  return { items, total };
}

/** Forgets a lesson that taught the wrong thing. */
export async function remove(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('extraction_correction as x')
      .innerJoin('org_unit as oo', 'oo.id', 'x.owner_org_id')
      .select(['x.id', 'x.kind', 'x.text', 'x.unit_org_id', 'oo.path'])
      .where('x.id', '=', id)
      .executeTakeFirst();
    if (!row || !isInPath(row.path, actor.scopePath)) throw notFound('更正记录', 'CORRECTION_NOT_FOUND');
    await trx.deleteFrom('extraction_correction').where('id', '=', id).execute();
    await audit(ctx, trx, actor, {
      action: 'document.corrections.forget',
      entity: 'extraction_correction',
      entityId: id,
      before: { kind: row.kind, text: row.text, unitOrgId: row.unit_org_id },
    });
    return { ok: true };
  });
}
