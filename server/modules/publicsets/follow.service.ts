/** Staff follow any task they can see and get an in-app notification when its status changes. */
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import type { Actor } from '../../lib/scope.ts';
import { visibleTask } from '../tasks/tasks.policy.ts';
import { publicStatus, recordStatus } from './status.ts';

export async function follow(ctx: Ctx, actor: Actor, taskId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    await visibleTask(trx, actor, taskId);
    const r = await trx
      .insertInto('task_follow')
      .values({ user_id: actor.userId, task_id: taskId, created_at: nowIso(ctx) })
      .onConflict((oc) => oc.columns(['user_id', 'task_id']).doNothing())
      .executeTakeFirst();
    // The history starts now if it had not: later changes are compared with this.
    await recordStatus(trx, ctx, [taskId]);
    if (Number(r.numInsertedOrUpdatedRows ?? 0))
      await audit(ctx, trx, actor, {
        action: 'task.follow',
        entity: 'task',
        entityId: taskId,
        after: { userId: actor.userId },
      });
    return { ok: true };
  });
}

export async function unfollow(ctx: Ctx, actor: Actor, taskId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    await visibleTask(trx, actor, taskId);
    const r = await trx
      .deleteFrom('task_follow')
      .where('user_id', '=', actor.userId)
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows))
      await audit(ctx, trx, actor, {
        action: 'task.unfollow',
        entity: 'task',
        entityId: taskId,
        before: { userId: actor.userId },
      });
    return { ok: true };
  });
}

/** The caller's own follows (a task that left the caller's scope is dropped from the list). */
export async function mine(ctx: Ctx, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('task_follow as f')
    .innerJoin('task as t', 't.id', 'f.task_id')
    .innerJoin('org_unit as o', 'o.id', 't.lead_org_id')
    .select([
      'f.task_id',
      'f.created_at',
      't.text',
      't.status',
      't.progress',
      't.issued_date',
      't.due_date',
      't.closed_at',
      'o.name',
    ])
    .where('f.user_id', '=', actor.userId)
    .orderBy('f.created_at', 'desc')
    .execute();
  const today = localDate(ctx.clock.now());
  const out = [];
  for (const r of rows) {
    if (!(await visibleTask(ctx.db, actor, r.task_id).catch(() => null))) continue;
    out.push({
      taskId: r.task_id,
      text: r.text,
      leadUnit: r.name,
      status: publicStatus(r, today),
      progress: r.progress,
      followedAt: r.created_at,
    });
  }
  return { items: out };
}
