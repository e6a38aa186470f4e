import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, login, startServer, step, type Browser, type Server } from './harness.ts';

let s: Server;
let b: Browser;
beforeAll(async () => {
  s = await startServer();
  b = await launch({ width: 390, height: 844 });
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

test('on a phone (390×844): log in, open the menu, find a member, read the record; nothing overflows sideways', async () => {
  const { page } = b;
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await step(page, 'phone', async () => {
    await login(page, s.base, 'town-a');
    await page.waitForURL(`${s.base}/`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The side menu is folded into a drawer on narrow screens.
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.locator('.ant-drawer').getByText('党员管理').click();
    await page.waitForURL(/\/members/);
    await page.getByText('共 3 名党员').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByLabel('搜索党员').fill('zsm');
    await page.getByLabel('搜索党员').press('Enter');
    await page.getByText('共 1 名党员').waitFor();
    await page.locator('.ant-table-row').getByText('查看').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '党员档案' });
    await drawer.getByText('党员档案:张三明').waitFor();
    const box = await page.getByRole('dialog').filter({ hasText: '党员档案' }).boundingBox();
    expect(Math.round(box!.width)).toBeLessThanOrEqual(390); // subpixel layout: 390.00003 is 390
  });
  expect(b.errors).toEqual([]);
});
