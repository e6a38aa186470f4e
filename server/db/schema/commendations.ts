import type { Generated } from 'kysely';
import type { CommendCategory, NominationStatus } from '../../../common/enums.ts';

/** 评选表彰 (migration 202612050100_commendations). */
export interface CommendRoundTable {
  id: Generated<number>;
  owner_org_id: number;
  year: number;
  level: string;
  name: string;
  /** [{category, count?, percent?}] */
  quotas_json: string;
  quota_mode: string;
  deadline_date: string | null;
  objection_days: number;
  status: string;
  publicity_start_date: string | null;
  publicity_end_date: string | null;
  doc_no: string | null;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
}
export interface CommendNominationTable {
  id: Generated<number>;
  round_id: number;
  category: CommendCategory;
  /** The nominating unit and its path (scope). */
  org_id: number;
  org_path: string;
  subject_org_id: number | null;
  member_id: number | null;
  subject_name: string;
  subject_unit: string;
  deeds: string;
  opinion: string | null;
  file_name: string | null;
  stored_name: string | null;
  status: NominationStatus;
  return_reason: string | null;
  submitted_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  approved_by: number | null;
  approved_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
export interface HonourTable {
  id: Generated<number>;
  round_id: number | null;
  nomination_id: number | null;
  org_id: number | null;
  member_id: number | null;
  /** The honoured org's path, or the member's branch path: scope and the figure's subtree. */
  org_path: string;
  year: number;
  level: string;
  category: string;
  title: string;
  granted_by: string;
  doc_no: string | null;
  granted_date: string;
  created_at: string;
}

export interface CommendationsDB {
  commend_round: CommendRoundTable;
  commend_nomination: CommendNominationTable;
  honour: HonourTable;
}
