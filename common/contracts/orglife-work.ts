/**
 * 组织生活 — what is computed from the meeting records (compliance, absence streaks and their
 * cases), the versioned rules, committees and 党小组, and 民主评议党员. Acceptance shapes kept:
 * GET /api/org-life/compliance → { items: [{ orgId, type, period, required, held }] };
 * GET /api/org-life/absences → { items: [{ memberId, months }], total }.
 */
import {
  APPRAISAL_GRADES,
  CASE_DECISIONS,
  COMMITTEE_ROLES,
  MEETING_TYPES,
  QUORUM_KINDS,
  RULE_FREQUENCIES,
  RULE_ORG_TYPES,
  type QuorumKind,
  type RuleFrequency,
} from '../enums.ts';
import { Body, DateStr, Enum, Id, ItemsOf, ListOf, Nullable, Paging, type Static, Type } from './common.ts';

const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String() });
const Year = (title = '年度') => Type.Integer({ title, minimum: 2000, maximum: 2100 });
const FREQS = Object.keys(RULE_FREQUENCIES) as RuleFrequency[];
const QUORUMS = Object.keys(QUORUM_KINDS) as QuorumKind[];
export const ITEM_STATUSES = ['done', 'missed', 'due', 'open'] as const;
export const LIGHTS = ['red', 'yellow', 'green'] as const;

// ---- compliance ----
export const ComplianceQuery = Type.Object(
  {
    orgId: Type.Optional(Id('组织')),
    year: Year(),
    type: Type.Optional(Enum(MEETING_TYPES, '会议类型')),
    period: Type.Optional(Type.String({ title: '周期', pattern: '^\\d{4}(-(\\d{2}|Q[1-4]|H[12]))?$' })),
  },
  { additionalProperties: false },
);
export type ComplianceQuery = Static<typeof ComplianceQuery>;
export const ComplianceItem = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  type: Type.String(),
  period: Type.String(),
  periodLabel: Type.String(),
  periodStart: Type.String(),
  periodEnd: Type.String(),
  required: Type.Integer(),
  /** Meetings of the type held in the period that reached the quorum. */
  held: Type.Integer(),
  /** Records of the type in the period that did NOT reach the quorum (not counted as held). */
  belowQuorum: Type.Integer(),
  /** done: held; missed: period over, not held; due: within the rule set's days; open: not yet due. */
  status: Enum(ITEM_STATUSES, '状态'),
  ruleSetId: Type.Integer(),
});
export type ComplianceItem = Static<typeof ComplianceItem>;
export const ComplianceList = ItemsOf(ComplianceItem);
export type ComplianceList = Static<typeof ComplianceList>;

export const DashboardQuery = Type.Object(
  { orgId: Type.Optional(Id('组织')), year: Type.Optional(Year()) },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;
const Tally = {
  required: Type.Integer(),
  held: Type.Integer(),
  missing: Type.Integer(),
  /** held / required over periods that are over or done, in % (null: nothing due yet). */
  rate: Nullable(Type.Number()),
};
export const Dashboard = Type.Object({
  org: Type.Object({ id: Type.Integer(), name: Type.String(), type: Type.String() }),
  year: Type.Integer(),
  today: Type.String(),
  isBranch: Type.Boolean(),
  ...Tally,
  attendanceRate: Nullable(Type.Number()),
  meetings: Type.Integer(),
  belowQuorum: Type.Integer(),
  longAbsent: Type.Integer(),
  lights: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer() }),
  byType: Type.Array(Type.Object({ type: Type.String(), ...Tally })),
  children: Type.Array(
    Type.Object({
      orgId: Type.Integer(),
      name: Type.String(),
      type: Type.String(),
      ...Tally,
      attendanceRate: Nullable(Type.Number()),
      branches: Type.Integer(),
      /** The child's own light when it is a branch; its branches' lights are counted in `lights`. */
      light: Nullable(Enum(LIGHTS, '灯')),
      lights: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer() }),
      rank: Nullable(Type.Integer()),
    }),
  ),
  belowQuorumMeetings: Type.Array(
    Type.Object({
      id: Type.Integer(),
      orgName: Type.String(),
      heldDate: Type.String(),
      types: Type.Array(Type.String()),
      present: Type.Integer(),
      expected: Type.Integer(),
    }),
  ),
});
export type Dashboard = Static<typeof Dashboard>;
export const ExportQuery = Type.Object(
  { orgId: Type.Optional(Id('组织')), year: Year() },
  { additionalProperties: false },
);
export const Recomputed = Type.Object({
  year: Type.Integer(),
  items: Type.Integer(),
  members: Type.Integer(),
  notifications: Type.Integer(),
  cases: Type.Integer(),
  ms: Type.Number(),
});

