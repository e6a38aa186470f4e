/**
 * Roll-up up the org tree and the lights, cached in `indicator_rollup` (one row per indicator,
 * org and month, for the 填报单位 and every ancestor). Recomputed for an indicator's year whenever
 * its figures, approvals, targets or the light settings change; derived indicators (ratios, growth
 * rates) follow the indicators they are computed from. Reads and writes only this module's tables
 * and, for computed sources, the figure registry.
 */
import type { IndicatorSettings } from '../../../common/contracts/indicators.ts';
import type { Executor } from '../../db/connect.ts';
import type { IndicatorTable } from '../../db/schema/indicators.ts';
import { figureByKey } from '../figures.ts';
import { judge, withHistory, worse, type Light } from './lights.ts';
import { lineable, lineSeries } from './rollup-line.ts';
import { settings } from './registry.service.ts';

export type Ind = Omit<IndicatorTable, 'id'> & { id: number };
/**
 * org → period → figures. `acc` are the raw sums behind a plain sum/average (Σ month figures,
 * Σ 累计, number of reporters), stored on the roll-up row so that a parent is the sum of its
 * children's rows plus its own figures (see rollup-line.ts).
 */
export type Acc = { v: number; c: number; n: number };
export type Cell = { value: number | null; cum: number | null; acc?: Acc };
export type Series = Map<number, Map<string, Cell>>;

/** Statuses whose figures count in the roll-up (a returned or unsent grid does not). */
export const COUNTED = ['已报送', '已通过'];

