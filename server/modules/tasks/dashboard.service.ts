/** 工作台: counts by light for the caller's scope, units ranked by overdue tasks, key projects' milestones. */
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { ensureFresh } from './lights.ts';
import { coversAll, taskVisible, visibleTask } from './tasks.policy.ts';

export async function dashboard(ctx: Ctx, actor: Actor, f: { orgId?: number }) {
  await ensureFresh(ctx);
  const today = localDate(ctx.clock.now());
  const path = f.orgId ? (await orgInScope(ctx.db, actor, f.orgId)).path : actor.scopePath;
  const all = await coversAll(ctx.db, path);
  const base = ctx.db.selectFrom('task as t').where(taskVisible(path, all));
  // One pass over the scope: counts by (light, status); lights count unfinished tasks only.
  const groups = await base.select(['t.light', 't.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['t.light', 't.status']).execute();
  const lights = { green: 0, yellow: 0, red: 0 };
  const status = { pending: 0, doing: 0, requested: 0, done: 0 };
  for (const r of groups) {
    status[r.status as keyof typeof status] += Number(r.n);
    if (r.status !== 'done') lights[r.light as keyof typeof lights] += Number(r.n);
  }
  // Ranking by lead unit, over units inside the subtree (overdue is derived from the deadline).
  const ranking = await ctx.db.selectFrom('task as t').innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .select(['lo.id as orgId', 'lo.name as orgName', (eb) => eb.fn.countAll<number>().as('overdue')])
    .where('lo.path', '>=', path).where('lo.path', '<', pathUpper(path))
    .where('t.due_date', '<', today).where('t.status', 'in', ['pending', 'doing'])
    .groupBy(['lo.id', 'lo.name']).orderBy('overdue', 'desc').orderBy('lo.id').limit(10).execute();
  const projects = await ctx.db.selectFrom('task as t').innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .select(['t.id', 't.text', 't.light', 't.status', 't.progress', 't.due_date as dueDate', 'lo.name as leadName'])
    .where(taskVisible(path, all)).where('t.key_project', '=', 1).orderBy('t.id', 'desc').limit(20).execute();
  const total = Object.values(status).reduce((a, b) => a + b, 0);
  const overdue = Number((await ctx.db.selectFrom('task as t').select((eb) => eb.fn.countAll<number>().as('n')).where(taskVisible(path, all))
    .where('t.due_date', '<', today).where('t.status', 'in', ['pending', 'doing']).executeTakeFirstOrThrow()).n);
  return { today, total, lights, status, overdue, ranking: ranking.map((r) => ({ ...r, overdue: Number(r.overdue) })), keyProjects: projects };
}

/** A key project's milestones as a timeline (planned vs reached). */
export async function timeline(ctx: Ctx, actor: Actor, id: number) {
  const t = await visibleTask(ctx.db, actor, id);
  const today = localDate(ctx.clock.now());
  const ms = await ctx.db.selectFrom('task_milestone').select(['id', 'name', 'due_date', 'done_date']).where('task_id', '=', id).orderBy('sort_order').execute();
  return {
    task: { id: t.id, text: t.text, leadName: t.lead_name, dueDate: t.due_date, progress: t.progress },
    milestones: ms.map((m) => ({
      id: m.id, name: m.name, dueDate: m.due_date, doneDate: m.done_date,
      state: m.done_date ? (m.done_date > m.due_date ? 'done_late' : 'done') : today > m.due_date ? 'late' : 'pending',
    })),
  };
}
