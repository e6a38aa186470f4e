/** Helpers shared by the supervision tests (multipart bodies, reading generated files). */
import ExcelJS from 'exceljs';
import type { Client } from '../../test/harness.ts';

export function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----luoshi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(c: Client, url: string, fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
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
