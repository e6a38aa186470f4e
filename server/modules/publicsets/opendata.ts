/** Open data: a published set as .xlsx and .csv (UTF-8 with BOM, so Excel opens it in Chinese). */
import ExcelJS from 'exceljs';
import type { PublicItem } from '../../../common/contracts/publicsets.ts';

const HEADERS = ['序号', '任务', '牵头单位', '完成时限', '状态', '进度(%)', '序时进度(%)', '滞后原因'];
const row = (i: PublicItem, n: number) => [
  n + 1,
  i.text,
  i.leadUnit,
  i.dueDate ?? i.deadlineText ?? '长期坚持',
  i.status,
  i.progress,
  i.plannedProgress ?? '',
  i.lagReason ?? '',
];

export async function xlsx(title: string, items: PublicItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('进展情况');
  ws.addRow([title]).font = { bold: true, size: 14 };
  const h = ws.addRow(HEADERS);
  h.font = { bold: true };
  for (const [n, i] of items.entries()) ws.addRow(row(i, n));
  ws.columns = [6, 60, 20, 14, 10, 10, 12, 40].map((width) => ({ width }));
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cell = (v: string | number) => {
  const s = String(v);
  // Quote when needed; a leading =,+,-,@ is neutralized so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function csv(items: PublicItem[]): string {
  const lines = [HEADERS, ...items.map(row)].map((r) => r.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
