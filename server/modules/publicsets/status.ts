/**
 * The public status of a task in the vocabulary of the 通报 (已完成 / 提前完成 / 按序时 / 滞后),
 * derived from its workflow status, progress and 序时进度 (the share of its time already spent),
 * and the history of its changes. `recordStatus` is the one call the tasks workflow makes after a
 * change; the hourly sweep catches the changes time alone makes (a task falls behind 序时).
 */
import type { PublicStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import type { Job } from '../../lib/jobs.ts';
import { notify } from '../../lib/notify.ts';

/** Percentage points a task may trail 序时进度 and still count as 按序时. */
export const TOLERANCE = 10;

const DAY = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

export interface StatusInput {
  status: string;
  progress: number;
  issued_date: string;
  due_date: string | null;
  closed_at: string | null;
}

/** 序时进度 in percent (null for tasks without a date: 长期/持续). */
export function plannedProgress(t: Pick<StatusInput, 'issued_date' | 'due_date'>, today: string): number | null {
  if (!t.due_date) return null;
  const total = days(t.issued_date, t.due_date);
  if (total <= 0) return today >= t.due_date ? 100 : 0;
  return Math.max(0, Math.min(100, Math.round((days(t.issued_date, today) / total) * 100)));
}

export function publicStatus(t: StatusInput, today: string): PublicStatus {
  if (t.status === 'done') {
    const closed = t.closed_at ? localDate(new Date(t.closed_at)) : today;
    return t.due_date && closed < t.due_date ? '提前完成' : '已完成';
  }
  if (t.due_date && today > t.due_date) return '滞后';
  const planned = plannedProgress(t, today);
  if (planned === null) return '按序时';
  return t.progress >= planned - TOLERANCE ? '按序时' : '滞后';
}

export const WORKFLOW_LABELS: Record<string, string> = {
  pending: '已交办',
  doing: '办理中',
  requested: '申请办结',
  done: '已办结',
};

/**
 * Appends a history row for each task whose public or workflow status differs from its last row,
 * and tells the task's followers. Inside the caller's transaction; idempotent and safe on several
 * instances (the (task, prev) pair is unique, a concurrent duplicate is skipped).
 */
export async function recordStatus(db: Executor, ctx: Ctx, taskIds: number[]): Promise<number> {
  if (!taskIds.length) return 0;
  const now = ctx.clock.now();
  const today = localDate(now);
  let added = 0;
  for (let i = 0; i < taskIds.length; i += 500) {
    const ids = taskIds.slice(i, i + 500);
    const tasks = await db
      .selectFrom('task')
      .select(['id', 'text', 'lead_org_id', 'status', 'progress', 'issued_date', 'due_date', 'closed_at'])
      .where('id', 'in', ids)
      .execute();
    const last = await db
      .selectFrom('task_status_history as h')
      .select(['h.id', 'h.task_id', 'h.status', 'h.workflow_status'])
      .where('h.task_id', 'in', ids)
      .where(({ eb, selectFrom }) =>
        eb(
          'h.id',
          '=',
          selectFrom('task_status_history as h2')
            .select((e) => e.fn.max('h2.id').as('m'))
            .whereRef('h2.task_id', '=', 'h.task_id'),
        ),
      )
      .execute();
    const byTask = new Map(last.map((l) => [l.task_id, l]));
    for (const t of tasks) {
      const status = publicStatus(t, today);
      const prev = byTask.get(t.id);
      if (prev && prev.status === status && prev.workflow_status === t.status) continue;
      const r = await db
        .insertInto('task_status_history')
        .values({
          task_id: t.id,
          prev_id: prev?.id ?? 0,
          status,
          workflow_status: t.status,
          progress: t.progress,
          status_date: today,
          at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['task_id', 'prev_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!r) continue;
      added++;
      if (!prev) continue; // the first row is where the record starts, not a change
      const followers = await db.selectFrom('task_follow').select('user_id').where('task_id', '=', t.id).execute();
      const what =
        prev.workflow_status !== t.status
          ? `${WORKFLOW_LABELS[prev.workflow_status] ?? prev.workflow_status} → ${WORKFLOW_LABELS[t.status] ?? t.status}`
          : `${prev.status} → ${status}`;
      for (const f of followers)
        await notify(db, ctx, {
          orgId: t.lead_org_id,
          taskId: t.id,
          kind: 'task_follow',
          message: `【关注】任务 #${t.id}「${t.text.length > 30 ? `${t.text.slice(0, 30)}…` : t.text}」${what}(进度 ${t.progress}%)`,
          dedupeKey: `follow:${r.id}:${f.user_id}`,
          link: `/tasks/${t.id}`,
          userId: f.user_id,
        });
    }
  }
  return added;
}

/** The tasks whose status is watched: in a published set, or followed by someone. */
export async function sweep(ctx: Ctx): Promise<number> {
  const ids = await ctx.db
    .selectFrom('public_set_item as i')
    .innerJoin('public_set as s', 's.id', 'i.set_id')
    .select('i.task_id as id')
    .where('s.published', '=', 1)
    .union(ctx.db.selectFrom('task_follow').select('task_id as id'))
    .execute();
  let added = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500).map((r) => r.id);
    added += await ctx.db.transaction().execute((trx) => recordStatus(trx, ctx, chunk));
  }
  return added;
}

/** Hourly (server/jobs.ts): time alone turns 按序时 into 滞后, so watched tasks are re-read. */
export const publicStatusJob: Job<{ recorded: number }> = {
  name: 'public-status',
  label: '刷新公开进展状态',
  everyMs: 3600_000,
  run: async (ctx) => ({ recorded: await sweep(ctx) }),
};
