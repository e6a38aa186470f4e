/**
 * 公示: a result posted for objections before it is final — the 年度综合考核 and the 标准化 grades
 * today, any later posted result tomorrow. One window rule and one objection rule for all of them.
 */
import type { Ctx } from '../context.ts';
import type { Executor } from '../db/connect.ts';
import { loadRules } from '../modules/tasks/lights.ts';
import { localDate } from './clock.ts';
import { conflict } from './errors.ts';
import { addWorkdays, isWorkday, type WorkCalendar } from './workdays.ts';

/**
 * The window that starts on `start` (today or later) and lasts `days` working days: a start on a
 * rest day counts from the next working day, so a Friday posting of 5 days is not 3 days long.
 */
export function publicityWindow(start: string, today: string, days: number, cal: WorkCalendar) {
  if (start < today) throw conflict('PUBLICITY_START', '公示开始日期不能早于今天');
  const first = isWorkday(start, cal) ? start : addWorkdays(start, 1, cal);
  return { start, end: addWorkdays(first, days - 1, cal) };
}

/** The window of a posting started now: from `startDate` (today when not given), in the county's calendar. */
export async function postingWindow(ctx: Ctx, db: Executor, days: number, startDate?: string) {
  const today = localDate(ctx.clock.now());
  const { cal } = await loadRules(db);
  return publicityWindow(startDate ?? today, today, days, cal);
}

/** A posted result is published only after its window: its last day still takes objections. */
export function assertPublicityOver(endDate: string, today: string) {
  if (today <= endDate) throw conflict('PUBLICITY_OPEN', `公示期至 ${endDate} 结束,期满后才能发布`);
}

/** Objections are taken only while the posting runs, from its first day to its last inclusive. */
export function assertInPublicity(
  p: { status: string; publicity_start_date: string | null; publicity_end_date: string | null },
  today: string,
) {
  const { status, publicity_start_date: from, publicity_end_date: to } = p;
  if (status !== '公示中' || !from || !to || today < from || today > to)
    throw conflict('NOT_IN_PUBLICITY', '不在公示期内,不能提出异议');
}
