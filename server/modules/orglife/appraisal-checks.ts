/**
 * Eligibility checks of 民主评议党员: each may stop a member from being graded above a cap (e.g.
 * 双报到: "未报到的在职党员不能评为合格以上"). Other modules plug in with ONE line in APPRAISAL_CHECKS
 * below; an administrator switches each on or off (`PUT /api/org-life/appraisal-checks`). The branch
 * sees the reason beside the member and the server refuses a grade above the cap.
 */
import { APPRAISAL_GRADES, type AppraisalGrade } from '../../../common/enums.ts';
import type { Executor } from '../../db/connect.ts';
import { cobuildAppraisalCheck } from '../cobuild/eligibility.ts';
import { CASE_MONTHS } from './absences.service.ts';

export interface AppraisalCheck {
  /** Stable key, `<module>.<name>` (stored in the enabled setting). */
  key: string;
  /** Chinese, shown to the branch. */
  label: string;
  description: string;
  /** Owning module, in Chinese. */
  module: string;
  /** The highest grade a flagged member may receive (合格 = cannot be 优秀; 基本合格 = not 合格 or above). */
  capGrade: AppraisalGrade;
  defaultEnabled: boolean;
  /** Members (of `memberIds`) the check flags on `date` (local YYYY-MM-DD), with a reason each. */
  check(db: Executor, memberIds: number[], date: string): Promise<Map<number, string>>;
}

/** 组织生活's own check: a current streak of 6+ months (党章: 连续6个月不参加组织生活). */
const longAbsence: AppraisalCheck = {
  key: 'orglife.longAbsence',
  label: '无正当理由连续6个月以上不参加组织生活',
  description: '按组织生活签到记录计算的连续缺席月数(请假月份不计)达到 6 个月的党员,不能评为合格及以上',
  module: '组织生活',
  capGrade: '基本合格',
  defaultEnabled: true,
  async check(db, memberIds) {
    const out = new Map<number, string>();
    for (let i = 0; i < memberIds.length; i += 500) {
      const rows = await db
        .selectFrom('orglife_absence')
        .select(['member_id', 'months', 'since_month'])
        .where('member_id', 'in', memberIds.slice(i, i + 500))
        .where('months', '>=', CASE_MONTHS)
        .execute();
      for (const r of rows) out.set(r.member_id, `自 ${r.since_month} 起连续 ${r.months} 个月未参加组织生活`);
    }
    return out;
  },
};

/** Every check, one line per module. */
export const APPRAISAL_CHECKS: AppraisalCheck[] = [
  longAbsence,
  cobuildAppraisalCheck,
  // other modules, one line each (e.g. 双报到: in-service members who have not reported)
];

export const CHECKS_SETTING = 'orglife.appraisalChecks';

export async function enabledMap(db: Executor): Promise<Record<string, boolean>> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', CHECKS_SETTING).executeTakeFirst();
  const stored = row ? (JSON.parse(row.value) as Record<string, boolean>) : {};
  return Object.fromEntries(APPRAISAL_CHECKS.map((c) => [c.key, stored[c.key] ?? c.defaultEnabled]));
}

/** True when `grade` is no better than `cap` (grades are ordered 优秀 > 合格 > 基本合格 > 不合格). */
export const withinCap = (grade: string, cap: string) =>
  APPRAISAL_GRADES.indexOf(grade as AppraisalGrade) >= APPRAISAL_GRADES.indexOf(cap as AppraisalGrade);

export interface Block {
  key: string;
  label: string;
  reason: string;
  capGrade: string;
}

/** What every enabled check says about the members. */
export async function blocksFor(db: Executor, memberIds: number[], date: string): Promise<Map<number, Block[]>> {
  const enabled = await enabledMap(db);
  const out = new Map<number, Block[]>();
  for (const c of APPRAISAL_CHECKS) {
    if (!enabled[c.key] || !memberIds.length) continue;
    for (const [id, reason] of await c.check(db, memberIds, date)) {
      const l = out.get(id) ?? [];
      l.push({ key: c.key, label: c.label, reason, capGrade: c.capGrade });
      out.set(id, l);
    }
  }
  return out;
}
