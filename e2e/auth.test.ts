import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, login, startServer, step, type Browser, type Server } from './harness.ts';
import { insertUser } from '../server/test/fixtures.ts';

let s: Server;
let b: Browser;
beforeAll(async () => {
  s = await startServer();
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

test('login shows the home page with scope, side menu and user menu; wrong password shows the server message', async () => {
  const { page } = b;
  await step(page, 'login', async () => {
    await login(page, s.base, 'zzb', 'Wrong@pass1');
    await expect(page.getByText('用户名或密码错误').first().waitFor()).resolves.toBeUndefined();
    await page.getByLabel('密码', { exact: true }).fill('Test@pass1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${s.base}/`);
    await page.getByText('您好,zzb').waitFor();
    await page.getByText('管辖范围').first().waitFor();
    const menu = page.locator('.ant-layout-sider');
    await menu.getByText('组织机构').waitFor();
    await menu.getByText('党员管理').waitFor();
    await menu.getByText('账号管理').waitFor();
    expect(await page.title()).toBe('首页 - 落实');
    // 修改密码 from the user menu, and back.
    await page.getByTestId('user-menu').click();
    await page.getByText('修改密码').click();
    await page.waitForURL(/\/change-password/);
    await page.getByLabel('原密码').waitFor();
    await page.getByRole('button', { name: /返\s*回/ }).click();
    await page.waitForURL(`${s.base}/`);
    // Logout through the user menu.
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/login$/);
  });
  expect(b.errors).toEqual([]);
});

test('a user whose password was reset must change it before anything else', async () => {
  const { page } = b;
  await insertUser(s.t.database.db, {
    username: 'reset-me',
    role: 'unit_admin',
    scopeOrgId: s.county.orgs.townA,
    mustChange: true,
  });
  await step(page, 'forced-password', async () => {
    await login(page, s.base, 'reset-me', undefined, '/login?redirect=%2Fmembers');
    await page.waitForURL(/\/change-password\?redirect=%2Fmembers/);
    await page.getByText('请先修改密码后再使用系统').waitFor();
    // Navigating away is not possible while the change is pending.
    await page.goto(`${s.base}/orgs`);
    await page.waitForURL(/\/change-password/);
    await page.getByLabel('当前密码(临时密码)').fill('Test@pass1');
    await page.getByLabel('新密码', { exact: true }).fill('Test@pass1');
    await page.getByLabel('确认新密码').fill('Test@pass1');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByText('新密码不能与原密码相同').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Better@pass22');
    await page.getByLabel('确认新密码').fill('Better@pass22');
    await page.getByRole('button', { name: '确认修改' }).click();
    // On to the page the user last asked for.
    await page.waitForURL(`${s.base}/orgs`);
    await page.locator('.ant-layout-sider').getByText('组织机构').waitFor();
  });
  const row = await s.t.database.db
    .selectFrom('app_user')
    .select('must_change_password')
    .where('username', '=', 'reset-me')
    .executeTakeFirstOrThrow();
  expect(row.must_change_password).toBe(0);
  expect(b.errors).toEqual([]);
});

test('unknown pages show 404, pages without permission 403, a page that fails to load the error page', async () => {
  const { page } = b;
  await step(page, 'errors', async () => {
    await b.ctx.clearCookies();
    await login(page, s.base, 'dcs');
    await page.waitForURL(`${s.base}/`);
    await page.goto(`${s.base}/no-such-page`);
    await page.getByText('页面不存在', { exact: true }).waitFor();
    await page.goto(`${s.base}/users`);
    await page.getByText('无权访问', { exact: true }).waitFor();
    // The menu of a 督查员 has no 账号管理 entry.
    expect(await page.locator('.ant-layout-sider').getByText('账号管理').count()).toBe(0);
    // A page whose code cannot be loaded (e.g. the server was upgraded meanwhile) shows the error page.
    await page.route('**/assets/OrgsPage-*.js', (r) => r.abort());
    await page.goto(`${s.base}/orgs`);
    await page.getByText('页面加载失败', { exact: true }).waitFor();
    await page.getByText('系统可能已更新,请刷新页面后重试。').waitFor();
    await page.unroute('**/assets/OrgsPage-*.js');
    await page.getByRole('button', { name: '刷新页面' }).click();
    await page.locator('.ant-tree').getByText('示范县委').waitFor();
  });
  expect(b.errors).toEqual([]);
});
