/** Helpers for the import/export tests: build sheets, upload them, wait for their jobs. */
import ExcelJS from 'exceljs';
import type { Client, Res } from '../../test/harness.ts';

export async function sheet(rows: unknown[][], opts: { name?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.name ?? 'Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const MEMBER_HEADER = [
  '*姓名',
  '性别',
  '民族',
  '*身份证号',
  '手机',
  '学历',
  '*所在支部编码',
  '入党日期',
  '转正日期',
  '*正式/预备',
  '*党员类别',
];
export const ORG_HEADER = ['*组织编码', '*组织名称', '简称', '*组织类型', '*上级组织编码', '排序号'];

/** POSTs a file as multipart/form-data field "file" (what a browser's FormData sends). */
export function upload(c: Client, url: string, file: Buffer, fileName = 'data.xlsx'): Promise<Res> {
  const boundary = `----luoshi${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

/** Polls a job until it is done or failed (bounded by the test timeout, no timing assertion). */
export async function waitJob(c: Client, jobId: string) {
  for (;;) {
    const r = await c.get(`/api/import/jobs/${jobId}`);
    if (r.status !== 200) throw new Error(`job ${jobId}: ${r.status} ${JSON.stringify(r.body)}`);
    if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
    await new Promise((res) => setTimeout(res, 20));
  }
}

export async function openXlsx(raw: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  return wb;
}
