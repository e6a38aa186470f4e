import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkdays,
  daysBetween,
  emptyCalendar,
  isValidDate,
  isWorkday,
  makeCalendar,
  validateYear,
  weekday,
  workdaysBetween,
  type WorkCalendar,
} from './workdays.ts';

// 2026-10-01 is a Thursday. The 国庆 example: 10-01…10-07 off, Sunday 09-20 and Saturday 10-10 worked (调休).
const national = makeCalendar([
  {
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    workdays: ['2026-09-20', '2026-10-10'],
  },
]);
const none = emptyCalendar();

function naive(a: string, b: string, cal: WorkCalendar): number {
  if (b < a) return -naive(b, a, cal);
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkday(d, cal)) n++;
  return n;
}

describe('dates', () => {
  it('weekday and day arithmetic', () => {
    expect(weekday('2026-10-01')).toBe(4);
    expect(weekday('2026-11-29')).toBe(0);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });
  it('validates real dates', () => {
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-1-01')).toBe(false);
    expect(isValidDate('明天')).toBe(false);
  });
});

describe('isWorkday', () => {
  it('weekends are off by default', () => {
    expect(isWorkday('2026-11-27', none)).toBe(true); // Friday
    expect(isWorkday('2026-11-28', none)).toBe(false); // Saturday
    expect(isWorkday('2026-11-29', none)).toBe(false); // Sunday
    expect(isWorkday('2026-11-30', none)).toBe(true); // Monday
  });
  it('holidays are off, 调休 weekends are worked', () => {
    expect(isWorkday('2026-10-01', national)).toBe(false);
    expect(isWorkday('2026-10-08', national)).toBe(true);
    expect(isWorkday('2026-09-20', national)).toBe(true); // Sunday worked
    expect(isWorkday('2026-10-10', national)).toBe(true); // Saturday worked
    expect(isWorkday('2026-10-11', national)).toBe(false);
  });
});

describe('workdaysBetween counts (a, b]', () => {
  it('within a plain week', () => {
    expect(workdaysBetween('2026-11-23', '2026-11-23', none)).toBe(0);
    expect(workdaysBetween('2026-11-23', '2026-11-24', none)).toBe(1);
    expect(workdaysBetween('2026-11-23', '2026-11-27', none)).toBe(4);
    expect(workdaysBetween('2026-11-27', '2026-11-30', none)).toBe(1); // Fri → Mon skips the weekend
    expect(workdaysBetween('2026-11-28', '2026-11-29', none)).toBe(0);
  });
  it('is negative backwards', () => {
    expect(workdaysBetween('2026-11-30', '2026-11-27', none)).toBe(-1);
  });
  it('the National Day week with 调休', () => {
    // 09-30 (Wed) → 10-09 (Fri): 10-01..10-07 off except none; 10-08, 10-09 worked.
    expect(workdaysBetween('2026-09-30', '2026-10-09', national)).toBe(2);
    // 09-18 (Fri) → 09-21 (Mon): Sunday 09-20 is worked.
    expect(workdaysBetween('2026-09-18', '2026-09-21', national)).toBe(2);
    // 10-09 → 10-12 (Mon): Saturday 10-10 worked.
    expect(workdaysBetween('2026-10-09', '2026-10-12', national)).toBe(2);
  });
  it('agrees with day-by-day counting over many ranges and calendars', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const holidays: string[] = [];
      const workdays: string[] = [];
      for (let k = 0; k < rnd(12); k++) holidays.push(addDays('2026-01-01', rnd(400)));
      for (let k = 0; k < rnd(6); k++) workdays.push(addDays('2026-01-01', rnd(400)));
      const cal = makeCalendar([{ holidays, workdays }]);
      const a = addDays('2026-01-01', rnd(380));
      const b = addDays(a, rnd(120) - 20);
      expect(workdaysBetween(a, b, cal)).toBe(naive(a, b, cal));
    }
  });
});

describe('addWorkdays', () => {
  it('skips weekends and holidays', () => {
    expect(addWorkdays('2026-11-27', 1, none)).toBe('2026-11-30');
    expect(addWorkdays('2026-11-23', 0, none)).toBe('2026-11-23');
    expect(addWorkdays('2026-09-30', 1, national)).toBe('2026-10-08');
    expect(addWorkdays('2026-09-19', 1, national)).toBe('2026-09-20');
    expect(() => addWorkdays('2026-01-01', -1, none)).toThrow();
  });
  it('is the inverse of workdaysBetween', () => {
    for (let n = 0; n < 40; n++)
      expect(workdaysBetween('2026-09-15', addWorkdays('2026-09-15', n, national), national)).toBe(n);
  });
});

describe('validateYear', () => {
  it('accepts a good list', () => {
    expect(validateYear({ year: 2026, holidays: ['2026-10-01'], workdays: ['2026-10-10'] })).toEqual([]);
  });
  it('names every problem in Chinese', () => {
    const e = validateYear({
      year: 2026,
      holidays: ['2026-02-30', '2027-01-01', '2026-10-10'],
      workdays: ['2026-10-09', '2026-10-10'],
    });
    expect(e).toContain('节假日「2026-02-30」不是有效日期(格式 YYYY-MM-DD)');
    expect(e).toContain('节假日「2027-01-01」不属于 2026 年');
    expect(e).toContain('调休上班日「2026-10-09」不是周末(工作日本来就上班)');
    expect(e).toContain('「2026-10-10」不能同时是节假日和调休上班日');
  });
});
