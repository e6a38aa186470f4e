import type { Generated } from 'kysely';

/** 调研: one registered research visit (a leader's or a team's). */
export interface ResearchVisitTable {
  id: Generated<number>;
  title: string;
  leader: string;
  /** 省级 | 市级 | 县级 | 乡镇级: the visitor's level, for the 陪同 limits. */
  visitor_level: string;
  members_json: string;
  owner_org_id: number;
  owner_path: string;
  /** 年度计划 | 临时备案 */
  plan_kind: string;
  start_date: string;
  end_date: string;
  /** [{ level, count }]: escorts requested per host level. */
  escorts_json: string;
  escort_reason: string | null;
  task_id: number | null;
  /** 待统筹 | 已确认 | 已合并 | 已取消 */
  status: string;
  /** The warnings found at the last check (kind, message, otherVisitId). */
  warnings_json: string;
  confirm_reason: string | null;
  merged_into_id: number | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface ResearchPlaceTable {
  visit_id: number;
  org_id: number;
  org_path: string;
  township_id: number;
  start_date: string;
  end_date: string;
  /** 0 once the visit is merged or cancelled: conflict checks read active rows only. */
  active: number;
}

export interface ResearchProposalTable {
  id: Generated<number>;
  visit_id: number;
  start_date: string;
  end_date: string;
  place_ids_json: string | null;
  note: string;
  /** 待答复 | 已接受 | 已谢绝 */
  status: string;
  created_by: number;
  created_at: string;
  answered_at: string | null;
}

export interface ResearchFlagTable {
  id: Generated<number>;
  visit_id: number;
  org_id: number;
  note: string;
  created_by: number;
  created_at: string;
}

export interface ResearchFindingTable {
  id: Generated<number>;
  visit_id: number;
  org_id: number;
  org_path: string;
  /** 问题 | 经验 | 建议 */
  kind: string;
  text: string;
  task_id: number | null;
  rectification_id: number | null;
  created_by: number;
  created_at: string;
}

export interface ResearchDB {
  research_visit: ResearchVisitTable;
  research_place: ResearchPlaceTable;
  research_proposal: ResearchProposalTable;
  research_flag: ResearchFlagTable;
  research_finding: ResearchFindingTable;
}
