/**
 * The indicator registry: one number, one source. An indicator is either reported by hand by its
 * 填报单位, or computed from Luoshi's own records through the figure registry
 * (server/modules/figures.ts), or derived from other indicators (a ratio of two, a growth rate of
 * one). Registering a number another indicator already provides is refused with a pointer to it.
 */
import type {
  FigureOption,
  IndicatorDetail,
  IndicatorInput,
  IndicatorList,
  IndicatorSettings,
} from '../../../common/contracts/indicators.ts';
import type { INDICATOR_AGGREGATIONS, INDICATOR_FREQUENCIES, INDICATOR_SOURCES } from '../../../common/enums.ts';
import { audit, nowIso, type Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { IndicatorTable } from '../../db/schema/indicators.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { isInPath, orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { FIGURES, figureByKey } from '../figures.ts';
import { DEFAULT_SETTINGS } from './lights.ts';

type Row = Omit<IndicatorTable, 'id'> & { id: number };
const SETTINGS_KEY = 'indicators.settings';

export const isDerived = (i: Pick<Row, 'aggregation'>) => i.aggregation === '比率' || i.aggregation === '同比增速';
/** Indicators whose figures are typed into the grid. */
export const isManual = (i: Pick<Row, 'aggregation' | 'source'>) => i.source === '手工填报' && !isDerived(i);

/** An indicator is visible when it was issued from the caller's line (owner in scope or above it)
 *  or one of its 填报单位 lies in the caller's subtree. */
export async function visibleIds(db: Executor, actor: Actor): Promise<Set<number>> {
  const rows = await db
    .selectFrom('indicator as i')
    .innerJoin('org_unit as o', 'o.id', 'i.owner_org_id')
    .select(['i.id', 'o.path'])
    .execute();
  const out = new Set<number>();
  for (const r of rows) if (isInPath(r.path, actor.scopePath) || isInPath(actor.scopePath, r.path)) out.add(r.id);
  // Only indicators not issued from the caller's line need the (large) reporter list.
  const rest = rows.filter((r) => !out.has(r.id)).map((r) => r.id);
  if (rest.length) {
    const reporters = await db
      .selectFrom('indicator_reporter as r')
      .innerJoin('org_unit as o', 'o.id', 'r.org_id')
      .where('r.indicator_id', 'in', rest)
      .where('o.path', '>=', actor.scopePath)
      .where('o.path', '<', pathUpper(actor.scopePath))
      .select('r.indicator_id')
      .distinct()
      .execute();
    for (const r of reporters) out.add(r.indicator_id);
  }
  // A ratio or growth rate is visible with the figures it is computed from.
  const derived = await db
    .selectFrom('indicator')
    .select(['id', 'numerator_id', 'denominator_id', 'base_id'])
    .where('aggregation', 'in', ['比率', '同比增速'])
    .execute();
  for (const d of derived)
    if ([d.numerator_id, d.denominator_id, d.base_id].some((x) => x !== null && out.has(x))) out.add(d.id);
  return out;
}

export async function getRow(db: Executor, actor: Actor, id: number): Promise<Row> {
  const row = await db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !(await visibleIds(db, actor)).has(id)) throw notFound('指标', 'INDICATOR_NOT_FOUND');
  return row;
}

export async function list(ctx: Ctx, actor: Actor, q: { q?: string }): Promise<IndicatorList> {
  const visible = await visibleIds(ctx.db, actor);
  if (!visible.size) return { items: [], total: 0 };
  let qb = ctx.db
    .selectFrom('indicator as i')
    .innerJoin('org_unit as o', 'o.id', 'i.owner_org_id')
    .where('i.id', 'in', [...visible])
    .select([
      'i.id',
      'i.name',
      'i.unit',
      'i.frequency',
      'i.aggregation',
      'i.source',
      'i.owner_org_id',
      'o.name as owner_name',
      'i.leader',
      'i.is_key',
    ])
    .orderBy('i.id');
  if (q.q) qb = qb.where('i.name', 'like', `%${q.q}%`);
  const rows = await qb.execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      unit: r.unit,
      frequency: r.frequency as (typeof INDICATOR_FREQUENCIES)[number],
      aggregation: r.aggregation as (typeof INDICATOR_AGGREGATIONS)[number],
      source: r.source as (typeof INDICATOR_SOURCES)[number],
      ownerOrgId: r.owner_org_id,
      ownerOrgName: r.owner_name,
      leader: r.leader,
      isKey: !!r.is_key,
    })),
    total: rows.length,
  };
}

