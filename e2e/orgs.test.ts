import { afterAll, beforeAll, expect, test } from 'vitest';
import { menuItem, pickTreeOption, step, type Browser, type Server, startLoggedIn } from './harness.ts';

let s: Server;
let b: Browser;
beforeAll(async () => {
  ({ s, b } = await startLoggedIn('zzb'));
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

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
    const created = await s.t.database.db
      .selectFrom('org_unit')
      .selectAll()
      .where('code', '=', 'TA03')
      .executeTakeFirstOrThrow();
    expect(created.parent_id).toBe(s.county.orgs.townA);
    expect(created.type).toBe('党支部');
    await page.waitForURL(new RegExp(`id=${created.id}`));

    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByRole('dialog').getByLabel('组织名称').fill('甲镇北村联合党支部');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.getByText('组织信息已保存').waitFor();
    await page.getByRole('tab', { name: /沿革/ }).click();
    await page.getByText('「甲镇北村党支部」更名为「甲镇北村联合党支部」').waitFor();
    const renamed = await s.t.database.db
      .selectFrom('org_unit')
      .select('name')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(renamed.name).toBe('甲镇北村联合党支部');

    // 甲镇东村党支部 still has members: the server refuses, and says why.
    await tree().getByText('甲镇东村党支部').click();
    await menuItem(page, /更多/, '撤销组织');
    await page.getByRole('dialog').getByRole('button', { name: '确认撤销' }).click();
    await page
      .getByRole('dialog')
      .getByText(/还有 2 名党员/)
      .waitFor();
    const a1 = await s.t.database.db
      .selectFrom('org_unit')
      .select('status')
      .where('id', '=', s.county.orgs.a1)
      .executeTakeFirstOrThrow();
    expect(a1.status).toBe('正常');
  });
  expect(b.errors).toEqual([]);
});

test('move a branch under another township (confirmed), then merge one branch into another', async () => {
  const { page } = b;
  const db = s.t.database.db;
  await step(page, 'org-move-merge', async () => {
    await page.goto(`${s.base}/orgs?id=${s.county.orgs.a2}`);
    await page.locator('.ant-card').filter({ hasText: '基本信息' }).getByText('TA02', { exact: true }).waitFor();
    await menuItem(page, /更多/, '调整隶属关系');
    const dlg = page.getByRole('dialog').filter({ hasText: '调整隶属关系:' });
    await pickTreeOption(page, dlg, '乙镇', '乙镇党委');
    await dlg.getByRole('button', { name: '下一步' }).click();
    await page
      .locator('.ant-modal-confirm')
      .filter({ hasText: '确认调整隶属关系?' })
      .getByRole('button', { name: '确认调整' })
      .click();
    await page.getByText('隶属关系已调整').waitFor();
    expect(
      (await db.selectFrom('org_unit').select('parent_id').where('id', '=', s.county.orgs.a2).executeTakeFirstOrThrow())
        .parent_id,
    ).toBe(s.county.orgs.townB);

    // Merge 甲镇西村 (now under 乙镇) into 乙镇南村: its member 王建国 moves, the node is dissolved.
    await menuItem(page, /更多/, '合并到其他组织');
    const mdlg = page.getByRole('dialog').filter({ hasText: '合并组织:' });
    await pickTreeOption(page, mdlg, '南村', '乙镇南村党支部');
    await mdlg.getByRole('button', { name: '下一步' }).click();
    await page
      .locator('.ant-modal-confirm')
      .filter({ hasText: '确认合并组织?' })
      .getByRole('button', { name: '确认合并' })
      .click();
    await page.getByText('合并完成:转入党员 1 名、下级组织 0 个').waitFor();
    await page.waitForURL(new RegExp(`id=${s.county.orgs.b1}`));
    await tree().getByText('甲镇西村党支部').waitFor({ state: 'detached' }); // the tree reloads after the merge
  });
  const a2 = await db
    .selectFrom('org_unit')
    .select('status')
    .where('id', '=', s.county.orgs.a2)
    .executeTakeFirstOrThrow();
  const m = await db
    .selectFrom('member')
    .select('org_id')
    .where('id', '=', s.county.members.mA3)
    .executeTakeFirstOrThrow();
  expect([a2.status, m.org_id]).toEqual(['已撤销', s.county.orgs.b1]);
  expect(b.errors).toEqual([]);
});

test('appoint a secretary picked from the branch members', async () => {
  const { page } = b;
  await step(page, 'org-secretary', async () => {
    await page.goto(`${s.base}/orgs?id=${s.county.orgs.a1}`);
    const card = page.locator('.ant-card').filter({ hasText: '基本信息' });
    await card.getByText('未设置').waitFor();
    await page.getByRole('button', { name: /设置书记/ }).click();
    const dlg = page.getByRole('dialog').filter({ hasText: '设置书记:' });
    await dlg.locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '李晓红' }).click();
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('书记已更新').waitFor();
    await card.getByText('李晓红', { exact: true }).waitFor();
  });
  const o = await s.t.database.db
    .selectFrom('org_unit')
    .select('secretary_member_id')
    .where('id', '=', s.county.orgs.a1)
    .executeTakeFirstOrThrow();
  expect(o.secretary_member_id).toBe(s.county.members.mA2);
  expect(b.errors).toEqual([]);
});
