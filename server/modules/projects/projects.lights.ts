/**
 * A key project's light (work-rules.md §5.3, 银川 project push), pure: months and milestones in,
 * light and reasons out.
 * - 进度: 累计完成投资 against 累计计划 through the month compared — 低于序时 yellowPoints–redPoints
 *   个百分点 yellow, beyond redPoints red (the indicator settings' thresholds, one place to tune).
 * - 节点 (签约 / 土地摘牌 / 开工 / 投产): due and not reached — 当月应开未开 yellow, 连续 3 个月 red.
 * - 报送: a planned month past its deadline without a report — yellow (it counts as 0 in 进度).
 */
import type { Light } from '../../../common/enums.ts';

export interface MonthIn {
  period: string;
  planned: number | null;
  completed: number | null;
  deadlineDate: string;
}
export interface MilestoneIn {
  name: string;
  dueDate: string;
  doneDate: string | null;
}
export interface Thresholds {
  yellowPoints: number;
  redPoints: number;
}
export interface ProjectJudged {
  asOfPeriod: string | null;
  cumPlanned: number | null;
  cumCompleted: number | null;
  rate: number | null;
  light: Light | null;
  reasons: string[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const ymd = (d: string) => d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日');
const ym = (p: string) => `${p.slice(0, 4)}年${p.slice(5, 7)}月`;
/** Whole months from a date to today (2026-03-31 → 2026-06-30 is 3). */
export function monthsLate(dueDate: string, today: string) {
  const [y1, m1, d1] = dueDate.split('-').map(Number);
  const [y2, m2, d2] = today.split('-').map(Number);
  // A month-end due date is a month later on the last day of a shorter month (03-31 → 04-30).
  const lastDay = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < Math.min(d1, lastDay) ? 1 : 0);
}
const SEVERITY: Record<Light, number> = { green: 0, yellow: 1, red: 2 };
const worse = (a: Light, b: Light): Light => (SEVERITY[a] >= SEVERITY[b] ? a : b);

export function judgeProject(
  today: string,
  months: MonthIn[],
  milestones: MilestoneIn[],
  s: Thresholds,
): ProjectJudged {
  const reasons: string[] = [];
  let light: Light | null = null;
  const raise = (l: Light, why: string) => {
    light = light ? worse(light, l) : l;
    reasons.push(why);
  };
  // The month compared: the last one reported or past its deadline (a month still open is not late).
  // A project without a plan or a report for the year has no investment to judge (— , not green).
  const planned = months.some((m) => m.planned !== null || m.completed !== null);
  let asOf = -1;
  months.forEach((m, i) => {
    if (planned && (m.completed !== null || m.deadlineDate < today)) asOf = i;
  });
  let cumPlanned: number | null = null;
  let cumCompleted: number | null = null;
  let rate: number | null = null;
  if (asOf >= 0) {
    const upTo = months.slice(0, asOf + 1);
    cumPlanned = r2(upTo.reduce((a, m) => a + (m.planned ?? 0), 0));
    cumCompleted = r2(upTo.reduce((a, m) => a + (m.completed ?? 0), 0));
    rate = cumPlanned > 0 ? Math.round((cumCompleted / cumPlanned) * 1000) / 10 : null;
    const missing = upTo.filter((m) => m.completed === null && (m.planned ?? 0) > 0 && m.deadlineDate < today);
    if (missing.length) raise('yellow', `${missing.map((m) => ym(m.period)).join('、')}完成投资逾期未报(按 0 计)`);
    if (rate !== null) {
      const behind = Math.round((100 - rate) * 10) / 10;
      const words = `截至${ym(months[asOf].period)}累计完成投资 ${cumCompleted} 万元,为序时计划 ${cumPlanned} 万元的 ${rate}%`;
      if (behind > s.redPoints) raise('red', `${words},低于序时 ${behind} 个百分点(超过 ${s.redPoints} 个百分点)`);
      else if (behind > s.yellowPoints) raise('yellow', `${words},低于序时 ${behind} 个百分点`);
    }
  }
  for (const m of milestones) {
    if (m.doneDate || m.dueDate >= today) continue;
    const late = monthsLate(m.dueDate, today);
    if (late >= 3) raise('red', `「${m.name}」计划${ymd(m.dueDate)}完成,已连续 ${late} 个月应完成未完成`);
    else raise('yellow', `「${m.name}」计划${ymd(m.dueDate)}完成,当月应完成未完成`);
  }
  if (!light && (asOf >= 0 || milestones.length)) light = 'green';
  return { asOfPeriod: asOf >= 0 ? months[asOf].period : null, cumPlanned, cumCompleted, rate, light, reasons };
}
