/**
 * Takes screenshots of the main pages with headless Chromium (for docs/screenshots and for a human
 * to look at the UI). Not a test: `npx tsx e2e/shots.ts [outDir]` after `npm run build:web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launch, login, startServer, PASSWORD, type Server } from './harness.ts';
import { seedMore } from './dev-seed.ts';
import { badMembersSheet } from './sheets.ts';

// SHOT_BASE=http://127.0.0.1:3000 uses a running demo county (npm run demo) instead of a test server.
const out = path.resolve(process.argv[2] ?? '/tmp/shots');
fs.mkdirSync(out, { recursive: true });
const remote = process.env.SHOT_BASE;
let s: Server | null = null;
if (!remote) {
  s = await startServer();
  await seedMore(s.t.database.db, s.county);
}
const base = remote ?? s!.base;
const [user, password] = remote ? ['demo-zzb', 'Luoshi@demo1'] : ['zzb', PASSWORD];
const b = await launch({ width: 1366, height: 800 });
const { page } = b;
const shot = async (name: string) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  console.log('saved', name);
};
try {
  await page.goto(`${base}/login`);
  await shot('login');
  await login(page, base, user, password);
  await page.waitForURL(`${base}/`);
  await page.getByText(/党员总数/).waitFor();
  await shot('home');
  await page.goto(`${base}/orgs`);
  await page.locator('.ant-tree-node-content-wrapper').nth(1).click();
  await page.getByText('全部下级组织').first().waitFor();
  await shot('org-tree');
  await page.goto(`${base}/members`);
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
    const tpl = await page.request.get(`${base}/api/import/templates/members`);
    const branches = await (
      await page.request.get(`${base}/api/orgs?type=${encodeURIComponent('党支部')}&pageSize=2`)
    ).json();
    const file = await badMembersSheet(await tpl.body(), [branches.items[0].code, branches.items[1].code]);
    await page.locator('input[type=file]').first().setInputFiles(file);
    await page.getByTestId('import-errors').waitFor({ timeout: 30_000 });
    await shot('import-errors');
    await page.getByRole('button', { name: '关闭' }).click();
  }
  await page.goto(`${base}/transfers?box=all`);
  await page
    .getByText(/共 \d+ 条|暂无转接申请/)
    .first()
    .waitFor();
  await shot('transfers');
  await page.goto(`${base}/users`);
  await page.getByText(/共 \d+ 个账号/).waitFor();
  await shot('users');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/members`);
  await page.getByText(/共 \d+ 名党员/).waitFor();
  await shot('phone-members');
  if (b.errors.length) console.error('page errors:', b.errors);
} finally {
  await b.close();
  await s?.close();
}
