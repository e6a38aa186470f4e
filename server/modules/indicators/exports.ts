/**
 * Files of 指标调度: the 调度 table in the office's layout (.xlsx, merged headers 指标 / 目标 /
 * 本月 / 累计 / 增速 / 序时进度 / 排名) and the grid template a unit fills offline and uploads.
 */
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { fmtPeriod, grid, save } from './grid.service.ts';
import { cockpit, ranking } from './views.service.ts';

const PACE_TEXT: Record<string, string> = { 提前: '提前', 按序时: '按序时', 滞后: '滞后' };
const LIGHT_FILL: Record<string, string> = { green: 'FFC6EFCE', yellow: 'FFFFEB9C', red: 'FFFFC7CE' };
const dash = (v: number | null | undefined) => (v == null ? '—' : v);

export async function dispatchXlsx(ctx: Ctx, actor: Actor, q: { period: string; orgId?: number }) {
  const c = await cockpit(ctx, actor, q);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('调度表');
  ws.columns = [
    { width: 26 },
    { width: 18 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 10 },
    { width: 10 },
    { width: 10 },
    { width: 9 },
    { width: 8 },
    { width: 8 },
  ];
  ws.mergeCells('A1:K1');
  ws.getCell('A1').value = `${c.orgName}主要经济指标调度表(${fmtPeriod(c.period)},序时进度 ${c.elapsed}%)`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  // Two header rows: single headers span both rows, 序时进度 and 排名 have sub-columns.
  const h1 = ['指标', '单位', '目标', '本月', '累计', '增速(%)', '序时进度', '', '', '排名', ''];
  const h2 = ['', '', '', '', '', '', '完成率(%)', '序时(%)', '状态', '名次', '升降'];
  ws.addRow(h1);
  ws.addRow(h2);
  for (const col of ['A', 'B', 'C', 'D', 'E', 'F']) ws.mergeCells(`${col}2:${col}3`);
  ws.mergeCells('G2:I2');
  ws.mergeCells('J2:K2');
  for (const r of [2, 3])
    ws.getRow(r).eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      cell.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  for (const i of c.items) {
    const row = ws.addRow([
      `${i.name}(${i.unit})`,
      c.orgName,
      dash(i.target),
      dash(i.value),
      dash(i.cumValue),
      dash(i.growth),
      dash(i.completion),
      c.elapsed,
      i.pace ? PACE_TEXT[i.pace] : '—',
      '—',
      '',
    ]);
    row.font = { bold: true };
    if (i.light) row.getCell(9).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[i.light] } };
    const r = await ranking(ctx, actor, i.indicatorId, q);
    for (const u of r.items) {
      const ur = ws.addRow([
        '',
        u.orgName,
        '',
        '',
        dash(u.cumValue),
        '',
        dash(u.completion),
        c.elapsed,
        u.pace ?? '—',
        dash(u.rank),
        u.rankChange == null
          ? ''
          : u.rankChange > 0
            ? `↑${u.rankChange}`
            : u.rankChange < 0
              ? `↓${-u.rankChange}`
              : '—',
      ]);
      if (u.light) ur.getCell(9).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[u.light] } };
    }
  }
  return { fileName: `${c.orgName}指标调度表-${c.period}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** The grid as a sheet: column A holds the indicator id (hidden), C is where figures go. */
export async function templateXlsx(ctx: Ctx, actor: Actor, orgId: number, period: string) {
  const g = await grid(ctx, actor, orgId, period);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('填报');
  ws.columns = [
    { header: '编号', key: 'id', width: 8 },
    { header: '指标', key: 'name', width: 30 },
    { header: '本月数值', key: 'value', width: 14 },
    { header: '计量单位', key: 'unit', width: 10 },
    { header: '上期数值', key: 'last', width: 12 },
    { header: '说明(变化较大时必填)', key: 'note', width: 36 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of g.rows)
    ws.addRow({ id: r.indicatorId, name: r.name, value: r.value, unit: r.unit, last: r.lastValue, note: r.note ?? '' });
  return { fileName: `${g.orgName}指标填报-${period}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** Reads an uploaded template and saves it through the same checks as the grid. */
export async function uploadXlsx(ctx: Ctx, actor: Actor, orgId: number, period: string, buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw badRequest('FILE_INVALID', '无法读取该文件,请上传从本系统下载的 .xlsx 填报模板');
  }
  const ws = wb.worksheets[0];
  if (!ws || String(ws.getCell('A1').value) !== '编号' || String(ws.getCell('C1').value) !== '本月数值')
    throw badRequest('FILE_INVALID', '表头不符,请使用从本系统下载的填报模板');
  const values: { indicatorId: number; value: number | string | null; note: string | null }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const id = Number(row.getCell(1).value);
    if (!Number.isInteger(id) || id < 1) return;
    const raw = row.getCell(3).value;
    const v =
      raw == null
        ? null
        : typeof raw === 'number'
          ? raw
          : typeof raw === 'object' && 'result' in raw
            ? (raw.result as number)
            : String(raw);
    const note = row.getCell(6).value;
    values.push({ indicatorId: id, value: v, note: note == null || note === '' ? null : String(note) });
  });
  return save(ctx, actor, orgId, period, { values });
}
