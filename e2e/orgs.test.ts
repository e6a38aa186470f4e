import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, login, startServer, step, type Browser, type Server } from './harness.ts';

let s: Server;
let b: Browser;
beforeAll(async () => {
  s = await startServer();
  b = await launch();
  await login(b.page, s.base, 'zzb');
  await b.page.waitForURL(`${s.base}/`);
});
afterAll(async () => { await b?.close(); await s?.close(); });

const tree = () => b.page.locator('.ant-tree');

test('browse the tree: select a node, see its detail and counts, search the tree', async () => {
  const { page } = b;
  await step(page, 'org-browse', async () => {
    await page.locator('.ant-layout-sider').getByText('组织机构').click();
    await page.waitForURL(/\/orgs/);
    await tree().getByText('甲镇党委', { exact: true }).click();
    const card = page.locator('.ant-card').filter({ hasText: '基本信息' });
    await card.getByText('TA', { exact: true }).waitFor();
    await card.getByText('3 名').waitFor(); // 张三明, 李晓红 (东村) + 王建国 (西村)
    await card.getByText('2 个').first().waitFor();
    // Search keeps the matches and their ancestors.
    await page.getByLabel('搜索组织').fill('南村');
    await tree().getByText('乙镇南村党支部').waitFor();
    expect(await tree().getByText('甲镇东村党支部').count()).toBe(0);
    await page.getByText('找到 1 个组织').waitFor();
    await page.getByLabel('搜索组织').fill('');
    await tree().getByText('甲镇东村党支部').waitFor();
  });
  expect(b.errors).toEqual([]);
});

test('create a child org, rename it, see its 沿革; a refused dissolve shows the server message', async () => {
  const { page } = b;
  await step(page, 'org-edit', async () => {
    await page.goto(`${s.base}/orgs?id=${s.county.orgs.townA}`);
    await page.getByRole('button', { name: /新建下级/ }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('组织名称').fill('甲镇北村党支部');
    await dlg.getByLabel('组织编码').fill('TA03');
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('组织已新建').waitFor();
    await tree().getByText('甲镇北村党支部').waitFor();
    const created = await s.t.database.db.selectFrom('org_unit').selectAll().where('code', '=', 'TA03').executeTakeFirstOrThrow();
    expect(created.parent_id).toBe(s.county.orgs.townA);
    expect(created.type).toBe('党支部');
    await page.waitForURL(new RegExp(`id=${created.id}`));

    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByRole('dialog').getByLabel('组织名称').fill('甲镇北村联合党支部');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('组织信息已保存').waitFor();
    await page.getByRole('tab', { name: /沿革/ }).click();
    await page.getByText('「甲镇北村党支部」更名为「甲镇北村联合党支部」').waitFor();
    const renamed = await s.t.database.db.selectFrom('org_unit').select('name').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(renamed.name).toBe('甲镇北村联合党支部');

    // 甲镇东村党支部 still has members: the server refuses, and says why.
    await tree().getByText('甲镇东村党支部').click();
    await page.getByRole('button', { name: /更多/ }).click();
    await page.getByText('撤销组织').click();
    await page.getByRole('dialog').getByRole('button', { name: '确认撤销' }).click();
    await page.getByRole('dialog').getByText(/还有 2 名党员/).waitFor();
    const a1 = await s.t.database.db.selectFrom('org_unit').select('status').where('id', '=', s.county.orgs.a1).executeTakeFirstOrThrow();
    expect(a1.status).toBe('正常');
  });
  expect(b.errors).toEqual([]);
});
