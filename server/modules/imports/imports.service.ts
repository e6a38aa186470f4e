/**
 * Excel import as a background job: upload → (header checked synchronously: 400 for a bad file) →
 * 202 {jobId} → every row validated → all-or-nothing insert in one transaction. Progress is polled.
 */
import type { Ctx } from '../../context.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { sandboxOf } from '../../lib/sandbox.ts';
import { columnsOf, type ImportKind } from './columns.ts';
import { createJob, dropJob, finishJob, type ImportJob, jobStatus as readJob, reportInput } from './jobs.ts';
import { loadScopeOrgs } from './lookups.ts';
import { insertMembers, validateMemberRows } from './members.import.ts';
import { insertOrgs, validateOrgRows } from './orgs.import.ts';
import type { SheetRow } from './xlsx.ts';

/**
 * Starts an import. Resolves once a valid header and the first data row have been read: a file
 * that is not an .xlsx, is empty or lacks required columns is refused here (400, no job left
 * behind). The rest runs in the background; the caller polls the job.
 */
export async function startImport(ctx: Ctx, actor: Actor, kind: ImportKind, file: Buffer, fileName: string) {
  const job = await createJob(ctx, kind, actor.userId, fileName);
  let headerOk!: () => void;
  const headerChecked = new Promise<void>((resolve) => {
    headerOk = resolve;
  });
  // Accepted (202) once a valid header AND a first data row were read.
  const run = runJob(ctx, actor, job, file, () => headerOk());
  // Whichever comes first: the header passed (→ 202) or the job failed before it did (→ 400).
  const first = await Promise.race([headerChecked.then(() => 'header' as const), run.then(() => 'ended' as const)]);
  if (first === 'ended' && job.status === 'failed') {
    await dropJob(ctx, job.id);
    throw job.failure ?? badRequest('IMPORT_FAILED', job.message ?? '导入失败');
  }
  return { jobId: job.id };
}

/**
 * Reads the sheet in the parse sandbox (a worker with a capped heap; the zip is bounded before it
 * is read): the header (recognized there, see header.ts), then the rows in batches.
 */
async function readRows(ctx: Ctx, job: ImportJob, file: Buffer, onFirstRow: () => void): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  await sandboxOf(ctx.config).run(
    'xlsxSheet',
    { data: new Uint8Array(file.buffer, file.byteOffset, file.byteLength), kind: job.kind },
    {
      timeoutMs: 300_000,
      onProgress: (m: { header?: { columns: Map<string, number>; row: number }; rows?: SheetRow[] }) => {
        if (m.header) {
          job.columns = m.header.columns;
          job.headerRow = m.header.row;
        }
        if (m.rows) {
          for (const r of m.rows) rows.push(r);
          job.total = rows.length;
          if (rows.length === m.rows.length) onFirstRow();
        }
      },
    },
  );
  return rows;
}

async function runJob(ctx: Ctx, actor: Actor, job: ImportJob, file: Buffer, onFirstRow: () => void) {
  await work(ctx, actor, job, file, onFirstRow);
  // Refused before its header was accepted: startImport drops the job (its caller gets the 400).
  if (job.failure && !job.columns) return;
  try {
    await finishJob(ctx, job, job.errors.length ? file : undefined);
  } catch (e) {
    ctx.config.logLevel !== 'silent' && console.error('import job: final state not saved', e);
  }
}

async function work(ctx: Ctx, actor: Actor, job: ImportJob, file: Buffer, onFirstRow: () => void) {
  try {
    const rows = await readRows(ctx, job, file, onFirstRow);
    job.total = rows.length;
    job.marks.read = performance.now();
    const orgs = await loadScopeOrgs(ctx, actor);
    const cols = job.columns!;
    if (job.kind === 'members') {
      const { errors, ready } = await validateMemberRows(ctx, actor, rows, cols, orgs, job);
      if (errors.length) return fail(job, errors);
      job.marks.validated = performance.now();
      job.status = 'importing';
      job.processed = 0;
      job.imported = await insertMembers(ctx, actor, ready, job);
    } else {
      const { errors, ready } = await validateOrgRows(ctx, rows, cols, orgs, job);
      if (errors.length) return fail(job, errors);
      job.status = 'importing';
      job.processed = 0;
      job.imported = await insertOrgs(ctx, actor, ready, orgs, job);
    }
    job.status = 'done';
    job.marks.finished = performance.now();
  } catch (e) {
    job.status = 'failed';
    if (e instanceof AppError) {
      job.failure = e;
      job.message = e.message;
    } else if (/unique|duplicate/i.test(String((e as any)?.message))) {
      // Someone saved the same ID number or code between our check and our insert.
      job.message = '导入时发现身份证号或组织编码已被他人同时登记,本次未导入任何数据,请重新上传';
    } else {
      ctx.config.logLevel !== 'silent' && console.error('import job failed', e);
      job.message = '导入失败(服务器内部错误),本次未导入任何数据';
    }
  }
}

function fail(job: ImportJob, errors: ImportJob['errors']) {
  job.status = 'failed';
  job.errors = errors;
  job.message = `发现 ${errors.length} 处错误,未导入任何数据。请下载错误报告,修改后重新上传`;
}

/** Any instance answers: the job's row is in the database (jobs.ts). */
export const jobStatus = (ctx: Ctx, actor: Actor, id: string) => readJob(ctx, id, actor.userId);

/** The uploaded sheet itself, each bad cell filled red and a 错误说明 column listing the row's errors. */
export async function errorReport(ctx: Ctx, actor: Actor, id: string): Promise<Buffer> {
  const job = await reportInput(ctx, id, actor.userId);
  // The whole workbook is loaded to keep its formatting: in the sandbox, like every upload.
  const columnOf: [string, number][] = [];
  for (const c of columnsOf(job.kind)) {
    const n = job.columns.get(c.key);
    if (n) columnOf.push([c.header, n]);
  }
  const out = await sandboxOf(ctx.config).run(
    'xlsxErrorReport',
    {
      data: new Uint8Array(job.file.buffer, job.file.byteOffset, job.file.byteLength),
      headerRow: job.headerRow,
      columnOf,
      errors: job.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
    },
    { timeoutMs: 300_000 },
  );
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
