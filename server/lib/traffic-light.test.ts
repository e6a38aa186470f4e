import { describe, expect, it } from 'vitest';
import { computeLight, DEFAULT_THRESHOLDS, validateThresholds, worse, type LightInput } from './traffic-light.ts';
import { emptyCalendar, makeCalendar } from './workdays.ts';

const cal = emptyCalendar();
// Issued Monday 2026-11-02, due Friday 2026-11-27 (19 working days later).
const base: LightInput = {
  status: 'doing',
  issuedDate: '2026-11-02',
  acceptedDate: '2026-11-02',
  dueDate: '2026-11-27',
  progress: 0,
  lastReportDate: '2026-11-02',
  reportCycle: 'none',
};
const L = (p: Partial<LightInput>, today: string, c = cal, th = DEFAULT_THRESHOLDS) =>
  computeLight({ ...base, ...p }, today, c, th);

describe('deadline proximity and overdue', () => {
  it('green early on', () => {
    expect(L({}, '2026-11-03')).toEqual({ light: 'green', overdue: false, overdueWorkdays: 0, reasons: [] });
  });
  it('yellow when 3 or fewer working days remain', () => {
    expect(L({ progress: 90 }, '2026-11-23').light).toBe('green'); // 4 left
    const r = L({ progress: 90 }, '2026-11-24');
    expect(r.light).toBe('yellow');
    expect(r.reasons).toContain('距完成时限仅剩 3 个工作日');
    expect(L({ progress: 95 }, '2026-11-27').reasons).toContain('今天到期');
  });
  it('weekends do not count as remaining time', () => {
    // Friday 11-20 → due Friday 11-27 is 5 working days; Saturday 11-21 still 5.
    expect(L({ progress: 90 }, '2026-11-21').light).toBe('green');
  });
  it('red the day after the deadline, counted in working days', () => {
    const r = L({ progress: 90 }, '2026-11-28'); // Saturday
    expect(r).toMatchObject({ light: 'red', overdue: true, overdueWorkdays: 1 });
    expect(L({ progress: 90 }, '2026-12-01')).toMatchObject({ overdueWorkdays: 2 });
    expect(r.reasons[0]).toBe('已逾期 1 个工作日');
  });
  it('a finished task is never red', () => {
    expect(L({ status: 'done', progress: 100 }, '2027-03-01')).toMatchObject({ light: 'green', overdue: false });
  });
  it('a request to close stops the clock until the supervisor decides', () => {
    expect(L({ status: 'requested', progress: 100 }, '2026-12-10')).toMatchObject({
      light: 'green',
      overdue: false,
      reasons: ['已申请办结,待审核'],
    });
  });
  it('a task without a deadline (长期) is never overdue', () => {
    expect(L({ dueDate: null }, '2030-01-01').overdue).toBe(false);
  });
  it('a holiday before the deadline shortens the remaining time', () => {
    const withHoliday = makeCalendar([{ holidays: ['2026-11-23', '2026-11-24'], workdays: [] }]);
    expect(L({ progress: 90 }, '2026-11-20').light).toBe('green');
    expect(L({ progress: 90 }, '2026-11-20', withHoliday).light).toBe('yellow'); // only 3 working days left
  });
});

describe('elapsed time against reported progress', () => {
  it('yellow when progress lags time by more than 20 points', () => {
    // 11-13: 9 of 19 working days = 47%.
    expect(L({ progress: 30 }, '2026-11-13').light).toBe('green');
    const r = L({ progress: 20 }, '2026-11-13');
    expect(r.light).toBe('yellow');
    expect(r.reasons[0]).toContain('进度滞后');
  });
  it('red when it lags by more than 50 points', () => {
    // 11-20: 14/19 = 74%.
    const r = L({ progress: 20 }, '2026-11-20');
    expect(r.light).toBe('red');
    expect(r.reasons[0]).toContain('进度严重滞后');
  });
  it('thresholds come from settings', () => {
    const strict = { ...DEFAULT_THRESHOLDS, lagYellowPercent: 5 };
    expect(L({ progress: 35 }, '2026-11-13').light).toBe('green');
    expect(L({ progress: 35 }, '2026-11-13', cal, strict).light).toBe('yellow');
  });
});

describe('late acceptance (签收超时)', () => {
  const pending = { status: 'pending' as const, acceptedDate: null, lastReportDate: null, progress: 0 };
  it('green within two working days, red after', () => {
    expect(L(pending, '2026-11-04').light).toBe('green');
    const r = L(pending, '2026-11-05');
    expect(r.light).toBe('red');
    expect(r.reasons[0]).toBe('签收超时(下发已 3 个工作日,时限 2 个工作日)');
  });
  it('a weekend does not eat into the acceptance time', () => {
    const fri = { ...pending, issuedDate: '2026-11-06' };
    expect(L(fri, '2026-11-09').light).toBe('green'); // Mon = 1 working day
    expect(L(fri, '2026-11-10').light).toBe('green');
    expect(L(fri, '2026-11-11').light).toBe('red');
  });
  it('accepted tasks are not judged on acceptance', () => {
    expect(L({ status: 'doing' }, '2026-11-05').light).toBe('green');
  });
});

describe('late reporting (反馈超时)', () => {
  const weekly = { reportCycle: 'weekly' as const, dueDate: null };
  it('weekly: yellow one working day after the week, red after five more', () => {
    expect(L(weekly, '2026-11-09').light).toBe('green'); // 5 working days since 11-02
    const y = L(weekly, '2026-11-10');
    expect(y.light).toBe('yellow');
    expect(y.reasons).toEqual(['进展反馈逾期 1 个工作日']);
    expect(L(weekly, '2026-11-16').light).toBe('yellow'); // late 5
    const r = L(weekly, '2026-11-17');
    expect(r.light).toBe('red');
    expect(r.reasons[0]).toContain('反馈超时');
  });
  it('a new report resets the period', () => {
    expect(L({ ...weekly, lastReportDate: '2026-11-09' }, '2026-11-13').light).toBe('green');
  });
  it('monthly cycle tolerates a month', () => {
    expect(L({ reportCycle: 'monthly', dueDate: null }, '2026-11-30').light).toBe('green');
    expect(L({ reportCycle: 'monthly', dueDate: null }, '2026-12-03').light).toBe('yellow');
  });
  it('no cycle, no reporting rule', () => {
    expect(L({ reportCycle: 'none', dueDate: null }, '2027-06-01').light).toBe('green');
  });
});

describe('combination and helpers', () => {
  it('worst light wins and all reasons are listed, red first', () => {
    const r = L({ reportCycle: 'weekly', progress: 10, lastReportDate: '2026-11-02' }, '2026-11-25');
    expect(r.light).toBe('red');
    expect(r.reasons.length).toBeGreaterThanOrEqual(3);
    expect(r.reasons[r.reasons.length - 1]).toMatch(/仅剩|逾期/);
  });
  it('worse()', () => {
    expect(worse('green', 'yellow')).toBe('yellow');
    expect(worse('red', 'yellow')).toBe('red');
    expect(worse('green', 'green')).toBe('green');
  });
  it('validateThresholds', () => {
    expect(validateThresholds(DEFAULT_THRESHOLDS)).toEqual([]);
    expect(validateThresholds({ ...DEFAULT_THRESHOLDS, acceptWorkdays: -1 })).toEqual([
      '签收时限必须是 0–365 之间的整数',
    ]);
    expect(validateThresholds({ ...DEFAULT_THRESHOLDS, lagRedPercent: 10 })).toEqual([
      '进度滞后红灯阈值不能小于黄灯阈值',
    ]);
  });
});
