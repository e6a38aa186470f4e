import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { step, type Browser, type Server, startLoggedIn } from './harness.ts';
import { makeBadMembersSheet } from './sheets.ts';

let s: Server;
let b: Browser;
beforeAll(async () => {
  ({ s, b } = await startLoggedIn('zzb'));
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

test('download the template; import a sheet with three bad rows: three errors listed, error report downloadable, nothing imported', async () => {
  const { page } = b;
  await step(page, 'import-errors', async () => {
    await page.goto(`${s.base}/members`);
    await page.getByText('共 5 名党员').waitFor();

    const [tpl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载导入模板/ }).click(),
    ]);
    expect(tpl.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      fs
        .readFileSync(await tpl.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const file = await makeBadMembersSheet(s);
    await page.locator('input[type=file]').setInputFiles(file);
    const box = page.getByTestId('import-errors');
    await box.waitFor({ timeout: 60_000 });
    await box.getByText('发现 3 处错误,本次未导入任何数据').waitFor();
    const errRows = box.locator('.ant-table-tbody tr.ant-table-row');
    expect(await errRows.count()).toBe(3);
    const cells = await errRows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(cells.map((c) => [c[0], c[1]])).toEqual([
      ['3', '身份证号'],
      ['4', '姓名'],
      ['5', '所在支部编码'],
    ]);

    const [rep] = await Promise.all([
      page.waitForEvent('download'),
      box.getByRole('button', { name: /下载错误报告/ }).click(),
    ]);
    expect(rep.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await rep.path()) as any);
    expect(JSON.stringify(wb.worksheets[0].getSheetValues())).toContain('错误说明');

    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await box.waitFor({ state: 'detached' });
  });
  // All-or-nothing: even the good row was not imported.
  const n = await s.t.database.db.selectFrom('member').select('id').where('name', '=', '周新华').execute();
  expect(n).toHaveLength(0);
  expect(b.errors).toEqual([]);
});
