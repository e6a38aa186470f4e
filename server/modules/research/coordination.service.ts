/**
 * The coordinator's answers to a 调研 (确认 with a reason, 合并同类项, 建议调整) and the registering
 * and receiving sides' replies (accept or decline a proposal, cancel, flag a clash). Every step is
 * audited and reaches the other side as a notification.
 */
import type { VisitCreated } from '../../../common/contracts/research.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import type { Actor } from '../../lib/scope.ts';
import {
  access,
  assertActive,
  canCoordinate,
  currentWarnings,
  loadPlaces,
  owned,
  placesOf,
  update,
  validateDates,
} from './visits.service.ts';

function needCoordinator(actor: Actor) {
  if (!canCoordinate(actor)) throw badRequest('NOT_COORDINATOR', '只有调研统筹部门可以执行此操作');
}

/** 确认: with warnings outstanding the coordinator must say why; the hosts are told who comes when. */
export async function confirm(ctx: Ctx, actor: Actor, id: number, reason?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const { v } = await access(trx, actor, id);
    if (v.status !== '待统筹') throw badRequest('VISIT_WRONG_STATUS', `调研当前为「${v.status}」,不能确认`);
    const warnings = await currentWarnings(trx, v);
    const why = reason?.trim() || null;
    if (warnings.length && !why)
      throw badRequest('REASON_REQUIRED', `本次调研有 ${warnings.length} 项统筹提示,确认安排须填写理由`, { warnings });
    await trx
      .updateTable('research_visit')
      .set({ status: '已确认', confirm_reason: why, warnings_json: JSON.stringify(warnings), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    for (const p of await placesOf(trx, id))
      await notify(trx, ctx, {
        orgId: p.id,
        taskId: null,
        kind: 'research',
        message: `【调研安排】${v.leader}带队「${v.title}」定于${v.start_date}${v.end_date !== v.start_date ? `至${v.end_date}` : ''}到${p.name}调研;请勿层层陪同、简化接待,如与其他安排撞车请在系统中反馈`,
        dedupeKey: `research:confirm:${id}:${p.id}`,
        link: `/research/${id}`,
      });
    await audit(ctx, trx, actor, {
      action: 'research.confirm',
      entity: 'research_visit',
      entityId: id,
      before: { status: v.status },
      after: { status: '已确认', reason: why, warnings: warnings.map((w) => w.kind) },
    });
    return { ok: true };
  });
}

