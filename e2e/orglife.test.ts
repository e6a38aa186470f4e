/**
 * 组织生活 in the browser: the branch secretary records a 主题党日 combined with a 党课, shows the QR
 * code, ten members check in on phones (four logged in, six with the one-time codes of the printed
 * sign-in sheet), one 请假 is recorded, the minutes are uploaded, the branch's requirement turns
 * green; a member absent three months in a row is on the warning list; the 会议记录 .docx prints
 * with the right 应到/实到 and absent names.
 */
import fs from 'node:fs';
import dayjs from 'dayjs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { as, insertUser } from '../server/test/fixtures.ts';
import { bj, docxBytes, growBranch } from '../server/modules/orglife/test-helpers.ts';
import { launch, login, startServer, shot, step, type Browser, type Server } from './harness.ts';

let s: Server;
let desk: Browser;
let phone: Browser;
let ids: number[];

beforeAll(async () => {
  s = await startServer();
  const db = s.t.database.db;
  const c = s.county;
  // 甲镇东村: 张三明, 李晓红 + 12 = 14 members.
  ids = await growBranch(db, c.orgs.a1, 12, 600);
  for (const [i, id] of ids.slice(0, 3).entries())
    await insertUser(db, { username: `phone-${i}`, role: 'member', scopeOrgId: c.orgs.a1, memberId: id });
  // The two previous months: everyone made up by 补签 except 朱红军 (ids[11]), absent both times.
  const branch = await as(s.t.app, 'branch-a1');
  for (const k of [2, 1]) {
    const day = dayjs().subtract(k, 'month').date(5);
    const r = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['主题党日'],
      heldAt: bj(`${day.format('YYYY-MM-DD')}T09:00:00`),
      topic: `${day.format('M')}月主题党日`,
      backdateReason: '纸质记录补录',
    });
    expect(r.status).toBe(201);
    for (const id of [c.members.mA1, c.members.mA2, ...ids.slice(0, 11)])
      expect(
        (
          await branch.post(`/api/meetings/${r.body.id}/attendance`, {
            memberId: id,
            status: '补签',
            reason: '纸质签到表',
          })
        ).status,
      ).toBe(200);
  }
  desk = await launch({ width: 1440, height: 900 });
  phone = await launch({ width: 390, height: 844 });
}, 120_000);
afterAll(async () => {
  await desk?.close();
  await phone?.close();
  await s?.close();
});

