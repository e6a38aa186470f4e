export type ImportJobStatus = 'validating' | 'importing' | 'done' | 'failed';

/** An Excel import (modules/imports/jobs.ts): the poll reads this row, on whichever instance. */
export interface ImportJobTable {
  id: string;
  kind: 'orgs' | 'members';
  owner_id: number;
  status: ImportJobStatus;
  total: number;
  processed: number;
  imported: number;
  error_count: number;
  /** JSON [{row, column, message}], the first ERRORS_SHOWN. */
  errors: string;
  message: string | null;
  file_name: string;
  /** JSON {columns: [[key, col]], headerRow, kept}: what the error report needs. */
  report_json: string | null;
  /** The lease holder id (lib/jobs.ts INSTANCE) of the instance running it. */
  instance: string;
  created_at: string;
  heartbeat_at: string;
}

/** One piece (≤ 1 MB) of a stored file (lib/files.ts, PostgreSQL). */
export interface FileChunkTable {
  area: string;
  name: string;
  seq: number;
  data: Buffer;
}

export interface InstancesDB {
  import_job: ImportJobTable;
  file_chunk: FileChunkTable;
}
