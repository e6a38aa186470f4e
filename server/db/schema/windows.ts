import type { Generated } from 'kysely';

/** 作风监督 (好差评, 差评工单, 约谈, 暗访). Columns follow the conventions in ../schema.ts. */
export interface ServiceWindowTable {
  id: Generated<number>;
  org_id: number;
  /** The short code printed on the poster and typed by citizens (unique, no ambiguous letters). */
  code: string;
  name: string;
  kind: string;
  location: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ServiceItemTable {
  id: Generated<number>;
  window_id: number;
  name: string;
  sort_order: number;
  active: number;
}

/** 评价内容, one row per version (the id is the version); questions as a JSON array of labels. */
export interface RatingContentTable {
  id: Generated<number>;
  questions: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

/** 一次一评: a code printed on the service receipt; a rating with it is verified and counts once. */
export interface RatingTicketTable {
  id: Generated<number>;
  window_id: number;
  code: string;
  issued_date: string;
  used_at: string | null;
}

export interface RatingTable {
  id: Generated<number>;
  window_id: number;
  /** The window's unit when rated (statistics stay with the unit that served). */
  org_id: number;
  item_id: number | null;
  /** 5 = 非常满意 … 1 = 非常不满意. */
  level: number;
  comment: string | null;
  /** 138****5678: shown to staff; the full number lives only on the case, for 回访. */
  phone_masked: string | null;
  content_version: number;
  /** JSON array of 1–5 per question of the content version, or null. */
  scores: string | null;
  ticket_id: number | null;
  verified: number;
  /** Untracked and over the per-source daily limit: kept, but not counted until released. */
  suspect: number;
  suspect_reason: string | null;
  /** 申诉成立: kept, excluded from statistics. */
  excluded: Generated<number>;
  rated_at: string;
  rated_date: string;
}

export interface RatingCaseTable {
  id: Generated<number>;
  rating_id: number | null;
  window_id: number | null;
  org_id: number;
  /** 群众评价 | 暗访 */
  source: string;
  problem: string;
  level: number | null;
  status: string;
  /** The status to return to when an appeal is rejected. */
  prev_status: string | null;
  opened_at: string;
  opened_date: string;
  due_date: string;
  /** Only for 回访; null once purged (closed + retention days). */
  contact_phone: string | null;
  phone_masked: string | null;
  first_response_at: string | null;
  callback_done: Generated<number>;
  resolution: string | null;
  resolution_note: string | null;
  rectification_id: number | null;
  /** sha256 of the citizen's follow-up code (复评码); shown once, never stored in clear. */
  rerate_hash: string | null;
  rerate_level: number | null;
  rerated_at: string | null;
  appeal_reason: string | null;
  appeal_at: string | null;
  appeal_opinion: string | null;
  appeal_upheld: number | null;
  closed_at: string | null;
  closed_date: string | null;
  phone_purged_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RatingCaseStepTable {
  id: Generated<number>;
  case_id: number;
  step: string;
  note: string | null;
  /** 回访: 1 reached, 0 not reached; null for other steps. */
  reached: number | null;
  actor_id: number | null;
  at: string;
}

export interface WindowInterviewTable {
  id: Generated<number>;
  window_id: number;
  org_id: number;
  /** The second month in a row at the bottom, `YYYY-MM`. */
  month: string;
  reason: string;
  /** 待约谈 | 已约谈 */
  status: string;
  held_date: string | null;
  interviewer: string | null;
  record: string | null;
  created_at: string;
  updated_at: string;
}

export interface InspectionTable {
  id: Generated<number>;
  inspector_id: number;
  org_id: number;
  window_id: number | null;
  visited_at: string;
  findings: string;
  status: string;
  case_id: number | null;
  rectification_id: number | null;
  notice_no: string | null;
  notice_text: string | null;
  notice_due_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface InspectionPhotoTable {
  id: Generated<number>;
  inspection_id: number;
  file_name: string;
  content_b64: string;
  uploaded_at: string;
}

export interface WindowsDB {
  service_window: ServiceWindowTable;
  service_item: ServiceItemTable;
  rating_content: RatingContentTable;
  rating_ticket: RatingTicketTable;
  rating: RatingTable;
  rating_case: RatingCaseTable;
  rating_case_step: RatingCaseStepTable;
  window_interview: WindowInterviewTable;
  inspection: InspectionTable;
  inspection_photo: InspectionPhotoTable;
}
