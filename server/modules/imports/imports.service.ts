/**
 * Excel import as a background job: upload → (header checked synchronously: 400 for a bad file) →
 * 202 {jobId} → every row validated → all-or-nothing insert in one transaction. Progress is polled.
 */
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { columnsOf, mapHeader, type ImportKind } from './columns.ts';
import { createJob, dropJob, getJob, jobDto, type ImportJob } from './jobs.ts';
import { loadScopeOrgs } from './lookups.ts';
import { insertMembers, validateMemberRows } from './members.import.ts';
import { insertOrgs, validateOrgRows } from './orgs.import.ts';
import { readSheet, type Cell } from './xlsx.ts';

/**
 * Starts an import. Resolves once a valid header and the first data row have been read: a file
 * that is not an .xlsx, is empty or lacks required columns is refused here (400, no job left
 * behind). The rest runs in the background; the caller polls the job.
 */
export async function startImport(ctx: Ctx, actor: Actor, kind: ImportKind, file: Buffer, fileName: string) {
  const job = createJob(kind, actor.userId, fileName, ctx.clock.now().getTime());
  let headerOk!: () => void;
  const headerChecked = new Promise<void>((resolve) => {
    headerOk = resolve;
  });
  // The header is the first of the leading 5 non-empty rows that has every required column (so a
  // title row above it is fine); if none has, the error names what the best candidate lacks.
  let best: { missing: string[]; found: number } | null = null;
  let seen = 0;
  const missingColumns = () => {
    const missing =
      best?.missing ??
      columnsOf(kind)
        .filter((c) => c.required)
        .map((c) => c.header);
    return badRequest('MISSING_COLUMNS', `缺少必填列:${missing.join('、')}(请使用导入模板的表头)`, { missing });
  };
  const onHeader = (header: Cell[], row: number) => {
    const { map, missing } = mapHeader(
      kind,
      header.map((h) => (h == null ? null : String(h))),
    );
    if (!missing.length) {
      job.columns = map;
      job.headerRow = row;
      return true;
    }
    if (!best || map.size > best.found) best = { missing, found: map.size };
    if (++seen < 5) return false;
    throw missingColumns();
  };
  const onNoHeader = () => {
    throw missingColumns();
  };
  // Accepted (202) once a valid header AND a first data row were read.
  const run = runJob(ctx, actor, job, file, { onHeader, onNoHeader }, () => headerOk());
  // Whichever comes first: the header passed (→ 202) or the job failed before it did (→ 400).
  const first = await Promise.race([headerChecked.then(() => 'header' as const), run.then(() => 'ended' as const)]);
  if (first === 'ended' && job.status === 'failed') {
    dropJob(job.id);
    throw job.failure ?? badRequest('IMPORT_FAILED', job.message ?? '导入失败');
  }
  return { jobId: job.id };
}

async function runJob(
  ctx: Ctx,
  actor: Actor,
  job: ImportJob,
  file: Buffer,
  hooks: { onHeader: (h: Cell[], row: number) => boolean; onNoHeader: () => void },
  onFirstRow: () => void,
) {
  try {
    const { rows } = await readSheet(file, {
      ...hooks,
      onRow: (n) => {
        job.total = n;
        if (n === 1) onFirstRow();
      },
    });
    job.total = rows.length;
    job.marks.read = performance.now();
    const orgs = await loadScopeOrgs(ctx, actor);
    const cols = job.columns!;
    if (job.kind === 'members') {
      const { errors, ready } = await validateMemberRows(ctx, rows, cols, orgs, job);
      if (errors.length) return fail(job, errors, file);
      job.marks.validated = performance.now();
      job.status = 'importing';
      job.processed = 0;
      job.imported = await insertMembers(ctx, actor, ready, job);
    } else {
      const { errors, ready } = await validateOrgRows(ctx, rows, cols, orgs, job);
      if (errors.length) return fail(job, errors, file);
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

function fail(job: ImportJob, errors: ImportJob['errors'], file: Buffer) {
  job.status = 'failed';
  job.errors = errors;
  job.file = file;
  job.message = `发现 ${errors.length} 处错误,未导入任何数据。请下载错误报告,修改后重新上传`;
}

export const jobStatus = (ctx: Ctx, actor: Actor, id: string) =>
  jobDto(getJob(id, actor.userId, ctx.clock.now().getTime()));

const BAD_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } as const;

/** The uploaded sheet itself, each bad cell filled red and a 错误说明 column listing the row's errors. */
export async function errorReport(ctx: Ctx, actor: Actor, id: string): Promise<Buffer> {
  const job = getJob(id, actor.userId, ctx.clock.now().getTime());
  if (!job.errors.length || !job.file) throw new AppError('NO_ERROR_REPORT', 404, '该导入任务没有错误报告');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(job.file as any);
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0) ?? wb.worksheets[0];
  const byHeader = new Map(columnsOf(job.kind).map((c) => [c.header, job.columns?.get(c.key)]));
  const headerRow = job.headerRow ?? 1;
  const noteCol = ws.columnCount + 1;
  const h = ws.getRow(headerRow).getCell(noteCol);
  h.value = '错误说明';
  h.font = { bold: true, color: { argb: 'FFC00000' } };
  ws.getColumn(noteCol).width = 60;
  const notes = new Map<number, string[]>();
  for (const e of job.errors) {
    const col = byHeader.get(e.column);
    if (col) ws.getRow(e.row).getCell(col).fill = BAD_FILL as any;
    notes.set(e.row, [...(notes.get(e.row) ?? []), `${e.column}:${e.message}`]);
  }
  for (const [row, msgs] of notes) {
    const c = ws.getRow(row).getCell(noteCol);
    c.value = msgs.join(';');
    c.font = { color: { argb: 'FFC00000' } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
