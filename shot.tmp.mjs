import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3132';
const [user, pathsArg, w, h, prefix] = process.argv.slice(2);
const ctx = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await ctx.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
await page.goto(base + '/login');
await page.getByLabel('用户名').fill(user);
await page.getByLabel('密码', { exact: true }).fill('Luoshi@demo1');
await page.getByRole('button', { name: /登\s*录/ }).click();
await page.waitForURL(base + '/');
let i = 0;
for (const p of pathsArg.split(',')) {
  await page.goto(base + p);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/projects/${prefix}-${i++}.png`, fullPage: true });
}
await ctx.close();
