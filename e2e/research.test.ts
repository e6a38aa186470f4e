/**
 * 调研统筹 and the public progress pages end to end: a second team plans a visit to a village
 * already visited that week and sees the warning with the first visit; the coordinator merges the
 * teams; a published set of 重点任务 shows its 按序时 / 滞后 counts and an item's timeline; the item's
 * Atom feed gains an entry when the task's status changes; a comment sent from the public page
 * reaches the supervisor as a notification.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { localDate } from '../server/lib/clock.ts';
import { as } from '../server/test/fixtures.ts';
import { publish } from '../server/modules/tasks/tasks.test-support.ts';
import { launch, login, startServer, step, type Browser, type Server } from './harness.ts';

let s: Server;
let b: Browser;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const cn = (d: string) => `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日`;

beforeAll(async () => {
  s = await startServer();
  b = await launch({ width: 1440, height: 900 });
  await login(b.page, s.base, 'dcs');
  await b.page.waitForURL(`${s.base}/`);
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

test('a second team to the same village that week is warned, and the coordinator merges the teams', async () => {
  const { page } = b;
  const day = addDays(localDate(new Date()), 10);
  const zzb = await as(s.t.app, 'zzb');
  const first = await zzb.post('/api/research-visits', {
    title: '基层党组织标准化建设调研',
    leader: '组织部部长',
    startDate: day,
    endDate: day,
    placeOrgIds: [s.county.orgs.a1],
  });
  expect(first.status).toBe(201);

  await step(page, 'research-plan', async () => {
    await page.goto(`${s.base}/research`);
    await page.getByRole('button', { name: '登记调研' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('调研课题').fill('村级集体经济发展调研');
    await dialog.getByLabel('带队领导').fill('县长');
    const range = dialog.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(cn(addDays(day, 2)));
    await range.nth(1).fill(cn(addDays(day, 2)));
    await range.nth(1).press('Enter');
    await dialog.locator('.ant-select', { has: page.locator('#placeOrgIds') }).click();
    await page.keyboard.type('甲镇东村');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '甲镇东村党支部' }).click();
    await dialog.getByText('调研课题').click(); // close the picker
    const alert = page.locator('.ant-alert');
    await alert.getByText('统筹提示（1 项）').waitFor();
    await alert.getByText('重复调研').waitFor();
    await alert.getByText(/已登记：组织部部长「基层党组织标准化建设调研」/).waitFor();
    await page
      .getByRole('button', { name: /登\s*记/ })
      .last()
      .click();
    await page.waitForURL(/\/research\/\d+$/);
  });

  const second = Number(page.url().split('/').pop());
  await step(page, 'research-merge', async () => {
    await page.getByText('统筹提示（1）').waitFor();
    await page.getByRole('link', { name: /组织部部长「基层党组织标准化建设调研」/ }).waitFor();
    await page.getByRole('button', { name: '合并到此组' }).click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.getByText('已合并', { exact: true }).first().waitFor();
  });
  const rows = await s.t.database.db
    .selectFrom('research_visit')
    .select(['id', 'status', 'merged_into_id', 'members_json'])
    .orderBy('id')
    .execute();
  expect(rows.find((r) => r.id === second)).toMatchObject({ status: '已合并', merged_into_id: first.body.id });
  expect(JSON.parse(rows.find((r) => r.id === first.body.id)!.members_json)).toContain('县长');
});

test('a published set shows 按序时 / 滞后, a timeline, a growing Atom feed, and a comment reaches the supervisor', async () => {
  const { page } = b;
  const dcs = await as(s.t.app, 'dcs');
  const townA = await as(s.t.app, 'town-a');
  const today = localDate(new Date());
  const p = await publish(dcs, '2020-01-02', [
    { leadOrgId: s.county.orgs.townA, dueDate: addDays(today, 200), text: '建成甲镇便民服务中心' },
    { leadOrgId: s.county.orgs.townB, dueDate: '2020-06-30', text: '完成乙镇老旧小区改造' },
  ]);
  const set = await dcs.post('/api/public-sets', { title: '重点任务进展', kind: '重点任务', documentId: p.documentId });
  await dcs.patch(`/api/public-sets/${set.body.id}/items/${p.taskIds[1]}`, { lagReason: '施工单位招标延期' });
  expect((await dcs.post(`/api/public-sets/${set.body.id}/publish`, {})).status).toBe(200);

  await step(page, 'public-list', async () => {
    await page.goto(`${s.base}/public/sets/${set.body.id}`);
    const cell = (label: string) => page.locator('.sum > div', { hasText: label }).locator('b').textContent();
    expect(await cell('事项总数')).toBe('2');
    expect(await cell('按序时')).toBe('1');
    expect(await cell('滞后')).toBe('1');
    await page.getByText('滞后原因:施工单位招标延期').waitFor();
    expect(page.url()).toContain('/public/sets/');
  });

  const feedUrl = `${s.base}/public/sets/${set.body.id}/items/${p.taskIds[0]}/feed.atom`;
  const entries = async () => ((await (await page.request.get(feedUrl)).text()).match(/<entry>/g) ?? []).length;
  const before = await entries();
  expect((await townA.post(`/api/tasks/${p.taskIds[0]}/accept`)).status).toBe(200);
  expect(await entries()).toBe(before + 1);

  await step(page, 'public-item', async () => {
    await page.goto(`${s.base}/public/sets/${set.body.id}/items/${p.taskIds[0]}`);
    expect(await page.locator('.tl li').count()).toBe(2);
    expect(await page.locator('.tl li').first().textContent()).toContain('办理中');
    await page.getByLabel('内容').fill('建议中心设置老年人优先窗口');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('已收到,经审核后公开').waitFor();
  });

  await step(page, 'feedback-notification', async () => {
    await page.goto(`${s.base}/notifications`);
    await page
      .getByText(/建议中心设置老年人优先窗口/)
      .first()
      .waitFor();
    await page.goto(`${s.base}/public-sets/${set.body.id}?tab=feedback`);
    await page.getByRole('cell', { name: '建议中心设置老年人优先窗口' }).waitFor();
  });
  expect(b.errors).toEqual([]);
});
