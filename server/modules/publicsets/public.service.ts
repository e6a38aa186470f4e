/**
 * What the public may read of a published set, and nothing more: unit, deadline, public status,
 * progress, milestones, the dated status history, stated 滞后 reasons and moderated feedback.
 * Never internal comments, 批示, attachments, or people's names (task.leader is not read here).
 * Unpublished or unknown sets and items are the same 404, with no hint that they exist.
 */
import type { PublicItem, PublicSetList, StatusCounts } from '../../../common/contracts/publicsets.ts';
import { PUBLIC_STATUS_KEYS } from '../../../common/enums.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../lib/errors.ts';
import { plannedProgress, publicStatus } from './status.ts';

export const pageNotFound = () => new AppError('NOT_FOUND', 404, '页面不存在');

export async function publishedSet(db: Executor, id: number) {
  const s = await db
    .selectFrom('public_set')
    .selectAll()
    .where('id', '=', id)
    .where('published', '=', 1)
    .executeTakeFirst();
  if (!s) throw pageNotFound();
  return s;
}
export type PublishedSet = Awaited<ReturnType<typeof publishedSet>>;

export async function setItems(db: Executor, setIds: number[], today: string) {
  if (!setIds.length) return [];
  const rows = await db
    .selectFrom('public_set_item as i')
    .innerJoin('task as t', 't.id', 'i.task_id')
    .innerJoin('org_unit as o', 'o.id', 't.lead_org_id')
    .select([
      'i.set_id',
      'i.task_id',
      'i.lag_reason',
      't.text',
      't.status',
      't.progress',
      't.issued_date',
      't.due_date',
      't.deadline_text',
      't.closed_at',
      'o.name as lead_name',
    ])
    .where('i.set_id', 'in', setIds)
    .orderBy('i.set_id')
    .orderBy('i.sort_order')
    .orderBy('i.task_id')
    .execute();
  return rows.map((r) => {
    const status = publicStatus(r, today);
    const item: PublicItem & { setId: number; internalStatus: string } = {
      setId: r.set_id,
      taskId: r.task_id,
      text: r.text,
      leadUnit: r.lead_name,
      dueDate: r.due_date,
      deadlineText: r.deadline_text,
      status,
      progress: r.status === 'done' ? 100 : r.progress,
      plannedProgress: plannedProgress(r, today),
      // A reason is shown only while the item is behind.
      lagReason: status === '滞后' ? r.lag_reason : null,
      internalStatus: r.status,
    };
    return item;
  });
}

export function countsOf(items: { status: PublicItem['status'] }[]): StatusCounts {
  const c: StatusCounts = { total: items.length, early: 0, done: 0, onTrack: 0, lagging: 0 };
  for (const i of items) c[PUBLIC_STATUS_KEYS[i.status]]++;
  return c;
}

/** Every published set with its counts (GET /api/public/sets and the index page). */
export async function listSets(db: Executor, today: string): Promise<PublicSetList> {
  const sets = await db
    .selectFrom('public_set')
    .select(['id', 'title', 'kind', 'published_at', 'objection_until_date', 'publicity'])
    .where('published', '=', 1)
    .orderBy('id', 'desc')
    .execute();
  const items = await setItems(
    db,
    sets.map((s) => s.id),
    today,
  );
  return {
    items: sets.map((s) => ({
      id: s.id,
      title: s.title,
      kind: s.kind,
      publishedAt: s.published_at,
      objectionUntilDate: s.publicity ? s.objection_until_date : null,
      counts: countsOf(items.filter((i) => i.setId === s.id)),
    })),
  };
}

/** One public item of a published set: the task, its milestones, status history and published feedback. */
export async function publicItem(db: Executor, setId: number, taskId: number, today: string) {
  const set = await publishedSet(db, setId);
  const [item] = (await setItems(db, [setId], today)).filter((i) => i.taskId === taskId);
  if (!item) throw pageNotFound();
  const milestones = await db
    .selectFrom('task_milestone')
    .select(['name', 'due_date', 'done_date'])
    .where('task_id', '=', taskId)
    .orderBy('sort_order')
    .orderBy('due_date')
    .execute();
  const history = await statusHistory(db, [taskId], 200);
  const feedback = await db
    .selectFrom('public_feedback')
    .select(['id', 'kind', 'text', 'reply', 'created_at'])
    .where('set_id', '=', setId)
    .where('task_id', '=', taskId)
    .where('status', '=', '已公开')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return { set, item, milestones, history, feedback };
}

/** Status changes of tasks, newest first (timelines and feeds). */
export async function statusHistory(db: Executor, taskIds: number[], limit: number) {
  if (!taskIds.length) return [];
  return db
    .selectFrom('task_status_history as h')
    .innerJoin('task as t', 't.id', 'h.task_id')
    .select(['h.id', 'h.task_id', 'h.status', 'h.workflow_status', 'h.progress', 'h.status_date', 'h.at', 't.text'])
    .where('h.task_id', 'in', taskIds)
    .orderBy('h.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * What the rendered pages of a set depend on, read in two small aggregate queries: the set row,
 * its items' tasks (count, last update, summed progress) and the last status change. The day is
 * part of it (序时进度 moves with the date). Equal versions ⇒ identical pages, on any instance.
 */
export async function setVersion(db: Executor, set: PublishedSet, today: string) {
  const t = await db
    .selectFrom('public_set_item as i')
    .innerJoin('task as t', 't.id', 'i.task_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('t.updated_at').as('u'),
      eb.fn.sum<number>('t.progress').as('p'),
    ])
    .where('i.set_id', '=', set.id)
    .executeTakeFirstOrThrow();
  const h = await db
    .selectFrom('task_status_history as h')
    .innerJoin('public_set_item as i', 'i.task_id', 'h.task_id')
    .select((eb) => eb.fn.max('h.id').as('m'))
    .where('i.set_id', '=', set.id)
    .executeTakeFirstOrThrow();
  return `${today}|${set.updated_at}|${t.n}|${t.u}|${t.p}|${h.m}`;
}
