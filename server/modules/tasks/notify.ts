/**
 * In-app notifications addressed to an org (its users see them), plus the optional webhook.
 * `dedupe_key` is unique: the scheduler can run any number of times (or on several instances)
 * and a task gets at most one notification per kind per day.
 */
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { notFound } from '../../lib/errors.ts';
import { pathUpper, type Actor } from '../../lib/scope.ts';

export interface NewNotification {
  orgId: number;
  taskId: number | null;
  kind: 'due_soon' | 'overdue' | 'report_due' | 'urge' | 'instruction' | 'supervise_order';
  message: string;
  dedupeKey: string;
}

export const NOTIFICATION_KINDS = {
  due_soon: '临期提醒',
  overdue: '逾期提醒',
  report_due: '进展报送提醒',
  urge: '催办',
  instruction: '领导批示',
  supervise_order: '督办单',
} as const;

/** Inserts unless the same key exists; returns the new row id or null. */
export async function notify(db: Executor, ctx: Ctx, n: NewNotification): Promise<number | null> {
  const r = await db
    .insertInto('notification')
    .values({
      org_id: n.orgId,
      task_id: n.taskId,
      kind: n.kind,
      message: n.message,
      dedupe_key: n.dedupeKey,
      created_at: ctx.clock.now().toISOString(),
      read_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * Posts the notifications to the configured webhook (e.g. a government IM robot), after commit.
 * Failures are logged, never thrown: the in-app notification is the record.
 */
export async function sendWebhook(ctx: Ctx, items: (NewNotification & { id: number; orgName?: string })[]) {
  const url = ctx.config.webhookUrl;
  if (!url || !items.length) return { sent: 0 };
  let sent = 0;
  let status = 0;
  // Chunks keep each request small (a county's first run can create thousands of reminders).
  for (let i = 0; i < items.length; i += 200) {
    const chunk = items.slice(i, i + 200);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          source: 'luoshi',
          notifications: chunk.map((n) => ({
            id: n.id,
            kind: n.kind,
            kindLabel: NOTIFICATION_KINDS[n.kind],
            orgId: n.orgId,
            orgName: n.orgName,
            taskId: n.taskId,
            message: n.message,
          })),
        }),
        signal: AbortSignal.timeout(5000),
      });
      status = res.status;
      if (res.ok) sent += chunk.length;
    } catch (e) {
      console.warn(`webhook 调用失败:${(e as Error).message}`);
      break;
    }
  }
  return { sent, status };
}

/** Notifications for the caller's subtree, newest first. */
export async function list(ctx: Ctx, actor: Actor, f: { unread?: boolean; page: number; pageSize: number }) {
  let q = ctx.db
    .selectFrom('notification as n')
    .innerJoin('org_unit as o', 'o.id', 'n.org_id')
    .where('o.path', '>=', actor.scopePath)
    .where('o.path', '<', pathUpper(actor.scopePath));
  if (f.unread) q = q.where('n.read_at', 'is', null);
  const { c } = await q.select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
  const items = await q
    .select([
      'n.id',
      'n.kind',
      'n.message',
      'n.task_id as taskId',
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
    .select(['n.id', 'o.path', 'n.read_at'])
    .where('n.id', '=', id)
    .executeTakeFirst();
  if (!n?.path.startsWith(actor.scopePath)) throw notFound('通知', 'NOTIFICATION_NOT_FOUND');
  if (!n.read_at)
    await ctx.db
      .updateTable('notification')
      .set({ read_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  return { ok: true };
}
