/** The review table's working copy per document (migration 202612041030_review_draft). */
export interface DocumentReviewDraftTable {
  document_id: number;
  version: number;
  /** JSON: { rows, taught, warnings } as common/contracts/review-draft.ts describes them */
  data: string;
  saved_by: number;
  saved_at: string;
}

export interface ReviewDraftDB {
  document_review_draft: DocumentReviewDraftTable;
}
