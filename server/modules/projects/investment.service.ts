/**
 * 重点项目 investment: the year's plan by month (set by 督查, who manages the project) and each
 * month's completed investment (reported by the lead unit, once per month, locked after the
 * indicator deadline like the 指标 grid and opened by the same audited unlock). Every change
 * recomputes the indicators fed by these records (projects.figures.ts), for the lead unit's line.
 */
import type {
  InvestmentGrid,
  InvestmentMonth,
  InvestmentPlanBody,
  InvestmentReportBody,
} from '../../../common/contracts/projects.ts';
import { ROLE_PERMISSIONS } from '../../../common/enums.ts';
import { audit, nowIso, type Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { isInPath, type Actor } from '../../lib/scope.ts';
import { deadlineOf, fmtPeriod, openUnlocks, parseCell } from '../indicators/grid.service.ts';
import { settings } from '../indicators/registry.service.ts';
import { ids, periodsOf, recomputeWithDependents } from '../indicators/rollup.ts';
import { assertLead, type TaskRow, visibleTask } from '../tasks/tasks.policy.ts';
import { FED_FIGURES } from './projects.figures.ts';
import { judgeProject } from './projects.lights.ts';

const ymd = (d: string) => d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日');
const r2 = (x: number) => Math.round(x * 100) / 100;

/** The key project if the caller may see it (a task that is not a key project is not one: 404). */
export async function visibleProject(db: Executor, actor: Actor, id: number): Promise<TaskRow> {
  const t = await visibleTask(db, actor, id);
  if (!t.key_project) throw notFound('重点项目', 'PROJECT_NOT_FOUND');
  return t;
}

const can = (actor: Actor, p: 'task.manage' | 'task.report') => ROLE_PERMISSIONS[actor.role].includes(p);

/** The years a project's plan may cover: from the year it was issued to its deadline's year. */
function yearSpan(t: TaskRow) {
  const from = Number(t.issued_date.slice(0, 4));
  return { from, to: t.due_date ? Math.max(from, Number(t.due_date.slice(0, 4))) : null };
}

export async function grid(ctx: Ctx, actor: Actor, id: number, year?: number): Promise<InvestmentGrid> {
  const t = await visibleProject(ctx.db, actor, id);
  const today = localDate(ctx.clock.now());
  const rows = await ctx.db
    .selectFrom('project_investment as p')
    .leftJoin('app_user as u', 'u.id', 'p.reported_by')
    .selectAll('p')
    .select('u.display_name as reporter')
    .where('p.task_id', '=', id)
    .orderBy('p.period')
    .execute();
  const years = [...new Set(rows.filter((r) => r.planned !== null).map((r) => Number(r.period.slice(0, 4))))].sort();
  const thisYear = Number(today.slice(0, 4));
  const y = year ?? (years.includes(thisYear) || !years.length ? thisYear : years[years.length - 1]);
  const conf = await settings(ctx.db);
  const periods = periodsOf(y);
  const unlocks = await openUnlocks(ctx.db, t.lead_org_id, periods, today);
  const milestones = await ctx.db
    .selectFrom('task_milestone')
    .select(['name', 'due_date', 'done_date'])
    .where('task_id', '=', id)
    .orderBy('sort_order')
    .execute();
  let cp = 0;
  let cc = 0;
  const months: InvestmentMonth[] = periods.map((p) => {
    const r = rows.find((x) => x.period === p);
    const deadline = deadlineOf(p, conf.deadlineDay);
    cp += r?.planned ?? 0;
    cc += r?.completed ?? 0;
    const started = `${p}-01` <= today;
    return {
      period: p,
      planned: r?.planned ?? null,
      completed: r?.completed ?? null,
      cumPlanned: r2(cp),
      cumCompleted: started ? r2(cc) : null,
      rate: started && cp > 0 ? Math.round((cc / cp) * 1000) / 10 : null,
      deadlineDate: deadline,
      locked: today > deadline && !unlocks.has(p),
      unlockedUntilDate: unlocks.get(p) ?? null,
      overdue: today > deadline && (r?.planned ?? 0) > 0 && r?.completed == null,
      note: r?.note ?? null,
      reportedAt: r?.reported_at ?? null,
      reporterName: r?.reporter ?? null,
      onTime: r?.on_time == null ? null : !!r.on_time,
    };
  });
  const j = judgeProject(
    today,
    months,
    milestones.map((m) => ({ name: m.name, dueDate: m.due_date, doneDate: m.done_date })),
    conf,
  );
  const hasPlan = years.includes(y);
  return {
    taskId: t.id,
    text: t.text,
    leadOrgId: t.lead_org_id,
    leadName: t.lead_name,
    year: y,
    years,
    hasPlan,
    annualPlanned: hasPlan ? r2(months.reduce((a, m) => a + (m.planned ?? 0), 0)) : null,
    asOfPeriod: j.asOfPeriod,
    cumPlanned: j.cumPlanned,
    cumCompleted: j.cumCompleted,
    rate: j.rate,
    light: j.light,
    reasons: j.reasons,
    months,
    canPlan: can(actor, 'task.manage'),
    canReport: can(actor, 'task.report') && isInPath(t.lead_path, actor.scopePath),
  };
}

/** A money cell: a number ≥ 0 (万元), or a Chinese message naming the cell. */
function money(v: number | string | null, what: string, errors: string[]): number | null {
  const n = parseCell(v);
  if (n === 'NaN') errors.push(`${what}「${String(v)}」不是数字`);
  else if (n !== null && n < 0) errors.push(`${what}不能为负数`);
  else return n;
  return null;
}

/** Recomputes the indicators computed from these records, for the lead unit and its ancestors. */
async function refreshIndicators(trx: Executor, t: TaskRow, year: number, today: string) {
  const fed = await trx.selectFrom('indicator').select('id').where('figure_key', 'in', FED_FIGURES).execute();
  if (fed.length)
    await recomputeWithDependents(
      trx,
      fed.map((f) => f.id),
      year,
      today,
      ids(t.lead_path),
    );
}

/** Sets (replaces) the year's plan: 12 months, each ≥ 0, the year within the project's span. */
export async function savePlan(ctx: Ctx, actor: Actor, id: number, b: InvestmentPlanBody) {
  const t = await visibleProject(ctx.db, actor, id);
  const span = yearSpan(t);
  if (b.year < span.from || (span.to !== null && b.year > span.to))
    throw badRequest(
      'PLAN_YEAR_INVALID',
      `项目于${span.from}年下发${span.to !== null ? `、${span.to}年完成` : ''},不能制定${b.year}年的投资计划`,
    );
  const errors: string[] = [];
  const planned = b.months.map((v, i) => money(v, `${i + 1}月计划投资`, errors) ?? 0);
  if (errors.length)
    throw new AppError('PLAN_INVALID', 400, `有 ${errors.length} 处需要修改:${errors.slice(0, 3).join(';')}`, {
      errors,
    });
  if (planned.every((p) => p === 0)) throw badRequest('PLAN_INVALID', `${b.year}年全年计划投资不能为 0`);
  const today = localDate(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('project_investment')
      .select(['period', 'planned'])
      .where('task_id', '=', id)
      .where('period', 'in', periodsOf(b.year))
      .execute();
    await trx
      .insertInto('project_investment')
      .values(periodsOf(b.year).map((period, i) => ({ task_id: id, period, planned: planned[i], completed: null })))
      .onConflict((oc) =>
        oc.columns(['task_id', 'period']).doUpdateSet((eb) => ({ planned: eb.ref('excluded.planned') })),
      )
      .execute();
    await audit(ctx, trx, actor, {
      action: 'project.plan',
      entity: 'task',
      entityId: id,
      before,
      after: { year: b.year, planned },
    });
    await refreshIndicators(trx, t, b.year, today);
  });
  return { ok: true };
}