// ---- rules ----
export const RuleIn = Type.Object(
  {
    orgType: Enum(RULE_ORG_TYPES, '适用组织'),
    meetingType: Enum(MEETING_TYPES, '会议类型'),
    frequency: Enum(FREQS, '频次'),
    atLeast: Type.Integer({ title: '至少次数', minimum: 1, maximum: 31 }),
    minFullMembers: Type.Integer({ title: '正式党员不少于', minimum: 0, maximum: 500 }),
    perGroup: Type.Boolean({ title: '按党小组计' }),
    quorum: Enum(QUORUMS, '法定人数'),
    source: Type.String({ title: '依据', minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type RuleIn = Static<typeof RuleIn>;
export const RuleView = Type.Object({
  id: Type.Integer(),
  orgType: Type.String(),
  meetingType: Type.String(),
  frequency: Enum(FREQS, '频次'),
  atLeast: Type.Integer(),
  minFullMembers: Type.Integer(),
  perGroup: Type.Boolean(),
  quorum: Enum(QUORUMS, '法定人数'),
  source: Type.String(),
});
export const RuleSetView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  effectiveFrom: Type.String(),
  /** The day before the next version takes effect (null: still in force). */
  effectiveTo: Nullable(Type.String()),
  dueSoonDays: Type.Integer(),
  note: Nullable(Type.String()),
  current: Type.Boolean(),
  createdAt: Type.String(),
  rules: Type.Array(RuleView),
});
export type RuleSetView = Static<typeof RuleSetView>;
export const RuleSetList = ItemsOf(RuleSetView);
export const CreateRuleSetBody = Body({
  name: Type.String({ title: '版本名称', minLength: 1, maxLength: 100 }),
  effectiveFrom: DateStr('生效日期'),
  dueSoonDays: Type.Integer({ title: '临期提醒天数', minimum: 1, maximum: 60 }),
  note: Type.Optional(Nullable(Type.String({ title: '说明', maxLength: 1000 }))),
  rules: Type.Array(RuleIn, { title: '规则', minItems: 1, maxItems: 40 }),
});
export type CreateRuleSetBody = Static<typeof CreateRuleSetBody>;

// ---- absences and cases ----
export const AbsenceQuery = Type.Object(
  {
    orgId: Type.Optional(Id('组织')),
    minMonths: Type.Optional(Type.Integer({ title: '连续月数不少于', minimum: 1, maximum: 36, default: 1 })),
    ...Paging,
  },
  { additionalProperties: false },
);
export type AbsenceQuery = Static<typeof AbsenceQuery>;
export const AbsenceItem = Type.Object({
  memberId: Type.Integer(),
  /** Consecutive months without attending any organizational life (请假 months pause, not break). */
  months: Type.Integer(),
  name: Type.String(),
  category: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  sinceMonth: Nullable(Type.String()),
  lastAttendedDate: Nullable(Type.String()),
  caseId: Nullable(Type.Integer()),
});
export type AbsenceItem = Static<typeof AbsenceItem>;
export const AbsenceList = ListOf(AbsenceItem);

export const CaseQuery = Type.Object(
  { orgId: Type.Optional(Id('组织')), status: Type.Optional(Enum(['处理中', '已办结'] as const, '状态')), ...Paging },
  { additionalProperties: false },
);
export type CaseQuery = Static<typeof CaseQuery>;
export const CaseView = Type.Object({
  id: Type.Integer(),
  member: Type.Object({ id: Type.Integer(), name: Type.String(), category: Type.String() }),
  org: OrgRef,
  sinceMonth: Type.String(),
  monthsAtOpen: Type.Integer(),
  currentMonths: Type.Integer(),
  status: Type.String(),
  openedDate: Type.String(),
  talk: Nullable(Type.Object({ date: Type.String(), by: Type.String(), content: Type.String() })),
  notified: Nullable(Type.Object({ date: Type.String(), method: Type.String(), note: Nullable(Type.String()) })),
  decision: Nullable(
    Type.Object({
      meetingId: Type.Integer(),
      meetingDate: Type.String(),
      decision: Type.String(),
      note: Nullable(Type.String()),
      date: Type.String(),
    }),
  ),
});
export type CaseView = Static<typeof CaseView>;
export const CaseList = ListOf(CaseView);
export const CaseTalkBody = Body({
  talkDate: DateStr('谈话日期'),
  talkBy: Type.String({ title: '谈话人', minLength: 1, maxLength: 50 }),
  content: Type.String({ title: '谈话记录', minLength: 1, maxLength: 5000 }),
});
export const CaseNotifyBody = Body({
  notifiedDate: DateStr('通知日期'),
  method: Enum(['书面', '电话', '当面', '其他'] as const, '通知方式'),
  note: Type.Optional(Type.String({ title: '说明', maxLength: 1000 })),
});
export const CaseDecisionBody = Body({
  meetingId: Id('支部党员大会'),
  decision: Enum(CASE_DECISIONS, '支部大会决定'),
  note: Type.Optional(Type.String({ title: '说明', maxLength: 2000 })),
});

// ---- a member's own attendance ----
export const AttendanceQuery = Type.Object({ year: Type.Optional(Year()) }, { additionalProperties: false });
export const MemberAttendance = Type.Object({
  member: Type.Object({ id: Type.Integer(), name: Type.String(), orgName: Type.String() }),
  year: Type.Integer(),
  months: Type.Integer(),
  expected: Type.Integer(),
  attended: Type.Integer(),
  leave: Type.Integer(),
  rate: Nullable(Type.Number()),
  /** The member's 民主评议 still open for 自评, if any. */
  appraisal: Nullable(
    Type.Object({
      id: Type.Integer(),
      year: Type.Integer(),
      orgName: Type.String(),
      selfText: Nullable(Type.String()),
    }),
  ),
  items: Type.Array(
    Type.Object({
      meetingId: Type.Integer(),
      orgName: Type.String(),
      heldDate: Type.String(),
      heldAt: Type.String(),
      types: Type.Array(Type.String()),
      topic: Type.String(),
      role: Type.String(),
      status: Type.String(),
      reason: Nullable(Type.String()),
      at: Nullable(Type.String()),
    }),
  ),
});
export type MemberAttendance = Static<typeof MemberAttendance>;

// ---- branch committee and 党小组 ----
const Person = Type.Object({ memberId: Type.Integer(), name: Type.String() });
export const BranchInfo = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  type: Type.String(),
  fullMembers: Type.Integer(),
  probationaryMembers: Type.Integer(),
  /** ≥ 7 正式党员 and at least 3 支委 serving: a 支委会 can be held. */
  hasCommittee: Type.Boolean(),
  committee: Type.Array(
    Type.Object({
      id: Type.Integer(),
      memberId: Type.Integer(),
      name: Type.String(),
      role: Type.String(),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
    }),
  ),
  groups: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), members: Type.Array(Person) })),
  members: Type.Array(Type.Object({ memberId: Type.Integer(), name: Type.String(), memberType: Type.String() })),
});
export type BranchInfo = Static<typeof BranchInfo>;
export const CommitteeBody = Body({
  memberId: Id('党员'),
  role: Enum(COMMITTEE_ROLES, '职务'),
  startDate: DateStr('任职日期'),
  endDate: Type.Optional(Nullable(DateStr('离任日期'))),
});
export type CommitteeBody = Static<typeof CommitteeBody>;
export const CommitteePatch = Body({
  role: Type.Optional(Enum(COMMITTEE_ROLES, '职务')),
  endDate: Type.Optional(Nullable(DateStr('离任日期'))),
});
export type CommitteePatch = Static<typeof CommitteePatch>;
export const GroupMembersBody = Body({ memberIds: Type.Array(Id('党员'), { maxItems: 500, title: '党小组成员' }) });

