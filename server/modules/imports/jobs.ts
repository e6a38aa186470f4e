/**
 * Import jobs live in the database (`import_job`), so that with several app instances behind a
 * proxy any instance answers the poll and the error report. The instance running a job works on
 * an in-memory object (the import functions bump `processed` row by row) and writes it to its row
 * at most every FLUSH_MS, with a heartbeat. An instance that stops mid-import (restart, crash)
 * stops beating: a poll — on any instance — then finds the heart stale and reports the job failed.
 * Nothing of it was written, because an import is ONE transaction that the dead instance never
 * committed; the user simply uploads the file again.
 */
import { randomUUID } from 'node:crypto';
import type { ImportJob as ImportJobDto } from '../../../common/contracts/imports.ts';
import type { Ctx } from '../../context.ts';
import type { ImportJobStatus } from '../../db/schema/instances.ts';
import { AppError } from '../../lib/errors.ts';
import { fileTarget, putFile, readFile, removeFile } from '../../lib/files.ts';
import { INSTANCE, type Job } from '../../lib/jobs.ts';
import type { ImportKind } from './columns.ts';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** The running instance's working copy of a job. */
export interface ImportJob {
  id: string;
  kind: ImportKind;
  ownerId: number;
  /**
   * validating: the file is being read and checked (`processed` = rows checked of `total`);
   * importing: rows are being written (`processed` = rows written, not yet committed);
   * done: committed (`imported`); failed: nothing imported (`errors` and/or `message`).
   */
  status: ImportJobStatus;
  total: number;
  processed: number;
  imported: number;
  errors: RowError[];
  message?: string;
  fileName: string;
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
/** Progress reaches the row at most this often (a poll every second sees it move). */
const FLUSH_MS = 250;
/** A beat at least this often, even when nothing moved (one long INSERT …). */
const BEAT_MS = 5_000;
/** A running job whose last beat is older than this lost its instance. */
export const STALE_MS = 60_000;

export const INTERRUPTED = '导入中断:处理该任务的服务实例已重启或停止。导入是整批提交的,本次未导入任何数据,请重新上传';
const notFound = () => new AppError('IMPORT_JOB_NOT_FOUND', 404, '导入任务不存在或已过期(任务保留 1 小时)');
const running = (s: ImportJobStatus) => s === 'validating' || s === 'importing';
const reportName = (id: string) => `${id}.xlsx`;

/** Jobs running in this process, with the timer that writes them to their row. */
const live = new Map<string, { job: ImportJob; timer: NodeJS.Timeout; flushing: Promise<void> }>();
/** Bench access (no owner check): phase marks of a job this process ran. */
const finished = new Map<string, ImportJob>();
export const peekJob = (id: string) => live.get(id)?.job ?? finished.get(id);

const nowIso = (ctx: Ctx) => ctx.clock.now().toISOString();

function progressOf(job: ImportJob) {
  return {
    status: job.status,
    total: job.total,
    processed: job.processed,
    imported: job.imported,
    error_count: job.errors.length,
    message: job.message ?? null,
  };
}

/** A new job for `ownerId`; refused while the same user still has one running (on any instance). */
export async function createJob(ctx: Ctx, kind: ImportKind, ownerId: number, fileName: string): Promise<ImportJob> {
  const busy = await ctx.db
    .selectFrom('import_job')
    .select(['id', 'heartbeat_at'])
    .where('owner_id', '=', ownerId)
    .where('status', 'in', ['validating', 'importing'])
    .execute();
  const now = ctx.clock.now();
  if (busy.some((b) => now.getTime() - Date.parse(b.heartbeat_at) < STALE_MS))
    throw new AppError('IMPORT_BUSY', 409, '您还有一个导入任务正在进行,请等它完成后再上传');
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
    marks: {},
  };
  await ctx.db
    .insertInto('import_job')
    .values({
      id: job.id,
      kind,
      owner_id: ownerId,
      file_name: fileName.slice(0, 200),
      instance: INSTANCE,
      created_at: now.toISOString(),
      heartbeat_at: now.toISOString(),
      ...progressOf(job),
      errors: '[]',
    })
    .execute();
  let last = '';
  let beat = 0;
  let inFlight = false;
  const entry = {
    job,
    flushing: Promise.resolve(),
    timer: setInterval(() => {
      // On SQLite a write waits while the import's own transaction holds the writer: one queued
      // flush is enough (it writes the progress of its time), not one more every tick.
      if (inFlight) return;
      const p = JSON.stringify(progressOf(job));
      if (p === last && Date.now() - beat < BEAT_MS) return;
      last = p;
      beat = Date.now();
      inFlight = true;
      entry.flushing = entry.flushing
        .then(() =>
          ctx.db
            .updateTable('import_job')
            .set({ ...progressOf(job), heartbeat_at: nowIso(ctx) })
            .where('id', '=', job.id)
            .where('status', 'in', ['validating', 'importing'])
            .execute(),
        )
        .then(
          () => {},
          () => {}, // a lost beat is retried by the next tick; the final write is not lost (finishJob)
        )
        .finally(() => {
          inFlight = false;
        });
    }, FLUSH_MS),
  };
  entry.timer.unref();
  live.set(job.id, entry);
  return job;
}

