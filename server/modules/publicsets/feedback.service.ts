/**
 * Public comments and objections on an item. Nothing shows before a supervisor publishes it;
 * objections are taken only while a 公示 set's window is open. Floods are throttled with database
 * counters (so every instance sees the same count): per source address and per item.
 */
import type { PublicFeedbackBody } from '../../../common/contracts/publicsets.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { hit } from '../../lib/counters.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import type { Actor } from '../../lib/scope.ts';
import { pageNotFound, publishedSet } from './public.service.ts';
import { ownedSet } from './sets.service.ts';

/** Per source address per hour, and per item per day (many addresses at once). */
export const FEEDBACK_LIMITS = { perSourceHour: 5, perItemDay: 100 };

export async function submit(ctx: Ctx, setId: number, taskId: number, b: PublicFeedbackBody, source: string) {
  const text = b.text.trim();
  if (text.length < 2) throw badRequest('FEEDBACK_TOO_SHORT', '请填写意见内容(至少 2 个字)');
  const set = await publishedSet(ctx.db, setId);
  const item = await ctx.db
    .selectFrom('public_set_item as i')
    .innerJoin('task as t', 't.id', 'i.task_id')
    .select(['t.text'])
    .where('i.set_id', '=', setId)
    .where('i.task_id', '=', taskId)
    .executeTakeFirst();
  if (!item) throw pageNotFound();
  const today = localDate(ctx.clock.now());
  if (b.kind === '异议') {
    if (!set.publicity) throw badRequest('NO_OBJECTION_WINDOW', '本清单不是公示,可提交意见建议');
    if (set.objection_until_date && today > set.objection_until_date)
      throw badRequest('OBJECTION_CLOSED', `公示异议期已于 ${set.objection_until_date} 结束,可提交意见建议`);
  }
  const now = ctx.clock.now();
  // Counted before validation of content would pass: a flood of anything is a flood.
  const bySource = await hit(ctx.db, `pubfb:src:${source}`, 3600, now);
  const byItem = await hit(ctx.db, `pubfb:item:${setId}:${taskId}`, 86_400, now);
  if (bySource > FEEDBACK_LIMITS.perSourceHour || byItem > FEEDBACK_LIMITS.perItemDay)
    throw new AppError('TOO_MANY_FEEDBACK', 429, '提交过于频繁,请一小时后再试');
  return ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('public_feedback')
      .values({
        set_id: setId,
        task_id: taskId,
        kind: b.kind,
        text,
        contact: b.contact?.trim() || null,
        status: '待审核',
        reply: null,
        created_at: now.toISOString(),
        moderated_by: null,
        moderated_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await notify(trx, ctx, {
      orgId: set.owner_org_id,
      taskId,
      kind: 'public_feedback',
      message: `【群众${b.kind}】「${set.title}」第 ${taskId} 项「${item.text.length > 24 ? `${item.text.slice(0, 24)}…` : item.text}」收到${b.kind}:${text.length > 40 ? `${text.slice(0, 40)}…` : text}(待审核)`,
      dedupeKey: `pubfb:${r.id}`,
      link: `/public-sets/${setId}?tab=feedback`,
      userId: set.created_by,
    });
    await audit(ctx, trx, null, {
      action: 'publicset.feedback',
      entity: 'public_feedback',
      entityId: r.id,
      after: { setId, taskId, kind: b.kind },
    });
    return { id: r.id };
  });
}

export async function list(
  ctx: Ctx,
  actor: Actor,
  setId: number,
  f: { status?: string; page?: number; pageSize?: number },
) {
  await ownedSet(ctx.db, actor, setId);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  let q = ctx.db
    .selectFrom('public_feedback as f')
    .innerJoin('task as t', 't.id', 'f.task_id')
    .where('f.set_id', '=', setId);
  if (f.status) q = q.where('f.status', '=', f.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'f.id',
      'f.task_id',
      't.text as task_text',
      'f.kind',
      'f.text',
      'f.contact',
      'f.status',
      'f.reply',
      'f.created_at',
      'f.moderated_at',
    ])
    .orderBy('f.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      taskText: r.task_text,
      kind: r.kind,
      text: r.text,
      contact: r.contact,
      status: r.status,
      reply: r.reply,
      createdAt: r.created_at,
      moderatedAt: r.moderated_at,
    })),
  };
}

/** 审核: publish (optionally with an answer) or withhold; the contact is never published. */
export async function moderate(
  ctx: Ctx,
  actor: Actor,
  setId: number,
  feedbackId: number,
  b: { decision: '已公开' | '不予公开'; reply?: string | null },
) {
  return ctx.db.transaction().execute(async (trx) => {
    await ownedSet(trx, actor, setId);
    const f = await trx
      .selectFrom('public_feedback')
      .selectAll()
      .where('id', '=', feedbackId)
      .where('set_id', '=', setId)
      .executeTakeFirst();
    if (!f) throw notFound('意见', 'FEEDBACK_NOT_FOUND');
    await trx
      .updateTable('public_feedback')
      .set({
        status: b.decision,
        reply: b.reply?.trim() || null,
        moderated_by: actor.userId,
        moderated_at: nowIso(ctx),
      })
      .where('id', '=', feedbackId)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'publicset.moderate',
      entity: 'public_feedback',
      entityId: feedbackId,
      before: { status: f.status },
      after: { status: b.decision, reply: b.reply ?? null },
    });
    return { ok: true };
  });
}
