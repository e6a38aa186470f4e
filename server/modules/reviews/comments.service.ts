import type { CommentPatch, CommentStep, FindingIn, NewComment } from '../../../common/contracts/reviews.ts';
import { COMMENT_STATUSES, type CommentStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { addItem } from '../rectifications/items.service.ts';
import { type Access, campaignFor, visibleTargets } from './access.ts';

/**
 * 点评 per reviewed secretary: 起草 → 提交审定 → 已审定, or 退回 with a reason (then edited and
 * resubmitted). Approval turns every finding into a rectification item of that organization,
 * issued by the campaign's organizing side.
 */
async function loadComment(db: Executor, actor: Actor, commentId: number) {
  const c = await db
    .selectFrom('review_comment as c')
    .innerJoin('review_target as t', 't.id', 'c.target_id')
    .selectAll('c')
    .select(['t.org_id'])
    .where('c.id', '=', commentId)
    .executeTakeFirst();
  if (!c) throw notFound('点评', 'COMMENT_NOT_FOUND');
  const a = await campaignFor(db, actor, c.campaign_id).catch(() => {
    throw notFound('点评', 'COMMENT_NOT_FOUND');
  });
  if (!a.visibleOrgIds.includes(c.org_id)) throw notFound('点评', 'COMMENT_NOT_FOUND');
  return { c, a };
}

const findingsOf = (db: Executor, ids: number[]) =>
  ids.length
    ? db.selectFrom('review_finding').selectAll().where('comment_id', 'in', ids).orderBy('sort_order').execute()
    : Promise.resolve([]);

function checkFindings(findings: FindingIn[]) {
  for (const f of findings) if (!f.problem.trim()) throw badRequest('FINDING_EMPTY', '问题描述不能为空');
}

async function writeFindings(trx: Executor, commentId: number, findings: FindingIn[]) {
  await trx.deleteFrom('review_finding').where('comment_id', '=', commentId).execute();
  let i = 0;
  for (const f of findings)
    await trx
      .insertInto('review_finding')
      .values({
        comment_id: commentId,
        source: f.source,
        problem: f.problem.trim(),
        sort_order: ++i,
        rectification_id: null,
      })
      .execute();
}

/** Comments visible to the caller: all for the organizing side; a reviewed unit sees only its own approved one. */
export async function list(ctx: Ctx, actor: Actor, id: number) {
  const a = await campaignFor(ctx.db, actor, id);
  let q = visibleTargets(ctx.db, a)
    .innerJoin('review_comment as c', 'c.target_id', 't.id')
    .selectAll('c')
    .select(['t.org_id', 'o.name as org_name', 't.secretary_name']);
  if (!a.manager) q = q.where('c.status', '=', 'approved');
  const rows = await q.orderBy('t.agenda_order').orderBy('t.id').execute();
  const fs = await findingsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    secretary: r.secretary_name,
    summary: r.summary,
    status: r.status,
    statusLabel: COMMENT_STATUSES[r.status],
    returnReason: r.return_reason,
    updatedAt: r.updated_at,
    findings: fs
      .filter((f) => f.comment_id === r.id)
      .map((f) => ({ id: f.id, source: f.source, problem: f.problem, rectificationId: f.rectification_id })),
  }));
  return { items, total: items.length };
}

export async function create(ctx: Ctx, actor: Actor, id: number, input: NewComment) {
  checkFindings(input.findings);
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign } = await campaignFor(trx, actor, id, { manage: true });
    if (campaign.status === 'closed') throw conflict('REVIEW_CLOSED', '评议已结束');
    const t = await trx
      .selectFrom('review_target')
      .select(['id'])
      .where('campaign_id', '=', id)
      .where('org_id', '=', input.orgId)
      .executeTakeFirst();
    if (!t) throw badRequest('COMMENT_TARGET_INVALID', '该组织不在本次评议范围内');
    const dup = await trx.selectFrom('review_comment').select('id').where('target_id', '=', t.id).executeTakeFirst();
    if (dup) throw conflict('COMMENT_EXISTS', `该组织已有点评(#${dup.id}),请修改原点评`);
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('review_comment')
      .values({
        campaign_id: id,
        target_id: t.id,
        summary: input.summary.trim(),
        status: 'draft',
        return_reason: null,
        drafted_by: actor.userId,
        submitted_by: null,
        approved_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeFindings(trx, r.id, input.findings);
    await audit(ctx, trx, actor, {
      action: 'review.comment.create',
      entity: 'review_comment',
      entityId: r.id,
      after: { orgId: input.orgId, findings: input.findings.length },
    });
    return { id: r.id };
  });
}

