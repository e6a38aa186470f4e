import type { Generated } from 'kysely';
import type { RECHECK_STATUSES, RectSource, RectStatus } from '../../../common/enums.ts';

/** 问题整改 ledger: one ledger fed by every module (点评, 巡视巡察, 督查, 民主评议, …). */
export interface RectificationItemTable {
  id: Generated<number>;
  org_id: number;
  /** The issuing side: its scope approves 销号 and runs 回头看. */
  issuer_org_id: number;
  problem: string;
  source: RectSource;
  /** e.g. `review_finding:12` — where the item came from. */
  source_ref: string | null;
  measures: string | null;
  owner: string | null;
  deadline_date: string | null;
  /** 整改中 → 申请销号 → 已销号 */
  status: RectStatus;
  rebound_count: number;
  recheck_months: number;
  recheck_due_date: string | null;
  closed_date: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface RectificationStepTable {
  id: Generated<number>;
  item_id: number;
  step: string;
  opinion: string | null;
  actor_id: number | null;
  at: string;
}

export interface RectificationEvidenceTable {
  id: Generated<number>;
  item_id: number;
  note: string;
  file_name: string | null;
  /** Attachment bytes as base64 text (same column type on both dialects). */
  content_b64: string | null;
  uploaded_by: number;
  uploaded_at: string;
}

/** 回头看: a re-check step created by the scheduler when due. */
export interface RectificationRecheckTable {
  id: Generated<number>;
  item_id: number;
  due_date: string;
  status: (typeof RECHECK_STATUSES)[number];
  note: string | null;
  done_by: number | null;
  created_at: string;
  done_at: string | null;
}

export interface RectificationsDB {
  rectification_item: RectificationItemTable;
  rectification_step: RectificationStepTable;
  rectification_evidence: RectificationEvidenceTable;
  rectification_recheck: RectificationRecheckTable;
}
