/**
 * Member counts per branch (issue 19), kept by triggers (migration 202612060400_member_counts):
 * one row per (branch, status, category, member type) and the roll-ups with '' for "any" category
 * and/or "any" type, so a roster total with or without those filters is a sum over the subtree's
 * rows of ONE key — one row per branch for the unfiltered roster. Never written by the app.
 */
export interface MemberCountTable {
  org_id: number;
  /** The branch's path (copied like member.org_path): the subtree sum is an index range. */
  org_path: string;
  status: string;
  /** A MEMBER_CATEGORIES value, or '' for all categories. */
  category: string;
  /** A MEMBER_TYPES value, or '' for both. */
  member_type: string;
  n: number;
}

export interface MembersDB {
  member_count: MemberCountTable;
}
