import type { FigureProvider, FigureValue } from '../../lib/figures.ts';

const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * How much of a target is reached, 0–100: a figure at or beyond its target counts 100 (an
 * overshoot on one indicator must not hide a miss on another); a lower-is-better figure the other
 * way round.
 */
export function achievement(cum: number, target: number, higherIsBetter: boolean): number {
  if (higherIsBetter) return target <= 0 ? (cum >= target ? 100 : 0) : Math.min(100, Math.max(0, (cum / target) * 100));
  return cum <= target ? 100 : cum <= 0 ? 0 : Math.min(100, Math.max(0, (target / cum) * 100));
}

/**
 * 指标目标完成率: over the indicators with a target for the org in the year, each one's latest
 * roll-up in the period (累计 or level vs the annual target) as an achievement 0–100, averaged.
 * Read from the org's own roll-up rows (its subtree's figures, already rolled up).
 */
export const indicatorCompletion: FigureProvider = {
  key: 'indicators.completion',
  label: '指标目标完成率',
  unit: '%',
  module: '指标调度',
  description: '本单位有年度目标的各项指标,期内最近一个月的累计数(或水平值)达到全年目标的程度(超过按 100% 计)的平均值',
  higherIsBetter: true,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    if (!q.orgIds.length) return out;
    const rows = await db
      .selectFrom('indicator_rollup as u')
      .innerJoin('indicator as i', 'i.id', 'u.indicator_id')
      .select(['u.org_id', 'u.indicator_id', 'u.period', 'u.cum_value', 'u.target', 'i.name', 'i.higher_is_better'])
      .where('u.org_id', 'in', q.orgIds)
      .where('u.period', '>=', q.from.slice(0, 7))
      .where('u.period', '<=', q.to.slice(0, 7))
      .where('u.target', 'is not', null)
      .where('u.cum_value', 'is not', null)
      .orderBy('u.period')
      .execute();
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) latest.set(`${r.org_id}|${r.indicator_id}`, r);
    for (const orgId of q.orgIds) {
      const mine = [...latest.values()].filter((r) => r.org_id === orgId);
      if (!mine.length) {
        out.set(orgId, { value: null, detail: '期内没有设定目标并已报送的指标' });
        continue;
      }
      const each = mine.map((r) => ({
        name: r.name,
        a: achievement(Number(r.cum_value), Number(r.target), !!r.higher_is_better),
      }));
      const short = each.filter((e) => e.a < 100);
      out.set(orgId, {
        value: r1(each.reduce((s, e) => s + e.a, 0) / each.length),
        numerator: each.length - short.length,
        denominator: each.length,
        detail: `${each.length} 项指标,${each.length - short.length} 项达到全年目标${
          short.length ? `;未达到:${short.map((e) => `${e.name}(${r1(e.a)}%)`).join('、')}` : ''
        }`,
        link: `/indicators/cockpit?orgId=${orgId}`,
      });
    }
    return out;
  },
};
