/**
 * Targets and the read side of the roll-up: values with lights, rankings with rank change, the
 * cockpit of a subtree, official statistics (imported read-only, never mixed into 调度数).
 */
import type { Cockpit, RankingRow, Target, TargetInput, ValueRow } from '../../../common/contracts/indicators.ts';
import { audit, nowIso, type Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest } from '../../lib/errors.ts';
import { orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { visibleTask } from '../tasks/tasks.policy.ts';
import { prevPeriod } from './grid.service.ts';
import { elapsedPercent } from './lights.ts';
import { getRow, visibleIds } from './registry.service.ts';
import { dueIn, recomputeWithDependents } from './rollup.ts';

type RollupRow = {
  org_id: number;
  period: string;
  value: number | null;
  cum_value: number | null;
  target: number | null;
  pace_target: number | null;
  completion: number | null;
  pace: string | null;
  light: string | null;
  worst_light: string | null;
};
const toValue = (r: RollupRow): ValueRow => ({
  orgId: r.org_id,
  period: r.period,
  value: r.value,
  cumValue: r.cum_value,
  target: r.target,
  paceTarget: r.pace_target,
  completion: r.completion,
  pace: r.pace as ValueRow['pace'],
  light: r.light as ValueRow['light'],
  worstLight: r.worst_light as ValueRow['worstLight'],
});

export async function targets(ctx: Ctx, actor: Actor, id: number, year: number): Promise<{ items: Target[] }> {
  await getRow(ctx.db, actor, id);
  const rows = await ctx.db
    .selectFrom('indicator_target as t')
    .innerJoin('org_unit as o', 'o.id', 't.org_id')
    .where('t.indicator_id', '=', id)
    .where('t.year', '=', year)
    .where('o.path', '>=', actor.scopePath)
    .where('o.path', '<', pathUpper(actor.scopePath))
    .leftJoin('task as k', 'k.id', 't.task_id')
    .select(['t.org_id', 'o.name', 't.year', 't.annual', 't.months_json', 't.source', 't.source_ref'])
    .select(['t.task_id', 't.task_target', 'k.text as task_text'])
    .orderBy('o.path')
    .execute();
  // The source task is named only to a reader who may open it.
  const seen = new Set<number>();
  for (const r of rows)
    if (
      r.task_id &&
      (await visibleTask(ctx.db, actor, r.task_id).then(
        () => true,
        () => false,
      ))
    )
      seen.add(r.task_id);
  return {
    items: rows.map((r) => ({
      orgId: r.org_id,
      orgName: r.name,
      year: r.year,
      annual: r.annual,
      months: r.months_json ? JSON.parse(r.months_json) : null,
      source: r.source as Target['source'],
      sourceRef: r.source_ref,
      task:
        r.task_id && seen.has(r.task_id)
          ? { id: r.task_id, text: r.task_text ?? '', targetText: r.task_target ?? '' }
          : null,
    })),
  };
}

/** Sets (replaces) one org's target for a year; a monthly split must not exceed the annual target's direction. */
export async function setTarget(ctx: Ctx, actor: Actor, id: number, b: TargetInput) {
  const ind = await getRow(ctx.db, actor, id);
  await orgInScope(ctx.db, actor, b.orgId);
  if (b.months) {
    for (let i = 1; i < 12; i++)
      if (ind.aggregation === '求和' && b.months[i] < b.months[i - 1])
        throw badRequest('TARGET_INVALID', `月度目标是累计数,${i + 1}月不能小于${i}月`);
    if (ind.aggregation === '求和' && Math.abs(b.months[11] - b.annual) > 1e-9)
      throw badRequest('TARGET_INVALID', '12月的累计目标应等于全年目标');
  }
  await ctx.db.transaction().execute((trx) => writeTarget(trx, ctx, actor, id, b));
  return { ok: true };
}

/**
 * Replaces one org's target inside the caller's transaction (audited, roll-up recomputed). `from`:
 * the task and target phrase it was taken from (「设为指标目标」 in the projects module).
 */
export async function writeTarget(
  trx: Executor,
  ctx: Ctx,
  actor: Actor,
  id: number,
  b: TargetInput,
  from?: { taskId: number; text: string },
) {
  const before = await trx
    .selectFrom('indicator_target')
    .selectAll()
    .where('indicator_id', '=', id)
    .where('org_id', '=', b.orgId)
    .where('year', '=', b.year)
    .executeTakeFirst();
  await trx
    .deleteFrom('indicator_target')
    .where('indicator_id', '=', id)
    .where('org_id', '=', b.orgId)
    .where('year', '=', b.year)
    .execute();
  await trx
    .insertInto('indicator_target')
    .values({
      indicator_id: id,
      org_id: b.orgId,
      year: b.year,
      annual: b.annual,
      months_json: b.months ? JSON.stringify(b.months) : null,
      source: b.source ?? '手工',
      source_ref: b.sourceRef ?? null,
      task_id: from?.taskId ?? null,
      task_target: from?.text ?? null,
      updated_at: nowIso(ctx),
    })
    .execute();
  await audit(ctx, trx, actor, {
    action: 'indicator.target',
    entity: 'indicator',
    entityId: id,
    before,
    after: from ? { ...b, taskId: from.taskId, taskTarget: from.text } : b,
  });
  await recomputeWithDependents(trx, [id], b.year, localDate(ctx.clock.now()), [b.orgId]);
}

export async function values(ctx: Ctx, actor: Actor, id: number, q: { year: number; orgId?: number }) {
  await getRow(ctx.db, actor, id);
  const org = await orgInScope(ctx.db, actor, q.orgId ?? actor.scopeOrgId);
  const rows = await ctx.db
    .selectFrom('indicator_rollup')
    .selectAll()
    .where('indicator_id', '=', id)
    .where('org_id', '=', org.id)
    .where('period', '>=', `${q.year}-01`)
    .where('period', '<=', `${q.year}-12`)
    .orderBy('period')
    .execute();
  return { items: rows.map(toValue) };
}

/** The units directly under an org, side by side for a month, ranked; rank change vs the previous due month. */
export async function ranking(ctx: Ctx, actor: Actor, id: number, q: { period: string; orgId?: number }) {
  const ind = await getRow(ctx.db, actor, id);
  const org = await orgInScope(ctx.db, actor, q.orgId ?? actor.scopeOrgId);
  let prev = prevPeriod(q.period);
  while (!dueIn(ind.frequency, prev)) prev = prevPeriod(prev);
  const rows = await ctx.db
    .selectFrom('indicator_rollup as r')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .where('r.indicator_id', '=', id)
    .where('o.parent_id', '=', org.id)
    .where('r.period', 'in', [q.period, prev])
    .select(['r.org_id', 'o.name', 'r.period', 'r.cum_value', 'r.completion', 'r.light', 'r.pace'])
    .execute();
  const better = !!ind.higher_is_better;
  const rank = (period: string) => {
    const rs = rows.filter((r) => r.period === period);
    // Completion when there is a target, else the figure itself.
    const key = (r: (typeof rs)[number]) => r.completion ?? r.cum_value;
    const ranked = rs.filter((r) => key(r) !== null).sort((a, b) => (better ? key(b)! - key(a)! : key(a)! - key(b)!));
    const out = new Map<number, number>();
    ranked.forEach((r, i) => {
      // Equal figures share a rank.
      out.set(r.org_id, i > 0 && key(ranked[i - 1]) === key(r) ? out.get(ranked[i - 1].org_id)! : i + 1);
    });
    return out;
  };
  const now = rank(q.period);
  const before = rank(prev);
  const items: RankingRow[] = rows
    .filter((r) => r.period === q.period)
    .map((r) => {
      const a = now.get(r.org_id) ?? null;
      const b = before.get(r.org_id) ?? null;
      return {
        orgId: r.org_id,
        orgName: r.name,
        cumValue: r.cum_value,
        completion: r.completion,
        light: r.light as RankingRow['light'],
        pace: r.pace as RankingRow['pace'],
        rank: a,
        prevRank: b,
        rankChange: a !== null && b !== null ? b - a : null,
      };
    })
    .sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9));
  return { items };
}

