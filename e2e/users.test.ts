import { afterAll, beforeAll, expect, test } from 'vitest';
import { pickOption, step, type Browser, type Server, startLoggedIn } from './harness.ts';
import { verifyPassword } from '../server/lib/password.ts';

let s: Server;
let b: Browser;
beforeAll(async () => {
  ({ s, b } = await startLoggedIn('zzb'));
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

test('账号管理: create an account scoped to a township; reset a password and see the temporary one once', async () => {
  const { page } = b;
  await step(page, 'users', async () => {
    await page.goto(`${s.base}/users`);
    await page.getByText(/共 \d+ 个账号/).waitFor();
    await page.getByRole('button', { name: /新建账号/ }).click();
    const dlg = page.getByRole('dialog').filter({ hasText: '新建账号' });
    await dlg.getByLabel('用户名').fill('town-a-2');
    await dlg.getByLabel('姓名').fill('甲镇组织委员');
    // The shared org picker searches the server, here by pinyin initials.
    await pickOption(page, dlg.getByLabel('管辖范围'), 'jz', '甲镇党委');
    await dlg.getByLabel('初始密码').fill('weak');
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await dlg.locator('.ant-alert-error').waitFor(); // the server's password policy message
    await dlg.getByLabel('初始密码').fill('Initial@pass9');
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('账号已创建,首次登录须修改密码').waitFor();
    const u = await s.t.database.db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', 'town-a-2')
      .executeTakeFirstOrThrow();
    expect([u.role, u.scope_org_id, u.must_change_password]).toEqual(['unit_admin', s.county.orgs.townA, 1]);

    const row = page.locator('.ant-table-row').filter({ hasText: 'town-a-2' });
    await row.getByText('重置密码').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /重\s*置/ })
      .click();
    const temp = (await page.getByTestId('temp-password').innerText()).trim();
    expect(temp.length).toBeGreaterThanOrEqual(10);
    const after = await s.t.database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', 'town-a-2')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(after.password_hash, temp)).toBe(true);
    await page.getByRole('button', { name: '我已记下' }).click();
    await page.getByTestId('temp-password').waitFor({ state: 'detached' });
  });
  expect(b.errors).toEqual([]);
});
