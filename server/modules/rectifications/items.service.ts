import type {
  EvidenceBody,
  NewRectification,
  RectDetail,
  RectExportQuery,
  RectItem,
  RectPage,
  RectPatch,
  RectQuery,
} from '../../../common/contracts/rectifications.ts';
import type { RECT_SIDES, RectSource } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { OutFile } from '../../lib/http.ts';
import { isInPath, pathInSubtree, scopedOrgIds, type Actor } from '../../lib/scope.ts';
import { containsText } from '../../lib/like.ts';

export interface NewItem {
  orgId: number;
  issuerOrgId: number;
  problem: string;
  /** A value of RECT_SOURCES (common/enums.ts); a new source adds one line there. */
  source: RectSource;
  sourceRef?: string | null;
  measures?: string | null;
  owner?: string | null;
  deadlineDate?: string | null;
  recheckMonths?: number;
}

/**
 * Adds an item to the ledger inside the caller's transaction: the one entry point every module
 * (点评, 督查, 民主评议 …) uses, so that the ledger stays one. Executor first, like every helper that
 * runs in a caller's transaction.
 */
export async function addItem(trx: Executor, ctx: Ctx, actor: Actor | null, it: NewItem) {
  const now = nowIso(ctx);
  const r = await trx
    .insertInto('rectification_item')
    .values({
      org_id: it.orgId,
      issuer_org_id: it.issuerOrgId,
      problem: it.problem.trim(),
      source: it.source,
      source_ref: it.sourceRef ?? null,
      measures: it.measures ?? null,
      owner: it.owner ?? null,
      deadline_date: it.deadlineDate ?? null,
      status: '整改中',
      rebound_count: 0,
      recheck_months: it.recheckMonths ?? 6,
      recheck_due_date: null,
      closed_date: null,
      created_by: actor?.userId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('rectification_step')
    .values({ item_id: r.id, step: '建立', opinion: `来源:${it.source}`, actor_id: actor?.userId ?? null, at: now })
    .execute();
  await audit(ctx, trx, actor, {
    action: 'rectification.create',
    entity: 'rectification_item',
    entityId: r.id,
    after: { orgId: it.orgId, source: it.source, problem: it.problem },
  });
  return r.id;
}

const loadItem = (db: Executor, id: number) =>
  db
    .selectFrom('rectification_item as r')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .innerJoin('org_unit as i', 'i.id', 'r.issuer_org_id')
    .selectAll('r')
    .select(['o.name as org_name', 'o.path as org_path', 'i.name as issuer_name', 'i.path as issuer_path'])
    .where('r.id', '=', id)
    .executeTakeFirst();
export type Item = NonNullable<Awaited<ReturnType<typeof loadItem>>>;

/** Visible to the rectifying org's subtree and to the issuing side; anyone else gets 404. */
export async function visible(db: Executor, actor: Actor, id: number) {
  const it = await loadItem(db, id);
  if (!it || !(isInPath(it.org_path, actor.scopePath) || isInPath(it.issuer_path, actor.scopePath)))
    throw notFound('整改事项', 'RECTIFICATION_NOT_FOUND');
  return it;
}
export const isIssuer = (actor: Actor, it: Item) => isInPath(it.issuer_path, actor.scopePath);
export const isOwnerSide = (actor: Actor, it: Item) => isInPath(it.org_path, actor.scopePath);

const overdue = (it: { status: string; deadline_date: string | null }, today: string) =>
  it.status !== '已销号' && !!it.deadline_date && it.deadline_date < today;

function view(it: Item, today: string): RectItem {
  return {
    id: it.id,
    org: { id: it.org_id, name: it.org_name },
    issuer: { id: it.issuer_org_id, name: it.issuer_name },
    problem: it.problem,
    source: it.source,
    sourceRef: it.source_ref,
    measures: it.measures,
    owner: it.owner,
    deadlineDate: it.deadline_date,
    status: it.status,
    overdue: overdue(it, today),
    reboundCount: it.rebound_count,
    recheckMonths: it.recheck_months,
    recheckDueDate: it.recheck_due_date,
    closedDate: it.closed_date,
    createdAt: it.created_at,
    updatedAt: it.updated_at,
  };
}

/** Items whose rectifying org or issuing side lies in the caller's subtree, filtered. */
export function listQuery(db: Executor, actor: Actor, f: RectExportQuery, now: Date) {
  const p = actor.scopePath;
  let q = db
    .selectFrom('rectification_item as r')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .innerJoin('org_unit as i', 'i.id', 'r.issuer_org_id')
    .where((eb) => eb.or([pathInSubtree('o.path', p)(eb), pathInSubtree('i.path', p)(eb)]));
  if (f.orgId) q = q.where('r.org_id', '=', f.orgId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.source) q = q.where('r.source', '=', f.source);
  if (f.q) q = q.where(containsText('r.problem', f.q));
  if (f.side === '整改方') q = q.where(pathInSubtree('o.path', p));
  if (f.side === '交办方') q = q.where(pathInSubtree('i.path', p));
  if (f.overdue !== undefined) {
    const today = localDate(now);
    q = f.overdue
      ? q.where('r.status', '!=', '已销号').where('r.deadline_date', '<', today)
      : q.where((eb) =>
          eb.or([eb('r.status', '=', '已销号'), eb('r.deadline_date', 'is', null), eb('r.deadline_date', '>=', today)]),
        );
  }
  if (f.year) {
    // created_at is a UTC instant: the Beijing year starts at 16:00 UTC on the last day of the year before.
    q = q
      .where('r.created_at', '>=', `${f.year - 1}-12-31T16:00:00.000Z`)
      .where('r.created_at', '<', `${f.year}-12-31T16:00:00.000Z`);
  }
  return q;
}

export async function list(ctx: Ctx, actor: Actor, f: RectQuery): Promise<RectPage> {
  const { page = 1, pageSize = 20 } = f;
  const q = listQuery(ctx.db, actor, f, ctx.clock.now());
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('r')
    .select(['o.name as org_name', 'o.path as org_path', 'i.name as issuer_name', 'i.path as issuer_path'])
    .orderBy('r.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const today = localDate(ctx.clock.now());
  return { items: rows.map((r) => view(r, today)), total: Number(n) };
}

export async function get(ctx: Ctx, actor: Actor, id: number): Promise<RectDetail> {
  const it = await visible(ctx.db, actor, id);
  const steps = await ctx.db
    .selectFrom('rectification_step as s')
    .leftJoin('app_user as u', 'u.id', 's.actor_id')
    .select(['s.step', 's.opinion', 's.at', 'u.display_name as actor'])
    .where('s.item_id', '=', id)
    .orderBy('s.id')
    .execute();
  const evidence = await ctx.db
    .selectFrom('rectification_evidence as e')
    .innerJoin('app_user as u', 'u.id', 'e.uploaded_by')
    .select(['e.id', 'e.note', 'e.file_name', 'e.uploaded_at', 'u.display_name as uploader'])
    .where('e.item_id', '=', id)
    .orderBy('e.id')
    .execute();
  const rechecks = await ctx.db
    .selectFrom('rectification_recheck')
    .selectAll()
    .where('item_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    ...view(it, localDate(ctx.clock.now())),
    mySides: [
      ...(isOwnerSide(actor, it) ? ['整改方' as const] : []),
      ...(isIssuer(actor, it) ? ['交办方' as const] : []),
    ] satisfies (typeof RECT_SIDES)[number][],
    steps,
    evidence: evidence.map((e) => ({
      id: e.id,
      note: e.note,
      fileName: e.file_name,
      uploadedAt: e.uploaded_at,
      uploader: e.uploader,
    })),
    rechecks: rechecks.map((r) => ({
      id: r.id,
      dueDate: r.due_date,
      status: r.status,
      note: r.note,
      doneAt: r.done_at,
    })),
  };
}

/** The issuing side (caller's scope node) opens an item for an org in its subtree. */
export async function create(ctx: Ctx, actor: Actor, input: NewRectification) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('org_unit')
      .select(['id'])
      .where('id', '=', input.orgId)
      .where('id', 'in', scopedOrgIds(trx, actor.scopePath))
      .executeTakeFirst();
    if (!org) throw notFound('组织', 'ORG_NOT_FOUND');
    return { id: await addItem(trx, ctx, actor, { ...input, issuerOrgId: actor.scopeOrgId }) };
  });
}

