/**
 * The key projects of a subtree with their investment and light (督查工作台's 重点项目 panel, the
 * 重点项目 page), and 「设为指标目标」: a task's parsed target phrase becomes an indicator target
 * that records the task it came from.
 */
import type {
  ProjectList,
  ProjectListQuery,
  ProjectSummary,
  TaskTargetBody,
} from '../../../common/contracts/projects.ts';
import type { Light } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest } from '../../lib/errors.ts';
import { orgInScope, type Actor } from '../../lib/scope.ts';
import { deadlineOf } from '../indicators/grid.service.ts';
import { getRow, settings } from '../indicators/registry.service.ts';
import { periodsOf } from '../indicators/rollup.ts';
import { writeTarget } from '../indicators/views.service.ts';
import { coversAll, taskVisible, visibleTask } from '../tasks/tasks.policy.ts';
import { judgeProject } from './projects.lights.ts';

const ORDER: Record<Light, number> = { red: 0, yellow: 1, green: 2 };
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Key projects with a unit in the subtree (the caller's, or `orgId` inside it), worst light first. */
export async function list(ctx: Ctx, actor: Actor, q: ProjectListQuery): Promise<ProjectList> {
  const today = localDate(ctx.clock.now());
  const year = q.year ?? Number(today.slice(0, 4));
  const path = q.orgId ? (await orgInScope(ctx.db, actor, q.orgId)).path : actor.scopePath;
  const all = await coversAll(ctx.db, path);
  const tasks = await ctx.db
    .selectFrom('task as t')
    .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .select(['t.id', 't.text', 't.lead_org_id', 'lo.name as lead_name'])
    .where(taskVisible(path, all))
    .where('t.key_project', '=', 1)
    .where('t.status', '!=', 'done')
    .orderBy('t.id', 'desc')
    .limit(500)
    .execute();
  const taskIds = tasks.length ? tasks.map((t) => t.id) : [0];
  const periods = periodsOf(year);
  const inv = await ctx.db
    .selectFrom('project_investment')
    .select(['task_id', 'period', 'planned', 'completed'])
    .where('task_id', 'in', taskIds)
    .where('period', 'in', periods)
    .execute();
  const ms = await ctx.db
    .selectFrom('task_milestone')
    .select(['task_id', 'name', 'due_date', 'done_date'])
    .where('task_id', 'in', taskIds)
    .orderBy('task_id')
    .orderBy('sort_order')
    .execute();
  const conf = await settings(ctx.db);
  const deadlines = periods.map((p) => deadlineOf(p, conf.deadlineDay));
  const items: ProjectSummary[] = tasks.map((t) => {
    const mine = inv.filter((r) => r.task_id === t.id);
    const months = periods.map((period, i) => {
      const r = mine.find((x) => x.period === period);
      return { period, planned: r?.planned ?? null, completed: r?.completed ?? null, deadlineDate: deadlines[i] };
    });
    const milestones = ms
      .filter((m) => m.task_id === t.id)
      .map((m) => ({ name: m.name, dueDate: m.due_date, doneDate: m.done_date }));
    const j = judgeProject(today, months, milestones, conf);
    const next = milestones.find((m) => !m.doneDate);
    const hasPlan = mine.some((r) => r.planned !== null);
    return {
      id: t.id,
      text: t.text,
      leadOrgId: t.lead_org_id,
      leadName: t.lead_name,
      annualPlanned: hasPlan ? r2(mine.reduce((a, r) => a + (r.planned ?? 0), 0)) : null,
      ...j,
      nextMilestone: next ? { name: next.name, dueDate: next.dueDate } : null,
    };
  });
  items.sort((a, b) => (a.light ? ORDER[a.light] : 3) - (b.light ? ORDER[b.light] : 3) || b.id - a.id);
  const counts = { green: 0, yellow: 0, red: 0 };
  for (const i of items) if (i.light) counts[i.light]++;
  return {
    year,
    items,
    total: items.length,
    cumPlanned: r2(items.reduce((a, i) => a + (i.cumPlanned ?? 0), 0)),
    cumCompleted: r2(items.reduce((a, i) => a + (i.cumCompleted ?? 0), 0)),
    counts,
  };
}

/**
 * 「设为指标目标」: one of the task's target phrases (as the extractor parsed it) becomes `orgId`'s
 * annual target of the indicator, recorded with the task (source 任务). The caller must see the task
 * and the indicator and have the org in scope, as for any target.
 */
export async function targetFromTask(ctx: Ctx, actor: Actor, taskId: number, b: TaskTargetBody) {
  const t = await visibleTask(ctx.db, actor, taskId);
  const phrases = JSON.parse(t.targets_json) as string[];
  const text = b.targetText.trim();
  if (!phrases.includes(text))
    throw badRequest(
      'TASK_TARGET_UNKNOWN',
      phrases.length
        ? `任务中没有目标「${text}」,请从任务的目标(${phrases.join('、')})中选择`
        : '该任务没有可设为指标目标的量化目标',
    );
  const ind = await getRow(ctx.db, actor, b.indicatorId);
  await orgInScope(ctx.db, actor, b.orgId);
  if (!Number.isFinite(b.annual)) throw badRequest('TARGET_INVALID', '全年目标应为数字');
  if (ind.aggregation === '求和' && b.annual <= 0)
    throw badRequest('TARGET_INVALID', `「${ind.name}」按求和汇总,全年目标应大于 0`);
  await ctx.db
    .transaction()
    .execute((trx) =>
      writeTarget(
        trx,
        ctx,
        actor,
        ind.id,
        { orgId: b.orgId, year: b.year, annual: b.annual, source: '任务', sourceRef: `任务 #${taskId}` },
        { taskId, text },
      ),
    );
  return { ok: true };
}