export async function detail(ctx: Ctx, actor: Actor, id: number): Promise<IndicatorDetail> {
  const r = await getRow(ctx.db, actor, id);
  const owner = await ctx.db
    .selectFrom('org_unit')
    .select('name')
    .where('id', '=', r.owner_org_id)
    .executeTakeFirstOrThrow();
  const reporters = await ctx.db
    .selectFrom('indicator_reporter as r')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .where('r.indicator_id', '=', id)
    .where('o.path', '>=', actor.scopePath)
    .where('o.path', '<', pathUpper(actor.scopePath))
    .select(['o.id', 'o.name'])
    .orderBy('o.path')
    .execute();
  return {
    id: r.id,
    name: r.name,
    unit: r.unit,
    frequency: r.frequency as IndicatorDetail['frequency'],
    aggregation: r.aggregation as IndicatorDetail['aggregation'],
    source: r.source as IndicatorDetail['source'],
    ownerOrgId: r.owner_org_id,
    ownerOrgName: owner.name,
    leader: r.leader,
    isKey: !!r.is_key,
    definition: r.definition,
    figureKey: r.figure_key,
    figureLabel: r.figure_key ? (figureByKey(r.figure_key)?.label ?? null) : null,
    numeratorId: r.numerator_id,
    denominatorId: r.denominator_id,
    baseId: r.base_id,
    weightId: r.weight_id,
    warnThreshold: r.warn_threshold,
    excellentThreshold: r.excellent_threshold,
    higherIsBetter: !!r.higher_is_better,
    minValue: r.min_value,
    maxValue: r.max_value,
    jumpPercent: r.jump_percent,
    reporters: reporters.map((o) => ({ orgId: o.id, orgName: o.name })),
  };
}

/** The figures Luoshi computes, with the indicator that already uses each (one number, one source). */
export async function figures(ctx: Ctx, actor: Actor): Promise<{ items: FigureOption[] }> {
  const visible = await visibleIds(ctx.db, actor);
  const used = await ctx.db
    .selectFrom('indicator')
    .select(['id', 'name', 'figure_key'])
    .where('figure_key', 'is not', null)
    .execute();
  return {
    items: FIGURES.map((f) => {
      // An indicator outside the caller's line is not named here (the 409 on registering names it).
      const u = used.find((x) => x.figure_key === f.key && visible.has(x.id));
      return {
        key: f.key,
        label: f.label,
        unit: f.unit,
        module: f.module,
        description: f.description,
        usedBy: u ? { id: u.id, name: u.name } : null,
      };
    }),
  };
}

const duplicate = (other: { id: number; name: string }, what: string) =>
  conflict(
    'INDICATOR_DUPLICATE',
    `${what}已由指标「${other.name}」(编号 ${other.id})提供,一个数只登记一次,请直接使用该指标`,
    {
      indicatorId: other.id,
    },
  );

/** Checks the definition; returns the row to write. Throws before anything is written. */
async function validate(trx: Executor, actor: Actor, b: IndicatorInput, selfId: number | null) {
  await orgInScope(trx, actor, b.ownerOrgId);
  const others = await trx
    .selectFrom('indicator')
    .selectAll()
    .where('id', '!=', selfId ?? 0)
    .execute();
  const sameName = others.find((o) => o.name === b.name.trim());
  if (sameName) throw duplicate(sameName, `「${b.name}」`);
  const ref = (id: number | null | undefined, title: string) => {
    if (!id) throw badRequest('INDICATOR_INVALID', `汇总方式为「${b.aggregation}」时必须选择${title}`);
    if (id === selfId) throw badRequest('INDICATOR_INVALID', `${title}不能是指标本身`);
    const o = others.find((x) => x.id === id);
    if (!o) throw badRequest('INDICATOR_INVALID', `${title}(编号 ${id})不存在`);
    return o;
  };
  let figureKey: string | null = null;
  if (b.source === '系统数据') {
    if (isDerived(b)) throw badRequest('INDICATOR_INVALID', '比率、增速指标由其他指标计算,数据来源应为「手工填报」');
    const f = b.figureKey ? figureByKey(b.figureKey) : undefined;
    if (!f) throw badRequest('INDICATOR_INVALID', '数据来源为「系统数据」时必须选择一个系统数据项');
    const used = others.find((o) => o.figure_key === f.key);
    if (used) throw duplicate(used, `系统数据「${f.label}」`);
    figureKey = f.key;
  }
  let numeratorId = null,
    denominatorId = null,
    baseId = null,
    weightId = null;
  if (b.aggregation === '比率') {
    const n = ref(b.numeratorId, '分子指标');
    const d = ref(b.denominatorId, '分母指标');
    if (n.id === d.id) throw badRequest('INDICATOR_INVALID', '分子指标与分母指标不能相同');
    if (isDerived(n) || isDerived(d))
      throw badRequest('INDICATOR_INVALID', '比率的分子、分母须为直接填报或系统计算的指标');
    const same = others.find((o) => o.numerator_id === n.id && o.denominator_id === d.id);
    if (same) throw duplicate(same, `「${n.name}/${d.name}」`);
    numeratorId = n.id;
    denominatorId = d.id;
  }
  if (b.aggregation === '同比增速') {
    const base = ref(b.baseId, '增速基数指标');
    if (base.aggregation !== '求和') throw badRequest('INDICATOR_INVALID', '增速只能按「求和」类指标计算');
    const same = others.find((o) => o.aggregation === '同比增速' && o.base_id === base.id);
    if (same) throw duplicate(same, `「${base.name}」的同比增速`);
    baseId = base.id;
  }
  if (b.aggregation === '加权平均') weightId = ref(b.weightId, '权重指标').id;
  if (b.minValue != null && b.maxValue != null && b.minValue > b.maxValue)
    throw badRequest('INDICATOR_INVALID', '最小值不能大于最大值');
  const reporterIds = [...new Set(b.reporterOrgIds ?? [])];
  if (isManual({ aggregation: b.aggregation, source: b.source }) && !reporterIds.length)
    throw badRequest('INDICATOR_INVALID', '手工填报的指标至少要有一个填报单位');
  for (const id of reporterIds) await orgInScope(trx, actor, id);
  return {
    values: {
      name: b.name.trim(),
      definition: b.definition?.trim() || null,
      unit: b.unit.trim(),
      frequency: b.frequency,
      aggregation: b.aggregation,
      source: b.source,
      figure_key: figureKey,
      numerator_id: numeratorId,
      denominator_id: denominatorId,
      base_id: baseId,
      weight_id: weightId,
      owner_org_id: b.ownerOrgId,
      leader: b.leader?.trim() || null,
      warn_threshold: b.warnThreshold ?? null,
      excellent_threshold: b.excellentThreshold ?? null,
      higher_is_better: b.higherIsBetter === false ? 0 : 1,
      min_value: b.minValue ?? null,
      max_value: b.maxValue ?? null,
      jump_percent: b.jumpPercent ?? null,
      is_key: b.isKey ? 1 : 0,
    },
    reporterIds: isDerived(b) ? [] : reporterIds,
  };
}