/** 合并同类项: the visit joins another team (its leader and members go along) and stops counting as a visit. */
export async function merge(ctx: Ctx, actor: Actor, id: number, intoId: number) {
  needCoordinator(actor);
  if (id === intoId) throw badRequest('MERGE_SELF', '不能与自身合并');
  return ctx.db.transaction().execute(async (trx) => {
    const { v } = await access(trx, actor, id);
    const { v: into } = await access(trx, actor, intoId);
    assertActive(v, '合并');
    assertActive(into, '接收合并');
    const members = [...new Set([...JSON.parse(into.members_json), v.leader, ...JSON.parse(v.members_json)])].filter(
      (m) => m !== into.leader,
    );
    const now = nowIso(ctx);
    await trx
      .updateTable('research_visit')
      .set({ members_json: JSON.stringify(members), updated_at: now })
      .where('id', '=', intoId)
      .execute();
    await trx
      .updateTable('research_visit')
      .set({ status: '已合并', merged_into_id: intoId, updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx.updateTable('research_place').set({ active: 0 }).where('visit_id', '=', id).execute();
    await notify(trx, ctx, {
      orgId: v.owner_org_id,
      taskId: null,
      kind: 'research',
      message: `【调研统筹】「${v.title}」已与${into.leader}带队的「${into.title}」合并,${v.leader}随队参加(${into.start_date})`,
      dedupeKey: `research:merge:${id}`,
      link: `/research/${intoId}`,
    });
    await audit(ctx, trx, actor, {
      action: 'research.merge',
      entity: 'research_visit',
      entityId: id,
      before: { status: v.status },
      after: { status: '已合并', mergedInto: intoId, members },
    });
    return { ok: true };
  });
}

export async function cancel(ctx: Ctx, actor: Actor, id: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const v = await owned(trx, actor, id);
    assertActive(v, '取消');
    await trx
      .updateTable('research_visit')
      .set({ status: '已取消', confirm_reason: reason.trim(), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await trx.updateTable('research_place').set({ active: 0 }).where('visit_id', '=', id).execute();
    await audit(ctx, trx, actor, {
      action: 'research.cancel',
      entity: 'research_visit',
      entityId: id,
      before: { status: v.status },
      after: { status: '已取消', reason },
    });
    return { ok: true };
  });
}

/** The coordinator proposes other dates (and places); the registering side answers. */
export async function propose(
  ctx: Ctx,
  actor: Actor,
  id: number,
  b: { startDate: string; endDate: string; placeOrgIds?: number[]; note: string },
) {
  needCoordinator(actor);
  validateDates(b.startDate, b.endDate);
  return ctx.db.transaction().execute(async (trx) => {
    const { v } = await access(trx, actor, id);
    if (v.status !== '待统筹') throw badRequest('VISIT_WRONG_STATUS', `调研当前为「${v.status}」,不能提出调整建议`);
    const places = b.placeOrgIds ? await loadPlaces(trx, actor, b.placeOrgIds) : null;
    const r = await trx
      .insertInto('research_proposal')
      .values({
        visit_id: id,
        start_date: b.startDate,
        end_date: b.endDate,
        place_ids_json: places ? JSON.stringify(places.map((p) => p.id)) : null,
        note: b.note.trim(),
        status: '待答复',
        created_by: actor.userId,
        created_at: nowIso(ctx),
        answered_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await notify(trx, ctx, {
      orgId: v.owner_org_id,
      taskId: null,
      kind: 'research',
      message: `【调研统筹】建议「${v.title}」改在${b.startDate}${b.endDate !== b.startDate ? `至${b.endDate}` : ''}${places ? `到${places.map((p) => p.name).join('、')}` : ''}:${b.note.trim()}`,
      dedupeKey: `research:proposal:${r.id}`,
      link: `/research/${id}`,
    });
    await audit(ctx, trx, actor, {
      action: 'research.propose',
      entity: 'research_visit',
      entityId: id,
      after: { proposalId: r.id, ...b },
    });
    return { id: r.id };
  });
}

/** Accepting applies the proposed dates/places (the check runs again); declining keeps the plan. */
export async function answer(
  ctx: Ctx,
  actor: Actor,
  id: number,
  proposalId: number,
  accept: boolean,
): Promise<VisitCreated> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const v = await owned(trx, actor, id);
    const p = await trx
      .selectFrom('research_proposal')
      .selectAll()
      .where('id', '=', proposalId)
      .where('visit_id', '=', id)
      .executeTakeFirst();
    if (!p) throw notFound('调整建议', 'PROPOSAL_NOT_FOUND');
    if (p.status !== '待答复') throw badRequest('PROPOSAL_ANSWERED', `该建议已${p.status}`);
    await trx
      .updateTable('research_proposal')
      .set({ status: accept ? '已接受' : '已谢绝', answered_at: nowIso(ctx) })
      .where('id', '=', proposalId)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'research.answer',
      entity: 'research_visit',
      entityId: id,
      after: { proposalId, accept },
    });
    return { v, p };
  });
  if (!accept) return { id, warnings: JSON.parse(result.v.warnings_json) };
  return update(ctx, actor, id, {
    startDate: result.p.start_date,
    endDate: result.p.end_date,
    ...(result.p.place_ids_json ? { placeOrgIds: JSON.parse(result.p.place_ids_json) } : {}),
  });
}

/** The receiving side flags a clash (another inspection, a market day, the secretary away …). */
export async function flag(ctx: Ctx, actor: Actor, id: number, b: { orgId?: number; note: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const { v, hostPlaces } = await access(trx, actor, id);
    if (!hostPlaces.length) throw notFound('调研', 'VISIT_NOT_FOUND');
    assertActive(v, '反馈撞车');
    const orgId = b.orgId ?? hostPlaces[0].org_id;
    if (!hostPlaces.some((p) => p.org_id === orgId))
      throw badRequest('FLAG_ORG_INVALID', '只能为本单位接待的调研地点反馈');
    const r = await trx
      .insertInto('research_flag')
      .values({ visit_id: id, org_id: orgId, note: b.note.trim(), created_by: actor.userId, created_at: nowIso(ctx) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const org = await trx.selectFrom('org_unit').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
    await notify(trx, ctx, {
      orgId: v.owner_org_id,
      taskId: null,
      kind: 'research',
      message: `【接待方反馈】${org.name}对「${v.title}」(${v.start_date})反馈撞车:${b.note.trim()}`,
      dedupeKey: `research:flag:${r.id}`,
      link: `/research/${id}`,
    });
    await audit(ctx, trx, actor, {
      action: 'research.flag',
      entity: 'research_visit',
      entityId: id,
      after: { orgId, note: b.note },
    });
    return { id: r.id };
  });
}
