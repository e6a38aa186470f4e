/**
 * 销号: the rectifying side applies (with measures and at least one piece of evidence), the issuing
 * side approves — scheduling the 回头看 N months later — or returns it with a reason. The
 * rectifying side can never close its own item.
 */
import type { ApproveCloseBody } from '../../../common/contracts/rectifications.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError, badRequest, conflict } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { isIssuer, isOwnerSide, visible } from './items.service.ts';

/** A line of the item's 办理过程, in the caller's transaction. */
export async function step(trx: Executor, ctx: Ctx, actor: Actor, id: number, s: string, opinion: string | null) {
  await trx
    .insertInto('rectification_step')
    .values({ item_id: id, step: s, opinion, actor_id: actor.userId, at: nowIso(ctx) })
    .execute();
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
    await step(trx, ctx, actor, id, '申请销号', note ?? null);
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

/** `date` + n calendar months, clamped to the month's last day (01-31 + 1 → 02-28). */
export const addMonths = (date: string, n: number) => {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(d, last));
  return t.toISOString().slice(0, 10);
};

/** 销号 by the issuing side; schedules the 回头看 N months later. */
export async function approveClose(ctx: Ctx, actor: Actor, id: number, input: ApproveCloseBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const it = await visible(trx, actor, id);
    if (!isIssuer(actor, it))
      throw new AppError('RECTIFICATION_NOT_YOUR_STEP', 403, `销号须由交办方「${it.issuer_name}」审批`);
    if (it.status !== '申请销号') throw conflict('RECTIFICATION_STATE', `事项${it.status},不能销号`);
    // 申请 and 验收 are two people's steps (the township applies, the level above 逐条验收): a county
    // account whose scope covers both sides may do either, but never both on the same application.
    const applied = await trx
      .selectFrom('rectification_step')
      .select('actor_id')
      .where('item_id', '=', id)
      .where('step', '=', '申请销号')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (applied?.actor_id === actor.userId)
      throw new AppError(
        'RECTIFICATION_SELF_APPROVAL',
        403,
        '销号申请由您本人提出,不能由同一账号审批销号,请由交办方其他工作人员审核',
      );
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
    await step(trx, ctx, actor, id, '销号', input.opinion ?? null);
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
    await step(trx, ctx, actor, id, '退回', opinion);
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
