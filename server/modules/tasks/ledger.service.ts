/**
 * Generated ledgers (nobody types them): the 任务分解表 (.xlsx, grouped by document), one task's
 * progress history (.xlsx) and the 督办单 (.docx) for a red task, addressed to its lead unit.
 */
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { LedgerQuery, TaskLedger } from '../../../common/contracts/supervision.ts';
import { datedFileName } from '../../lib/filename.ts';
import * as D from '../../lib/official-docx.ts';
import { cnDate, officialDocx } from '../../lib/official-docx.ts';
import { LIGHTS, TASK_STATUSES } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { ensureFresh } from './lights.ts';
import type { OutFile } from '../../lib/http.ts';
import { notify, sendWebhook } from '../../lib/notify.ts';
import { filtered } from './list.service.ts';
import { coOrgsOf, isOverdue } from './tasks.service.ts';
import { visibleTask } from './tasks.policy.ts';
import { short } from './workflow.service.ts';

export const LEDGER_HEADERS = [
  '序号',
  '工作任务',
  '牵头单位',
  '配合单位',
  '责任领导',
  '完成时限',
  '进展情况',
  '状态',
] as const;

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

const MAX_ROWS = 20000;

/**
 * The 督查台账 of the caller's scope with the list's filters, grouped by source document (newest
 * first, passages in reading order): one shape for the print view, the .xlsx and the .docx.
 */
export async function ledger(ctx: Ctx, actor: Actor, f: LedgerQuery): Promise<TaskLedger> {
  const { q, today } = await filtered(ctx, actor, f);
  const rows = await q
    .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .leftJoin('document as d', 'd.id', 't.document_id')
    .selectAll('t')
    .select(['lo.name as lead_name', 'd.title as doc_title', 'd.doc_date as doc_date'])
    .orderBy('d.doc_date', 'desc')
    .orderBy('t.document_id')
    .orderBy('t.passage_start')
    .orderBy('t.id')
    .limit(MAX_ROWS + 1)
    .execute();
  const truncated = rows.length > MAX_ROWS;
  if (truncated) rows.pop();
  const co = await coOrgsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const latest = new Map<number, { percent: number; text: string; created_at: string }>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const reps = await ctx.db
      .selectFrom('task_report')
      .select(['task_id', 'percent', 'text', 'created_at', 'id'])
      .where('task_id', 'in', ids)
      .orderBy('id')
      .execute();
    for (const r of reps) latest.set(r.task_id, r);
  }
  const groups: TaskLedger['groups'] = [];
  let n = 0;
  for (const r of rows) {
    const source = r.doc_title ? `${r.doc_title}(${cnDate(r.doc_date)})` : '其他任务(未关联文件)';
    if (groups.at(-1)?.source !== source) groups.push({ source, rows: [] });
    const rep = latest.get(r.id);
    const overdue = isOverdue(r, today);
    groups.at(-1)?.rows.push({
      seq: ++n,
      id: r.id,
      text: r.text,
      leadOrg: r.lead_name,
      coOrgs: (co.get(r.id) ?? []).map((c) => c.name).join('、'),
      leader: r.leader,
      deadline: r.due_date
        ? `${cnDate(r.due_date)}${r.deadline_text ? `(${r.deadline_text})` : ''}`
        : (r.deadline_text ?? '长期'),
      progress: rep ? `${rep.percent}% ${rep.text}(${cnDate(localDate(new Date(rep.created_at)))})` : '未报送',
      status: TASK_STATUSES[r.status] + (overdue ? '(逾期)' : ''),
      overdue,
      light: r.light,
    });
  }
  return { statDate: today, truncated, groups };
}

