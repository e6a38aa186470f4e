import type { Generated } from 'kysely';
import type {
  BALLOT_CHANNELS,
  CampaignStatus,
  CommentStatus,
  FindingSource,
  PaperSheetStatus,
  ParticipantKind,
  REPORT_MODES,
} from '../../../common/enums.ts';

/**
 * 述职评议 tables. The ballot tables (`ballot`, `ballot_rating`) are the secret part: they hold no
 * voter, user, participant or token column, no instant finer than a day, and their keys are random
 * (SQLite: WITHOUT ROWID, so there is no hidden insertion-ordered rowid either).
 */
export interface ReviewCampaignTable {
  id: Generated<number>;
  title: string;
  year: number;
  /** The organizing side (the creator's scope node): it manages the campaign and issues 销号. */
  owner_org_id: number;
  /** JSON array of grade labels, best first, e.g. ["好","较好","一般","差"]. */
  scale_json: string;
  /** preparing → voting → closing (counting in the background) → closed */
  status: CampaignStatus;
  report_deadline_date: string | null;
  meeting_date: string | null;
  default_limit_sec: number;
  /** Meeting mode: the target currently speaking and since when (instant). */
  speaker_target_id: number | null;
  speaker_started_at: string | null;
  voting_opened_at: string | null;
  closed_at: string | null;
  /** Background close (reviews/close.service.ts): ballots counted, last chunk, who closed, why it stopped. */
  close_done: Generated<number>;
  /** The ballots the close counts in all, written when its runner starts (null before). */
  close_total: number | null;
  close_beat_at: string | null;
  close_by: number | null;
  close_error: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}

/** An organization under review: its mode, agenda slot and 述职报告. */
export interface ReviewTargetTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  /** 口头 (reports at the meeting) | 书面 (written report only) */
  mode: (typeof REPORT_MODES)[number];
  secretary_name: string | null;
  agenda_order: number;
  limit_sec: number | null;
  report_text: string | null;
  report_file_name: string | null;
  report_submitted_at: string | null;
  report_submitted_by: number | null;
  reminded_at: string | null;
}

/** Voters, including 列席 people outside the tree. `received` says a token was handed over — never which. */
export interface ReviewParticipantTable {
  id: Generated<number>;
  campaign_id: number;
  name: string;
  unit: string | null;
  kind: ParticipantKind;
  member_id: number | null;
  received: number;
}

/** One-time ballot tokens, stored only as sha256. No creation time, no owner. */
export interface ReviewTokenTable {
  hash: string;
  campaign_id: number;
  used: number;
  /** sha256 of the client nonce the ballot was cast with (retry → same receipt); see ballots.service. */
  nonce_check: string | null;
  /** An unfinished ballot sealed with a key derived from the code itself (see reviews/draft.ts). */
  draft: string | null;
}

/** 点评: one per reviewed organization. */
export interface ReviewCommentTable {
  id: Generated<number>;
  campaign_id: number;
  target_id: number;
  summary: string;
  /** draft 起草 → submitted 提交审定 → approved 已审定 | returned 退回 */
  status: CommentStatus;
  return_reason: string | null;
  drafted_by: number;
  submitted_by: number | null;
  approved_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewFindingTable {
  id: Generated<number>;
  comment_id: number;
  source: FindingSource;
  problem: string;
  sort_order: number;
  rectification_id: number | null;
}

/** A secret ballot: random id, campaign, the day only, and the receipt the voter was shown. */
export interface BallotTable {
  id: string;
  campaign_id: number;
  cast_date: string;
  receipt: string;
  channel: (typeof BALLOT_CHANNELS)[number];
  /**
   * The ratings while voting, JSON [[orgId, gradeIndex(, opinion)], …] sorted by org; expanded into
   * ballot_rating at close. NULL for ballots cast before the column existed (rows already there).
   */
  ratings: string | null;
}

export interface BallotRatingTable {
  ballot_id: string;
  campaign_id: number;
  org_id: number;
  grade: string;
  opinion: string | null;
}

/** A campaign's counts per (organization, grade), added to as its close expands the ratings. */
export interface ReviewTallyTable {
  campaign_id: number;
  org_id: number;
  grade: string;
  n: number;
}

/** A paper ballot sheet entered twice by two different clerks (the clerks are not voters). */
export interface PaperSheetTable {
  id: Generated<number>;
  campaign_id: number;
  sheet_no: string;
  entry1_json: string;
  entry1_by: number;
  entry2_json: string | null;
  entry2_by: number | null;
  status: PaperSheetStatus;
  resolved_by: number | null;
}

export interface ReviewsDB {
  review_campaign: ReviewCampaignTable;
  review_target: ReviewTargetTable;
  review_participant: ReviewParticipantTable;
  review_token: ReviewTokenTable;
  review_comment: ReviewCommentTable;
  review_finding: ReviewFindingTable;
  ballot: BallotTable;
  ballot_rating: BallotRatingTable;
  review_tally: ReviewTallyTable;
  paper_sheet: PaperSheetTable;
}
