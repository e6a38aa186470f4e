/**
 * Monthly statistics and rankings per window, unit or township; the configurable 办事最难窗口 list;
 * the trend. Counted: ratings not marked 待核 (suspect) and not excluded by an upheld appeal.
 * 好评 = 非常满意/满意/基本满意; 差评 = 不满意/非常不满意 ("后两个等级为差评").
 */
import type { Stats, StatsRow, Trend } from '../../../common/contracts/windows-supervision.ts';
import type { WindowSettings } from '../../../common/contracts/windows.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { percent } from '../../lib/figures.ts';
import type { Actor } from '../../lib/scope.ts';
import { pathInSubtree } from '../../lib/scope.ts';
import { loadSettings, monthOf, monthRange, prevMonth, scopePathFor, today } from './common.ts';

type Acc = Omit<
  StatsRow,
  'key' | 'name' | 'orgName' | 'rank' | 'goodRate' | 'rectifyRate' | 'callbackRate' | 'avgResponseHours' | 'unratedRate'
> & {
  responseHours: number[];
  ticketsUsed: number;
};
const zero = (): Acc => ({
  ratings: 0,
  good: 0,
  badCount: 0,
  rectified: 0,
  withPhone: 0,
  calledBack: 0,
  ticketsIssued: 0,
  ticketsUsed: 0,
  verified: 0,
  suspect: 0,
  excluded: 0,
  responseHours: [],
});
function add(a: Acc, b: Acc) {
  for (const k of Object.keys(a) as (keyof Acc)[]) {
    if (k === 'responseHours') a.responseHours.push(...b.responseHours);
    else a[k] += b[k];
  }
}
function finish(a: Acc, key: number, name: string, orgName: string): StatsRow {
  const { responseHours, ticketsUsed, ...rest } = a;
  const avg = responseHours.length ? responseHours.reduce((s, x) => s + x, 0) / responseHours.length : null;
  return {
    key,
    name,
    orgName,
    rank: null,
    ...rest,
    goodRate: percent(a.good, a.ratings),
    rectifyRate: percent(a.rectified, a.badCount),
    callbackRate: percent(a.calledBack, a.withPhone),
    avgResponseHours: avg === null ? null : Math.round(avg * 10) / 10,
    unratedRate: percent(a.ticketsIssued - ticketsUsed, a.ticketsIssued),
  };
}

export interface WindowInfo {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
  orgPath: string;
}

/** Per-window accumulators for a month over the windows of a subtree: five grouped queries. */
export async function windowMonth(db: Executor, path: string, month: string) {
  const { from, to } = monthRange(month);
  const windows: WindowInfo[] = (
    await db
      .selectFrom('service_window as w')
      .innerJoin('org_unit as o', 'o.id', 'w.org_id')
      .select(['w.id', 'w.name', 'w.org_id', 'o.name as org_name', 'o.path'])
      .where(pathInSubtree('o.path', path))
      .execute()
  ).map((w) => ({ id: w.id, name: w.name, orgId: w.org_id, orgName: w.org_name, orgPath: w.path }));
  const acc = new Map<number, Acc>(windows.map((w) => [w.id, zero()]));
  const inScope = (eb: any) =>
    eb.exists(
      eb
        .selectFrom('service_window as w')
        .innerJoin('org_unit as o', 'o.id', 'w.org_id')
        .select('w.id')
        .whereRef('w.id', '=', 'r.window_id')
        .where(pathInSubtree('o.path', path)),
    );
  // One pass over the month's index range; the window filter is applied per group below (a
  // subtree's windows are a known set), so the GROUP BY is an index-only scan.
  const levels = await db
    .selectFrom('rating as r')
    .select(['r.window_id', 'r.level', 'r.verified', 'r.suspect', 'r.excluded', (eb) => eb.fn.countAll().as('n')])
    .where('r.rated_date', '>=', from)
    .where('r.rated_date', '<=', to)
    .groupBy(['r.window_id', 'r.level', 'r.verified', 'r.suspect', 'r.excluded'])
    .execute();
  for (const r of levels) {
    const a = acc.get(r.window_id);
    if (!a) continue;
    const n = Number(r.n);
    if (r.suspect) a.suspect += n;
    else if (r.excluded) a.excluded += n;
    else {
      a.ratings += n;
      if (r.level >= 3) a.good += n;
      else a.badCount += n;
      if (r.verified) a.verified += n;
    }
  }
  const cases = await db
    .selectFrom('rating_case as c')
    .innerJoin('rating as r', 'r.id', 'c.rating_id')
    .select([
      'r.window_id',
      'c.status',
      'c.contact_phone',
      'c.phone_masked',
      'c.callback_done',
      'c.opened_at',
      'c.first_response_at',
    ])
    // Driven from the month's cases (opened the day of the rating), not from the month's ratings.
    .where('c.opened_date', '>=', from)
    .where('c.opened_date', '<=', to)
    .where('c.source', '=', '群众评价')
    .where('r.excluded', '=', 0)
    .where(inScope)
    .execute();
  for (const c of cases) {
    const a = acc.get(c.window_id);
    if (!a) continue;
    if (c.status === '已办结') a.rectified++;
    if (c.phone_masked) {
      a.withPhone++;
      if (c.callback_done) a.calledBack++;
    }
    if (c.first_response_at)
      a.responseHours.push((Date.parse(c.first_response_at) - Date.parse(c.opened_at)) / 3_600_000);
  }
  const tickets = await db
    .selectFrom('rating_ticket as r')
    .select(['r.window_id', (eb) => eb.fn.countAll().as('issued'), (eb) => eb.fn.count('r.used_at').as('used')])
    .where('r.issued_date', '>=', from)
    .where('r.issued_date', '<=', to)
    .where(inScope)
    .groupBy('r.window_id')
    .execute();
  for (const t of tickets) {
    const a = acc.get(t.window_id);
    if (!a) continue;
    a.ticketsIssued += Number(t.issued);
    a.ticketsUsed += Number(t.used);
  }
  return { windows, acc };
}

