/**
 * Periods of the 组织生活 rules (pure): month `2026-03`, quarter `2026-Q1`, half year `2026-H1`,
 * year `2026`. Dates are local `YYYY-MM-DD` strings; comparisons are plain string comparisons.
 */
import type { RuleFrequency } from '../../../common/enums.ts';

export interface Period {
  key: string;
  start: string;
  end: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const QN = ['一', '二', '三', '四'];

function span(y: number, m1: number, m2: number) {
  return { start: `${y}-${pad(m1)}-01`, end: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}` };
}

/** Every period of a year for a frequency, in order. */
export function periodsOfYear(year: number, f: RuleFrequency): Period[] {
  switch (f) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({
        key: `${year}-${pad(i + 1)}`,
        label: `${year}年${i + 1}月`,
        ...span(year, i + 1, i + 1),
      }));
    case 'quarter':
      return [0, 1, 2, 3].map((q) => ({
        key: `${year}-Q${q + 1}`,
        label: `${year}年第${QN[q]}季度`,
        ...span(year, q * 3 + 1, q * 3 + 3),
      }));
    case 'half':
      return [0, 1].map((h) => ({
        key: `${year}-H${h + 1}`,
        label: `${year}年${h ? '下' : '上'}半年`,
        ...span(year, h * 6 + 1, h * 6 + 6),
      }));
    case 'year':
      return [{ key: `${year}`, label: `${year}年`, ...span(year, 1, 12) }];
  }
}

/** The period of a frequency containing a date. */
export function periodOf(date: string, f: RuleFrequency): Period {
  const y = Number(date.slice(0, 4));
  return periodsOfYear(y, f).find((p) => p.start <= date && date <= p.end)!;
}

/** A period key's label (2026-Q2 → 2026年第二季度). */
export function periodLabel(key: string): string {
  const y = Number(key.slice(0, 4));
  const f: RuleFrequency = key.includes('Q')
    ? 'quarter'
    : key.includes('H')
      ? 'half'
      : key.length === 7
        ? 'month'
        : 'year';
  return periodsOfYear(y, f).find((p) => p.key === key)?.label ?? key;
}

export const dayNumber = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
export const daysBetween = (a: string, b: string) => dayNumber(b) - dayNumber(a);
export const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** `YYYY-MM` shifted by n months. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  return `${yy}-${pad((((m % 12) + 12) % 12) + 1)}`;
}

/**
 * How many meetings a period requires of an org that existed only from `since` (pro rata): the
 * rule's count scaled by the share of the period the org existed, rounded to the nearest whole
 * meeting (a branch set up in the last third of a quarter owes no 党员大会 that quarter).
 */
export function proRata(atLeast: number, p: Period, since: string | null): number {
  if (!since || since <= p.start) return atLeast;
  if (since > p.end) return 0;
  const total = daysBetween(p.start, p.end) + 1;
  const alive = daysBetween(since, p.end) + 1;
  return Math.round((atLeast * alive) / total);
}

/** A local date as the offices write it: 2026年03月05日. */
export const cnDate = (d: string) => `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日`;
