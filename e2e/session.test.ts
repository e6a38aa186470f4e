import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../server/lib/clock.ts';
import { launch, login, startServer, step, PASSWORD, type Browser, type Server } from './harness.ts';

let s: Server;
let b: Browser;
const clock = new ManualClock('2026-03-02T01:00:00.000Z');
beforeAll(async () => {
  s = await startServer({ clock });
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

test('after the session times out, the next action leads to login and then back to the same page', async () => {
  const { page } = b;
  await step(page, 'session-expiry', async () => {
    await login(page, s.base, 'zzb');
    await page.waitForURL(`${s.base}/`);
    await page.goto(`${s.base}/members?q=zsm`);
    await page.getByText('共 1 名党员').waitFor();

    clock.advance(31 * 60_000); // idle timeout is 30 minutes
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    await page.waitForURL(/\/login\?redirect=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('redirect')!)).toBe('/members?q=zsm');
    await page.locator('.ant-alert').getByText('登录已超时,请重新登录').waitFor();

    await page.getByLabel('用户名').fill('zzb');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${s.base}/members?q=zsm`);
    await page.getByText('共 1 名党员').waitFor();

    // The same after a reload of an expired page.
    clock.advance(31 * 60_000);
    await page.reload();
    await page.waitForURL(/\/login\?redirect=/);
    await page.locator('.ant-alert').getByText('登录已超时,请重新登录').waitFor();
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('redirect')!)).toBe('/members?q=zsm');
  });
  expect(b.errors).toEqual([]);
});
