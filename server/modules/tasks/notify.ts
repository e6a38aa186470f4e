/**
 * In-app notifications addressed to an org (its users see them), plus the optional webhook.
 * `dedupe_key` is unique: the scheduler can run any number of times (or on several instances)
 * and a task gets at most one notification per kind per day.
 */
import { NOTIFICATION_KINDS } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { pathUpper, type Actor } from '../../lib/scope.ts';
import { hiddenKinds } from '../digest/digest.service.ts';

/** Notifications for the caller's subtree, newest first. */
export async function list(ctx: Ctx, actor: Actor, f: { unread?: boolean; page: number; pageSize: number }) {
  let q = ctx.db
    .selectFrom('notification as n')
    .innerJoin('org_unit as o', 'o.id', 'n.org_id')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('n.user_id', 'is', null),
          eb('o.path', '>=', actor.scopePath),
          eb('o.path', '<', pathUpper(actor.scopePath)),
        ]),
        eb('n.user_id', '=', actor.userId),
      ]),
    );
  if (f.unread) q = q.where('n.read_at', 'is', null);
  // The user's preferences: digest users see the daily digest instead of per-task reminders.
  const hidden = await hiddenKinds(ctx.db, actor.userId);
  if (hidden.length) q = q.where('n.kind', 'not in', hidden);
  const { c } = await q.select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
  const items = await q
    .select([
      'n.id',
      'n.kind',
      'n.message',
      'n.task_id as taskId',
      'n.link',
      'n.org_id as orgId',
      'o.name as orgName',
      'n.created_at as createdAt',
      'n.read_at as readAt',
    ])
    .orderBy('n.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    items: items.map((i) => ({
      ...i,
      kindLabel: NOTIFICATION_KINDS[i.kind as keyof typeof NOTIFICATION_KINDS] ?? i.kind,
    })),
    total: Number(c),
  };
}

export async function markRead(ctx: Ctx, actor: Actor, id: number) {
  const n = await ctx.db
    .selectFrom('notification as n')
    .innerJoin('org_unit as o', 'o.id', 'n.org_id')
    .select(['n.id', 'o.path', 'n.read_at', 'n.user_id'])
    .where('n.id', '=', id)
    .executeTakeFirst();
  const mine = n && (n.user_id === null ? n.path.startsWith(actor.scopePath) : n.user_id === actor.userId);
  if (!n || !mine) throw notFound('通知', 'NOTIFICATION_NOT_FOUND');
  if (!n.read_at)
    await ctx.db
      .updateTable('notification')
      .set({ read_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  return { ok: true };
}

export { notify, sendWebhook, type NewNotification } from '../../lib/notify.ts';