const pad = (m: number) => String(m).padStart(2, '0');
export const periodsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
/** Whether an indicator of this frequency is due in the month. */
export const dueIn = (frequency: string, period: string) => {
  const m = Number(period.slice(5, 7));
  return frequency === '月' || (frequency === '季' && m % 3 === 0) || (frequency === '年' && m === 12);
};
export const ids = (path: string) => path.split('/').filter(Boolean).map(Number);
const lastDay = (period: string) => {
  const [y, m] = period.split('-').map(Number);
  return `${period}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};
export const r2 = (x: number) => Math.round(x * 100) / 100;

export function put(s: Series, org: number, period: string, c: Cell) {
  let m = s.get(org);
  if (!m) s.set(org, (m = new Map()));
  m.set(period, c);
}

/** Leaf figures of a manual indicator (only grids that were sent or approved) rolled up the tree. */
async function manualSeries(db: Executor, ind: Ind, year: number, weights: Series | null): Promise<Series> {
  const rows = await db
    .selectFrom('indicator_value as v')
    .innerJoin('indicator_report as r', (j) => j.onRef('r.org_id', '=', 'v.org_id').onRef('r.period', '=', 'v.period'))
    .innerJoin('org_unit as o', 'o.id', 'v.org_id')
    .where('v.indicator_id', '=', ind.id)
    .where('v.period', '>=', `${year}-01`)
    .where('v.period', '<=', `${year}-12`)
    .where('r.status', 'in', COUNTED)
    .select(['v.org_id', 'v.period', 'v.value', 'o.path'])
    .execute();
  const cumulative = ind.aggregation === '求和';
  // Per reporter: its month figures, then cumulative (sums) or the level at the month.
  const leaf = new Map<number, { path: string; months: Map<string, number> }>();
  for (const r of rows) {
    if (r.value === null) continue;
    let l = leaf.get(r.org_id);
    if (!l) leaf.set(r.org_id, (l = { path: r.path, months: new Map() }));
    l.months.set(r.period, Number(r.value));
  }
  type Acc = { v: number; vn: number; vw: number; c: number; cn: number; cw: number };
  const acc = new Map<number, Map<string, Acc>>();
  for (const [orgId, l] of leaf) {
    let running = 0;
    for (const p of periodsOf(year)) {
      if (!dueIn(ind.frequency, p)) continue;
      const v = l.months.get(p);
      if (v !== undefined) running += v;
      // A month the unit did not report has no 累计 either (the county sums the units that did).
      if (v === undefined) continue;
      const cum = cumulative ? running : v;
      const w = weights ? (weights.get(orgId)?.get(p)?.value ?? 0) : 1;
      for (const a of ids(l.path)) {
        let m = acc.get(a);
        if (!m) acc.set(a, (m = new Map()));
        const x = m.get(p) ?? { v: 0, vn: 0, vw: 0, c: 0, cn: 0, cw: 0 };
        x.v += v * w;
        x.vn++;
        x.vw += w;
        x.c += cum * w;
        x.cn++;
        x.cw += w;
        m.set(p, x);
      }
    }
  }
  const out: Series = new Map();
  for (const [org, m] of acc)
    for (const [p, x] of m) {
      // Rounded to 2 decimals: sums of decimals must not show as 50530.49999999999.
      const f = (s: number, n: number, w: number) => {
        if (n === 0) return null;
        if (ind.aggregation === '求和') return r2(s);
        if (weights) return w === 0 ? null : r2(s / w);
        return r2(s / n);
      };
      put(out, org, p, {
        value: f(x.v, x.vn, x.vw),
        cum: f(x.c, x.cn, x.cw),
        acc: weights ? undefined : { v: x.v, c: x.c, n: x.vn },
      });
    }
  return out;
}

/** A computed source: the figure provider answers per org over its whole subtree. */
async function figureSeries(db: Executor, ind: Ind, year: number, orgIds: number[], today: string): Promise<Series> {
  const f = ind.figure_key ? figureByKey(ind.figure_key) : undefined;
  const out: Series = new Map();
  if (!f || !orgIds.length) return out;
  for (const p of periodsOf(year)) {
    if (!dueIn(ind.frequency, p) || `${p}-01` > today) continue;
    const month = await f.compute(db, { orgIds, from: `${p}-01`, to: lastDay(p) });
    const ytd = await f.compute(db, { orgIds, from: `${year}-01-01`, to: lastDay(p) });
    for (const id of orgIds) put(out, id, p, { value: month.get(id)?.value ?? null, cum: ytd.get(id)?.value ?? null });
  }
  return out;
}

/** Orgs that report the indicator (or its parts), with all their ancestors. */
async function rollupOrgs(db: Executor, indicatorIds: number[], year: number): Promise<number[]> {
  const rep = await db
    .selectFrom('indicator_reporter as r')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .where('r.indicator_id', 'in', indicatorIds)
    .select('o.path')
    .execute();
  const tgt = await db
    .selectFrom('indicator_target as t')
    .innerJoin('org_unit as o', 'o.id', 't.org_id')
    .where('t.indicator_id', 'in', indicatorIds)
    .where('t.year', '=', year)
    .select('o.path')
    .execute();
  return [...new Set([...rep, ...tgt].flatMap((r) => ids(r.path)))];
}

export async function load(db: Executor, id: number) {
  return db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A ratio in percent per org and month; a zero or missing denominator gives null (shown —). */
export function ratioOf(ns: Series, ds: Series): Series {
  const out: Series = new Map();
  const div = (a: number | null | undefined, b: number | null | undefined) =>
    a == null || b == null || b === 0 ? null : r2((a / b) * 100);
  for (const [org, m] of ns)
    for (const [p, c] of m) {
      const dc = ds.get(org)?.get(p);
      put(out, org, p, { value: div(c.value, dc?.value), cum: div(c.cum, dc?.cum) });
    }
  return out;
}

/** Growth vs the same month of the year before, in percent. */
export function growthOf(cur: Series, last: Series, year: number): Series {
  const out: Series = new Map();
  const growth = (a: number | null | undefined, b: number | null | undefined) =>
    a == null || b == null || b === 0 ? null : r2((a / b - 1) * 100);
  for (const [org, m] of cur)
    for (const [p, c] of m) {
      const lc = last.get(org)?.get(`${year - 1}${p.slice(4)}`);
      put(out, org, p, { value: growth(c.value, lc?.value), cum: growth(c.cum, lc?.cum) });
    }
  return out;
}

/** The figures of an indicator for a year, rolled up (before targets and lights). */
export async function series(db: Executor, ind: Ind, year: number, today: string): Promise<Series> {
  if (ind.aggregation === '比率') {
    const [n, d] = await Promise.all([load(db, ind.numerator_id!), load(db, ind.denominator_id!)]);
    return ratioOf(await series(db, n, year, today), await series(db, d, year, today));
  }
  if (ind.aggregation === '同比增速') {
    const base = await load(db, ind.base_id!);
    return growthOf(await series(db, base, year, today), await series(db, base, year - 1, today), year);
  }
  if (ind.source === '系统数据') return figureSeries(db, ind, year, await rollupOrgs(db, [ind.id], year), today);
  const weights =
    ind.aggregation === '加权平均' && ind.weight_id
      ? await series(db, await load(db, ind.weight_id), year, today)
      : null;
  return manualSeries(db, ind, year, weights);
}

const kindOf = (ind: Ind) =>
  ind.aggregation === '求和' ? 'cumulative' : ind.aggregation === '同比增速' ? 'growth' : 'level';

/**
 * Recomputes one indicator's year into `indicator_rollup`, keeping each month's worst light.
 * `only`: the orgs whose rows can have changed (a unit's submit changes that unit and its
 * ancestors) — every one of their ancestors must be in it too. Then only those rows are read and
 * rewritten (rollup-line.ts: each from its children's stored rows plus its own figures, deepest
 * first), instead of every figure of the county; `full` forces the whole read (bench: before/after).
 */
export async function recompute(
  db: Executor,
  indicatorId: number,
  year: number,
  today: string,
  s?: IndicatorSettings,
  only?: number[],
  full = false,
) {
  const conf = s ?? (await settings(db));
  const ind = await load(db, indicatorId);
  const data =
    (only && !full && lineable(ind) ? await lineSeries(db, ind, year, only) : null) ??
    (await series(db, ind, year, today));
  let tq = db
    .selectFrom('indicator_target')
    .select(['org_id', 'annual', 'months_json'])
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year);
  if (only) tq = tq.where('org_id', 'in', only.length ? only : [0]);
  const targets = await tq.execute();
  const tmap = new Map(
    targets.map((t) => [
      t.org_id,
      { annual: Number(t.annual), months: t.months_json ? (JSON.parse(t.months_json) as number[]) : null },
    ]),
  );
  let oq = db
    .selectFrom('indicator_rollup')
    .select(['org_id', 'period', 'worst_light'])
    .where('indicator_id', '=', indicatorId)
    .where('period', '>=', `${year}-01`)
    .where('period', '<=', `${year}-12`);
  if (only) oq = oq.where('org_id', 'in', only.length ? only : [0]);
  const old = await oq.execute();
  const worstBefore = new Map(old.map((o) => [`${o.org_id}|${o.period}`, o.worst_light as Light | null]));
  const kind = kindOf(ind);
  const keep = only ? new Set(only) : null;
  const orgs = [...new Set<number>([...data.keys(), ...tmap.keys()])].filter((o) => !keep || keep.has(o));
  const rows = [];
  for (const org of orgs) {
    const t = tmap.get(org) ?? null;
    let prev: Light | null = null;
    for (const p of periodsOf(year)) {
      if (!dueIn(ind.frequency, p)) continue;
      const c = data.get(org)?.get(p);
      if (!c && !t) continue;
      // Without figures, only past months get a row (an unreported month stays visible as —).
      if (!c && p >= today.slice(0, 7)) continue;
      const m = Number(p.slice(5, 7));
      const paceTarget = !t ? null : kind === 'cumulative' ? (t.months?.[m - 1] ?? r2((t.annual * m) / 12)) : t.annual;
      const j = judge(kind, c?.cum ?? null, t?.annual ?? null, paceTarget, !!ind.higher_is_better, conf);
      const was = worstBefore.get(`${org}|${p}`) ?? null;
      const light = withHistory(j.light, was, prev);
      rows.push({
        indicator_id: indicatorId,
        org_id: org,
        period: p,
        value: c?.value ?? null,
        cum_value: c?.cum ?? null,
        target: t?.annual ?? null,
        pace_target: paceTarget,
        completion: j.completion,
        pace: j.pace,
        light,
        worst_light: worse(was, light),
        acc_v: c?.acc?.v ?? null,
        acc_c: c?.acc?.c ?? null,
        acc_n: c?.acc?.n ?? null,
      });
      prev = light;
    }
  }
  let del = db
    .deleteFrom('indicator_rollup')
    .where('indicator_id', '=', indicatorId)
    .where('period', '>=', `${year}-01`)
    .where('period', '<=', `${year}-12`);
  if (only) del = del.where('org_id', 'in', only.length ? only : [0]);
  await del.execute();
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('indicator_rollup')
      .values(rows.slice(i, i + 400))
      .execute();
  return rows.length;
}

/** Recomputes the indicators and everything derived from them (ratios, growth rates); `only` as in recompute. */
export async function recomputeWithDependents(
  db: Executor,
  indicatorIds: number[],
  year: number,
  today: string,
  only?: number[],
  full = false,
) {
  const conf = await settings(db);
  const done = new Set<number>();
  // Ratios and growth rates after the indicators they read (the line path reads their fresh rows).
  const kinds = await db
    .selectFrom('indicator')
    .select(['id', 'aggregation'])
    .where('id', 'in', indicatorIds.length ? indicatorIds : [0])
    .execute();
  const derived = new Set(
    kinds.filter((k) => k.aggregation === '比率' || k.aggregation === '同比增速').map((k) => k.id),
  );
  let queue = [...new Set(indicatorIds)].sort((a, b) => Number(derived.has(a)) - Number(derived.has(b)));
  while (queue.length) {
    for (const id of queue) {
      await recompute(db, id, year, today, conf, only, full);
      done.add(id);
    }
    const deps = await db
      .selectFrom('indicator')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('numerator_id', 'in', queue),
          eb('denominator_id', 'in', queue),
          eb('base_id', 'in', queue),
          eb('weight_id', 'in', queue),
        ]),
      )
      .execute();
    queue = deps.map((d) => d.id).filter((id) => !done.has(id));
  }
}

/** Every indicator of a year (after a settings change, and by the bench). */
export async function recomputeAll(db: Executor, year: number, today: string) {
  const all = await db.selectFrom('indicator').select(['id', 'aggregation']).orderBy('id').execute();
  const conf = await settings(db);
  // Plain indicators first, derived ones after the indicators they read.
  const order = [
    ...all.filter((i) => i.aggregation !== '比率' && i.aggregation !== '同比增速'),
    ...all.filter((i) => i.aggregation === '比率' || i.aggregation === '同比增速'),
  ];
  let n = 0;
  for (const i of order) n += await recompute(db, i.id, year, today, conf);
  return n;
}
