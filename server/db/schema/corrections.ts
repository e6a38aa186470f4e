export interface ExtractionCorrectionTable {
  id: import('kysely').Generated<number>;
  owner_org_id: number;
  document_id: number | null;
  /** CORRECTION_KINDS in common/enums.ts */
  kind: string;
  text: string;
  text_key: string;
  words_json: import('kysely').Generated<string>;
  dept_type: string | null;
  unit_org_id: number | null;
  created_by: number;
  created_at: string;
}

export interface CorrectionsDB {
  extraction_correction: ExtractionCorrectionTable;
}
