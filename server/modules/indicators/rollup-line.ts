/**
 * Incremental roll-up: when one unit's figures change (its grid is submitted or returned), only
 * the unit and its ancestors can move. Each of those orgs is rebuilt from its own figures plus the
 * stored sums (`acc_*`) of its children's roll-up rows, deepest first, so the county reads its 30
 * towns' rows instead of 3,000 villages' figures. A ratio or growth rate reads the freshly written
 * rows of the indicators it is computed from (the same rounded values the full path divides).
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';
import {
  type Acc,
  COUNTED,
  type Cell,
  dueIn,
  growthOf,
  type Ind,
  periodsOf,
  put,
  r2,
  ratioOf,
  type Series,
} from './rollup.ts';

/** Indicators the line path can rebuild; weighted averages and computed sources read everything. */
export function lineable(ind: Ind) {
  if (ind.aggregation === '比率' || ind.aggregation === '同比增速') return true;
  return ind.source !== '系统数据' && (ind.aggregation === '求和' || ind.aggregation === '平均') && !ind.weight_id;
}

const yearRange = (year: number) => [`${year}-01`, `${year}-12`] as const;

/** The stored rows of an indicator for the given orgs (rows without any figure are left out). */
async function cached(db: Executor, indicatorId: number, year: number, orgs: number[]): Promise<Series> {
  const [from, to] = yearRange(year);
  const rows = await db
    .selectFrom('indicator_rollup')
    .select(['org_id', 'period', 'value', 'cum_value'])
    .where('indicator_id', '=', indicatorId)
    .where('period', '>=', from)
    .where('period', '<=', to)
    .where('org_id', 'in', orgs)
    .execute();
  const out: Series = new Map();
  for (const r of rows)
    if (r.value != null || r.cum_value != null)
      put(out, r.org_id, r.period, { value: num(r.value), cum: num(r.cum_value) });
  return out;
}
const num = (x: number | string | null) => (x == null ? null : Number(x));

/**
 * The figures of `orgs` (a unit and all its ancestors, or any set closed under "ancestor of") for
 * a year. Returns null when a child's stored row predates the sums (a database upgraded from the
 * first release): the caller then reads everything once, which writes the sums.
 */
export async function lineSeries(db: Executor, ind: Ind, year: number, orgs: number[]): Promise<Series | null> {
  if (!orgs.length) return new Map();
  if (ind.aggregation === '比率')
    return ratioOf(await cached(db, ind.numerator_id!, year, orgs), await cached(db, ind.denominator_id!, year, orgs));
  if (ind.aggregation === '同比增速')
    return growthOf(await cached(db, ind.base_id!, year, orgs), await cached(db, ind.base_id!, year - 1, orgs), year);

  const [from, to] = yearRange(year);
  const line = await db.selectFrom('org_unit').select(['id', 'path', 'parent_id']).where('id', 'in', orgs).execute();
  const inLine = new Set(line.map((o) => o.id));
  const own = await db
    .selectFrom('indicator_value as v')
    .innerJoin('indicator_report as r', (j) => j.onRef('r.org_id', '=', 'v.org_id').onRef('r.period', '=', 'v.period'))
    // `+ 0`: drive from the (org, period) index — a few orgs — not the indicator's whole year.
    .where(sql<number>`${sql.ref('v.indicator_id')} + 0`, '=', ind.id)
    .where('v.org_id', 'in', orgs)
    .where('v.period', '>=', from)
    .where('v.period', '<=', to)
    .where('r.status', 'in', COUNTED)
    .select(['v.org_id', 'v.period', 'v.value'])
    .execute();
  // Children off the line, found through the parent index, then their rows by (indicator, org).
  const children = await db.selectFrom('org_unit').select(['id', 'parent_id']).where('parent_id', 'in', orgs).execute();
  const parentOf = new Map(children.filter((k) => !inLine.has(k.id)).map((k) => [k.id, k.parent_id!]));
  const kids: {
    org_id: number;
    period: string;
    value: number | null;
    cum_value: number | null;
    acc_v: number | null;
    acc_c: number | null;
    acc_n: number | null;
  }[] = [];
  const childIds = [...parentOf.keys()];
  for (let i = 0; i < childIds.length; i += 500)
    kids.push(
      ...(await db
        .selectFrom('indicator_rollup')
        .select(['org_id', 'period', 'value', 'cum_value', 'acc_v', 'acc_c', 'acc_n'])
        .where('indicator_id', '=', ind.id)
        .where('org_id', 'in', childIds.slice(i, i + 500))
        .where('period', '>=', from)
        .where('period', '<=', to)
        .execute()),
    );

  const cumulative = ind.aggregation === '求和';
  const sums = new Map<number, Map<string, Acc>>();
  const add = (org: number, p: string, a: Acc) => {
    let m = sums.get(org);
    if (!m) sums.set(org, (m = new Map()));
    const x = m.get(p) ?? { v: 0, c: 0, n: 0 };
    m.set(p, { v: x.v + a.v, c: x.c + a.c, n: x.n + a.n });
  };
  // Children off the line: their stored sums.
  for (const k of kids) {
    const parent = parentOf.get(k.org_id)!;
    if (k.acc_n == null) {
      if (k.value != null || k.cum_value != null) return null;
      continue; // a row that only carries a target
    }
    add(parent, k.period, { v: Number(k.acc_v), c: Number(k.acc_c), n: Number(k.acc_n) });
  }
  // Each org's own figures (a unit reports its own month; 累计 runs over the months it reported).
  const months = new Map<number, Map<string, number>>();
  for (const r of own) {
    if (r.value == null) continue;
    let m = months.get(r.org_id);
    if (!m) months.set(r.org_id, (m = new Map()));
    m.set(r.period, Number(r.value));
  }
  for (const [org, m] of months) {
    let running = 0;
    for (const p of periodsOf(year)) {
      const v = m.get(p);
      if (!dueIn(ind.frequency, p) || v === undefined) continue;
      running += v;
      add(org, p, { v, c: cumulative ? running : v, n: 1 });
    }
  }
  // Deepest first: a line org's total is final before it is added to its parent.
  const out: Series = new Map();
  const depth = (path: string) => path.split('/').length;
  for (const o of [...line].sort((a, b) => depth(b.path) - depth(a.path))) {
    const m = sums.get(o.id);
    if (!m) continue;
    for (const [p, a] of m) {
      if (a.n === 0) continue;
      const cell: Cell = cumulative
        ? { value: r2(a.v), cum: r2(a.c), acc: a }
        : { value: r2(a.v / a.n), cum: r2(a.c / a.n), acc: a };
      put(out, o.id, p, cell);
      if (o.parent_id != null && inLine.has(o.parent_id)) add(o.parent_id, p, a);
    }
  }
  return out;
}

/** Test and bench helper: the stored roll-up of an indicator, for comparing two computations. */
export async function snapshot(db: Executor, indicatorIds: number[]) {
  const rows = await db
    .selectFrom('indicator_rollup')
    .select(['indicator_id', 'org_id', 'period', 'value', 'cum_value', 'completion', 'light', 'worst_light'])
    .where('indicator_id', 'in', indicatorIds)
    .orderBy('indicator_id')
    .orderBy('org_id')
    .orderBy('period')
    .execute();
  return rows.map((r) => ({ ...r, value: num(r.value), cum_value: num(r.cum_value), completion: num(r.completion) }));
}