export async function create(ctx: Ctx, actor: Actor, b: IndicatorInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const { values, reporterIds } = await validate(trx, actor, b, null);
    const at = nowIso(ctx);
    const { id } = await trx
      .insertInto('indicator')
      .values({ ...values, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (reporterIds.length)
      await trx
        .insertInto('indicator_reporter')
        .values(reporterIds.map((org_id) => ({ indicator_id: id, org_id })))
        .execute();
    await audit(ctx, trx, actor, {
      action: 'indicator.create',
      entity: 'indicator',
      entityId: id,
      after: { ...values, reporterIds },
    });
    return { id };
  });
}

/** Replaces the definition. Reporters outside the caller's scope are kept as they were. */
export async function update(ctx: Ctx, actor: Actor, id: number, b: IndicatorInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getRow(trx, actor, id);
    const { values, reporterIds } = await validate(trx, actor, b, id);
    const users = await trx
      .selectFrom('indicator')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('numerator_id', '=', id), eb('denominator_id', '=', id), eb('base_id', '=', id)]))
      .execute();
    if (users.length && (isDerived(b) || (before.aggregation === '求和' && b.aggregation !== '求和')))
      throw conflict('INDICATOR_IN_USE', `指标「${users[0].name}」由本指标计算,不能改变本指标的汇总方式`);
    await trx
      .updateTable('indicator')
      .set({ ...values, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    const keep = await trx
      .selectFrom('indicator_reporter as r')
      .innerJoin('org_unit as o', 'o.id', 'r.org_id')
      .where('r.indicator_id', '=', id)
      .select(['r.org_id', 'o.path'])
      .execute();
    const outside = keep.filter((k) => !isInPath(k.path, actor.scopePath)).map((k) => k.org_id);
    await trx.deleteFrom('indicator_reporter').where('indicator_id', '=', id).execute();
    const all = [...new Set([...outside, ...reporterIds])];
    if (all.length)
      await trx
        .insertInto('indicator_reporter')
        .values(all.map((org_id) => ({ indicator_id: id, org_id })))
        .execute();
    await audit(ctx, trx, actor, {
      action: 'indicator.update',
      entity: 'indicator',
      entityId: id,
      before,
      after: values,
    });
    return { ok: true };
  });
}

export async function settings(db: Executor): Promise<IndicatorSettings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return row ? { ...DEFAULT_SETTINGS, ...JSON.parse(row.value) } : DEFAULT_SETTINGS;
}

export async function saveSettings(ctx: Ctx, actor: Actor, s: IndicatorSettings) {
  if (actor.scopePath.split('/').length > 3)
    throw new AppError('FORBIDDEN', 403, '指标调度的截止日和亮灯规则由县级统一设置');
  if (!(s.yellowPoints <= s.redPoints)) throw badRequest('SETTINGS_INVALID', '红灯的滞后百分点应不小于黄灯的');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await settings(trx);
    await trx.deleteFrom('setting').where('key', '=', SETTINGS_KEY).execute();
    await trx
      .insertInto('setting')
      .values({ key: SETTINGS_KEY, value: JSON.stringify(s), updated_at: nowIso(ctx) })
      .execute();
    await audit(ctx, trx, actor, {
      action: 'indicator.settings',
      entity: 'setting',
      entityId: SETTINGS_KEY,
      before,
      after: s,
    });
  });
  return s;
}
