import type { Generated } from 'kysely';

/** 组织生活 tables (migration 202612031400_orglife). */
export interface OrgCommitteeMemberTable {
  id: Generated<number>;
  org_id: number;
  member_id: number;
  role: string;
  start_date: string;
  end_date: string | null;
  created_by: number | null;
  created_at: string;
}

export interface PartyGroupMemberTable {
  id: Generated<number>;
  group_id: number;
  member_id: number;
  start_date: string;
  end_date: string | null;
  created_at: string;
}

export interface MeetingTable {
  id: Generated<number>;
  org_id: number;
  /** 计划 | 已召开 | 已作废 */
  status: string;
  held_at: string;
  held_date: string;
  end_at: string | null;
  place: string | null;
  topic: string;
  host: string | null;
  recorder: string | null;
  lecturer: string | null;
  lecture_title: string | null;
  talk_mode: string | null;
  minutes_text: string | null;
  backdate_reason: string | null;
  void_reason: string | null;
  expected: Generated<number>;
  expected_voting: Generated<number>;
  present: Generated<number>;
  present_voting: Generated<number>;
  leave_count: Generated<number>;
  guest_count: Generated<number>;
  /** 未开始 | 签到中 | 已结束 */
  checkin_state: string;
  checkin_code: string | null;
  checkin_opened_at: string | null;
  checkin_closes_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingTypeTable {
  meeting_id: number;
  type: string;
}

export interface MeetingAttendeeTable {
  meeting_id: number;
  member_id: number;
  /** 应到 | 列席 */
  role: string;
  voting: number;
  /** 缺席 | 出席 | 补签 | 请假 */
  status: string;
  reason: string | null;
  /** 扫码 | 签到码 | 补签 | 谈话记录 */
  via: string | null;
  at: string | null;
  by_user: number | null;
  code_hash: string | null;
}

export interface MeetingGuestTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  unit: string | null;
  created_at: string;
}

export interface MeetingResolutionTable {
  id: Generated<number>;
  meeting_id: number;
  text: string;
  task_id: number | null;
  created_at: string;
}

export interface MeetingAttachmentTable {
  id: Generated<number>;
  meeting_id: number;
  kind: string;
  file_name: string;
  stored_name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: number;
  uploaded_at: string;
}

export interface OrglifeRuleSetTable {
  id: Generated<number>;
  name: string;
  effective_from: string;
  due_soon_days: number;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface OrglifeRuleTable {
  id: Generated<number>;
  rule_set_id: number;
  org_type: string;
  meeting_type: string;
  frequency: string;
  at_least: number;
  min_full_members: number;
  per_group: number;
  quorum: string;
  source: string;
}

export interface OrglifeComplianceTable {
  org_id: number;
  type: string;
  period: string;
  year: number;
  period_start: string;
  period_end: string;
  required: number;
  held: number;
  below_quorum: number;
  /** done | missed | due | open */
  status: string;
  rule_set_id: number;
}

export interface OrglifeAbsenceTable {
  member_id: number;
  org_id: number;
  months: number;
  since_month: string | null;
  last_attended_date: string | null;
  computed_at: string;
}

export interface OrglifeCaseTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  since_month: string;
  months_at_open: number;
  /** 处理中 | 已办结 */
  status: string;
  opened_date: string;
  talk_date: string | null;
  talk_by: string | null;
  talk_content: string | null;
  notified_date: string | null;
  notify_method: string | null;
  notify_note: string | null;
  decision_meeting_id: number | null;
  decision: string | null;
  decision_note: string | null;
  decided_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface AppraisalTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  /** 进行中 | 已完成 */
  status: string;
  decision_meeting_id: number | null;
  created_by: number | null;
  created_at: string;
  finalized_at: string | null;
}

export interface AppraisalEntryTable {
  appraisal_id: number;
  member_id: number;
  name: string;
  member_type: string;
  graded: number;
  self_text: string | null;
  self_at: string | null;
  grade: string | null;
  note: string | null;
  rect_item_id: number | null;
}

export interface OrglifeDB {
  org_committee_member: OrgCommitteeMemberTable;
  party_group_member: PartyGroupMemberTable;
  meeting: MeetingTable;
  meeting_type: MeetingTypeTable;
  meeting_attendee: MeetingAttendeeTable;
  meeting_guest: MeetingGuestTable;
  meeting_resolution: MeetingResolutionTable;
  meeting_attachment: MeetingAttachmentTable;
  orglife_rule_set: OrglifeRuleSetTable;
  orglife_rule: OrglifeRuleTable;
  orglife_compliance: OrglifeComplianceTable;
  orglife_absence: OrglifeAbsenceTable;
  orglife_case: OrglifeCaseTable;
  appraisal: AppraisalTable;
  appraisal_entry: AppraisalEntryTable;
}
