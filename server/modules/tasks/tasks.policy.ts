/**
 * Who sees and does what on a task. A task is visible when its lead unit or one of its cooperating
 * units lies in the caller's subtree (so a township sees what it leads or helps with, a county
 * supervisor sees everything below the county). Anything else is 404.
 */
import type { ExpressionBuilder } from 'kysely';
import { TASK_STATUSES, type TaskStatus } from '../../../common/enums.ts';
import type { Executor } from '../../db/connect.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';

/**
 * where-expression on alias `t`: the task has a unit inside the subtree at `path`. Written as
 * `t.id in (task ids of links in the subtree)`: the range on task_org's own copy of the unit path
 * (org_path, task_id) yields the ids from the index alone, without joining org_unit (a township
 * scope touches few rows, a county one tens of thousands in a province).
 */
export function taskVisible(path: string, coversAll = false) {
  return (eb: ExpressionBuilder<DB & { t: DB['task'] }, any>) =>
    coversAll
      ? eb('t.id', 'is not', null)
      : eb(
          't.id',
          'in',
          eb
            .selectFrom('task_org as vt')
            .select('vt.task_id')
            .where('vt.org_path', '>=', path)
            .where('vt.org_path', '<', pathUpper(path)),
        );
}

/**
 * True when the subtree at `path` is the whole tree (a county account): then every task is in
 * scope and the filter is skipped, which saves materializing ~100k ids on each county query.
 */
export async function coversAll(db: Executor, path: string) {
  const roots = await db.selectFrom('org_unit').select('path').where('parent_id', 'is', null).limit(2).execute();
  return roots.length === 1 && roots[0].path === path;
}

export async function loadTask(db: Executor, id: number) {
  return db
    .selectFrom('task as t')
    .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .selectAll('t')
    .select(['lo.name as lead_name', 'lo.path as lead_path'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}
export type TaskRow = NonNullable<Awaited<ReturnType<typeof loadTask>>>;

/** The task if the caller may see it, else 404. */
export async function visibleTask(db: Executor, actor: Actor, id: number): Promise<TaskRow> {
  const t = await loadTask(db, id);
  if (!t) throw notFound('任务', 'TASK_NOT_FOUND');
  if (isInPath(t.lead_path, actor.scopePath)) return t;
  const co = await db
    .selectFrom('task_org as x')
    .innerJoin('org_unit as o', 'o.id', 'x.org_id')
    .select('o.path')
    .where('x.task_id', '=', id)
    .execute();
  if (!co.some((o) => isInPath(o.path, actor.scopePath))) throw notFound('任务', 'TASK_NOT_FOUND');
  return t;
}

/** Acting as the lead unit (签收, 报送进展, 申请办结): the lead unit must lie in the caller's subtree. */
export function assertLead(actor: Actor, t: TaskRow) {
  if (!isInPath(t.lead_path, actor.scopePath)) {
    throw new AppError(
      'TASK_NOT_LEAD',
      403,
      `只有牵头单位「${t.lead_name}」可以办理此事项,配合单位请将情况报牵头单位汇总`,
    );
  }
}

export function assertStatus(t: TaskRow, allowed: TaskStatus[], action: string) {
  if (!allowed.includes(t.status)) {
    throw new AppError('TASK_WRONG_STATUS', 409, `任务当前状态为「${TASK_STATUSES[t.status]}」,不能${action}`);
  }
}
