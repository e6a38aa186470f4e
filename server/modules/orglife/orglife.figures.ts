/**
 * Figures of 组织生活 for other modules (标准化 checklist items, indicators, 年度考核), computed from
 * the meeting records over an org's whole subtree for a period [from, to]. Requirement figures count
 * the rule periods that END inside [from, to] (a quarter is judged once it is over), each judged by
 * the rule version in force on its first day; "held" means a record of that type whose check-ins
 * reached the quorum.
 */
import type { Executor } from '../../db/connect.ts';
import { orgPaths, percent, type FigureProvider, type FigureValue } from '../../lib/figures.ts';
import { pathUpper } from '../../lib/scope.ts';
import { CASE_MONTHS, monthStates, streakOf } from './absences.service.ts';
import { evaluate, type ComplianceItem } from './compliance.ts';
import { loadBranches, loadMeetings } from './compliance.service.ts';
import { addDays, periodLabel } from './periods.ts';
import { loadRuleSets } from './rules.service.ts';

/** Requirement items of a subtree whose period ends in [from, to], judged as of the day after `to`. */
async function itemsFor(db: Executor, path: string, from: string, to: string): Promise<ComplianceItem[]> {
  const sets = await loadRuleSets(db);
  const branches = await loadBranches(db, path);
  const asOf = addDays(to, 1);
  const out: ComplianceItem[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const meetings = await loadMeetings(db, path, y, to);
    for (const it of evaluate(y, asOf, sets, branches, meetings))
      if (it.periodEnd >= from && it.periodEnd <= to) out.push(it);
  }
  return out;
}

async function perOrg(
  db: Executor,
  orgIds: number[],
  f: (path: string, orgId: number) => Promise<FigureValue>,
): Promise<Map<number, FigureValue>> {
  const out = new Map<number, FigureValue>();
  for (const [orgId, path] of await orgPaths(db, orgIds)) out.set(orgId, await f(path, orgId));
  return out;
}

const missedText = (items: ComplianceItem[]) =>
  items
    .filter((i) => i.held < i.required)
    .slice(0, 8)
    .map((i) => `${periodLabel(i.period)}${i.type}`)
    .join('、');

export const orglifeComplianceRate: FigureProvider = {
  key: 'orglife.complianceRate',
  label: '三会一课等组织生活按期召开率',
  unit: '%',
  module: '组织生活',
  description:
    '本单位及下级党支部、党总支在期间内到期的各项组织生活要求(按规则版本:支部党员大会每季度、支委会每月、党小组会每月每组、党课每季度、主题党日每月、组织生活会和民主评议每年等)中,按期召开且签到人数达到法定人数的比例;未达到法定人数的会议不计为已召开',
  higherIsBetter: true,
  compute: (db, q) =>
    perOrg(db, q.orgIds, async (path, orgId) => {
      const items = await itemsFor(db, path, q.from, q.to);
      const req = items.reduce((s, i) => s + i.required, 0);
      const held = items.reduce((s, i) => s + Math.min(i.held, i.required), 0);
      const missed = missedText(items);
      return {
        value: percent(held, req),
        numerator: held,
        denominator: req,
        detail: req
          ? `应开 ${req} 次,按期召开(达到法定人数)${held} 次${missed ? `;未按期:${missed}` : ''}`
          : '期间内没有到期的组织生活要求',
        link: `/org-life?orgId=${orgId}&year=${q.to.slice(0, 4)}`,
      };
    }),
};

export const orglifeMissingMeetings: FigureProvider = {
  key: 'orglife.missingMeetings',
  label: '未按期召开的组织生活会议次数',
  unit: '次',
  module: '组织生活',
  description:
    '本单位及下级党支部在期间内到期而未召开(或签到未达法定人数)的三会一课、主题党日、组织生活会、民主评议党员次数;说明中逐项列出会议类型和周期',
  higherIsBetter: false,
  compute: (db, q) =>
    perOrg(db, q.orgIds, async (path, orgId) => {
      const items = await itemsFor(db, path, q.from, q.to);
      const miss = items.filter((i) => i.held < i.required);
      const n = miss.reduce((s, i) => s + i.required - i.held, 0);
      return {
        value: n,
        detail: n
          ? `缺 ${n} 次:${missedText(miss)}${miss.length > 8 ? ' 等' : ''}`
          : '期间内到期的组织生活均已按期召开',
        link: `/org-life?orgId=${orgId}&year=${q.to.slice(0, 4)}`,
      };
    }),
};

export const orglifeAttendanceRate: FigureProvider = {
  key: 'orglife.attendanceRate',
  label: '党员参加组织生活出勤率',
  unit: '%',
  module: '组织生活',
  description: '本单位及下级期间内已召开的组织生活会议中,实到人数(扫码签到与书记补签)占应到人数(会议当日名册)的比例',
  higherIsBetter: true,
  compute: (db, q) =>
    perOrg(db, q.orgIds, async (path, orgId) => {
      const r = await db
        .selectFrom('meeting as m')
        .innerJoin('org_unit as o', 'o.id', 'm.org_id')
        .select([
          (eb) => eb.fn.sum<number>('m.present').as('p'),
          (eb) => eb.fn.sum<number>('m.expected').as('e'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where('o.path', '>=', path)
        .where('o.path', '<', pathUpper(path))
        .where('m.status', '=', '已召开')
        .where('m.held_date', '>=', q.from)
        .where('m.held_date', '<=', q.to)
        .executeTakeFirstOrThrow();
      const p = Number(r.p ?? 0);
      const e = Number(r.e ?? 0);
      return {
        value: percent(p, e),
        numerator: p,
        denominator: e,
        detail: e ? `${Number(r.n)} 次会议应到 ${e} 人次,实到 ${p} 人次` : '期间内没有已召开的会议',
        link: `/org-life/meetings?orgId=${orgId}`,
      };
    }),
};

export const orglifeLongAbsentMembers: FigureProvider = {
  key: 'orglife.longAbsentMembers',
  label: '连续6个月以上未参加组织生活的党员数',
  unit: '人',
  module: '组织生活',
  description: `截至期末,本单位及下级的党员中,连续 ${CASE_MONTHS} 个月以上应到而未参加任何组织生活的人数(书记登记请假的月份不计入也不中断;流动、转接党员按当时所在支部计)`,
  higherIsBetter: false,
  compute: (db, q) =>
    perOrg(db, q.orgIds, async (path, orgId) => {
      const states = await monthStates(db, q.to, undefined, path);
      let n = 0;
      for (const e of states.values()) if (streakOf(e.states, q.to.slice(0, 7)).months >= CASE_MONTHS) n++;
      return {
        value: n,
        detail: n
          ? `截至 ${q.to} 有 ${n} 名党员连续 ${CASE_MONTHS} 个月以上未参加组织生活`
          : `截至 ${q.to} 没有长期不参加组织生活的党员`,
        link: `/org-life/absences?orgId=${orgId}&minMonths=${CASE_MONTHS}`,
      };
    }),
};
