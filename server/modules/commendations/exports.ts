/**
 * The 表彰名单 in the office's layout: 序号 / 类别 / 姓名(集体) / 单位 / 事迹摘要, grouped by
 * category in the order of the 表彰决定 — as .xlsx for the office and .docx for the 文件 annex.
 * Lists the 审定 nominations (拟表彰 while in 公示, the honours once published), in the caller's scope.
 */
import ExcelJS from 'exceljs';
import { COMMEND_CATEGORIES } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import * as D from '../../lib/official-docx.ts';
import type { Actor } from '../../lib/scope.ts';
import { loadRound, nominationRows } from './rounds.service.ts';

const SUMMARY_CHARS = 80;
const summary = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > SUMMARY_CHARS ? `${one.slice(0, SUMMARY_CHARS)}…` : one;
};

async function listOf(ctx: Ctx, actor: Actor, id: number) {
  const r = await loadRound(ctx.db, actor, id);
  const rows = (await nominationRows(ctx.db, id, r.canManage ? r.owner_path : actor.scopePath)).filter(
    (n) => n.status === '已审定',
  );
  const groups = COMMEND_CATEGORIES.map((cat) => ({ cat, rows: rows.filter((n) => n.category === cat) })).filter(
    (g) => g.rows.length,
  );
  const heading = r.status === '已发布' ? `${r.name}名单` : `${r.name}拟表彰名单`;
  return { r, groups, heading };
}

export async function listXlsx(ctx: Ctx, actor: Actor, id: number) {
  const { r, groups, heading } = await listOf(ctx, actor, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表彰名单');
  ws.columns = [{ width: 6 }, { width: 14 }, { width: 22 }, { width: 24 }, { width: 60 }];
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = heading;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = `${r.owner_name}${r.doc_no ? ` ${r.doc_no}` : ''}  ${D.cnDate(localDate(ctx.clock.now()))}`;
  ws.getCell('A2').alignment = { horizontal: 'center' };
  const head = ws.addRow(['序号', '类别', '姓名(集体)', '单位', '事迹摘要']);
  head.font = { bold: true };
  let i = 0;
  for (const g of groups)
    for (const n of g.rows) {
      const row = ws.addRow([++i, g.cat, n.subject_name, n.subject_unit, summary(n.deeds)]);
      row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
    }
  return { fileName: `${heading}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}

export async function listDocx(ctx: Ctx, actor: Actor, id: number) {
  const { r, groups, heading } = await listOf(ctx, actor, id);
  let i = 0;
  const rows = groups.flatMap((g) => [
    { group: `${g.cat}(${g.rows.length}${g.cat === '先进集体' ? '个' : '名'})` },
    ...g.rows.map((n) => [String(++i), g.cat, n.subject_name, n.subject_unit, summary(n.deeds)]),
  ]);
  const data = await D.officialDocx(heading, [
    D.title(heading),
    D.subtitle(`${r.owner_name}${r.doc_no ? ` ${r.doc_no}` : ''}  ${D.cnDate(localDate(ctx.clock.now()))}`),
    D.table(
      [
        ['序号', 1],
        ['类别', 2.2],
        ['姓名(集体)', 3],
        ['单位', 3.2],
        ['事迹摘要', 7],
      ],
      rows,
    ),
  ]);
  return { fileName: `${heading}.docx`, data };
}