// ---- 民主评议党员 ----
export const AppraisalCreate = Body({ orgId: Id('党支部'), year: Year() });
export const AppraisalQuery = Type.Object(
  { orgId: Type.Optional(Id('组织')), year: Type.Optional(Year()) },
  { additionalProperties: false },
);
export const AppraisalSummary = Type.Object({
  id: Type.Integer(),
  org: OrgRef,
  year: Type.Integer(),
  status: Type.String(),
  members: Type.Integer(),
  graded: Type.Integer(),
  selfDone: Type.Integer(),
  excellent: Type.Integer(),
  createdAt: Type.String(),
  finalizedAt: Nullable(Type.String()),
});
export type AppraisalSummary = Static<typeof AppraisalSummary>;
export const AppraisalList = ItemsOf(AppraisalSummary);
export const AppraisalCheckView = Type.Object({
  key: Type.String(),
  label: Type.String(),
  description: Type.String(),
  module: Type.String(),
  /** The highest grade a flagged member may receive. */
  capGrade: Type.String(),
  enabled: Type.Boolean(),
});
export const AppraisalChecks = ItemsOf(AppraisalCheckView);
export const PutChecksBody = Body({ enabled: Type.Record(Type.String(), Type.Boolean(), { title: '启用' }) });
export const AppraisalDetail = Type.Object({
  ...AppraisalSummary.properties,
  /** At most this many 优秀 (1/3 of the graded members, rounded down). */
  excellentCap: Type.Integer(),
  decisionMeetingId: Nullable(Type.Integer()),
  entries: Type.Array(
    Type.Object({
      memberId: Type.Integer(),
      name: Type.String(),
      memberType: Type.String(),
      graded: Type.Boolean(),
      selfText: Nullable(Type.String()),
      selfAt: Nullable(Type.String()),
      grade: Nullable(Type.String()),
      note: Nullable(Type.String()),
      blocked: Type.Array(
        Type.Object({ key: Type.String(), label: Type.String(), reason: Type.String(), capGrade: Type.String() }),
      ),
      rectItemId: Nullable(Type.Integer()),
    }),
  ),
  checks: Type.Array(AppraisalCheckView),
});
export type AppraisalDetail = Static<typeof AppraisalDetail>;
export const AppraisalEntryParams = Type.Object(
  { id: Id('评议编号'), memberId: Id('党员') },
  { additionalProperties: false },
);
export const SelfBody = Body({ selfText: Type.String({ title: '个人自评', minLength: 1, maxLength: 5000 }) });
export const GradesBody = Body({
  grades: Type.Array(
    Type.Object(
      {
        memberId: Id('党员'),
        grade: Nullable(Enum(APPRAISAL_GRADES, '等次')),
        note: Type.Optional(Type.String({ title: '评定说明', maxLength: 1000 })),
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 500, title: '评定等次' },
  ),
});
export type GradesBody = Static<typeof GradesBody>;
export const FinalizeBody = Body({ decisionMeetingId: Type.Optional(Id('评定会议')) });
export const Finalized = Type.Object({ ok: Type.Boolean(), rectificationItems: Type.Integer() });
