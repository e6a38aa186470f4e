/**
 * Takes screenshots of the main pages with headless Chromium (for docs/screenshots and for a human
 * to look at the UI). Not a test: `npx tsx e2e/shots.ts [outDir]` after `npm run build:web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launch, login, startServer } from './harness.ts';
import { seedMore } from './dev-seed.ts';
import { makeBadMembersSheet } from './sheets.ts';

const out = path.resolve(process.argv[2] ?? '/tmp/shots');
fs.mkdirSync(out, { recursive: true });
const s = await startServer();
await seedMore(s.t.database.db, s.county);
const b = await launch({ width: 1440, height: 900 });
const { page } = b;
const shot = async (name: string) => { await page.waitForTimeout(400); await page.screenshot({ path: path.join(out, `${name}.png`) }); console.log('saved', name); };
try {
  await page.goto(`${s.base}/login`);
  await shot('login');
  await login(page, s.base, 'zzb');
  await page.waitForURL(`${s.base}/`);
  await shot('home');
  await page.goto(`${s.base}/orgs?id=${s.county.orgs.townA}`);
  await page.getByText('全部下级组织').first().waitFor();
  await shot('org-tree');
  await page.goto(`${s.base}/members`);
  await page.getByText(/共 \d+ 名党员/).waitFor();
  await shot('member-table');
  await page.getByRole('button', { name: /新增党员/ }).click();
  await page.getByLabel('身份证号').fill('11010519491231002X');
  await page.waitForTimeout(300);
  await shot('member-form');
  await page.keyboard.press('Escape');
  await page.locator('.ant-table-row').first().getByText('查看').click();
  await page.getByText('组织关系转接记录').waitFor();
  await shot('member-drawer');
  await page.keyboard.press('Escape');
  if (process.env.SHOT_IMPORT !== '0') {
    const file = await makeBadMembersSheet(s);
    await page.locator('input[type=file]').first().setInputFiles(file);
    await page.getByTestId('import-errors').waitFor({ timeout: 30_000 });
    await shot('import-errors');
    await page.getByRole('button', { name: '关闭' }).click();
  }
  await page.goto(`${s.base}/transfers?box=all`);
  await shot('transfers');
  await page.goto(`${s.base}/users`);
  await page.getByText(/共 \d+ 个账号/).waitFor();
  await shot('users');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${s.base}/members`);
  await page.getByText(/共 \d+ 名党员/).waitFor();
  await shot('phone-members');
  if (b.errors.length) console.error('page errors:', b.errors);
} finally {
  await b.close();
  await s.close();
}
