/**
 * 作风监督 in the browser: a citizen rates a window 非常不满意 on a phone (390×844) with a phone
 * number; the case opens with a 5-working-day deadline; the unit records 核实, 回访 and 整改; the
 * citizen re-rates 满意 with the 复评码 on the same page; the case closes; the month's ranking and
 * the 通报 reflect it. Then an appeal is filed by the unit and rejected by the 督查室.
 */
import mammoth from 'mammoth';
import fs from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../server/lib/clock.ts';
import { PASSWORD } from '../server/test/fixtures.ts';
import { Client } from '../server/test/harness.ts';
import { launch, login, startServer, step, type Browser, type Server } from './harness.ts';

// Monday 2026-03-02, 10:00 in Beijing: five working days later is Monday 2026-03-09.
const clock = new ManualClock('2026-03-02T02:00:00Z');
let s: Server;
let desk: Browser;
let phone: Browser;
let win: { id: number; code: string };

beforeAll(async () => {
  s = await startServer({ clock });
  desk = await launch({ width: 1440, height: 900 });
  phone = await launch({ width: 390, height: 844 });
  const town = await new Client(s.t.app).login('town-a', PASSWORD);
  const id = (
    await town.post('/api/windows', {
      orgId: s.county.orgs.townA,
      name: '甲镇便民服务中心综合窗口',
      kind: '大厅',
      items: ['社保代办', '低保申请'],
    })
  ).body.id;
  win = { id, code: (await town.get(`/api/windows/${id}`)).body.code };
});
afterAll(async () => {
  await phone?.close();
  await desk?.close();
  await s?.close();
});

const as = async (user: string) => {
  await desk.ctx.clearCookies();
  await login(desk.page, s.base, user);
  await desk.page.waitForURL(`${s.base}/`);
};
const caseRow = () => s.t.database.db.selectFrom('rating_case').selectAll().orderBy('id').executeTakeFirstOrThrow();

test('a 差评 from a phone through 回访, 整改 and re-rating to the monthly ranking and 通报', async () => {
  const p = phone.page;
  const d = desk.page;
  let followUp = '';
  await step(p, 'windows-rate', async () => {
    await p.goto(`${s.base}/r/${win.code}`);
    await p.getByText('甲镇便民服务中心综合窗口').waitFor();
    await p.getByLabel('办理事项').selectOption({ label: '社保代办' });
    await p.getByRole('button', { name: /^非常不满意/ }).click();
    await p.getByLabel(/意见建议/).fill('材料清单没有一次告知,跑了三趟');
    await p.getByLabel(/联系电话/).fill('13912345678');
    expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await p.getByRole('button', { name: '提交评价' }).click();
    await p.getByText('感谢您的评价').waitFor();
    await p.getByText('2026-03-09').waitFor();
    followUp = (await p.locator('.code').innerText()).trim();
  });
  expect(followUp).toMatch(/^[A-Z2-9]{8}$/);
  expect(await caseRow()).toMatchObject({ status: '待核实', due_date: '2026-03-09', contact_phone: '13912345678' });

  await step(d, 'windows-handle', async () => {
    await as('town-a');
    await d.goto(`${s.base}/rating-cases`);
    const row = d.locator('.ant-table-row').filter({ hasText: '甲镇便民服务中心综合窗口' });
    await row.getByText('2026年03月09日').waitFor();
    await row.getByText('非常不满意').waitFor();
    await row.getByRole('link', { name: '办理' }).click();
    await d.getByText('139****5678').waitFor();
    await d.getByLabel('核实情况').fill('经查属实,窗口未一次性告知材料清单');
    await d.getByRole('button', { name: '提交核实' }).click();
    await d.getByText('待回访', { exact: true }).waitFor();
    await d.getByRole('button', { name: /查看完整号码/ }).click();
    await d.getByText('13912345678').waitFor();
    await d.getByLabel('回访记录').fill('已电话致歉,群众希望一次告知');
    await d.getByRole('button', { name: '记录回访' }).click();
    await d.getByText('待处置', { exact: true }).waitFor();
    await d.getByLabel('处置说明').fill('制作一次性告知单并上墙,窗口人员培训');
    await d.getByRole('button', { name: '提交处置' }).click();
    await d.getByText('待复评', { exact: true }).waitFor();
    await d.getByRole('link', { name: /问题整改台账 #/ }).waitFor();
  });
  const item = await s.t.database.db.selectFrom('rectification_item').selectAll().executeTakeFirstOrThrow();
  expect(item).toMatchObject({ source: '好差评', org_id: s.county.orgs.townA });

  await step(p, 'windows-rerate', async () => {
    await p.goto(`${s.base}/r`);
    await p.getByRole('button', { name: /已有复评码/ }).click();
    await p.getByLabel('复评码').fill(followUp.toLowerCase());
    await p.getByRole('button', { name: '查看办理结果' }).click();
    await p.getByText('制作一次性告知单并上墙').waitFor();
    await p.getByRole('button', { name: /^满意/ }).click();
    await p.getByRole('button', { name: '提交复评' }).click();
    await p.getByText('复评已提交').waitFor();
  });
  expect(await caseRow()).toMatchObject({ status: '已办结', rerate_level: 4 });

  await step(d, 'windows-stats', async () => {
    await as('dcs');
    await d.goto(`${s.base}/windows/stats?month=2026-03`);
    const row = d.locator('.ant-table-row').filter({ hasText: '甲镇便民服务中心综合窗口' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.locator('td').allInnerTexts()).toEqual(expect.arrayContaining(['1', '0%', '100%']));
    const dl = d.waitForEvent('download');
    await d.getByRole('button', { name: '下载月度通报' }).click();
    const file = await (await dl).path();
    const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(file!) })).value;
    expect(text).toContain('关于2026年3月政务服务"好差评"情况的通报');
    expect(text).toContain('甲镇便民服务中心综合窗口');
    expect(text).toContain('差评整改率 100%');
  });
  expect(desk.errors).toEqual([]);
  expect(phone.errors).toEqual([]);
});

test('the unit appeals a 差评 and the 督查室 rejects the appeal: the case goes on', async () => {
  const d = desk.page;
  const r = await s.t.app.inject({
    method: 'POST',
    url: '/api/public/ratings',
    payload: { windowCode: win.code, level: '不满意', comment: '系统故障办不了' },
    remoteAddress: '198.51.100.9',
  });
  expect(r.statusCode).toBe(201);
  const c = await s.t.database.db
    .selectFrom('rating_case')
    .select('id')
    .where('rating_id', '=', r.json().id)
    .executeTakeFirstOrThrow();
  await step(d, 'windows-appeal', async () => {
    await as('town-a');
    await d.goto(`${s.base}/rating-cases/${c.id}`);
    await d.getByLabel('申诉理由').fill('当日全省系统故障,非窗口原因');
    await d.getByRole('button', { name: '提交申诉' }).click();
    await d.getByText('申诉中', { exact: true }).waitFor();
    await as('dcs');
    await d.goto(`${s.base}/rating-cases/${c.id}`);
    await d.getByLabel('复核意见').fill('经查当日系统正常,申诉不成立');
    await d.getByRole('button', { name: /申诉不成立/ }).click();
    await d.getByText('待核实', { exact: true }).waitFor();
    await d.getByText(/复核:不成立/).waitFor();
  });
  const row = await s.t.database.db
    .selectFrom('rating_case')
    .selectAll()
    .where('id', '=', c.id)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: '待核实', appeal_upheld: 0 });
  expect(desk.errors).toEqual([]);
});
