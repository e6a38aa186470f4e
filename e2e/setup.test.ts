import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, login, startServer, step, type Browser, type Server } from './harness.ts';
import { bootstrapAdmin } from '../server/modules/auth/auth.service.ts';

let s: Server;
let b: Browser;
beforeAll(async () => {
  s = await startServer({ seed: false });
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

test('first run: the one-time /setup link creates the first administrator, who can then log in', async () => {
  const { page } = b;
  const boot = await bootstrapAdmin(s.t.app.ctx);
  expect(boot?.setupToken).toBeTruthy();
  await step(page, 'setup', async () => {
    await page.goto(`${s.base}/setup?token=wrong-token-123`);
    await page.getByLabel('管理员用户名').fill('chief');
    await page.getByLabel('密码', { exact: true }).fill('First@admin99');
    await page.getByLabel('确认密码').fill('First@admin99');
    await page.getByRole('button', { name: '创建系统管理员' }).click();
    await page.getByText(/初始化链接无效或已过期/).waitFor();

    await page.goto(`${s.base}/setup?token=${boot!.setupToken}`);
    await page.getByLabel('管理员用户名').fill('chief');
    await page.getByLabel('密码', { exact: true }).fill('First@admin99');
    await page.getByLabel('确认密码').fill('First@admin99');
    await page.getByRole('button', { name: '创建系统管理员' }).click();
    await page.getByText('系统管理员已创建').waitFor();
    await page.getByRole('button', { name: '前往登录' }).click();
    await login(page, s.base, 'chief', 'First@admin99');
    await page.waitForURL(`${s.base}/`);
    await page.getByText('您好,系统管理员').waitFor();
  });
  const u = await s.t.database.db
    .selectFrom('app_user')
    .select(['role'])
    .where('username', '=', 'chief')
    .executeTakeFirstOrThrow();
  expect(u.role).toBe('sysadmin');
  expect(b.errors).toEqual([]);
});
