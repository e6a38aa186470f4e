import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { isInPath, pathInSubtree, scopedOrgIds, type Actor } from '../../lib/scope.ts';
import { containsText } from '../../lib/like.ts';

export const RECT_SOURCES = [
  '点评',
  '巡视巡察',
  '督查',
  '民主评议',
  '好差评',
  '标准化',
  '任务逾期',
  '调研',
  '其他',
] as const;
export const RECT_STATUSES = ['整改中', '申请销号', '已销号'] as const;

export interface NewItem {
  orgId: number;
  issuerOrgId: number;
  problem: string;
  source: string;
  sourceRef?: string | null;
  measures?: string | null;
  owner?: string | null;
  deadlineDate?: string | null;
  recheckMonths?: number;
}

/**
 * Adds an item to the ledger inside the caller's transaction: the one entry point every module
 * (点评, 督查, 民主评议 …) uses, so that the ledger stays one.
 */
export async function addItem(ctx: Ctx, trx: Executor, actor: Actor | null, it: NewItem) {
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
type Item = NonNullable<Awaited<ReturnType<typeof loadItem>>>;

/** Visible to the rectifying org's subtree and to the issuing side; anyone else gets 404. */
async function visible(db: Executor, actor: Actor, id: number) {
  const it = await loadItem(db, id);
  if (!it || !(isInPath(it.org_path, actor.scopePath) || isInPath(it.issuer_path, actor.scopePath)))
    throw notFound('整改事项', 'RECTIFICATION_NOT_FOUND');
  return it;
}
const isIssuer = (actor: Actor, it: Item) => isInPath(it.issuer_path, actor.scopePath);
const isOwnerSide = (actor: Actor, it: Item) => isInPath(it.org_path, actor.scopePath);

const overdue = (it: { status: string; deadline_date: string | null }, today: string) =>
  it.status !== '已销号' && !!it.deadline_date && it.deadline_date < today;

function view(it: Item, today: string) {
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

export interface ListFilter {
  orgId?: number;
  status?: string;
  source?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function listQuery(ctx: Ctx, actor: Actor, f: Omit<ListFilter, 'page' | 'pageSize'>) {
  const p = actor.scopePath;
  const upper = `${p.slice(0, -1)}0`;
  let q = ctx.db
    .selectFrom('rectification_item as r')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .innerJoin('org_unit as i', 'i.id', 'r.issuer_org_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('o.path', '>=', p), eb('o.path', '<', upper)]),
        eb.and([eb('i.path', '>=', p), eb('i.path', '<', upper)]),
      ]),
    );
  if (f.orgId) q = q.where('r.org_id', '=', f.orgId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.source) q = q.where('r.source', '=', f.source);
  if (f.q) q = q.where(containsText('r.problem', f.q));
  return q;
}

export async function list(ctx: Ctx, actor: Actor, f: ListFilter) {
  const q = listQuery(ctx, actor, f);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('r')
    .select(['o.name as org_name', 'o.path as org_path', 'i.name as issuer_name', 'i.path as issuer_path'])
    .orderBy('r.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const today = localDate(ctx.clock.now());
  return { items: rows.map((r) => view(r as Item, today)), total: Number(n) };
}

export async function get(ctx: Ctx, actor: Actor, id: number) {
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
    mySides: [...(isOwnerSide(actor, it) ? ['整改方'] : []), ...(isIssuer(actor, it) ? ['交办方'] : [])],
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
export async function create(ctx: Ctx, actor: Actor, input: Omit<NewItem, 'issuerOrgId'>) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('org_unit')
      .select(['id'])
      .where('id', '=', input.orgId)
      .where('id', 'in', scopedOrgIds(trx, actor.scopePath))
      .executeTakeFirst();
    if (!org) throw notFound('组织', 'ORG_NOT_FOUND');
    return { id: await addItem(ctx, trx, actor, { ...input, issuerOrgId: actor.scopeOrgId }) };
  });
}

async function step(ctx: Ctx, trx: Executor, actor: Actor, id: number, s: string, opinion: string | null) {
  await trx
    .insertInto('rectification_step')
    .values({ item_id: id, step: s, opinion, actor_id: actor.userId, at: nowIso(ctx) })
    .execute();
}