/** Every visible indicator at one org and month, with the lights of the units below it. */
export async function cockpit(ctx: Ctx, actor: Actor, q: { period: string; orgId?: number }): Promise<Cockpit> {
  const org = await orgInScope(ctx.db, actor, q.orgId ?? actor.scopeOrgId);
  const visible = [...(await visibleIds(ctx.db, actor))];
  if (!visible.length)
    return { orgId: org.id, orgName: org.name, period: q.period, elapsed: elapsedPercent(q.period), items: [] };
  const inds = await ctx.db.selectFrom('indicator').selectAll().where('id', 'in', visible).orderBy('id').execute();
  const own = await ctx.db
    .selectFrom('indicator_rollup')
    .selectAll()
    .where('org_id', '=', org.id)
    .where('period', '=', q.period)
    .execute();
  const below = await ctx.db
    .selectFrom('indicator_rollup as r')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .where('o.parent_id', '=', org.id)
    .where('r.period', '=', q.period)
    .select(['r.indicator_id', 'r.light', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['r.indicator_id', 'r.light'])
    .execute();
  const items = inds
    .map((i) => {
      const r = own.find((x) => x.indicator_id === i.id);
      if (!r) return null;
      const growthOf = inds.find((g) => g.aggregation === '同比增速' && g.base_id === i.id);
      const g = growthOf ? own.find((x) => x.indicator_id === growthOf.id) : undefined;
      const lights = { green: 0, yellow: 0, red: 0 };
      for (const b of below.filter((x) => x.indicator_id === i.id))
        if (b.light === 'green' || b.light === 'yellow' || b.light === 'red') lights[b.light] += Number(b.n);
      return {
        indicatorId: i.id,
        name: i.name,
        unit: i.unit,
        aggregation: i.aggregation as Cockpit['items'][number]['aggregation'],
        value: r.value,
        cumValue: r.cum_value,
        target: r.target,
        completion: r.completion,
        growth: g?.cum_value ?? null,
        pace: r.pace as Cockpit['items'][number]['pace'],
        light: r.light as Cockpit['items'][number]['light'],
        lights,
      };
    })
    .filter((x) => x !== null);
  return { orgId: org.id, orgName: org.name, period: q.period, elapsed: elapsedPercent(q.period), items };
}

/** Official statistics: replaced per (indicator, org, month) by a new import, never edited by hand. */
export async function importOfficial(
  ctx: Ctx,
  actor: Actor,
  id: number,
  b: { rows: { orgId: number; period: string; value: number }[]; batch: string },
) {
  await getRow(ctx.db, actor, id);
  for (const r of b.rows) await orgInScope(ctx.db, actor, r.orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const at = nowIso(ctx);
    for (const r of b.rows) {
      await trx
        .deleteFrom('indicator_official')
        .where('indicator_id', '=', id)
        .where('org_id', '=', r.orgId)
        .where('period', '=', r.period)
        .execute();
      await trx
        .insertInto('indicator_official')
        .values({
          indicator_id: id,
          org_id: r.orgId,
          period: r.period,
          value: r.value,
          batch: b.batch.trim(),
          imported_at: at,
        })
        .execute();
    }
    await audit(ctx, trx, actor, {
      action: 'indicator.official.import',
      entity: 'indicator',
      entityId: id,
      after: { batch: b.batch, rows: b.rows.length },
    });
  });
  return { imported: b.rows.length };
}

export async function official(ctx: Ctx, actor: Actor, id: number, year: number) {
  await getRow(ctx.db, actor, id);
  const rows = await ctx.db
    .selectFrom('indicator_official as f')
    .innerJoin('org_unit as o', 'o.id', 'f.org_id')
    .where('f.indicator_id', '=', id)
    .where('f.period', '>=', `${year}-01`)
    .where('f.period', '<=', `${year}-12`)
    .where('o.path', '>=', actor.scopePath)
    .where('o.path', '<', pathUpper(actor.scopePath))
    .select(['f.org_id', 'f.period', 'f.value', 'f.batch', 'f.imported_at'])
    .orderBy('f.period')
    .execute();
  return {
    items: rows.map((r) => ({
      orgId: r.org_id,
      period: r.period,
      value: r.value,
      batch: r.batch,
      importedAt: r.imported_at,
    })),
  };
}
