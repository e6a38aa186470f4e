/**
 * Import jobs live in this process's memory: a restart loses the progress figures of running jobs
 * (and their error reports). That is acceptable because an import is ONE transaction: a job cut
 * short by a restart has imported nothing, and the user simply uploads the file again.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../lib/errors.ts';
import type { ImportJob as ImportJobDto } from '../../../common/contracts/imports.ts';
import type { ImportKind } from './columns.ts';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportJob {
  id: string;
  kind: ImportKind;
  ownerId: number;
  /**
   * validating: the file is being read and checked (`processed` = rows checked of `total`);
   * importing: rows are being written (`processed` = rows written, not yet committed);
   * done: committed (`imported`); failed: nothing imported (`errors` and/or `message`).
   */
  status: 'validating' | 'importing' | 'done' | 'failed';
  total: number;
  processed: number;
  imported: number;
  errors: RowError[];
  message?: string;
  fileName: string;
  createdAt: number;
  /** Kept only while an error report can be asked for. */
  file?: Buffer;
  /** Column key → 1-based column index in the uploaded sheet (for the error report). */
  columns?: Map<string, number>;
  /** Row number of the header in the uploaded sheet. */
  headerRow?: number;
  /** Why the job failed before any row was checked (the upload answers 400 with it). */
  failure?: AppError;
  /** performance.now() when each phase ended (benches read them; not part of the API). */
  marks: { read?: number; validated?: number; finished?: number };
}

export const JOB_TTL_MS = 60 * 60 * 1000;
/** How many errors the job endpoint returns; the error report carries all of them. */
export const ERRORS_SHOWN = 500;

const jobs = new Map<string, ImportJob>();

function sweep(nowMs: number) {
  for (const [id, j] of jobs)
    if (nowMs - j.createdAt > JOB_TTL_MS && j.status !== 'validating' && j.status !== 'importing') jobs.delete(id);
}

/** A new job for `ownerId`; refused while the same user still has one running. */
export function createJob(kind: ImportKind, ownerId: number, fileName: string, nowMs: number): ImportJob {
  sweep(nowMs);
  for (const j of jobs.values()) {
    if (j.ownerId === ownerId && (j.status === 'validating' || j.status === 'importing')) {
      throw new AppError('IMPORT_BUSY', 409, '您还有一个导入任务正在进行,请等它完成后再上传');
    }
  }
  const job: ImportJob = {
    id: randomUUID(),
    kind,
    ownerId,
    status: 'validating',
    total: 0,
    processed: 0,
    imported: 0,
    errors: [],
    fileName,
    createdAt: nowMs,
    marks: {},
  };
  jobs.set(job.id, job);
  return job;
}

export const dropJob = (id: string) => jobs.delete(id);
/** In-process access for benches (no owner check): phase marks of a job. */
export const peekJob = (id: string) => jobs.get(id);

/** Only the user who uploaded the file can see its job; others get the same 404 as a missing one. */
export function getJob(id: string, ownerId: number, nowMs: number): ImportJob {
  sweep(nowMs);
  const j = jobs.get(id);
  if (!j || j.ownerId !== ownerId)
    throw new AppError('IMPORT_JOB_NOT_FOUND', 404, '导入任务不存在或已过期(任务保留 1 小时)');
  return j;
}

export function jobDto(j: ImportJob): ImportJobDto {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    total: j.total,
    processed: j.processed,
    imported: j.imported,
    errorCount: j.errors.length,
    errors: j.errors.slice(0, ERRORS_SHOWN),
    ...(j.message ? { message: j.message } : {}),
  };
}
