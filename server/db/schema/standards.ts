import type { Generated } from 'kysely';

/** 党支部建设标准化 tables (migration 202612031800_standards). */
export interface StdManualTable {
  id: Generated<number>;
  /** The id of the first version; every version of one manual shares it. */
  family_id: number;
  version: number;
  name: string;
  scheme: string;
  total_points: number;
  bonus_points: number;
  /** `{ dimensions, bands }` (common/contracts/standards.ts ManualBody). */
  content_json: string;
  note: string | null;
  /** Key of a shipped default ('standard' / 'stars'), null for manuals made by users. */
  builtin: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface StdRoundTable {
  id: Generated<number>;
  manual_id: number;
  year: number;
  name: string;
  owner_org_id: number;
  owner_path: string;
  status: string;
  self_weight: number;
  superior_weight: number;
  self_due_date: string;
  review_due_date: string;
  objection_days: number;
  publicity_start_date: string | null;
  publicity_end_date: string | null;
  graded_at: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface StdEntryTable {
  id: Generated<number>;
  round_id: number;
  org_id: number;
  org_path: string;
  status: string;
  self_score: number | null;
  superior_score: number | null;
  total: number | null;
  grade: string | null;
  rank: number | null;
  vetoed: number;
  direct_grade: string | null;
  direct_reason: string | null;
  return_reason: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  approved_at: string | null;
  updated_at: string;
}

export interface StdScoreTable {
  id: Generated<number>;
  entry_id: number;
  code: string;
  self_points: number | null;
  self_note: string | null;
  evidence_json: string;
  /** The computed figure behind an auto-filled item: `{ key, value, detail, link, points }`. */
  auto_json: string | null;
  override_reason: string | null;
  superior_points: number | null;
  superior_comment: string | null;
  returned: number;
}

export interface StdPlanTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  issuer_org_id: number;
  round_id: number | null;
  basis: string;
  contact_leader: string;
  status: string;
  start_date: string;
  lifted_date: string | null;
  created_by: number;
  created_at: string;
}

export interface StdPlanProblemTable {
  id: Generated<number>;
  plan_id: number;
  rect_item_id: number;
  problem: string;
  accepted_at: string | null;
  accept_note: string | null;
  accepted_by: number | null;
}

export interface StdPlanProgressTable {
  id: Generated<number>;
  plan_id: number;
  month: string;
  text: string;
  created_by: number;
  at: string;
}

export interface StdModelTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  reason: string;
  created_by: number;
  created_at: string;
}

/** An uploaded evidence file of one item of a sheet (migration 202612040500_standards_files). */
export interface StdEvidenceFileTable {
  id: Generated<number>;
  entry_id: number;
  code: string;
  /** The evidence type it proves (台账, 记录本, 批复, 照片 …), as the manual item names them. */
  type: string;
  note: string | null;
  file_name: string;
  /** Path under `<uploadDir>/standards/`. */
  stored_name: string;
  /** What the content is (sniffed): image / pdf / docx / xlsx. */
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: number;
  uploaded_at: string;
}

export interface StandardsDB {
  std_manual: StdManualTable;
  std_round: StdRoundTable;
  std_entry: StdEntryTable;
  std_score: StdScoreTable;
  std_plan: StdPlanTable;
  std_plan_problem: StdPlanProblemTable;
  std_plan_progress: StdPlanProgressTable;
  std_model: StdModelTable;
  std_evidence_file: StdEvidenceFileTable;
}