/**
 * The job ended (done or failed): its final state goes to the row — with the uploaded file when an
 * error report can be asked for — and this process stops beating for it.
 */
export async function finishJob(ctx: Ctx, job: ImportJob, file?: Buffer) {
  const entry = live.get(job.id);
  if (entry) {
    clearInterval(entry.timer);
    await entry.flushing;
    live.delete(job.id);
  }
  finished.set(job.id, job);
  if (finished.size > 50) finished.delete(finished.keys().next().value as string);
  const kept = !!(file && job.errors.length);
  if (kept) await putFile(fileTarget(ctx), 'imports', reportName(job.id), file);
  await ctx.db
    .updateTable('import_job')
    .set({
      ...progressOf(job),
      errors: JSON.stringify(job.errors.slice(0, ERRORS_SHOWN)),
      report_json: kept ? JSON.stringify({ columns: [...(job.columns ?? [])], headerRow: job.headerRow ?? 1 }) : null,
      heartbeat_at: nowIso(ctx),
    })
    .where('id', '=', job.id)
    .execute();
}

/** A job refused before its header was accepted leaves nothing behind. */
export async function dropJob(ctx: Ctx, id: string) {
  const entry = live.get(id);
  if (entry) clearInterval(entry.timer);
  live.delete(id);
  await ctx.db.deleteFrom('import_job').where('id', '=', id).execute();
}

/** Only the user who uploaded the file can see its job; others get the same 404 as a missing one. */
async function jobRow(ctx: Ctx, id: string, ownerId: number) {
  const row = await ctx.db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
  const now = ctx.clock.now().getTime();
  if (!row || row.owner_id !== ownerId) throw notFound();
  if (!running(row.status) && now - Date.parse(row.created_at) > JOB_TTL_MS) throw notFound();
  if (running(row.status) && !live.has(id) && now - Date.parse(row.heartbeat_at) > STALE_MS) {
    // Its instance is gone. Conditional on the beat we saw: a late beat of a live instance wins.
    await ctx.db
      .updateTable('import_job')
      .set({ status: 'failed', message: INTERRUPTED })
      .where('id', '=', id)
      .where('heartbeat_at', '=', row.heartbeat_at)
      .execute();
    return ctx.db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }
  return row;
}

/** The poll: this process's live copy when it runs the job (fresher), the row otherwise. */
export async function jobStatus(ctx: Ctx, id: string, ownerId: number): Promise<ImportJobDto> {
  const mine = live.get(id)?.job;
  if (mine && mine.ownerId === ownerId) return jobDto(mine);
  const r = await jobRow(ctx, id, ownerId);
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    total: r.total,
    processed: r.processed,
    imported: r.imported,
    errorCount: r.error_count,
    errors: JSON.parse(r.errors),
    ...(r.message ? { message: r.message } : {}),
  };
}

/** What the error report needs: the uploaded file, where its columns were, and every error. */
export async function reportInput(ctx: Ctx, id: string, ownerId: number) {
  const r = await jobRow(ctx, id, ownerId);
  if (!r.error_count || !r.report_json) throw new AppError('NO_ERROR_REPORT', 404, '该导入任务没有错误报告');
  const meta = JSON.parse(r.report_json) as { columns: [string, number][]; headerRow: number };
  return {
    kind: r.kind,
    file: await readFile(fileTarget(ctx), 'imports', reportName(id)),
    columns: new Map(meta.columns),
    headerRow: meta.headerRow,
    errors: JSON.parse(r.errors) as RowError[],
  };
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

/**
 * Hourly: jobs past their hour are deleted with their kept files, and running jobs whose instance
 * stopped beating are marked failed (a poll does the same on demand).
 */
export const importJobsJob: Job<{ deleted: number; interrupted: number }> = {
  name: 'import-jobs',
  label: '清理过期的导入任务',
  everyMs: 3600_000,
  run: async (ctx, now) => {
    const stale = new Date(now.getTime() - STALE_MS).toISOString();
    const r = await ctx.db
      .updateTable('import_job')
      .set({ status: 'failed', message: INTERRUPTED })
      .where('status', 'in', ['validating', 'importing'])
      .where('heartbeat_at', '<', stale)
      .executeTakeFirst();
    const old = await ctx.db
      .selectFrom('import_job')
      .select(['id', 'report_json'])
      .where('created_at', '<', new Date(now.getTime() - JOB_TTL_MS).toISOString())
      .where('status', 'in', ['done', 'failed'])
      .execute();
    for (const o of old) {
      if (o.report_json) await removeFile(fileTarget(ctx), 'imports', reportName(o.id));
      await ctx.db.deleteFrom('import_job').where('id', '=', o.id).execute();
    }
    return { deleted: old.length, interrupted: Number(r.numUpdatedRows) };
  },
};