/** 任务分解表 (.xlsx) of the caller's scope with the list's filters, grouped by source document. */
export async function ledgerXlsx(ctx: Ctx, actor: Actor, f: LedgerQuery): Promise<OutFile> {
  const l = await ledger(ctx, actor, f);
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  const ws = wb.addWorksheet('任务分解表', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [
    { width: 6 },
    { width: 60 },
    { width: 18 },
    { width: 22 },
    { width: 10 },
    { width: 14 },
    { width: 40 },
    { width: 12 },
  ];
  ws.mergeCells(1, 1, 1, 8);
  const title = ws.getCell(1, 1);
  title.value = '重点工作任务分解表';
  title.font = { size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  ws.addRow([`统计日期:${cnDate(l.statDate)}`]);
  const head = ws.addRow([...LEDGER_HEADERS]);
  head.eachCell((c) => {
    c.font = { bold: true };
    c.border = border;
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  for (const g of l.groups) {
    const gr = ws.addRow([`来源:${g.source}`]);
    ws.mergeCells(gr.number, 1, gr.number, 8);
    gr.getCell(1).font = { bold: true };
    gr.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    for (const r of g.rows) {
      const row = ws.addRow([
        r.seq,
        r.text,
        r.leadOrg,
        r.coOrgs,
        r.leader ?? '',
        r.deadline,
        r.progress,
        `${r.status} ${LIGHTS[r.light]}`,
      ]);
      row.eachCell((c) => {
        c.border = border;
        c.alignment = { wrapText: true, vertical: 'top' };
      });
    }
  }
  return {
    fileName: datedFileName('任务分解表', 'xlsx', ctx.clock.now()),
    data: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

/** 督查台账 (.docx, A4 landscape): the same rows as the print view. */
export async function ledgerDocx(ctx: Ctx, actor: Actor, f: LedgerQuery): Promise<OutFile> {
  const l = await ledger(ctx, actor, f);
  const rows = l.groups.flatMap((g) => [
    { group: `来源:${g.source}` },
    ...g.rows.map((r) => [
      String(r.seq),
      r.text,
      r.leadOrg,
      r.coOrgs,
      r.leader ?? '',
      r.deadline,
      r.progress,
      `${r.status}\n${LIGHTS[r.light]}`,
    ]),
  ]);
  const data = await officialDocx(
    '督查台账',
    [
      D.title('重点工作任务督查台账'),
      D.subtitle(`统计日期:${cnDate(l.statDate)}    共 ${l.groups.reduce((s, g) => s + g.rows.length, 0)} 项`),
      D.table(
        LEDGER_HEADERS.map((h, i) => [h, [3, 24, 9, 10, 6, 9, 22, 7][i]] as [string, number]),
        rows,
        { landscape: true },
      ),
    ],
    { landscape: true },
  );
  return { fileName: datedFileName('督查台账', 'docx', ctx.clock.now()), data };
}

/** One task's progress history: every report with its attachments' names, plus the log. */
export async function progressXlsx(ctx: Ctx, actor: Actor, id: number): Promise<OutFile> {
  const t = await visibleTask(ctx.db, actor, id);
  const reports = await ctx.db
    .selectFrom('task_report as r')
    .innerJoin('app_user as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.percent', 'r.text', 'r.created_at', 'u.display_name'])
    .where('r.task_id', '=', id)
    .orderBy('r.id')
    .execute();
  const atts = await ctx.db
    .selectFrom('task_attachment')
    .select(['report_id', 'file_name'])
    .where('task_id', '=', id)
    .execute();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('进展情况');
  ws.columns = [{ width: 6 }, { width: 20 }, { width: 10 }, { width: 60 }, { width: 14 }, { width: 30 }];
  ws.addRow([`任务 #${t.id}:${t.text}`]);
  ws.addRow([`牵头单位:${t.lead_name}  完成时限:${t.due_date ?? '长期'}  状态:${TASK_STATUSES[t.status]}`]);
  const h = ws.addRow(['序号', '报送时间', '进度', '进展情况', '报送人', '佐证材料']);
  h.font = { bold: true };
  ws.addRows(
    reports.map((r, i) => [
      i + 1,
      `${r.created_at.replace('T', ' ').slice(0, 19)} UTC`,
      `${r.percent}%`,
      r.text,
      r.display_name,
      atts
        .filter((a) => a.report_id === r.id)
        .map((a) => a.file_name)
        .join('、'),
    ]),
  );
  return { fileName: `任务${id}-进展情况.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** 督办单 for a red task: recorded in the task log and sent to the lead unit as a notification. */
export async function superviseOrder(ctx: Ctx, actor: Actor, id: number, note?: string): Promise<OutFile> {
  await ensureFresh(ctx);
  const { t, seq, reasons } = await ctx.db.transaction().execute(async (trx) => {
    const t = await visibleTask(trx, actor, id);
    if (t.light !== 'red')
      throw new AppError('TASK_NOT_RED', 400, `只有红灯任务才能下发督办单(当前为${LIGHTS[t.light]})`);
    const now = nowIso(ctx);
    const ev = await trx
      .insertInto('task_event')
      .values({ task_id: id, kind: 'supervise_order', text: note?.trim() || null, actor_id: actor.userId, at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const year = localDate(ctx.clock.now()).slice(0, 4);
    const { c } = await trx
      .selectFrom('task_event')
      .select((eb) => eb.fn.countAll<number>().as('c'))
      .where('kind', '=', 'supervise_order')
      .where('at', '>=', `${year}-01-01`)
      .where('id', '<=', ev.id)
      .executeTakeFirstOrThrow();
    const nid = await notify(trx, ctx, {
      orgId: t.lead_org_id,
      taskId: id,
      kind: 'supervise_order',
      message: `【督办单】任务 #${id}「${short(t.text)}」已列入督办,请按要求限期办结并报送情况`,
      dedupeKey: `supervise_order:${ev.id}`,
    });
    await audit(ctx, trx, actor, {
      action: 'task.supervise_order',
      entity: 'task',
      entityId: id,
      after: { seq: Number(c), note: note ?? null, notificationId: nid },
    });
    return { t, seq: Number(c), reasons: JSON.parse(t.light_reasons) as string[] };
  });
  await sendWebhook(ctx, [
    {
      id: 0,
      orgId: t.lead_org_id,
      taskId: id,
      kind: 'supervise_order',
      message: `【督办单】任务 #${id}「${short(t.text)}」`,
      dedupeKey: '',
      orgName: t.lead_name,
    },
  ]);
  const today = localDate(ctx.clock.now());
  const [y, m, d] = today.split('-');
  const p = (
    text: string,
    o: {
      bold?: boolean;
      size?: number;
      align?: (typeof AlignmentType)[keyof typeof AlignmentType];
      indent?: boolean;
    } = {},
  ) =>
    new Paragraph({
      alignment: o.align,
      indent: o.indent ? { firstLine: 640 } : undefined,
      spacing: { after: 120, line: 460 },
      children: [new TextRun({ text, bold: o.bold, size: o.size ?? 32, font: '仿宋' })],
    });
  const doc = new Document({
    creator: '落实',
    title: '督办单',
    sections: [
      {
        children: [
          p('督 办 单', { bold: true, size: 44, align: AlignmentType.CENTER }),
          p(`督办〔${y}〕${seq}号`, { align: AlignmentType.CENTER }),
          p(`${t.lead_name}:`),
          p(`经督查,你单位牵头承办的以下事项进展滞后,现予督办:`, { indent: true }),
          p(`督办事项:${t.text}`, { indent: true }),
          p(
            `完成时限:${t.due_date ?? '长期'}${t.deadline_text ? `(${t.deadline_text})` : ''};责任领导:${t.leader ?? '—'};当前进度:${t.progress}%。`,
            { indent: true },
          ),
          p(`存在问题:${reasons.join(';') || '进展滞后'}。`, { indent: true }),
          ...(note?.trim() ? [p(`督办要求:${note.trim()}`, { indent: true })] : []),
          p(
            '请你单位高度重视,逐项分析原因,明确责任人和完成时间,于收到本督办单后 3 个工作日内将办理情况书面报送督查室,并在系统中报送进展及佐证材料。',
            { indent: true },
          ),
          p(''),
          p('督查室', { align: AlignmentType.RIGHT }),
          p(`${y}年${Number(m)}月${Number(d)}日`, { align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return { fileName: `督办单-任务${id}.docx`, data: await Packer.toBuffer(doc) };
}