/** Editable while 起草 or 退回. */
export async function update(ctx: Ctx, actor: Actor, commentId: number, input: CommentPatch) {
  if (input.findings) checkFindings(input.findings);
  return ctx.db.transaction().execute(async (trx) => {
    const { c, a } = await loadComment(trx, actor, commentId);
    if (!a.manager) throw notFound('点评', 'COMMENT_NOT_FOUND');
    if (c.status !== 'draft' && c.status !== 'returned')
      throw conflict('COMMENT_LOCKED', `点评${COMMENT_STATUSES[c.status]},不能修改`);
    await trx
      .updateTable('review_comment')
      .set({ ...(input.summary !== undefined ? { summary: input.summary.trim() } : {}), updated_at: nowIso(ctx) })
      .where('id', '=', commentId)
      .execute();
    if (input.findings) await writeFindings(trx, commentId, input.findings);
    await audit(ctx, trx, actor, {
      action: 'review.comment.update',
      entity: 'review_comment',
      entityId: commentId,
      before: { summary: c.summary },
      after: input,
    });
    return { ok: true };
  });
}

type LoadedComment = Awaited<ReturnType<typeof loadComment>>['c'];

async function transition(
  ctx: Ctx,
  actor: Actor,
  commentId: number,
  from: CommentStatus[],
  to: CommentStatus,
  extra: (
    trx: Executor,
    c: LoadedComment,
    a: Access,
  ) => Promise<{ submitted_by?: number; approved_by?: number; return_reason?: string | null }>,
): Promise<CommentStep> {
  return ctx.db.transaction().execute(async (trx) => {
    const { c, a } = await loadComment(trx, actor, commentId);
    if (!a.manager) throw notFound('点评', 'COMMENT_NOT_FOUND');
    if (!from.includes(c.status))
      throw conflict('COMMENT_STATE', `点评当前为「${COMMENT_STATUSES[c.status]}」,不能${COMMENT_STATUSES[to]}`);
    const set = await extra(trx, c, a);
    await trx
      .updateTable('review_comment')
      .set({ status: to, updated_at: nowIso(ctx), ...set })
      .where('id', '=', commentId)
      .execute();
    await audit(ctx, trx, actor, {
      action: `review.comment.${to}`,
      entity: 'review_comment',
      entityId: commentId,
      before: { status: c.status },
      after: { status: to, ...set },
    });
    return { ok: true, status: to };
  });
}

export const submit = (ctx: Ctx, actor: Actor, id: number) =>
  transition(ctx, actor, id, ['draft', 'returned'], 'submitted', async (trx, c) => {
    const n = await trx.selectFrom('review_finding').select('id').where('comment_id', '=', c.id).execute();
    if (!c.summary.trim() && n.length === 0) throw badRequest('COMMENT_EMPTY', '点评内容为空,不能提交审定');
    return { submitted_by: actor.userId, return_reason: null };
  });

export const returnBack = (ctx: Ctx, actor: Actor, id: number, reason: string) => {
  if (!reason.trim()) throw badRequest('REASON_REQUIRED', '退回须填写理由');
  return transition(ctx, actor, id, ['submitted'], 'returned', async () => ({ return_reason: reason.trim() }));
};

export const approve = (ctx: Ctx, actor: Actor, id: number) =>
  transition(ctx, actor, id, ['submitted'], 'approved', async (trx, c, a) => {
    const findings = await trx
      .selectFrom('review_finding')
      .selectAll()
      .where('comment_id', '=', c.id)
      .orderBy('sort_order')
      .execute();
    for (const f of findings) {
      const rid = await addItem(trx, ctx, actor, {
        orgId: c.org_id,
        issuerOrgId: a.campaign.owner_org_id,
        problem: f.problem,
        source: '点评',
        sourceRef: `review_finding:${f.id}`,
        deadlineDate: `${a.campaign.year + 1}-12-31`,
      });
      await trx.updateTable('review_finding').set({ rectification_id: rid }).where('id', '=', f.id).execute();
    }
    return { approved_by: actor.userId };
  });
