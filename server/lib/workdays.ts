/**
 * Working-day calendar (pure, no DB). Local dates are `YYYY-MM-DD` strings (Asia/Shanghai).
 * Weekends are off unless listed as 调休 working days; listed holidays are off even on weekdays.
 * The lists are stored per year in the settings table (`calendar.<year>`) and edited by the admin.
 */
export interface WorkCalendar {
  /** Days off that would otherwise be working days (法定节假日). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休上班). */
  workdays: ReadonlySet<string>;
}

export interface YearCalendar {
  year: number;
  holidays: string[];
  workdays: string[];
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const emptyCalendar = (): WorkCalendar => ({ holidays: new Set(), workdays: new Set() });

/** Merges per-year lists into one calendar. */
export function makeCalendar(years: readonly Pick<YearCalendar, 'holidays' | 'workdays'>[]): WorkCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const y of years) {
    for (const d of y.holidays) holidays.add(d);
    for (const d of y.workdays) workdays.add(d);
  }
  return { holidays, workdays };
}

/** Whether a string is a real calendar date in YYYY-MM-DD form (2026-02-30 is not). */
export function isValidDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const toUtc = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;

export const addDays = (s: string, n: number) => fromUtc(toUtc(s) + n * DAY);
/** Calendar days from a to b (negative when b is before a). */
export const daysBetween = (a: string, b: string) => Math.round((toUtc(b) - toUtc(a)) / DAY);
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (s: string) => new Date(toUtc(s)).getUTCDay();

export function isWorkday(s: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(s)) return true;
  if (cal.holidays.has(s)) return false;
  const w = weekday(s);
  return w !== 0 && w !== 6;
}

/**
 * Working days in the half-open interval (a, b]: how many working days have passed from a to b.
 * Negative when b is before a (then it counts (b, a] with a minus sign), 0 when equal.
 */
export function workdaysBetween(a: string, b: string, cal: WorkCalendar): number {
  if (a === b) return 0;
  if (b < a) return -workdaysBetween(b, a, cal);
  const span = daysBetween(a, b);
  // Whole weeks contribute 5 each, corrected by the listed exceptions inside the interval.
  const weeks = Math.floor(span / 7);
  let n = weeks * 5;
  let d = addDays(a, weeks * 7);
  while (d < b) {
    d = addDays(d, 1);
    const w = weekday(d);
    if (w !== 0 && w !== 6) n++;
  }
  for (const h of cal.holidays) {
    if (h > a && h <= b && !cal.workdays.has(h)) {
      const w = weekday(h);
      if (w !== 0 && w !== 6) n--;
    }
  }
  for (const x of cal.workdays) {
    if (x > a && x <= b) {
      const w = weekday(x);
      if (w === 0 || w === 6) n++;
    }
  }
  return n;
}

/** The working day n working days after s (n ≥ 0; n = 0 gives s itself, even when s is a day off). */
export function addWorkdays(s: string, n: number, cal: WorkCalendar): string {
  if (n < 0) throw new RangeError('n must be ≥ 0');
  let d = s;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkday(d, cal)) left--;
  }
  return d;
}

/** Parses and checks an admin-edited year list; returns Chinese error messages (empty = valid). */
export function validateYear(y: YearCalendar): string[] {
  const errors: string[] = [];
  const check = (list: string[], label: string) => {
    for (const d of list) {
      if (!isValidDate(d)) errors.push(`${label}「${d}」不是有效日期(格式 YYYY-MM-DD)`);
      else if (Number(d.slice(0, 4)) !== y.year) errors.push(`${label}「${d}」不属于 ${y.year} 年`);
    }
  };
  check(y.holidays, '节假日');
  check(y.workdays, '调休上班日');
  for (const d of y.workdays) {
    if (isValidDate(d)) {
      const w = weekday(d);
      if (w !== 0 && w !== 6) errors.push(`调休上班日「${d}」不是周末(工作日本来就上班)`);
    }
  }
  const both = y.holidays.filter((d) => y.workdays.includes(d));
  for (const d of both) errors.push(`「${d}」不能同时是节假日和调休上班日`);
  return errors;
}
