/**
 * The notification inbox: what was sent (server/lib/notify.ts) to units in the caller's subtree
 * or to the caller's own account, and marking one read.
 */
import type { NotificationPage, NotificationQuery } from '../../../common/contracts/supervision.ts';
import { NOTIFICATION_KINDS } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { pathUpper, type Actor } from '../../lib/scope.ts';
import { hiddenKinds } from '../digest/digest.service.ts';

/** Notifications for the caller's subtree, newest first. */
export async function list(ctx: Ctx, actor: Actor, f: NotificationQuery): Promise<NotificationPage> {
  const { page = 1, pageSize = 20 } = f;
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
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: items.map((i) => ({ ...i, kindLabel: NOTIFICATION_KINDS[i.kind] ?? i.kind })),
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
