/**
 * For other modules: 民主评议党员 (组织生活) applies the rule "未报到的在职党员不能评为合格以上".
 * `cobuildAppraisalCheck` has the shape of 组织生活's pluggable eligibility checks (AppraisalCheck:
 * one line in its APPRAISAL_CHECKS; its administrator switches it on, off by default). These
 * functions read this module's records; no other module queries cobuild tables directly.
 */
import type { Executor } from '../../db/connect.ts';
import { loadTree } from './access.ts';
import { reportStates } from './roster.service.ts';

export interface ReportStatus {
  /** In-service (在职, 正常) and their branch is not in a 村/社区: must report. */
  required: boolean;
  /** Reported on the date (accepted, not ended, not past re-confirmation). */
  reported: boolean;
}

/** Report status on `date` (YYYY-MM-DD) of each given member (members not required: required = false). */
export async function reportStatus(
  db: Executor,
  memberIds: number[],
  date: string,
): Promise<Map<number, ReportStatus>> {
  const tree = await loadTree(db);
  const states = await reportStates(db, tree, { memberIds }, date);
  const out = new Map<number, ReportStatus>(memberIds.map((id) => [id, { required: false, reported: false }]));
  for (const s of states) out.set(s.memberId, { required: true, reported: s.state === 'reported' });
  return out;
}

/** The members among `memberIds` who had reported to a community on `date`. */
export async function reportedMembers(db: Executor, memberIds: number[], date: string): Promise<Set<number>> {
  const st = await reportStatus(db, memberIds, date);
  return new Set([...st].filter(([, s]) => s.reported).map(([id]) => id));
}

/** In-service members among `memberIds` who had not reported on `date`, each with the reason in Chinese. */
export async function unreportedInService(
  db: Executor,
  memberIds: number[],
  date: string,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const [id, s] of await reportStatus(db, memberIds, date))
    if (s.required && !s.reported) out.set(id, '在职党员未到居住地社区报到(或逾期未复核)');
  return out;
}

/** 民主评议党员 eligibility check (组织生活's AppraisalCheck shape): capped at 基本合格, off by default. */
export const cobuildAppraisalCheck = {
  key: 'cobuild.unreported',
  label: '在职党员未到社区报到',
  description: '在职党员(组织关系不在村、社区)未到居住地社区报到、或报到逾期未复核的,不能评为合格及以上(佛山等地做法)',
  module: '共驻共建',
  capGrade: '基本合格' as const,
  defaultEnabled: false,
  check: unreportedInService,
};
