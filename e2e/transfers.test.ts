import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, login, pickOption, startServer, step, type Browser, type Server } from './harness.ts';

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

test('组织关系转接: start from the member drawer, the superior approves (reject needs a reason), the receiving side accepts', async () => {
  const { page } = b;
  await step(page, 'transfer', async () => {
    // The branch secretary starts it.
    await login(page, s.base, 'branch-a1');
    await page.waitForURL(`${s.base}/`);
    await page.goto(`${s.base}/members?q=zsm`);
    await page.locator('.ant-table-row').getByText('查看').click();
    await page.getByRole('button', { name: /发起转接/ }).click();
    const dlg = page.getByRole('dialog').filter({ hasText: '发起组织关系转接' });
    await pickOption(page, dlg.getByLabel('接收组织'), '南村', '乙镇南村党支部');
    await dlg.getByLabel('转接原因').fill('工作调动');
    await dlg.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('转接申请已提交,待上级党组织审批').waitFor();
    const t = await s.t.database.db.selectFrom('transfer').selectAll().executeTakeFirstOrThrow();
    expect([t.status, t.to_org_id, t.approver_org_id]).toEqual(['pending_out', s.county.orgs.b1, s.county.orgs.townA]);

    // The township (superior of the branch) decides.
    await b.ctx.clearCookies();
    await login(page, s.base, 'town-a', undefined, '/login?redirect=%2Ftransfers');
    await page.waitForURL(`${s.base}/transfers`);
    const row = page.locator('.ant-table-row').filter({ hasText: '张三明' });
    await row.getByText('退回', { exact: true }).click();
    const rej = page.getByRole('dialog').filter({ hasText: '退回理由' });
    await rej.getByRole('button', { name: '确认退回' }).click();
    await rej.getByText('退回须填写理由').waitFor();
    await rej.getByRole('button', { name: /取\s*消/ }).click();
    await row.getByText('通过', { exact: true }).click();
    const ok = page.getByRole('dialog').filter({ hasText: '审批意见' });
    await ok.getByLabel('审批意见(选填)').fill('同意');
    await ok.getByRole('button', { name: '确认审批通过' }).click();
    await page.getByText('已审批通过').waitFor();
    expect((await s.t.database.db.selectFrom('transfer').select('status').executeTakeFirstOrThrow()).status).toBe(
      'pending_in',
    );

    // The receiving township accepts; the member moves.
    await b.ctx.clearCookies();
    await login(page, s.base, 'town-b', undefined, '/login?redirect=%2Ftransfers');
    await page.waitForURL(`${s.base}/transfers`);
    await page.locator('.ant-table-row').filter({ hasText: '张三明' }).getByText('接收', { exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认接收' }).click();
    await page.getByText('已接收').waitFor();
    await page.getByRole('tab', { name: '全部' }).click();
    await page.locator('.ant-table-row').filter({ hasText: '张三明' }).getByText('已完成').waitFor();
  });
  const m = await s.t.database.db
    .selectFrom('member')
    .select('org_id')
    .where('id', '=', s.county.members.mA1)
    .executeTakeFirstOrThrow();
  expect(m.org_id).toBe(s.county.orgs.b1);
  expect(b.errors).toEqual([]);
});
