/** Files of the 标准化 work: score sheet, county ranking, 整顿 ledger (.xlsx), 公示 notice (.docx). */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import type { Actor } from '../../lib/scope.ts';
import { loadRound } from './rounds.service.ts';
import { listPlans } from './rectify.service.ts';
import { results } from './rounds.service.ts';
import { sheet } from './sheet.service.ts';

const cn = (d: string | null) => (d ? `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日` : '');

async function book(title: string, header: string[], rows: (string | number | null)[][], widths: number[]) {
  const wb = new ExcelJS.Workbook();
  // sheet names cannot hold / \ ? * [ ] : and are at most 31 characters
  const ws = wb.addWorksheet(title.replace(/[\\/?*[\]:]/g, '、').slice(0, 31));
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The branch's sheet, self and superior side by side (the paper 考评表 layout). */
export async function sheetXlsx(ctx: Ctx, actor: Actor, entryId: number) {
  const s = await sheet(ctx, actor, entryId);
  const rows = s.items.map((it) => [
    it.dimension,
    it.code,
    it.title,
    it.criterion,
    it.maxPoints,
    it.selfPoints,
    [
      ...it.evidence.map((e: { type: string; note: string }) => `${e.type}:${e.note}`),
      ...it.files.map((f) => `${f.type}:${f.fileName}(附件)`),
    ].join(';'),
    it.overrideReason,
    it.superiorPoints,
    it.superiorComment,
  ]);
  rows.push(['合计', '', '', '', s.totalPoints + s.bonusPoints, s.entry.selfScore, '', '', s.entry.superiorScore, '']);
  const buf = await book(
    `${s.entry.orgName} ${s.roundName} 评分表`,
    ['维度', '编号', '项目', '考评标准', '分值', '自评得分', '佐证材料', '调整理由', '初核得分', '初核意见'],
    rows,
    [12, 6, 18, 44, 6, 9, 30, 20, 9, 24],
  );
  return { buf, name: `${s.entry.orgName}评分表.xlsx` };
}

export async function rankingXlsx(ctx: Ctx, actor: Actor, roundId: number) {
  const r = await loadRound(ctx.db, actor, roundId);
  const res = await results(ctx, actor, roundId);
  const buf = await book(
    `${r.name} 排名`,
    ['排名', '党支部', '自评得分', '初核得分', '总分', '等次', '直接定级依据'],
    res.items.map((x) => [x.rank, x.orgName, x.selfScore, x.superiorScore, x.total, x.grade, x.directReason]),
    [6, 28, 10, 10, 10, 10, 30],
  );
  return { buf, name: `${r.name}排名.xlsx` };
}

export async function plansXlsx(ctx: Ctx, actor: Actor) {
  const p = await listPlans(ctx, actor);
  const buf = await book(
    '后进/软弱涣散党组织整顿台账',
    ['党支部', '列入依据', '联系领导', '列入日期', '问题数', '已验收', '状态', '摘帽日期'],
    p.items.map((x) => [
      x.orgName,
      x.basis,
      x.contactLeader,
      cn(x.startDate),
      x.items,
      x.accepted,
      x.status,
      cn(x.liftedDate),
    ]),
    [26, 36, 18, 16, 8, 8, 10, 16],
  );
  return { buf, name: '整顿台账.xlsx' };
}

/** The 公示 notice: results by grade, the window and where to object. */
export async function noticeDocx(ctx: Ctx, actor: Actor, roundId: number) {
  const r = await loadRound(ctx.db, actor, roundId);
  const res = await results(ctx, actor, roundId);
  const grades = [...new Set(res.items.map((x) => x.grade).filter((g): g is string => !!g))];
  const p = (t: string, o: { bold?: boolean; center?: boolean; size?: number } = {}) =>
    new Paragraph({
      alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { after: 120 },
      children: [new TextRun({ text: t, bold: o.bold, size: o.size ?? 28, font: 'FangSong' })],
    });
  const cell = (t: string) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, size: 24 })] })] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: ['序号', '党支部', '总分', '等次'].map(cell) }),
      ...res.items.map(
        (x, i) =>
          new TableRow({ children: [String(i + 1), x.orgName, String(x.total ?? ''), x.grade ?? ''].map(cell) }),
      ),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          p(`关于${r.name}结果的公示`, { bold: true, center: true, size: 36 }),
          p(
            `根据党支部建设标准化考评工作安排,经支部自评、上级党组织初核、县委组织部审定,${r.name}评定工作已完成。共评定党支部 ${res.items.length} 个,其中${grades
              .map((g) => `「${g}」${res.items.filter((x) => x.grade === g).length} 个`)
              .join('、')}。现予以公示。`,
          ),
          table,
          p(
            `公示期为 ${cn(r.publicity_start_date)} 至 ${cn(r.publicity_end_date)}(${r.objection_days} 个工作日)。公示期间如有异议,请向县委组织部反映,反映情况须实事求是。`,
          ),
          p('县委组织部', { center: false }),
          p(cn(localDate(ctx.clock.now()))),
        ],
      },
    ],
  });
  return { buf: await Packer.toBuffer(doc), name: `${r.name}公示.docx` };
}
