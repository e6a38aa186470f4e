/** 工作台: counts by light for the caller's scope, units ranked by overdue tasks, key projects' milestones. */
import type { Dashboard, DashboardQuery, ProjectTimeline } from '../../../common/contracts/supervision.ts';
import type { Light, TaskStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { ensureFresh } from './lights.ts';
import { coversAll, visibleTask } from './tasks.policy.ts';

export async function dashboard(ctx: Ctx, actor: Actor, f: DashboardQuery): Promise<Dashboard> {
  // Fresh lights first: the counters' overdue buckets are as of the last recompute, i.e. today.
  await ensureFresh(ctx);
  const today = localDate(ctx.clock.now());
  const org = f.orgId ? await orgInScope(ctx.db, actor, f.orgId) : { id: actor.scopeOrgId, path: actor.scopePath };
  const path = org.path;
  // The scope node's maintained counters (task_count, kept by triggers): distinct tasks with a unit
  // in the subtree by (status, light, overdue) — at most 24 rows, whatever the size of the scope.
  const buckets = await ctx.db
    .selectFrom('task_count')
    .select(['status', 'light', 'overdue', 'n'])
    .where('org_id', '=', org.id)
    .where('lead', '=', 0)
    .execute();
  const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0 };
  const status: Record<TaskStatus, number> = { pending: 0, doing: 0, requested: 0, done: 0 };
  let overdue = 0;
  for (const r of buckets) {
    const n = Number(r.n);
    status[r.status] += n;
    // Lights count unfinished tasks only; overdue = past the deadline and not (yet) handed in.
    if (r.status !== 'done') lights[r.light] += n;
    if (Number(r.overdue) === 1 && (r.status === 'pending' || r.status === 'doing')) overdue += n;
  }
  // Lead units of the subtree ranked by overdue tasks, from their maintained sums (task_overdue,
  // kept by triggers on task_count). The whole tree reads the top of the (n desc, org_id) index
  // alone; a subtree joins its org nodes (a township's hundred, a county's few thousand) to it.
  const all = await coversAll(ctx.db, path);
  const ranked = await ctx.db
    .selectFrom('task_overdue as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .select(['c.org_id', 'o.name', 'c.n as overdue'])
    .where('c.n', '>', 0)
    .$if(!all, (q) => q.where('o.path', '>=', path).where('o.path', '<', pathUpper(path)))
    .orderBy('c.n', 'desc')
    .orderBy('c.org_id')
    .limit(10)
    .execute();
  const ranking = ranked.map((r) => ({ orgId: r.org_id, orgName: r.name, overdue: Number(r.overdue) }));
  // Key projects newest first: walk the few key tasks (the (key_project, id) index) and keep those
  // with a unit in the subtree — never the scope's thousands of task ids first.
  const projects = await ctx.db
    .selectFrom('task as t')
    .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .select(['t.id', 't.text', 't.light', 't.status', 't.progress', 't.due_date as dueDate', 'lo.name as leadName'])
    .where('t.key_project', '=', 1)
    .$if(!all, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('task_org as vt')
            .select('vt.task_id')
            .whereRef('vt.task_id', '=', 't.id')
            .where('vt.org_path', '>=', path)
            .where('vt.org_path', '<', pathUpper(path)),
        ),
      ),
    )
    .orderBy('t.key_project', 'desc')
    .orderBy('t.id', 'desc')
    .limit(20)
    .execute();
  const total = Object.values(status).reduce((a, b) => a + b, 0);
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
