import { afterAll, beforeAll, expect, test } from 'vitest';
import { step, type Browser, type Server, startLoggedIn } from './harness.ts';

let s: Server;
let b: Browser;
beforeAll(async () => {
  ({ s, b } = await startLoggedIn('town-a'));
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

test('a township secretary (town-a) sees 甲镇 and below, never 乙镇', async () => {
  const { page } = b;
  await step(page, 'scope', async () => {
    await page.getByText('甲镇党委').first().waitFor(); // home: scope
    await page.goto(`${s.base}/orgs`);
    const tree = page.locator('.ant-tree');
    await tree.getByText('甲镇东村党支部').waitFor();
    expect(await tree.getByText('示范县委').count()).toBe(0);
    expect(await tree.getByText(/乙镇/).count()).toBe(0);
    // Not even by typing the other township's id into the address bar.
    await page.goto(`${s.base}/orgs?id=${s.county.orgs.townB}`);
    await page.locator('.ant-alert-error').waitFor();
    expect(await page.getByText('乙镇党委').count()).toBe(0);

    await page.goto(`${s.base}/members`);
    await page.getByText('共 3 名党员').waitFor();
    await page.getByLabel('搜索党员').fill('赵四海');
    await page.getByLabel('搜索党员').press('Enter');
    await page.locator('.ant-table-placeholder .ant-empty').waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(0);
    expect(await page.getByText('赵四海').count()).toBe(0);
  });
  expect(b.errors).toEqual([]);
});
