/** Helpers shared by the supervision tests (multipart bodies, reading generated files). */
import ExcelJS from 'exceljs';
import type { Client } from '../../test/harness.ts';

export function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----luoshi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(
  c: Client,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; data: Buffer; type?: string },
) {
  const m = multipart(fields, file);
  return c.request('POST', url, m.body, m.headers);
}

/** All cell texts of the first sheet, row by row. */
export async function xlsxRows(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as any[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

export const DOC_TEXT =
  '一、甲镇要在月底前完成村级活动场所排查。二、乙镇要完成党员信息采集。三、县财政局要落实专项资金。四、甲镇要推进人居环境整治。';

/** Creates a document dated `date` and publishes one task per row (passages are consecutive slices). */
export async function publish(
  c: Client,
  date: string,
  rows: { leadOrgId: number; coOrgIds?: number[]; dueDate?: string | null; text?: string }[],
) {
  // Every fixture meeting reuses one text: confirm the repeat (a real office gets a 409 warning first).
  const doc = await c.post('/api/documents', { title: '测试会议', date, text: DOC_TEXT, allowDuplicate: true });
  if (doc.status !== 201) throw new Error(JSON.stringify(doc.body));
  const tasks = rows.map((r, i) => ({
    text: r.text ?? `任务${i + 1}:${DOC_TEXT.slice(i * 10, i * 10 + 10)}`,
    start: i * 10,
    end: i * 10 + 10,
    leadOrgId: r.leadOrgId,
    coOrgIds: r.coOrgIds ?? [],
    dueDate: r.dueDate === undefined ? null : r.dueDate,
    targets: [],
  }));
  const p = await c.post(`/api/documents/${doc.body.id}/publish`, { tasks });
  if (p.status !== 200) throw new Error(JSON.stringify(p.body));
  return { documentId: doc.body.id as number, taskIds: p.body.taskIds as number[] };
}

/** Moves the clock and logs the clients in again (sessions expire after 30 idle minutes). */
export async function advanceDays(clock: { advance(ms: number): void }, days: number, clients: Record<string, Client>) {
  clock.advance(days * 86_400_000);
  const { PASSWORD } = await import('../../test/fixtures.ts');
  for (const [u, c] of Object.entries(clients)) await c.login(u, PASSWORD);
}

/** The text of a .docx answer (paragraphs and table cells), for content and leak checks. */
export async function docxText(raw: Buffer) {
  const mammoth = await import('mammoth');
  return (await mammoth.default.extractRawText({ buffer: raw })).value;
}
