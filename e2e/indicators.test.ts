/**
 * 指标调度 end to end: the county issues 甲镇 a 目标责任书 that both sides sign in the browser;
 * 甲镇 fills last month's grid (the figures pasted from Excel), submits; the
 * county returns one figure set with a reason, 甲镇 corrects and resubmits, the county approves in
 * the 填报审核 page; the cockpit shows the county roll-up with a 滞后 light and the 调度 .xlsx
 * downloads with merged headers; the year-end assessment computes from the records and ranks the
 * towns with the 优秀 quota applied; 甲镇 nominates a 优秀党员 for the county's 表彰, the county
 * 审核 and 审定 it, posts it for 公示 and, once the window has passed, publishes the honour. 甲镇 also
 * reports a month of its 重点项目's investment on the project page, and the cockpit shows the computed
 * 重点项目完成投资 with it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { as } from '../server/test/fixtures.ts';
import { registerBasics } from '../server/modules/indicators/test-helpers.ts';
import { ManualClock } from '../server/lib/clock.ts';
import { launch, login, startServer, shot, step, type Browser, type Server } from './harness.ts';

let s: Server;
let b: Browser;
// Real time until the 表彰's 公示 must be over.
const clock = new ManualClock(new Date());
const d = new Date(Date.now() + 8 * 3600_000);
const period =
  d.getUTCMonth() === 0
    ? `${d.getUTCFullYear() - 1}-12`
    : `${d.getUTCFullYear()}-${String(d.getUTCMonth()).padStart(2, '0')}`;

beforeAll(async () => {
  s = await startServer({ clock });
  b = await launch({ width: 1440, height: 900 });
});
afterAll(async () => {
  await b?.close();
  await s?.close();
});

test('a 责任书 signed by both sides; a township fills, the county returns and approves, the cockpit lights 滞后, the 调度表 downloads, the assessment ranks', async () => {
  const { page } = b;
  const c = s.county;
  const zzb = await as(s.t.app, 'zzb');
  const ids = await registerBasics(zzb, c);
  const year = Number(period.slice(0, 4));
  // A target far above what 甲镇 reports: the county roll-up is behind 序时进度.
  await zzb.post(`/api/indicators/${ids.invest}/targets`, { orgId: c.orgs.county, year, annual: 1_000_000 });
  await zzb.post(`/api/indicators/${ids.invest}/targets`, { orgId: c.orgs.townA, year, annual: 500_000 });

  // 目标责任书: the county issues one to 甲镇 (an indicator line becomes its target); both sides sign.
  const letter = await zzb.post('/api/responsibility-letters', {
    orgIds: [c.orgs.townA],
    year,
    title: `${year}年度乡镇目标管理责任书`,
    items: [
      { kind: '指标', text: '完成固定资产投资', indicatorId: ids.invest, target: 500_000 },
      { kind: '重点任务', text: '完成工业园区二期标准厂房建设' },
    ],
  });
  expect(letter.status).toBe(200);
  const signLetter = async (side: string, status: string) => {
    await page.goto(`${s.base}/assessment/letters`);
    await page.locator('tr', { hasText: `${year}年度乡镇目标管理责任书` }).click();
    await page.getByRole('button', { name: /签\s*署/ }).click();
    await page.getByText(`已作为${side}签署`).waitFor();
    await page.locator('.ant-drawer').getByText(status).first().waitFor();
  };

  await login(page, s.base, 'town-a');
  await page.waitForURL(`${s.base}/`);
  await step(page, 'letter-unit-sign', () => signLetter('责任单位', '单位已签'));
  await step(page, 'indicators-fill', async () => {
    await page.goto(`${s.base}/indicators/report?orgId=${c.orgs.townA}&period=${period}`);
    const first = page.getByLabel('固定资产投资数值');
    await first.waitFor();
    // Two cells copied from an Excel column, pasted into the first row.
    await first.evaluate((el) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '1,200\r\n300\r\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.getByLabel('税收收入数值').inputValue()).toBe('300');
    await page.getByRole('button', { name: /报\s*送/ }).click();
    await page.getByTestId('grid-status').getByText('已报送').waitFor();
  });
  const returned = await zzb.post(`/api/indicator-reports/${c.orgs.townA}/${period}/return`, {
    reason: '税收收入与财政口径不一致',
  });
  expect(returned.status).toBe(200);

  await step(page, 'indicators-correct', async () => {
    await page.reload();
    await page.getByText('上级退回:税收收入与财政口径不一致').waitFor();
    await page.getByLabel('税收收入数值').fill('320');
    await page.getByRole('button', { name: /报\s*送/ }).click();
    await page.getByTestId('grid-status').getByText('已报送').waitFor();
  });

  // 重点项目: 督查 plans the year; 甲镇 (the lead unit) reports this month's investment in the browser.
  const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  const fed = await zzb.post('/api/indicators', {
    name: '重点项目完成投资',
    unit: '万元',
    frequency: '月',
    aggregation: '求和',
    source: '系统数据',
    figureKey: 'projects.investmentCompleted',
    ownerOrgId: c.orgs.county,
  });
  expect(fed.status).toBe(200);
  await zzb.post(`/api/indicators/${fed.body.id}/targets`, {
    orgId: c.orgs.county,
    year: d.getUTCFullYear(),
    annual: 12_000,
  });
  const dcs = await as(s.t.app, 'dcs');
  const project = (
    await dcs.post('/api/tasks', { text: '甲镇新材料产业园项目', leadOrgId: c.orgs.townA, keyProject: true })
  ).body.id as number;
  expect(
    (
      await dcs.request('PUT', `/api/projects/${project}/investment/plan`, {
        year: d.getUTCFullYear(),
        months: Array(12).fill(1000),
      })
    ).status,
  ).toBe(200);
  await step(page, 'project-investment', async () => {
    await page.goto(`${s.base}/tasks/${project}`);
    const row = page.locator(`tr[data-row-key="${month}"]`);
    await row.getByRole('button', { name: '填报' }).click();
    await page.getByLabel('本月完成投资(万元)').fill('850');
    await page.getByRole('button', { name: /报\s*送/ }).click();
    await row.getByText('850').first().waitFor();
  });
  const inv = await s.t.database.db
    .selectFrom('project_investment')
    .select(['completed', 'reported_by'])
    .where('task_id', '=', project)
    .where('period', '=', month)
    .executeTakeFirstOrThrow();
  expect(inv.completed).toBe(850);

  await page.context().clearCookies();
  await login(page, s.base, 'zzb');
  await page.waitForURL(`${s.base}/`);
  await step(page, 'letter-issuer-sign', () => signLetter('下达单位', '已签订'));
  const signed = await s.t.database.db
    .selectFrom('responsibility_letter')
    .select(['status', 'unit_signed_at', 'issuer_signed_at'])
    .executeTakeFirstOrThrow();
  expect(signed.status).toBe('已签订');
  expect(signed.unit_signed_at && signed.issuer_signed_at).toBeTruthy();
  await step(page, 'indicators-approve', async () => {
    await page.goto(`${s.base}/indicators/approvals?period=${period}`);
    const row = page.locator('tr', { hasText: '甲镇党委' });
    await row.getByRole('button', { name: /通\s*过/ }).click();
    await row.getByText('已通过').waitFor();
  });
  const rep = await s.t.database.db
    .selectFrom('indicator_report')
    .selectAll()
    .where('org_id', '=', c.orgs.townA)
    .executeTakeFirstOrThrow();
  expect(rep.status).toBe('已通过');
  const vals = await s.t.database.db
    .selectFrom('indicator_value')
    .select(['indicator_id', 'value'])
    .where('org_id', '=', c.orgs.townA)
    .orderBy('indicator_id')
    .execute();
  expect(vals.map((v) => v.value)).toEqual([1200, 320]);

  await step(page, 'indicators-cockpit', async () => {
    await page.goto(`${s.base}/indicators/cockpit?period=${period}`);
    const row = page.locator('tr', { hasText: '固定资产投资(万元)' });
    await row.locator('[data-light="red"]').getByText('滞后').waitFor();
    await shot(page, 'indicators-cockpit');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出调度表' }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await dl.path())!);
    expect(wb.worksheets[0].model.merges).toEqual(expect.arrayContaining(['G2:I2', 'J2:K2']));
  });

  await step(page, 'project-indicator', async () => {
    await page.goto(`${s.base}/indicators/cockpit?period=${month}`);
    const row = page.locator('tr', { hasText: '重点项目完成投资(万元)' });
    await row.getByText('850').first().waitFor();
  });

  // 年度综合考核: 平时 scores entered with reasons; both towns score ≥ 90, one 优秀 place (50% of 2).
  const ay = new Date().getFullYear() - 1;
  const a = await zzb.post('/api/assessments', {
    year: ay,
    name: `${ay}年度乡镇综合考核`,
    orgIds: [c.orgs.townA, c.orgs.townB],
    parts: [{ source: 'monthly', weight: 100 }],
    excellentPercent: 50,
    goodPercent: 50,
  });
  expect(a.status).toBe(200);
  for (const [orgId, score] of [
    [c.orgs.townA, 95],
    [c.orgs.townB, 92],
  ])
    expect(
      (await zzb.post(`/api/assessments/${a.body.id}/scores`, { orgId, month: 12, score, reason: '年终调度评分' }))
        .status,
    ).toBe(200);
  await step(page, 'assessment-rank', async () => {
    await page.goto(`${s.base}/assessment/annual`);
    await page.getByText(`${ay}年度乡镇综合考核`).click();
    await page.getByRole('button', { name: '从记录计算' }).click();
    const townB = page.locator('.ant-drawer tr', { hasText: '乙镇党委' });
    await townB.getByText('良好').waitFor();
    await townB.getByText(/优秀名额已满/).waitFor();
    await page.locator('.ant-drawer tr', { hasText: '甲镇党委' }).getByText('优秀').waitFor();
    await shot(page, 'indicators-assessment');
  });
  const graded = await s.t.database.db
    .selectFrom('assessment_unit')
    .select(['org_id', 'rank', 'grade'])
    .where('assessment_id', '=', a.body.id)
    .orderBy('rank')
    .execute();
  expect(graded).toEqual([
    { org_id: c.orgs.townA, rank: 1, grade: '优秀' },
    { org_id: c.orgs.townB, rank: 2, grade: '良好' },
  ]);

  // 评选表彰: one 优秀党员 place; 甲镇 nominates in the browser, the county decides and publishes.
  const round = await zzb.post('/api/commend-rounds', {
    year: ay,
    name: `${ay}年度县委表彰`,
    level: '县委',
    quotaMode: '严格',
    quotas: [{ category: '优秀党员', count: 1 }],
  });
  expect(round.status).toBe(200);
  const roundUrl = `${s.base}/assessment/commendations?year=${ay}&round=${round.body.id}`;
  const relogin = async (user: string) => {
    await page.context().clearCookies();
    await login(page, s.base, user);
    await page.waitForURL(`${s.base}/`);
    await page.goto(roundUrl);
  };
  const row = () => page.locator('.ant-drawer tr', { hasText: '张三明' });
  await relogin('town-a');
  await step(page, 'commend-nominate', async () => {
    await page.getByRole('button', { name: /推\s*荐/ }).click();
    await page.getByRole('combobox', { name: '被推荐党员' }).fill('张三明');
    await page.locator('.ant-select-item-option', { hasText: '张三明' }).click();
    await page.getByLabel('主要事迹').fill('带领东村发展茶叶产业,村集体收入三年翻一番。');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await row()
      .getByRole('button', { name: /报\s*送/ })
      .click();
    await row().getByText('已报送').waitFor();
  });
  await relogin('zzb');
  await step(page, 'commend-approve', async () => {
    await row()
      .getByRole('button', { name: /审\s*核/ })
      .click();
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await row()
      .getByRole('button', { name: /审\s*定/ })
      .click();
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await row().getByText('已审定').waitFor();
    await page.getByRole('button', { name: '公示拟表彰名单' }).click();
    await page.locator('.ant-drawer').getByText('公示中').first().waitFor();
  });
  clock.advance(10 * 86_400_000);
  await relogin('zzb');
  await step(page, 'commend-publish', async () => {
    await page.getByLabel('表彰文号').fill('示委发〔2026〕1号');
    await page.getByRole('button', { name: '发布表彰' }).click();
    await page.locator('.ant-drawer').getByText('已发布').first().waitFor();
    await shot(page, 'commendations');
  });
  const honour = await s.t.database.db.selectFrom('honour').selectAll().executeTakeFirstOrThrow();
  expect([honour.member_id, honour.title, honour.doc_no]).toEqual([
    c.members.mA1,
    `${ay}年度优秀党员`,
    '示委发〔2026〕1号',
  ]);
  expect(b.errors).toEqual([]);
}, 180_000);