/** The lead unit reports a month's completed investment (number ≥ 0, a planned year, not locked). */
export async function report(ctx: Ctx, actor: Actor, id: number, period: string, b: InvestmentReportBody) {
  const t = await visibleProject(ctx.db, actor, id);
  assertLead(actor, t);
  const errors: string[] = [];
  const value = money(b.completed, `${fmtPeriod(period)}完成投资`, errors);
  if (errors.length) throw badRequest('INVESTMENT_INVALID', errors[0]);
  if (value === null) throw badRequest('INVESTMENT_INVALID', `请填写${fmtPeriod(period)}完成投资(万元)`);
  const today = localDate(ctx.clock.now());
  if (period > today.slice(0, 7)) throw badRequest('PERIOD_FUTURE', `${fmtPeriod(period)}尚未到来,不能填报完成投资`);
  const year = Number(period.slice(0, 4));
  const planned = await ctx.db
    .selectFrom('project_investment')
    .select('period')
    .where('task_id', '=', id)
    .where('period', 'in', periodsOf(year))
    .where('planned', 'is not', null)
    .executeTakeFirst();
  if (!planned)
    throw badRequest('PERIOD_OUT_OF_PLAN', `项目没有${year}年的投资计划,不能填报${fmtPeriod(period)}的完成投资`);
  const conf = await settings(ctx.db);
  const deadline = deadlineOf(period, conf.deadlineDay);
  const late = today > deadline;
  if (late && !(await openUnlocks(ctx.db, t.lead_org_id, [period], today)).size)
    throw conflict(
      'PERIOD_LOCKED',
      `${fmtPeriod(period)}完成投资已于${ymd(deadline)}截止报送,需上级在「填报审核」中解锁本单位该月后补报`,
    );
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('project_investment')
      .selectAll()
      .where('task_id', '=', id)
      .where('period', '=', period)
      .executeTakeFirst();
    const at = nowIso(ctx);
    const row = {
      completed: value,
      note: b.note?.trim() || null,
      reported_by: actor.userId,
      reported_at: at,
      // The first report decides 按时; a correction before the deadline keeps it.
      on_time: before?.on_time ?? (late ? 0 : 1),
    };
    if (before)
      await trx
        .updateTable('project_investment')
        .set(row)
        .where('task_id', '=', id)
        .where('period', '=', period)
        .execute();
    else
      await trx
        .insertInto('project_investment')
        .values({ task_id: id, period, planned: null, ...row })
        .execute();
    await audit(ctx, trx, actor, {
      action: 'project.investment.report',
      entity: 'task',
      entityId: id,
      before: before ? { period, completed: before.completed, note: before.note } : null,
      after: { period, completed: value, note: row.note, late },
    });
    await refreshIndicators(trx, t, year, today);
  });
  return { ok: true };
}