function rank(rows: StatsRow[], minRatings: number) {
  const ranked = rows
    .filter((r) => r.ratings > 0 && r.ratings >= minRatings)
    .sort((a, b) => (b.goodRate ?? 0) - (a.goodRate ?? 0) || a.badCount - b.badCount || b.ratings - a.ratings);
  ranked.forEach((r, i) => {
    r.rank = i + 1;
  });
  return [...ranked, ...rows.filter((r) => r.rank === null).sort((a, b) => b.ratings - a.ratings)];
}

export function ruleText(h: WindowSettings['hardest']) {
  return h.metric === 'satisfaction'
    ? `当月有效评价不少于 ${h.minRatings} 条的窗口中,好评率最低的 ${h.count} 个`
    : `当月未办结差评最多的 ${h.count} 个窗口(至少 1 条未办结,有效评价不少于 ${h.minRatings} 条)`;
}

/** The 办事最难窗口 of a month by the configured rule, worst first. */
export function hardest(rows: StatsRow[], h: WindowSettings['hardest']) {
  const eligible = rows.filter((r) => r.ratings >= Math.max(1, h.minRatings));
  const list =
    h.metric === 'satisfaction'
      ? eligible.sort((a, b) => (a.goodRate ?? 100) - (b.goodRate ?? 100) || b.badCount - a.badCount)
      : eligible
          .filter((r) => r.badCount - r.rectified > 0)
          .sort(
            (a, b) =>
              b.badCount - b.rectified - (a.badCount - a.rectified) || (a.goodRate ?? 100) - (b.goodRate ?? 100),
          );
  return list.slice(0, h.count).map((r) => ({
    windowId: r.key,
    name: r.name,
    orgName: r.orgName,
    why:
      h.metric === 'satisfaction'
        ? `好评率 ${r.goodRate}%(${r.ratings} 条评价,差评 ${r.badCount} 条)`
        : `未办结差评 ${r.badCount - r.rectified} 条(差评 ${r.badCount} 条)`,
  }));
}

/** The statistics of one month over a subtree (`path`), grouped by window, unit or township. */
export async function computeStats(db: Executor, path: string, month: string, groupBy: 'window' | 'unit' | 'township') {
  const settings = await loadSettings(db);
  const { windows, acc } = await windowMonth(db, path, month);
  const windowRows = windows.map((w) => finish(acc.get(w.id)!, w.id, w.name, w.orgName));
  const hard = hardest([...windowRows], settings.hardest);
  let rows = windowRows;
  if (groupBy !== 'window') {
    const groups = new Map<number, Acc>();
    const ids = new Set<number>();
    for (const w of windows) {
      // township = the node right below the county root (depth 1); the county's own centre is itself.
      const seg = w.orgPath.split('/').filter(Boolean).map(Number);
      const key = groupBy === 'unit' ? w.orgId : (seg[1] ?? seg[0]);
      ids.add(key);
      if (!groups.has(key)) groups.set(key, zero());
      add(groups.get(key)!, acc.get(w.id)!);
    }
    const names = ids.size
      ? new Map(
          (
            await db
              .selectFrom('org_unit')
              .select(['id', 'name'])
              .where('id', 'in', [...ids])
              .execute()
          ).map((o) => [o.id, o.name]),
        )
      : new Map<number, string>();
    rows = [...groups].map(([k, a]) => finish(a, k, names.get(k) ?? '', names.get(k) ?? ''));
  }
  const all = zero();
  for (const a of acc.values()) add(all, a);
  return {
    month,
    groupBy,
    rows: rank(rows, groupBy === 'window' ? settings.hardest.minRatings : 0),
    total: finish(all, 0, '合计', ''),
    hardest: hard,
    rule: ruleText(settings.hardest),
  } satisfies Stats;
}

export async function stats(
  ctx: Ctx,
  actor: Actor,
  q: { month: string; groupBy?: 'window' | 'unit' | 'township'; orgId?: number },
) {
  const path = await scopePathFor(ctx.db, actor, q.orgId);
  return computeStats(ctx.db, path, q.month, q.groupBy ?? 'window');
}

export async function trend(
  ctx: Ctx,
  actor: Actor,
  q: { months?: number; orgId?: number; windowId?: number },
): Promise<Trend> {
  const path = await scopePathFor(ctx.db, actor, q.orgId);
  const current = monthOf(today(ctx));
  const points: Trend['points'] = [];
  for (let i = (q.months ?? 12) - 1; i >= 0; i--) {
    const month = prevMonth(current, i);
    const { acc } = await windowMonth(ctx.db, path, month);
    const a = zero();
    for (const [id, x] of acc) if (!q.windowId || id === q.windowId) add(a, x);
    const r = finish(a, 0, '', '');
    points.push({
      month,
      ratings: r.ratings,
      goodRate: r.goodRate,
      badCount: r.badCount,
      rectifyRate: r.rectifyRate,
      callbackRate: r.callbackRate,
    });
  }
  return { points };
}
