/**
 * In-app notifications addressed to an org (its users see them) or to one account, plus the
 * optional webhook. `dedupe_key` is unique: a scheduler can run any number of times (or on several
 * instances) and a subject gets at most one notification per kind per period. Every module sends
 * through here; kinds and their labels are declared in common/enums.ts.
 */
import { NOTIFICATION_KINDS, type NotificationKind } from '../../common/enums.ts';
import type { Ctx } from '../context.ts';
import type { Executor } from '../db/connect.ts';

export interface NewNotification {
  orgId: number;
  taskId: number | null;
  /** A key of NOTIFICATION_KINDS in common/enums.ts. */
  kind: NotificationKind;
  message: string;
  dedupeKey: string;
  /** A web path the notification opens, e.g. `/org-life/meetings/12`. */
  link?: string | null;
  /** Addressed to one account only (e.g. a member); otherwise to the org's users. */
  userId?: number | null;
}

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
      link: n.link ?? null,
      user_id: n.userId ?? null,
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
  // In digest mode (the default) reminders reach the webhook only inside the daily digest
  // (modules/digest); actions by people (催办, 批示, 督办单 …) still go out at once.
  const mode = await ctx.db.selectFrom('setting').select('value').where('key', '=', 'notify.digest').executeTakeFirst();
  if ((mode ? JSON.parse(mode.value).webhookMode : 'digest') === 'digest')
    items = items.filter((n) => !['due_soon', 'overdue', 'report_due'].includes(n.kind));
  if (!items.length) return { sent: 0 };
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
            link: n.link ?? null,
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