/** The rectifying side fills in measures, owner, deadline while the item is open. */
export async function update(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: { measures?: string | null; owner?: string | null; deadlineDate?: string | null },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const it = await visible(trx, actor, id);
    if (!isOwnerSide(actor, it) && !isIssuer(actor, it)) throw notFound('整改事项', 'RECTIFICATION_NOT_FOUND');
    if (it.status !== '整改中') throw conflict('RECTIFICATION_LOCKED', `事项${it.status},不能修改`);
    const set: Record<string, unknown> = { updated_at: nowIso(ctx) };
    if (input.measures !== undefined) set.measures = input.measures;
    if (input.owner !== undefined) set.owner = input.owner;
    if (input.deadlineDate !== undefined) set.deadline_date = input.deadlineDate;
    await trx.updateTable('rectification_item').set(set).where('id', '=', id).execute();
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
export async function addEvidence(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: { note: string; fileName?: string; contentBase64?: string },
) {
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

export async function evidenceFile(ctx: Ctx, actor: Actor, id: number, evidenceId: number) {
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

/** 申请销号: the rectifying side, with at least one piece of evidence. */
export async function applyClose(ctx: Ctx, actor: Actor, id: number, note: string | undefined) {
  return ctx.db.transaction().execute(async (trx) => {
    const it = await visible(trx, actor, id);
    if (!isOwnerSide(actor, it)) throw new AppError('RECTIFICATION_NOT_YOUR_STEP', 403, '只有整改单位可以申请销号');
    if (it.status !== '整改中') throw conflict('RECTIFICATION_STATE', `事项${it.status},不能申请销号`);
    if (!it.measures?.trim()) throw badRequest('MEASURES_REQUIRED', '请先填写整改措施');
    const ev = await trx.selectFrom('rectification_evidence').select('id').where('item_id', '=', id).executeTakeFirst();
    if (!ev) throw badRequest('EVIDENCE_REQUIRED', '申请销号须至少上传一份佐证材料');
    await trx
      .updateTable('rectification_item')
      .set({ status: '申请销号', updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await step(ctx, trx, actor, id, '申请销号', note ?? null);
    await audit(ctx, trx, actor, {
      action: 'rectification.apply_close',
      entity: 'rectification_item',
      entityId: id,
      before: { status: it.status },
      after: { status: '申请销号' },
    });
    return { ok: true };
  });
}

const addMonths = (date: string, n: number) => {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(d, last));
  return t.toISOString().slice(0, 10);
};
export { addMonths };

/** 销号 by the issuing side; schedules the 回头看 N months later. */
export async function approveClose(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: { opinion?: string; recheckMonths?: number },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const it = await visible(trx, actor, id);
    if (!isIssuer(actor, it))
      throw new AppError('RECTIFICATION_NOT_YOUR_STEP', 403, `销号须由交办方「${it.issuer_name}」审批`);
    if (it.status !== '申请销号') throw conflict('RECTIFICATION_STATE', `事项${it.status},不能销号`);
    const today = localDate(ctx.clock.now());
    const months = input.recheckMonths ?? it.recheck_months;
    await trx
      .updateTable('rectification_item')
      .set({
        status: '已销号',
        closed_date: today,
        recheck_months: months,
        recheck_due_date: addMonths(today, months),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await step(ctx, trx, actor, id, '销号', input.opinion ?? null);
    await audit(ctx, trx, actor, {
      action: 'rectification.close',
      entity: 'rectification_item',
      entityId: id,
      before: { status: it.status },
      after: { status: '已销号', recheckDue: addMonths(today, months) },
    });
    return { ok: true, recheckDueDate: addMonths(today, months) };
  });
}

export async function rejectClose(ctx: Ctx, actor: Actor, id: number, opinion: string) {
  if (!opinion.trim()) throw badRequest('REASON_REQUIRED', '退回须填写理由');
  return ctx.db.transaction().execute(async (trx) => {
    const it = await visible(trx, actor, id);
    if (!isIssuer(actor, it))
      throw new AppError('RECTIFICATION_NOT_YOUR_STEP', 403, `销号须由交办方「${it.issuer_name}」审批`);
    if (it.status !== '申请销号') throw conflict('RECTIFICATION_STATE', `事项${it.status},不能退回`);
    await trx
      .updateTable('rectification_item')
      .set({ status: '整改中', updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await step(ctx, trx, actor, id, '退回', opinion);
    await audit(ctx, trx, actor, {
      action: 'rectification.reject_close',
      entity: 'rectification_item',
      entityId: id,
      before: { status: it.status },
      after: { status: '整改中', opinion },
    });
    return { ok: true };
  });
}

/**
 * The 回头看 scheduler tick: for every closed item whose re-check is due (by the server clock) and
 * has no open re-check, create the re-check step. Idempotent; main runs it periodically and tests
 * call it after moving a ManualClock. Run by a user (the API), it reaches only the items that user
 * may see (rectifying org or issuing side in their scope): a 书记 cannot act on, or count, another
 * town's items.
 */
export async function runRechecks(ctx: Ctx, actor: Actor | null = null) {
  const today = localDate(ctx.clock.now());
  return ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('rectification_item as r').select(['r.id', 'r.recheck_due_date']);
    if (actor) {
      q = q
        .innerJoin('org_unit as o', 'o.id', 'r.org_id')
        .innerJoin('org_unit as i', 'i.id', 'r.issuer_org_id')
        .where((eb) =>
          eb.or([pathInSubtree('o.path', actor.scopePath)(eb), pathInSubtree('i.path', actor.scopePath)(eb)]),
        );
    }
    const due = await q
      .where('r.status', '=', '已销号')
      .where('r.recheck_due_date', '<=', today)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('rectification_recheck as k')
              .select('k.id')
              .whereRef('k.item_id', '=', 'r.id')
              .where('k.due_date', '=', eb.ref('r.recheck_due_date')),
          ),
        ),
      )
      .execute();
    for (const d of due) {
      await trx
        .insertInto('rectification_recheck')
        .values({
          item_id: d.id,
          due_date: d.recheck_due_date!,
          status: '待回头看',
          note: null,
          done_by: null,
          created_at: nowIso(ctx),
          done_at: null,
        })
        .execute();
      await trx
        .insertInto('rectification_step')
        .values({
          item_id: d.id,
          step: '回头看到期',
          opinion: `应于 ${d.recheck_due_date} 回头看`,
          actor_id: null,
          at: nowIso(ctx),
        })
        .execute();
      await audit(ctx, trx, null, {
        action: 'rectification.recheck_due',
        entity: 'rectification_item',
        entityId: d.id,
        after: { dueDate: d.recheck_due_date },
      });
    }
    return { created: due.length };
  });
}

/** Records the 回头看 result; if the problem recurred, the item reopens (反弹) and is counted. */
export async function recheck(ctx: Ctx, actor: Actor, id: number, input: { recurred: boolean; note: string }) {
  if (!input.note.trim()) throw badRequest('NOTE_REQUIRED', '请填写回头看情况');
  return ctx.db.transaction().execute(async (trx) => {
    const it = await visible(trx, actor, id);
    if (!isIssuer(actor, it))
      throw new AppError('RECTIFICATION_NOT_YOUR_STEP', 403, `回头看由交办方「${it.issuer_name}」组织`);
    const k = await trx
      .selectFrom('rectification_recheck')
      .selectAll()
      .where('item_id', '=', id)
      .where('status', '=', '待回头看')
      .executeTakeFirst();
    if (!k || it.status !== '已销号') throw conflict('RECHECK_NOT_DUE', '该事项当前没有待进行的回头看');
    const now = nowIso(ctx);
    await trx
      .updateTable('rectification_recheck')
      .set({ status: input.recurred ? '反弹' : '未反弹', note: input.note.trim(), done_by: actor.userId, done_at: now })
      .where('id', '=', k.id)
      .execute();
    if (input.recurred) {
      await trx
        .updateTable('rectification_item')
        .set({
          status: '整改中',
          rebound_count: it.rebound_count + 1,
          closed_date: null,
          recheck_due_date: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await step(ctx, trx, actor, id, '回头看:反弹,重新整改', input.note.trim());
    } else {
      await step(ctx, trx, actor, id, '回头看:未反弹', input.note.trim());
    }
    await audit(ctx, trx, actor, {
      action: 'rectification.recheck',
      entity: 'rectification_item',
      entityId: id,
      before: { status: it.status, rebound: it.rebound_count },
      after: { recurred: input.recurred },
    });
    return {
      ok: true,
      status: input.recurred ? '整改中' : '已销号',
      reboundCount: it.rebound_count + (input.recurred ? 1 : 0),
    };
  });
}
