// 分工 tables written as text: a header row (工作任务 / 牵头单位 / 配合单位 / 完成时限 …) followed by rows whose cells are
// separated by tabs, "|" or runs of spaces (also what the CLI makes of .docx tables). Each row is one task.
import type { Paragraph, Span } from './segment.ts';

export interface TableRow {
  para: number;
  task: Span;
  lead?: Span;
  coop?: Span;
  due?: Span;
}

const COLS: Record<'task' | 'lead' | 'coop' | 'due', RegExp> = {
  task: /^(?:工作任务|重点任务|任务内容|具体任务|主要任务|工作内容|任务名称|重点工作|工作事项|主要内容|目标任务|工作措施|具体措施|任务举措|改革举措|重点事项)$/,
  lead: /^(?:牵头单位|牵头部门|责任单位|责任部门|主责单位|负责单位|牵头领导及单位|责任主体)$/,
  coop: /^(?:配合单位|配合部门|协办单位|参与单位|协同单位)$/,
  due: /^(?:完成时限|完成时间|时间节点|时限要求|完成期限|进度安排|时间安排)$/,
};

/** Cells of one line: split at tabs or "|" (keeping empty cells), else at runs of 2+ spaces. */
function cells(norm: string, p: Span): Span[] {
  const line = norm.slice(p.start, p.end);
  const sep = /[\t|｜]/.test(line) ? /[\t|｜]/g : / {2,}/g;
  const out: Span[] = [];
  let from = 0;
  for (let m = sep.exec(line); m; m = sep.exec(line)) {
    out.push(trimSpan(line, from, m.index, p.start));
    from = m.index + m[0].length;
  }
  out.push(trimSpan(line, from, line.length, p.start));
  // a leading/trailing "|" of markdown tables makes empty edge cells
  if (/^\s*[|｜]/.test(line)) out.shift();
  if (/[|｜]\s*$/.test(line)) out.pop();
  return out;
}
function trimSpan(line: string, a: number, b: number, off: number): Span {
  while (a < b && /\s/.test(line[a])) a++;
  while (b > a && /\s/.test(line[b - 1])) b--;
  return { start: off + a, end: off + b };
}

/** Rows of every 分工 table in the document, with the paragraph index each row occupies. */
export function findTableRows(norm: string, paras: Paragraph[]): TableRow[] {
  const rows: TableRow[] = [];
  for (let i = 0; i < paras.length; i++) {
    const head = cells(norm, paras[i]);
    if (head.length < 3) continue;
    const names = head.map((c) => norm.slice(c.start, c.end).replace(/\s/g, ''));
    const col = (k: keyof typeof COLS) => names.findIndex((n) => COLS[k].test(n));
    const task = col('task'),
      lead = col('lead'),
      coop = col('coop'),
      due = col('due');
    if (task < 0 || (lead < 0 && due < 0)) continue;
    let j = i + 1;
    for (; j < paras.length; j++) {
      const c = cells(norm, paras[j]);
      if (c.length < 2 || c.length > head.length + 1) break; // the table ended
      const off = c.length === head.length + 1 ? 1 : 0; // tolerate one unlabeled leading column
      const at = (k: number) => (k >= 0 && c[k + off] && c[k + off].end > c[k + off].start ? c[k + off] : undefined);
      const t = at(task);
      if (!t || /^[-:—=\s\d.]*$/.test(norm.slice(t.start, t.end))) continue; // markdown rule rows, stray numbers
      const tEnd = /[。;.]$/.test(norm.slice(t.start, t.end)) ? t.end - 1 : t.end;
      rows.push({ para: j, task: { start: t.start, end: tEnd }, lead: at(lead), coop: at(coop), due: at(due) });
    }
    i = j - 1;
  }
  return rows;
}