/** The rectifying side fills in measures, owner, deadline while the item is open. */
export async function update(ctx: Ctx, actor: Actor, id: number, input: RectPatch) {
  return ctx.db.transaction().execute(async (trx) => {
    const it = await visible(trx, actor, id);
    if (!isOwnerSide(actor, it) && !isIssuer(actor, it)) throw notFound('整改事项', 'RECTIFICATION_NOT_FOUND');
    if (it.status !== '整改中') throw conflict('RECTIFICATION_LOCKED', `事项${it.status},不能修改`);
    await trx
      .updateTable('rectification_item')
      .set({
        updated_at: nowIso(ctx),
        ...(input.measures !== undefined ? { measures: input.measures } : {}),
        ...(input.owner !== undefined ? { owner: input.owner } : {}),
        ...(input.deadlineDate !== undefined ? { deadline_date: input.deadlineDate } : {}),
      })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'rectification.update',
      entity: 'rectification_item',
      entityId: id,
      before: { measures: it.measures, owner: it.owner, deadlineDate: it.deadline_date },
      after: input,
    });
    return { ok: true };
  });
}

/** Evidence of completion; attachments carry upload time and uploader. */
export async function addEvidence(ctx: Ctx, actor: Actor, id: number, input: EvidenceBody) {
  if (!input.note.trim()) throw badRequest('EVIDENCE_NOTE_REQUIRED', '请填写佐证说明');
  if ((input.fileName == null) !== (input.contentBase64 == null))
    throw badRequest('EVIDENCE_FILE_INCOMPLETE', '附件须同时提供文件名与内容');
  if (input.contentBase64 != null && !/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64))
    throw badRequest('EVIDENCE_FILE_INVALID', '附件内容不是有效的 base64 编码');
  return ctx.db.transaction().execute(async (trx) => {
    const it = await visible(trx, actor, id);
    if (!isOwnerSide(actor, it)) throw new AppError('RECTIFICATION_NOT_YOUR_STEP', 403, '只有整改单位可以上传佐证材料');
    if (it.status === '已销号') throw conflict('RECTIFICATION_LOCKED', '事项已销号');
    const r = await trx
      .insertInto('rectification_evidence')
      .values({
        item_id: id,
        note: input.note.trim(),
        file_name: input.fileName ?? null,
        content_b64: input.contentBase64 ?? null,
        uploaded_by: actor.userId,
        uploaded_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'rectification.evidence',
      entity: 'rectification_item',
      entityId: id,
      after: { evidenceId: r.id, fileName: input.fileName ?? null },
    });
    return { id: r.id };
  });
}

export async function evidenceFile(ctx: Ctx, actor: Actor, id: number, evidenceId: number): Promise<OutFile> {
  await visible(ctx.db, actor, id);
  const e = await ctx.db
    .selectFrom('rectification_evidence')
    .selectAll()
    .where('id', '=', evidenceId)
    .where('item_id', '=', id)
    .executeTakeFirst();
  if (!e?.content_b64) throw notFound('附件', 'EVIDENCE_NOT_FOUND');
  return { fileName: e.file_name ?? 'evidence.bin', data: Buffer.from(e.content_b64, 'base64') };
}
