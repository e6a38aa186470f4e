/**
 * 序时进度 lights (pure: numbers in, light out). A cumulative figure is compared with the share of
 * the annual target due by the period (序时目标: the month's cumulative target when the target is
 * split by month, else annual × months elapsed / 12); a level (rate) with the annual target itself;
 * a growth rate with the target rate, in percentage points. Thresholds follow work-rules.md §5.3
 * (银川: 低于序时 10–30 个百分点 yellow, > 30 red) and are configurable.
 */
import type { IndicatorSettings } from '../../../common/contracts/indicators.ts';
import type { INDICATOR_LIGHTS, INDICATOR_PACES } from '../../../common/enums.ts';

export type Light = (typeof INDICATOR_LIGHTS)[number];
export type Pace = (typeof INDICATOR_PACES)[number];

export const DEFAULT_SETTINGS: IndicatorSettings = { deadlineDay: 10, aheadPoints: 5, yellowPoints: 10, redPoints: 30 };

export interface Judged {
  /** Percent of the (pace) target reached, or the growth rate itself for growth indicators. */
  completion: number | null;
  pace: Pace | null;
  light: Light | null;
}

const SEVERITY: Record<Light, number> = { green: 0, yellow: 1, red: 2 };
export const worse = (a: Light | null, b: Light | null): Light | null =>
  !a ? b : !b ? a : SEVERITY[a] >= SEVERITY[b] ? a : b;

/** Points above (+) or below (−) 序时 → pace and light. */
export function byPoints(diff: number, s: IndicatorSettings): { pace: Pace; light: Light } {
  if (diff >= s.aheadPoints) return { pace: '提前', light: 'green' };
  if (diff >= -s.yellowPoints) return { pace: '按序时', light: 'green' };
  if (diff >= -s.redPoints) return { pace: '滞后', light: 'yellow' };
  return { pace: '滞后', light: 'red' };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Judges one figure. `kind`: 'cumulative' (sums: compare with 序时目标), 'level' (rates and
 * averages: compare with the annual target), 'growth' (a growth rate against a target rate).
 */
export function judge(
  kind: 'cumulative' | 'level' | 'growth',
  value: number | null,
  annual: number | null,
  paceTarget: number | null,
  higherIsBetter: boolean,
  s: IndicatorSettings,
): Judged {
  if (value === null || annual === null) return { completion: null, pace: null, light: null };
  if (kind === 'growth') {
    // Relative to the target rate: 9% growth against a 12% target is 25 points behind.
    const gap = ((value - annual) / Math.max(Math.abs(annual), 1)) * 100;
    return { completion: round1(value), ...byPoints(higherIsBetter ? gap : -gap, s) };
  }
  const due = kind === 'cumulative' ? paceTarget : annual;
  if (due === null || due === 0 || annual === 0) return { completion: null, pace: null, light: null };
  const completion = round1((value / annual) * 100);
  // Points relative to what is due: reaching 90% of 序时目标 = 10 points behind.
  const ratio = higherIsBetter ? value / due : due / Math.max(value, Number.EPSILON);
  return { completion, ...byPoints((ratio - 1) * 100, s) };
}

/**
 * History: a period that was red and has recovered shows yellow (瓯海 三色预警: red turns yellow
 * once the gap is made up, the red stays on record); so does the month after a red one.
 */
export function withHistory(computed: Light | null, worstSoFar: Light | null, previous: Light | null): Light | null {
  if (computed === 'green' && (worstSoFar === 'red' || previous === 'red')) return 'yellow';
  return computed;
}

/** 序时进度 of a month in % of the year. */
export const elapsedPercent = (period: string) => round1((Number(period.slice(5, 7)) / 12) * 100);
