/** 工作台: counts by light for the caller's scope, units ranked by overdue tasks, key projects' milestones. */
import type { Dashboard, DashboardQuery, ProjectTimeline } from '../../../common/contracts/supervision.ts';
import type { Light, TaskStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { sql } from 'kysely';
import { localDate } from '../../lib/clock.ts';
import { orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { ensureFresh } from './lights.ts';
import { coversAll, taskVisible, visibleTask } from './tasks.policy.ts';

export async function dashboard(ctx: Ctx, actor: Actor, f: DashboardQuery): Promise<Dashboard> {
  await ensureFresh(ctx);
  const today = localDate(ctx.clock.now());
  const path = f.orgId ? (await orgInScope(ctx.db, actor, f.orgId)).path : actor.scopePath;
  const all = await coversAll(ctx.db, path);
  // Below the whole tree, the counts come from the task–unit links (their copies of status, light and
  // deadline), one index-only range of (org_path, …); a task with two units in the subtree counts once.
  const links = ctx.db
    .selectFrom('task_org as x')
    .where('x.org_path', '>=', path)
    .where('x.org_path', '<', pathUpper(path));
  // One pass over the scope: counts by (light, status); lights count unfinished tasks only.
  const groups = all
    ? await ctx.db
        .selectFrom('task as t')
        .select(['t.light', 't.status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['t.light', 't.status'])
        .execute()
    : await links
        .select(['x.light', 'x.status', sql<number>`count(distinct x.task_id)`.as('n')])
        .groupBy(['x.light', 'x.status'])
        .execute();
  const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0 };
  const status: Record<TaskStatus, number> = { pending: 0, doing: 0, requested: 0, done: 0 };
  for (const r of groups) {
    status[r.status] += Number(r.n);
    if (r.status !== 'done') lights[r.light] += Number(r.n);
  }
  // Ranking by lead unit inside the subtree (overdue is derived from the deadline), counted on the
  // (status, due_date, lead_org_id) index; names are fetched for the top ten only.
  const top = all
    ? await ctx.db
        .selectFrom('task as t')
        .select(['t.lead_org_id', (eb) => eb.fn.countAll<number>().as('overdue')])
        .where('t.status', 'in', ['pending', 'doing'])
        .where('t.due_date', '<', today)
        .groupBy('t.lead_org_id')
        .orderBy('overdue', 'desc')
        .orderBy('t.lead_org_id')
        .limit(10)
        .execute()
    : await links
        .select(['x.org_id as lead_org_id', (eb) => eb.fn.countAll<number>().as('overdue')])
        .where('x.role', '=', 'lead')
        .where('x.status', 'in', ['pending', 'doing'])
        .where('x.due_date', '<', today)
        .groupBy('x.org_id')
        .orderBy('overdue', 'desc')
        .orderBy('x.org_id')
        .limit(10)
        .execute();
  const names = top.length
    ? new Map(
        (
          await ctx.db
            .selectFrom('org_unit')
            .select(['id', 'name'])
            .where(
              'id',
              'in',
              top.map((r) => r.lead_org_id),
            )
            .execute()
        ).map((o) => [o.id, o.name]),
      )
    : new Map();
  const ranking = top.map((r) => ({
    orgId: r.lead_org_id,
    orgName: names.get(r.lead_org_id) ?? '',
    overdue: Number(r.overdue),
  }));
  const projects = await ctx.db
    .selectFrom('task as t')
    .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .select(['t.id', 't.text', 't.light', 't.status', 't.progress', 't.due_date as dueDate', 'lo.name as leadName'])
    .where(taskVisible(path, all))
    .where('t.key_project', '=', 1)
    .orderBy('t.id', 'desc')
    .limit(20)
    .execute();
  const total = Object.values(status).reduce((a, b) => a + b, 0);
  const overdue = Number(
    (all
      ? await ctx.db
          .selectFrom('task as t')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('t.due_date', '<', today)
          .where('t.status', 'in', ['pending', 'doing'])
          .executeTakeFirstOrThrow()
      : await links
          .select(sql<number>`count(distinct x.task_id)`.as('n'))
          .where('x.due_date', '<', today)
          .where('x.status', 'in', ['pending', 'doing'])
          .executeTakeFirstOrThrow()
    ).n,
  );
  return { today, total, lights, status, overdue, ranking, keyProjects: projects };
}

/** A key project's milestones as a timeline (planned vs reached). */
export async function timeline(ctx: Ctx, actor: Actor, id: number): Promise<ProjectTimeline> {
  const t = await visibleTask(ctx.db, actor, id);
  const today = localDate(ctx.clock.now());
  const ms = await ctx.db
    .selectFrom('task_milestone')
    .select(['id', 'name', 'due_date', 'done_date'])
    .where('task_id', '=', id)
    .orderBy('sort_order')
    .execute();
  return {
    task: { id: t.id, text: t.text, leadName: t.lead_name, dueDate: t.due_date, progress: t.progress },
    milestones: ms.map((m) => ({
      id: m.id,
      name: m.name,
      dueDate: m.due_date,
      doneDate: m.done_date,
      state: m.done_date ? (m.done_date > m.due_date ? 'done_late' : 'done') : today > m.due_date ? 'late' : 'pending',
    })),
  };
}
