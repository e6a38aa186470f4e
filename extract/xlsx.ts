// 任务分解表 as an Excel workbook: 序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限 / 目标指标 / 原文位置.
import ExcelJS from 'exceljs';
import type { Deadline, ExtractedTask } from './types.ts';

export function deadlineLabel(d: Deadline | null): string {
  if (!d) return '';
  if (d.kind === 'recurring') return `${d.text}(常态,周期性)`;
  if (d.kind === 'open') return `${d.text}(长期)`;
  if (!d.from && !d.to) return d.text;
  return `${d.text}(${d.from ?? '…'} 至 ${d.to ?? '…'})`;
}

/** Position of a task in the source: "第N行,字符 start–end" (line numbers count newlines of the original). */
export function positionLabel(source: string, t: ExtractedTask): string {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < t.start; i = source.indexOf('\n', i + 1)) line++;
  return `第${line}行,字符 ${t.start}–${t.end}`;
}

export async function writeXlsx(
  out: string,
  tasks: ExtractedTask[],
  source: string,
  title = '任务分解表',
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实 Luoshi';
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '工作任务', key: 'task', width: 60 },
    { header: '牵头单位', key: 'lead', width: 18 },
    { header: '配合单位', key: 'coop', width: 22 },
    { header: '完成时限', key: 'deadline', width: 22 },
    { header: '目标指标', key: 'targets', width: 20 },
    { header: '原文位置', key: 'pos', width: 20 },
  ];
  ws.addRows(
    tasks.map((t, i) => ({
      no: i + 1,
      task: t.text,
      lead: t.units.join('、'),
      coop: t.cooperating.join('、'),
      deadline: deadlineLabel(t.deadline),
      targets: t.targets.map((x) => x.text).join(';'),
      pos: positionLabel(source, t),
    })),
  );
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: 'middle', horizontal: 'center' };
  ws.eachRow((row, n) => {
    if (n > 1) row.alignment = { wrapText: true, vertical: 'top' };
  });
  ws.autoFilter = { from: 'A1', to: 'G1' };
  await wb.xlsx.writeFile(out);
}
