/** Builds import files from the server's own template, the way a user would fill it in Excel. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Client } from '../server/test/harness.ts';
import { PASSWORD, makeId } from '../server/test/fixtures.ts';
import type { Server } from './harness.ts';

/**
 * A members sheet with one good row and three bad ones (bad ID checksum, no name, unknown branch
 * code), with the template's own header row. (Loading the template itself with exceljs takes
 * seconds because of its per-cell dropdowns, so only its header is reused.)
 */
export async function makeBadMembersSheet(s: Server): Promise<string> {
  const c = await new Client(s.t.app).login('zzb', PASSWORD);
  const r = await c.get('/api/import/templates/members');
  if (r.status !== 200) throw new Error(`下载模板失败:${r.status} ${JSON.stringify(r.body)}`);
  return badMembersSheet(r.raw, ['TA01', 'TA02']);
}

/** The sheet itself, from a template file and two branch codes that exist in the caller's scope. */
export async function badMembersSheet(template: Buffer, [b1, b2]: [string, string]): Promise<string> {
  const header = await templateHeader(template);
  for (const h of ['姓名', '身份证号', '所在支部编码', '正式/预备', '党员类别'])
    if (!header.some((x) => x.replace(/[*＊\s]/g, '') === h)) throw new Error(`模板缺少列「${h}」`);
  const good = makeId('1990-03-04', 611, '男');
  const badCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
  const rows: Record<string, string>[] = [
    { 姓名: '周新华', 身份证号: good, 所在支部编码: b1, '正式/预备': '正式', 党员类别: '在职' },
    { 姓名: '吴错号', 身份证号: badCheck, 所在支部编码: b1, '正式/预备': '正式', 党员类别: '在职' },
    { 姓名: '', 身份证号: makeId('1991-05-06', 612, '女'), 所在支部编码: b2, '正式/预备': '预备', 党员类别: '在职' },
    {
      姓名: '郑无支',
      身份证号: makeId('1992-07-08', 613, '男'),
      所在支部编码: 'NOPE99',
      '正式/预备': '正式',
      党员类别: '流动',
    },
  ];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员');
  ws.addRow(header);
  for (const v of rows) ws.addRow(header.map((h) => v[h.replace(/[*＊\s]/g, '')] || null));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-sheet-')), '党员导入.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** The first row of the template's first sheet, read with the streaming reader (fast). */
async function templateHeader(buf: Buffer): Promise<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
  } as any);
  for await (const ws of reader as any) {
    for await (const row of ws) {
      const values = (row.values as unknown[])
        .slice(1)
        .map((v: any) =>
          v == null
            ? ''
            : typeof v === 'object' && v.richText
              ? v.richText.map((t: any) => t.text).join('')
              : String(v),
        );
      if (values.some(Boolean)) return values;
    }
  }
  throw new Error('模板为空');
}
