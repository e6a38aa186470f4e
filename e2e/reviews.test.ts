/**
 * A demo 述职评议 end to end in the browser: reports submitted, a 点评 approved, tokens printed,
 * 20 ballots cast on a phone-sized screen (390×844), one token reused and refused, results sealed
 * then published, and a finding that becomes a rectification item, is closed, and is reopened by
 * the 回头看 scheduled a month later.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, login, startServer, shot, step, type Browser, type Server } from './harness.ts';
import { ManualClock } from '../server/lib/clock.ts';
import { Client } from '../server/test/harness.ts';
import { PASSWORD } from '../server/test/fixtures.ts';
import { runRechecks } from '../server/modules/rectifications/rechecks.service.ts';

const clock = new ManualClock('2025-01-20T01:00:00Z');
let s: Server;
let desk: Browser;
let phone: Browser;
let rid: number;
let tokens: string[] = [];
const receipts: string[] = [];

beforeAll(async () => {
  s = await startServer({ clock });
  desk = await launch();
  phone = await launch({ width: 390, height: 844 });
  // The campaign itself is set up through the API (its form is covered by server tests); the rest is UI.
  const zzb = await new Client(s.t.app).login('zzb', PASSWORD);
  rid = (
    await zzb.post('/api/reviews', {
      title: '2024年度党组织书记抓基层党建述职评议',
      year: 2024,
      orgIds: [s.county.orgs.townA, s.county.orgs.townB],
    })
  ).body.id;
});
afterAll(async () => {
  await phone?.close();
  await desk?.close();
  await s?.close();
});

const relogin = async (user: string) => {
  await desk.ctx.clearCookies();
  await login(desk.page, s.base, user);
  await desk.page.waitForURL(`${s.base}/`);
};

test('demo campaign end to end', async () => {
  const page = desk.page;
  await step(page, 'reviews-report', async () => {
    await relogin('town-a');
    await page.goto(`${s.base}/reviews/${rid}`);
    await page.getByRole('tab', { name: '述职报告' }).click();
    await page.getByRole('button', { name: '填写报告' }).click();
    await page
      .getByLabel('述职报告正文')
      .fill('一年来,甲镇党委认真履行抓基层党建第一责任人职责。存在问题:东村“三会一课”制度落实不到位。');
    await page.getByRole('button', { name: '报 送' }).click();
    await page.getByText('述职报告已报送').waitFor();
    await page.locator('.ant-tag').getByText('已报送').waitFor();
  });

  await step(page, 'reviews-comment', async () => {
    await relogin('zzb');
    await page.goto(`${s.base}/reviews/${rid}`);
    await page.getByRole('tab', { name: '点评' }).click();
    await page.getByRole('button', { name: '甲镇党委' }).click();
    await page.getByLabel('点评意见').fill('甲镇党委书记履行第一责任人职责较好,但基层组织生活仍有短板。');
    await page.getByLabel('问题1', { exact: true }).fill('东村“三会一课”制度落实不到位');
    await page.getByRole('button', { name: '保 存' }).click();
    await page.getByText('点评已保存').waitFor();
    await page.getByRole('button', { name: '提交审定' }).click();
    await page.locator('.ant-tag').getByText('提交审定').waitFor();
    await page.getByRole('button', { name: '审定通过' }).click();
    await page.getByText(/整改事项 #\d+/).waitFor();
  });

  await step(page, 'reviews-tokens', async () => {
    await page.goto(`${s.base}/reviews/${rid}/tokens`);
    await page.getByLabel('选票码数量').fill('20');
    await page.getByRole('button', { name: '生成选票码' }).click();
    await page.getByTestId('token-sheet').waitFor();
    tokens = await page.getByTestId('token-code').allInnerTexts();
    expect(tokens).toHaveLength(20);
    expect(await page.locator('img[alt^="二维码"]').count()).toBe(20);
    const src = await page.locator('img[alt^="二维码"]').first().getAttribute('src');
    expect(src).toMatch(/^data:image\/svg\+xml;base64,/);
    await page.goto(`${s.base}/reviews/${rid}`);
    await page.getByRole('button', { name: '开始投票' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('投票已开始').waitFor();
    await page.getByRole('tab', { name: '评议结果' }).click();
    await page.getByText('评议结果密封中').waitFor();
  });

  await step(phone.page, 'reviews-vote', async () => {
    const p = phone.page;
    // The last code is voted on the desktop (next step): its table, draft and bulk fill.
    for (let i = 0; i < tokens.length - 1; i++) {
      await p.goto(`${s.base}/vote?t=${encodeURIComponent(tokens[i])}`);
      await p.getByText('甲镇党委').first().waitFor();
      const grades = i < 14 ? ['好', '较好'] : i < 18 ? ['较好', '一般'] : ['一般', '差'];
      await p.getByTestId(`org-${s.county.orgs.townA}`).getByText(grades[0], { exact: true }).click();
      await p.getByTestId(`org-${s.county.orgs.townB}`).getByText(grades[1], { exact: true }).click();
      if (i === 0) await p.getByLabel('甲镇党委 意见').fill('希望加强村级后备干部培养');
      await p.getByRole('button', { name: '下一步:核对' }).click();
      await p.getByRole('button', { name: /确认提交/ }).click();
      const r = (await p.getByTestId('receipt').innerText()).trim();
      expect(r).toMatch(/^[A-Z2-9]{10}/);
      receipts.push(r.slice(0, 10));
      if (i === 0)
        expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
    // Reusing a token is refused.
    await p.goto(`${s.base}/vote?t=${encodeURIComponent(tokens[3])}`);
    await p.getByText('此选票码已使用').waitFor();
  });

  await step(page, 'reviews-vote-desktop', async () => {
    // The short link printed under the QR code; the code leaves the address bar at once.
    const short = `${s.base}/v/${tokens[19].replace('-', '')}`;
    await page.goto(short);
    await page.getByLabel('甲镇党委 一般', { exact: true }).check();
    await page.getByLabel('乙镇党委 意见').fill('村级阵地建设仍需加强');
    await page.getByTestId('autosave').getByText('草稿已自动保存').waitFor();
    expect(page.url()).toBe(`${s.base}/vote`);
    // The tab is closed and the slip scanned again: the draft comes back from the server.
    await page.goto(`${s.base}/`);
    await page.goto(short);
    await page.getByText('已恢复上次未提交的评议(2 个组织)').waitFor();
    expect(await page.getByLabel('甲镇党委 一般', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('乙镇党委 意见').inputValue()).toBe('村级阵地建设仍需加强');
    await page.getByTestId('progress').getByText('未评 1 个', { exact: false }).waitFor();
    // 「未评的全部评为 差」 fills 乙镇 only: 甲镇's 一般, rated by hand, stays.
    await page.getByRole('button', { name: /^差$/ }).click();
    expect(await page.getByLabel('乙镇党委 差', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('甲镇党委 一般', { exact: true }).isChecked()).toBe(true);
    await shot(page, 'reviews-vote-desktop');
    await page.getByRole('button', { name: '下一步:核对' }).click();
    await page.getByRole('button', { name: /确认提交/ }).click();
    receipts.push((await page.getByTestId('receipt').innerText()).trim().slice(0, 10));
    // The cast removed the draft with the code.
    const left = await s.t.database.db
      .selectFrom('review_token')
      .select('draft')
      .where('draft', 'is not', null)
      .execute();
    expect(left).toEqual([]);
  });

  await step(page, 'reviews-results', async () => {
    await page.goto(`${s.base}/reviews/${rid}/screen`);
    await page.getByTestId('turnout').getByText('已投票 20 / 已发放 20').waitFor();
    expect(await page.getByText('较好率').count()).toBe(0);
    // A second screen keeps the sealed results open while the campaign is closed from the first.
    const watcher = await desk.ctx.newPage();
    await watcher.goto(`${s.base}/reviews/${rid}`);
    await watcher.getByRole('tab', { name: '评议结果' }).click();
    await watcher.getByText('评议结果密封中').waitFor();
    await page.goto(`${s.base}/reviews/${rid}`);
    await page.getByRole('button', { name: '结束投票并启封结果' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('投票已结束,结果已启封').waitFor();
    await page.getByRole('tab', { name: '评议结果' }).click();
    await page.getByRole('button', { name: '回执码清单' }).waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: '甲镇党委' });
    await row.getByText('14(70%)').waitFor();
    await row.getByText('90%').waitFor(); // 好+较好 = 18 of 20
    await page.getByRole('button', { name: '回执码清单' }).click();
    const list = await page.getByTestId('receipts').innerText();
    for (const r of receipts) expect(list).toContain(r);
    // …and the second screen opened the results by itself, without a reload.
    await watcher.locator('.ant-table-row').filter({ hasText: '甲镇党委' }).getByText('14(70%)').waitFor();
    await watcher.close();
  });

  await step(page, 'reviews-rectification', async () => {
    await relogin('town-a');
    await page.goto(`${s.base}/rectifications`);
    await page.locator('.ant-table-row').filter({ hasText: '东村“三会一课”制度落实不到位' }).click();
    await page.getByLabel('整改措施').fill('建立支部组织生活月历,镇党委每月抽查');
    await page.getByLabel('责任人', { exact: true }).fill('甲镇组织委员');
    await page.getByRole('button', { name: '保存措施' }).click();
    await page.getByText('已保存').waitFor();
    await page.getByLabel('说明').fill('东村已补开支部党员大会,会议记录附后');
    await page.getByRole('button', { name: '添加佐证说明' }).click();
    await page.getByText('佐证已上传').waitFor();
    await page.getByRole('button', { name: '申请销号' }).click();
    await page.getByText('已申请销号').waitFor();

    await relogin('zzb');
    await page.goto(`${s.base}/rectifications`);
    await page.locator('.ant-table-row').filter({ hasText: '东村“三会一课”制度落实不到位' }).click();
    await page.getByLabel('回头看间隔(月)').fill('1');
    await page.getByRole('button', { name: '同意销号' }).click();
    await page.getByText('已销号', { exact: true }).first().waitFor();

    // A month later the scheduler creates the 回头看; the problem has come back.
    clock.advance(32 * 86400_000);
    expect(await runRechecks(s.t.app.ctx)).toEqual({ created: 1 });
    await relogin('zzb');
    await page.goto(`${s.base}/rectifications`);
    await page.locator('.ant-table-row').filter({ hasText: '东村“三会一课”制度落实不到位' }).click();
    await page.getByLabel('说明').fill('回头看发现东村组织生活再次中断');
    await page.getByRole('button', { name: '回头看:反弹' }).click();
    await page.getByText('已记录反弹,事项重新整改').waitFor();
    await page.locator('.ant-drawer').getByText('反弹 1 次').waitFor();
  });
  expect(desk.errors).toEqual([]);
  expect(phone.errors).toEqual([]);
});

test('create a campaign in the form, start a speaker, and watch the countdown on the big screen', async () => {
  const page = desk.page;
  await step(page, 'reviews-create', async () => {
    await relogin('zzb');
    await page.goto(`${s.base}/reviews`);
    await page.getByRole('button', { name: '新建评议活动' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('活动名称').fill('2025年度述职评议(界面创建)');
    await dlg.getByLabel(/被评议组织/).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '甲镇党委' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '乙镇党委' }).click();
    await dlg.getByLabel('活动名称').click(); // close the dropdown
    await dlg.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/reviews\/\d+$/);
    await page.getByText('2025年度述职评议(界面创建)').waitFor();
    // Issue a token to a listed participant: the list shows only 已领取.
    await page.getByRole('tab', { name: '投票' }).click();
    await page.getByRole('button', { name: '添加人员' }).click();
    await page.getByLabel('人员名单').fill('王列席 县直某局\n李代表 甲镇党委');
    await page.getByRole('checkbox', { name: '列席人员' }).check();
    await page
      .getByRole('button', { name: /添\s*加/ })
      .last()
      .click();
    await page.getByText('已添加 2 人').waitFor();
    await page
      .locator('.ant-table-row')
      .filter({ hasText: '王列席' })
      .getByRole('button', { name: /发\s*放/ })
      .click();
    const code = (await page.locator('.ant-modal-confirm h3').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    // A click during the dialog's opening animation can be lost: click again until it has closed.
    for (let attempt = 1; ; attempt++) {
      await page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /知道了|OK|确\s*定/ })
        .click();
      try {
        await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden', timeout: 5000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
    await page.locator('.ant-table-row').filter({ hasText: '王列席' }).getByText('已领取').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(code);
    await page.getByRole('tab', { name: '会议议程' }).click();
    await page
      .getByRole('button', { name: /下\s*移/ })
      .first()
      .click();
    await page.getByRole('button', { name: '保存议程' }).click();
    await page.getByText('议程已保存').waitFor();
    await page.locator('.ant-table-row').first().getByText('乙镇党委').waitFor();
    await page.locator('.ant-table-row').first().getByRole('button', { name: '开始述职计时' }).click();
    await page.getByText('开始计时').waitFor();
    await page.getByRole('button', { name: '打开大屏' }).click();
    await page.getByTestId('phase').getByText('大会述职').waitFor();
    await page.getByText('第 1 位:乙镇党委').waitFor();
    expect(await page.getByTestId('countdown').innerText()).toMatch(/^0[45]:\d{2}$/);
  });
  expect(desk.errors).toEqual([]);
});
