import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { step, type Browser, type Server, startLoggedIn } from './harness.ts';
import { makeId } from '../server/test/fixtures.ts';

let s: Server;
let b: Browser;
beforeAll(async () => {
  ({ s, b } = await startLoggedIn('zzb'));
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

const rows = () => b.page.locator('.ant-table-tbody .ant-table-row');

test('find a member by pinyin initials (张三明 → zsm) and open the record', async () => {
  const { page } = b;
  await step(page, 'member-search', async () => {
    await page.goto(`${s.base}/members`);
    await page.getByText('共 5 名党员').waitFor();
    await page.getByLabel('搜索党员').fill('zsm');
    await page.getByLabel('搜索党员').press('Enter');
    await page.getByText('共 1 名党员').waitFor();
    expect(await rows().count()).toBe(1);
    await rows().first().getByText('张三明').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('党员档案:张三明').waitFor();
    await drawer.getByText('甲镇东村党支部').waitFor();
    await drawer.getByText('1980年05月06日').waitFor();
    // The full ID number is shown in the record (the list masks it).
    const full = await s.t.database.db
      .selectFrom('member')
      .select('id_number')
      .where('name', '=', '张三明')
      .executeTakeFirstOrThrow();
    await drawer.getByText(full.id_number).waitFor();
    await page.keyboard.press('Escape');
  });
  expect(b.errors).toEqual([]);
});

test('create a member: the ID number is checked live and fills birth date and sex', async () => {
  const { page } = b;
  await step(page, 'member-create', async () => {
    await page.goto(`${s.base}/members?orgId=${s.county.orgs.a2}`);
    await page.getByRole('button', { name: /新增党员/ }).click();
    const dlg = page.getByRole('dialog');
    const id = makeId('1988-09-17', 777, '女');
    await dlg.getByLabel('身份证号').fill(id.slice(0, 17) + (id[17] === '1' ? '2' : '1'));
    await dlg.getByText('身份证号校验位不正确,请核对').waitFor();
    await dlg.getByLabel('身份证号').fill(id);
    await dlg.getByText('已根据身份证号填入出生日期 1988年09月17日、性别 女').waitFor();
    expect(await dlg.getByLabel('出生日期').inputValue()).toBe('1988年09月17日');
    await dlg.getByLabel('姓名').fill('孙丽娟');
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('共 2 名党员').waitFor(); // 王建国 + the new one, in 甲镇西村党支部
    const m = await s.t.database.db
      .selectFrom('member')
      .selectAll()
      .where('name', '=', '孙丽娟')
      .executeTakeFirstOrThrow();
    expect([m.birth_date, m.gender, m.org_id, m.id_number]).toEqual(['1988-09-17', '女', s.county.orgs.a2, id]);
  });
  expect(b.errors).toEqual([]);
});

test('export downloads an xlsx of the current filter', async () => {
  const { page } = b;
  await step(page, 'member-export', async () => {
    await page.goto(`${s.base}/members?orgId=${s.county.orgs.a1}`);
    await page.getByText('共 2 名党员').waitFor();
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导\s*出/ }).click(),
    ]);
    expect(dl.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await dl.path();
    const buf = fs.readFileSync(file);
    expect(buf.subarray(0, 2).toString()).toBe('PK'); // a zip container, as every xlsx
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as any);
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain('张三明');
    expect(text).toContain('李晓红');
    expect(text).not.toContain('王建国'); // other branch: outside the filter
  });
  expect(b.errors).toEqual([]);
});

test('edit a member: the form comes prefilled (Chinese dates) and saves the change', async () => {
  const { page } = b;
  await step(page, 'member-edit', async () => {
    await page.goto(`${s.base}/members?q=lxh`);
    await page.getByText('共 1 名党员').waitFor();
    await rows().first().getByText('编辑').click();
    const dlg = page.getByRole('dialog').filter({ hasText: '编辑党员:李晓红' });
    await expect.poll(() => dlg.getByLabel('入党日期').inputValue()).toBe('2005年07月01日');
    await dlg.getByLabel('手机').fill('1390000');
    await dlg.getByText('手机号应为 11 位数字,以 13–19 开头').waitFor();
    await dlg.getByLabel('手机').fill('13900001111');
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await dlg.waitFor({ state: 'detached' });
    await rows().first().getByText('13900001111').waitFor();
  });
  const m = await s.t.database.db
    .selectFrom('member')
    .selectAll()
    .where('id', '=', s.county.members.mA2)
    .executeTakeFirstOrThrow();
  expect([m.phone, m.join_date, m.org_id]).toEqual(['13900001111', '2005-07-01', s.county.orgs.a1]);
  expect(b.errors).toEqual([]);
});
