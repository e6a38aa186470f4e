/**
 * Who has reported: the expected grids of a month under an org, and the reporting and on-time
 * rates per unit and per level (DHIS2's REPORTING_RATE and REPORTING_RATE_ON_TIME).
 */
import type { Rates, ReportRow } from '../../../common/contracts/indicators.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { percent } from '../../lib/figures.ts';
import { orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { deadlineOf } from './grid.service.ts';
import { isManual, settings } from './registry.service.ts';
import { COUNTED, dueIn, periodsOf } from './rollup.ts';

/** (org, period) pairs that owe a grid: the org reports a manual indicator due that month. */
async function expected(db: Executor, path: string, periods: string[]) {
  const rows = await db
    .selectFrom('indicator_reporter as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .where('o.path', '>=', path)
    .where('o.path', '<', pathUpper(path))
    .select(['o.id', 'o.name', 'o.depth', 'o.path', 'i.frequency', 'i.aggregation', 'i.source'])
    .execute();
  const out = new Map<string, { orgId: number; orgName: string; depth: number; path: string; period: string }>();
  for (const r of rows) {
    if (!isManual(r)) continue;
    for (const p of periods)
      if (dueIn(r.frequency, p))
        out.set(`${r.id}|${p}`, { orgId: r.id, orgName: r.name, depth: r.depth, path: r.path, period: p });
  }
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path) || a.period.localeCompare(b.period));
}

async function reportsOf(db: Executor, orgIds: number[], periods: string[]) {
  if (!orgIds.length) return new Map<string, any>();
  const rows = await db
    .selectFrom('indicator_report')
    .selectAll()
    .where('org_id', 'in', orgIds)
    .where('period', 'in', periods)
    .execute();
  return new Map(rows.map((r) => [`${r.org_id}|${r.period}`, r]));
}

export async function list(
  ctx: Ctx,
  actor: Actor,
  q: { period: string; orgId?: number },
): Promise<{ items: ReportRow[] }> {
  const org = await orgInScope(ctx.db, actor, q.orgId ?? actor.scopeOrgId);
  const conf = await settings(ctx.db);
  const exp = await expected(ctx.db, org.path, [q.period]);
  const reps = await reportsOf(ctx.db, [...new Set(exp.map((e) => e.orgId))], [q.period]);
  return {
    items: exp.map((e) => {
      const r = reps.get(`${e.orgId}|${e.period}`);
      return {
        orgId: e.orgId,
        orgName: e.orgName,
        depth: e.depth,
        period: e.period,
        status: r?.status ?? '填报中',
        deadlineDate: r?.deadline_date ?? deadlineOf(e.period, conf.deadlineDay),
        submittedAt: r?.submitted_at ?? null,
        onTime: r?.on_time == null ? null : !!r.on_time,
        reason: r?.reason ?? null,
      };
    }),
  };
}

/** Rates over the months of a year whose deadline has passed (a grid not yet due is not missing). */
export async function rates(ctx: Ctx, actor: Actor, q: { year: number; orgId?: number }): Promise<Rates> {
  const org = await orgInScope(ctx.db, actor, q.orgId ?? actor.scopeOrgId);
  const conf = await settings(ctx.db);
  const today = localDate(ctx.clock.now());
  const periods = periodsOf(q.year).filter((p) => deadlineOf(p, conf.deadlineDay) < today);
  const exp = await expected(ctx.db, org.path, periods);
  const reps = await reportsOf(ctx.db, [...new Set(exp.map((e) => e.orgId))], periods);
  type Acc = { expected: number; actual: number; onTime: number };
  const units = new Map<number, Acc & { orgName: string; depth: number }>();
  const levels = new Map<number, Acc>();
  for (const e of exp) {
    const r = reps.get(`${e.orgId}|${e.period}`);
    const sent = !!r && (COUNTED.includes(r.status) || r.submitted_at !== null);
    const ontime = sent && r.on_time === 1;
    for (const acc of [
      units.get(e.orgId) ??
        units.set(e.orgId, { expected: 0, actual: 0, onTime: 0, orgName: e.orgName, depth: e.depth }).get(e.orgId)!,
      levels.get(e.depth) ?? levels.set(e.depth, { expected: 0, actual: 0, onTime: 0 }).get(e.depth)!,
    ]) {
      acc.expected++;
      if (sent) acc.actual++;
      if (ontime) acc.onTime++;
    }
  }
  const rate = (a: Acc) => ({
    reportingRate: percent(a.actual, a.expected),
    onTimeRate: percent(a.onTime, a.expected),
  });
  return {
    units: [...units].map(([orgId, a]) => ({
      orgId,
      orgName: a.orgName,
      depth: a.depth,
      expected: a.expected,
      actual: a.actual,
      onTime: a.onTime,
      ...rate(a),
    })),
    levels: [...levels].sort((a, b) => a[0] - b[0]).map(([depth, a]) => ({ depth, ...a, ...rate(a) })),
  };
}
