/**
 * Traffic light of a task (pure, no DB, no clock: `today` is passed in).
 * green = on track; yellow = deadline near, progress lagging, or report late;
 * red = overdue (逾期), not accepted in time (签收超时), far behind, or a report long overdue (反馈超时).
 * Everything is counted in working days on the configurable calendar. Overdue is derived here from
 * the deadline and today, never stored by hand.
 */
import { workdaysBetween, type WorkCalendar } from './workdays.ts';

import type { Light, ReportCycle, TaskStatus } from '../../common/enums.ts';

export type { Light, ReportCycle, TaskStatus };

export interface LightThresholds {
  /** Working days after dispatch within which a unit must accept (签收时限). */
  acceptWorkdays: number;
  /** Yellow when this many working days or fewer remain before the deadline. */
  dueSoonWorkdays: number;
  /** Yellow when time elapsed (%) exceeds reported progress (%) by more than this. */
  lagYellowPercent: number;
  /** Red when the lag exceeds this. */
  lagRedPercent: number;
  /** Working days of a reporting period. */
  weeklyCycleWorkdays: number;
  monthlyCycleWorkdays: number;
  /** A report late by more than this many working days turns red (late at all: yellow). */
  reportRedWorkdays: number;
}

export const DEFAULT_THRESHOLDS: LightThresholds = {
  acceptWorkdays: 2,
  dueSoonWorkdays: 3,
  lagYellowPercent: 20,
  lagRedPercent: 50,
  weeklyCycleWorkdays: 5,
  monthlyCycleWorkdays: 22,
  reportRedWorkdays: 5,
};

export interface LightInput {
  status: TaskStatus;
  /** Local date the task was dispatched (下发). */
  issuedDate: string;
  acceptedDate: string | null;
  /** Deadline (inclusive); null for 长期/持续 tasks. */
  dueDate: string | null;
  /** Latest reported progress, 0–100. */
  progress: number;
  lastReportDate: string | null;
  reportCycle: ReportCycle;
}

export interface LightResult {
  light: Light;
  overdue: boolean;
  /** Working days past the deadline (0 when not overdue). */
  overdueWorkdays: number;
  /** Chinese reasons, worst first. Empty for a plain green. */
  reasons: string[];
}

const RANK: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

export function computeLight(
  t: LightInput,
  today: string,
  cal: WorkCalendar,
  th: LightThresholds = DEFAULT_THRESHOLDS,
): LightResult {
  const red: string[] = [];
  const yellow: string[] = [];
  if (t.status === 'done') return { light: 'green', overdue: false, overdueWorkdays: 0, reasons: [] };

  // Overdue: past the deadline and not finished. A request to close (申请办结) stops the clock only
  // when it was made in time — the supervisor still has to confirm, so it is not overdue meanwhile.
  let overdueWorkdays = 0;
  if (t.dueDate && today > t.dueDate && t.status !== 'requested') {
    overdueWorkdays = Math.max(1, workdaysBetween(t.dueDate, today, cal));
    red.push(`已逾期 ${overdueWorkdays} 个工作日`);
  }
  if (t.status === 'requested') {
    return { light: 'green', overdue: false, overdueWorkdays: 0, reasons: ['已申请办结,待审核'] };
  }

  if (t.status === 'pending') {
    const waited = workdaysBetween(t.issuedDate, today, cal);
    if (waited > th.acceptWorkdays) red.push(`签收超时(下发已 ${waited} 个工作日,时限 ${th.acceptWorkdays} 个工作日)`);
  }

  if (t.dueDate && !overdueWorkdays && t.progress < 100) {
    const left = workdaysBetween(today, t.dueDate, cal);
    if (left <= th.dueSoonWorkdays) yellow.push(left <= 0 ? '今天到期' : `距完成时限仅剩 ${left} 个工作日`);
    const total = workdaysBetween(t.issuedDate, t.dueDate, cal);
    const elapsed = workdaysBetween(t.issuedDate, today, cal);
    if (total > 0 && elapsed > 0) {
      const lag = Math.round((elapsed / total) * 100) - t.progress;
      if (lag > th.lagRedPercent)
        red.push(`进度严重滞后(时间过半 ${Math.round((elapsed / total) * 100)}%,进度 ${t.progress}%)`);
      else if (lag > th.lagYellowPercent)
        yellow.push(`进度滞后(时间已过 ${Math.round((elapsed / total) * 100)}%,进度 ${t.progress}%)`);
    }
  }

  if (t.status === 'doing' && t.reportCycle !== 'none') {
    const cycle = t.reportCycle === 'weekly' ? th.weeklyCycleWorkdays : th.monthlyCycleWorkdays;
    const since = t.lastReportDate ?? t.acceptedDate ?? t.issuedDate;
    const late = workdaysBetween(since, today, cal) - cycle;
    if (late > th.reportRedWorkdays) red.push(`反馈超时(应报未报已 ${late} 个工作日)`);
    else if (late > 0) yellow.push(`进展反馈逾期 ${late} 个工作日`);
  }

  const light: Light = red.length ? 'red' : yellow.length ? 'yellow' : 'green';
  return { light, overdue: overdueWorkdays > 0, overdueWorkdays, reasons: [...red, ...yellow] };
}

/** The worse of two lights (used for roll-ups and sorting). */
export const worse = (a: Light, b: Light): Light => (RANK[a] >= RANK[b] ? a : b);

/** Checks admin-edited thresholds; returns Chinese error messages. */
export function validateThresholds(th: LightThresholds): string[] {
  const errors: string[] = [];
  const names: Record<keyof LightThresholds, string> = {
    acceptWorkdays: '签收时限',
    dueSoonWorkdays: '临期预警',
    lagYellowPercent: '进度滞后黄灯',
    lagRedPercent: '进度滞后红灯',
    weeklyCycleWorkdays: '每周报送周期',
    monthlyCycleWorkdays: '每月报送周期',
    reportRedWorkdays: '反馈超时红灯',
  };
  for (const k of Object.keys(names) as (keyof LightThresholds)[]) {
    const v = th[k];
    if (!Number.isInteger(v) || v < 0 || v > 365) errors.push(`${names[k]}必须是 0–365 之间的整数`);
  }
  if (!errors.length && th.lagRedPercent < th.lagYellowPercent) errors.push('进度滞后红灯阈值不能小于黄灯阈值');
  return errors;
}