test('a 主题党日 with a 党课: QR check-in on phones, 请假, minutes, compliance, warnings, the printed record', async () => {
  const { page } = desk;
  const base = s.base;
  let meetingId = 0;
  let code = '';

  await step(page, 'orglife-create', async () => {
    await login(page, base, 'branch-a1');
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/org-life/meetings/new?orgId=${s.county.orgs.a1}`);
    await page.getByText('会议类型(可多选').waitFor();
    await page.getByLabel('党课', { exact: true }).check();
    await page.getByLabel('议题').fill('学习贯彻全会精神,书记讲党课');
    await page.getByLabel('党课主讲人').fill('张三明');
    await page.getByLabel('党课题目').fill('抓落实');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/org-life\/meetings\/\d+$/);
    meetingId = Number(page.url().split('/').pop());
    await page.getByText('应到').first().waitFor();
    expect(await page.locator('.ant-statistic').first().textContent()).toContain('14');
  });

  await step(page, 'orglife-sheet', async () => {
    await page.goto(`${base}/org-life/meetings/${meetingId}/checkin`);
    await page.getByRole('button', { name: '开启签到' }).click();
    await page.getByTestId('checkin-qr').waitFor();
    code = (await page.getByTestId('checkin-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await shot(page, 'orglife-checkin-screen');
  });

  // The printed sheet for members without accounts (opened in a second tab of the secretary).
  const sheet = await desk.ctx.newPage();
  await sheet.goto(`${base}/org-life/meetings/${meetingId}/sheet`);
  await sheet.getByRole('button', { name: '生成签到表' }).click();
  await sheet.getByTestId('signin-sheet').waitFor();
  const personal: string[] = [];
  for (const id of ids.slice(3, 9)) personal.push((await sheet.getByTestId(`code-${id}`).textContent())!.trim());
  await sheet.close();

  const p = phone.page;
  await step(p, 'orglife-phones', async () => {
    // Four with an account: log in from the check-in page, then tap the button.
    for (const user of ['member-a', 'phone-0', 'phone-1', 'phone-2']) {
      await phone.ctx.clearCookies();
      await p.goto(`${base}/checkin?c=${code}`);
      await p.getByRole('button', { name: '登录后签到' }).click();
      await p.getByLabel('用户名').fill(user);
      await p.getByLabel('密码', { exact: true }).fill('Test@pass1');
      await p.getByRole('button', { name: /登\s*录/ }).click();
      await p.waitForURL(new RegExp(`/checkin\\?c=${code}`));
      await p.getByRole('button', { name: /签到$/ }).click();
      await p.getByText('签到成功').waitFor();
    }
    // Six with the personal code printed beside their name.
    await phone.ctx.clearCookies();
    for (const pc of personal) {
      await p.goto(`${base}/checkin?c=${code}`);
      await p.getByLabel('个人签到码').fill(pc);
      await p
        .getByRole('button', { name: /签\s*到/ })
        .last()
        .click();
      await p.getByText('签到成功').waitFor();
    }
    await shot(p, 'orglife-phone-checkin');
    expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  await step(page, 'orglife-count', async () => {
    await page.getByTestId('present-count').filter({ hasText: '10' }).waitFor({ timeout: 10_000 });
  });

  await step(page, 'orglife-leave', async () => {
    await page.goto(`${base}/org-life/meetings/${meetingId}`);
    const row = page.locator('.ant-table-row').filter({ hasText: '李晓红' });
    await row.getByRole('button', { name: /请\s*假/ }).click();
    await page.getByLabel('原因').fill('住院治疗');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.locator('.ant-table-row').filter({ hasText: '住院治疗' }).waitFor();
  });

  await step(page, 'orglife-minutes', async () => {
    const file = '/tmp/orglife-e2e-minutes.docx';
    fs.writeFileSync(
      file,
      await docxBytes(['张三明讲授党课《抓落实》。', '与会党员结合实际讨论,一致同意开展人居环境整治。']),
    );
    await page.getByRole('tab', { name: '会议内容' }).click();
    await page.locator('input[type=file][accept=".docx"]').setInputFiles(file);
    await page.getByText('一致同意开展人居环境整治').waitFor();
    fs.rmSync(file, { force: true });
  });

  await step(page, 'orglife-green', async () => {
    await page.goto(`${base}/org-life?orgId=${s.county.orgs.a1}`);
    const cell = page.getByTestId(`cell-主题党日-${dayjs().format('YYYY-MM')}`);
    await cell.waitFor();
    expect(await cell.getAttribute('data-status')).toBe('done');
    expect(
      await page
        .getByTestId(`cell-党课-${dayjs().year()}-Q${Math.floor(dayjs().month() / 3) + 1}`)
        .getAttribute('data-status'),
    ).toBe('done');
    await shot(page, 'orglife-branch-dashboard', { fullPage: true });
  });

  await step(page, 'orglife-warning', async () => {
    await page.goto(`${base}/org-life/absences?minMonths=3`);
    const row = page.locator('.ant-table-row').filter({ hasText: '朱红军' });
    await row.waitFor();
    expect(await row.textContent()).toContain('3');
    expect(await row.textContent()).toContain('提醒');
  });

  await step(page, 'orglife-print', async () => {
    await page.goto(`${base}/org-life/meetings/${meetingId}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '会议记录(.docx)' }).click(),
    ]);
    const text = (await mammoth.extractRawText({ buffer: fs.readFileSync((await download.path())!) })).value;
    expect(text).toContain('14 人(有表决权 14 人)');
    expect(text).toContain('10 人(有表决权 10 人)');
    expect(text).toContain('李晓红(请假:住院治疗)');
    for (const name of ['韩春生', '杨金凤', '朱红军']) expect(text).toContain(`${name}(缺席)`);
    expect(text).toContain('一致同意开展人居环境整治');
  });
  expect(desk.errors).toEqual([]);
  expect(phone.errors).toEqual([]);
}, 240_000);
