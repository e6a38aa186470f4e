/**
 * 双报到 / 共驻共建 in the browser: a department's in-service member reports to a community on a
 * phone (390×844) and the community accepts; the department pairs with the community as a 共建单位;
 * the member claims a need on the phone and the unit claims it too, the community accepts both;
 * the member signs in and out by opening the activity's QR links, uploads a photo, the community
 * verifies, and the member's points show the excess over the cap; the department's quarterly letter
 * lists the service. The need, the activity and the rule are set up through the API (their forms
 * are covered by server tests), with the server clock under test control.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../server/lib/clock.ts';
import { seedCobuild, PNG, type Cobuild } from '../server/modules/cobuild/test-helpers.ts';
import { PASSWORD } from '../server/test/fixtures.ts';
import { Client } from '../server/test/harness.ts';
import { launch, login, startServer, shot, step, type Browser, type Server } from './harness.ts';

// Real time (rounded), so that the browser's "today" and the server's agree.
const clock = new ManualClock(new Date(Math.floor(Date.now() / 60_000) * 60_000));
let s: Server;
let k: Cobuild;
let desk: Browser;
let phone: Browser;
const api = (u: string) => new Client(s.t.app).login(u, PASSWORD);
const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString();
const today = () => local(clock.now()).slice(0, 10);

beforeAll(async () => {
  s = await startServer({ clock });
  k = await seedCobuild(s.t.database.db, s.county);
  desk = await launch({ width: 1440, height: 900 });
  phone = await launch({ width: 390, height: 844 });
  const zzb = await api('zzb');
  // The rule of the county: 2 points an hour, at most 1.5 points of service a quarter.
  const rule = await zzb.post('/api/cobuild/rules', {
    effectiveDate: today(),
    rules: {
      actions: { report: 5, serviceHour: 2, leadProject: 5, needFulfilled: 2 },
      caps: [{ action: 'service', period: 'quarter', max: 1.5 }],
      vetoEnabled: true,
      yearlyReset: true,
    },
  });
  expect(rule.status).toBe(201);
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
/** Moves the server clock in steps, touching both sessions so that neither idles out. */
const advance = async (minutes: number) => {
  for (let m = 0; m < minutes; m += 20) {
    clock.advance(Math.min(20, minutes - m) * 60_000);
    await desk.page.reload();
    await phone.page.reload();
    await phone.page.waitForLoadState('networkidle');
    for (const b of [desk, phone])
      expect(await b.page.evaluate(() => fetch('/api/auth/me').then((r) => r.status))).toBe(200);
  }
};
const noOverflow = async () =>
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
    0,
  );

test('report, claim, QR sign-in/out, verification, capped points and the quarterly letter', async () => {
  const p = phone.page;
  const d = desk.page;
  let need = 0;
  let activity = 0;

  await step(p, 'cobuild-report', async () => {
    await login(p, s.base, 'fin-member');
    await p.waitForURL(`${s.base}/`);
    await p.goto(`${s.base}/my/cobuild`);
    await p.getByText('到居住地社区报到').waitFor();
    await p.getByLabel('报到社区').click();
    await p.keyboard.type('东村');
    await p.locator('.ant-select-item-option').filter({ hasText: '甲镇东村党支部' }).click();
    await p.getByLabel('居住小区/楼栋').fill('东村3组12号');
    await p.getByRole('button', { name: /报\s*到/ }).click();
    await p.getByText('已提交报到,等待社区确认').waitFor();
    await p.locator('.ant-tag').getByText('待确认').waitFor();
    await noOverflow();
    await shot(p, 'cobuild-phone-report');
  });

  await step(d, 'cobuild-accept', async () => {
    await relogin('fin-sec');
    await d.goto(`${s.base}/cobuild/unit?tab=pairs`);
    await d.getByRole('combobox', { name: '结对社区' }).click();
    await d.locator('.ant-select-item-option').filter({ hasText: '甲镇东村党支部' }).click();
    await d.getByRole('button', { name: '作为共建单位报到' }).click();
    await d.getByText('已作为共建单位报到,等待社区确认').waitFor();
    await relogin('a1-sec');
    await d.goto(`${s.base}/cobuild/community`);
    const rows = d.locator('.ant-table-row');
    await rows
      .filter({ hasText: '周财一' })
      .getByRole('button', { name: /确\s*认/ })
      .click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows
      .filter({ hasText: '共建单位' })
      .getByRole('button', { name: /确\s*认/ })
      .click();
    await expect.poll(() => rows.count()).toBe(0);
  });

  const a1 = await api('a1-sec');
  need = (
    await a1.post('/api/cobuild/needs', {
      communityId: s.county.orgs.a1,
      title: '东村老年活动室周末值守',
      category: '助老助残',
      description: '陪伴独居老人,协助读报、量血压',
      place: '东村党群服务中心',
      startDate: today(),
      endDate: today(),
      headcount: 4,
    })
  ).body.id;

  await step(p, 'cobuild-claim', async () => {
    await p.goto(`${s.base}/my/cobuild?tab=needs`);
    const card = p.locator('.ant-card').filter({ hasText: '东村老年活动室周末值守' });
    await card.getByRole('button', { name: /认\s*领/ }).click();
    await p.getByText('已认领,等待社区答复').waitFor();
    await card.getByText('待答复').waitFor();
    await noOverflow();
  });

  await step(d, 'cobuild-unit-claim', async () => {
    await relogin('fin-sec');
    await d.goto(`${s.base}/cobuild/unit?tab=needs`);
    await d
      .locator('.ant-table-row')
      .filter({ hasText: '东村老年活动室周末值守' })
      .getByRole('button', { name: '以单位认领' })
      .click();
    await d.getByRole('dialog').getByLabel('派出人数').fill('2');
    await d.getByRole('dialog').getByLabel('说明').fill('派两名青年党员');
    await d
      .getByRole('dialog')
      .getByRole('button', { name: /认\s*领/ })
      .click();
    await d.getByText('已认领,等待社区答复').waitFor();
    await relogin('a1-sec');
    await d.goto(`${s.base}/cobuild/community?tab=needs`);
    await d
      .locator('.ant-table-row')
      .filter({ hasText: '东村老年活动室周末值守' })
      .getByRole('button', { name: '认领情况' })
      .click();
    const drawer = d.locator('.ant-drawer');
    for (const who of ['周财一', '县财政局机关党支部']) {
      await drawer
        .locator('.ant-table-row')
        .filter({ hasText: who })
        .getByRole('button', { name: /接\s*受/ })
        .click();
      await drawer.locator('.ant-table-row').filter({ hasText: who }).getByText('已接受').waitFor();
    }
    await shot(d, 'cobuild-community-claims');
  });

  // The community turns the need into an activity starting now (the accepted claimant is signed up).
  const start = clock.now();
  activity = (
    await a1.post('/api/cobuild/activities', {
      communityId: s.county.orgs.a1,
      needId: need,
      title: '东村老年活动室周末值守',
      category: '助老助残',
      place: '东村党群服务中心',
      startsAt: new Date(start.getTime() - 5 * 60_000).toISOString(),
      endsAt: new Date(start.getTime() + 60 * 60_000).toISOString(),
      signupLimit: 4,
    })
  ).body.id;
  // The QR codes carry these links (the API client's own Host would name another port).
  const qr = (await a1.get(`/api/cobuild/activities/${activity}/qr`)).body;
  const link = (u: string) => `${s.base}/cobuild/scan?t=${new URL(u).searchParams.get('t')}`;

  await step(d, 'cobuild-qr', async () => {
    await d.goto(`${s.base}/cobuild/community?tab=activities`);
    await d.locator('.ant-table-row').filter({ hasText: '东村老年活动室周末值守' }).click();
    await d.getByAltText('签到码').waitFor();
    await d.getByAltText('签退码').waitFor();
    await shot(d, 'cobuild-activity-qr');
  });

  await step(p, 'cobuild-sign-in', async () => {
    // Scanning the QR code on site opens this link on the phone.
    await p.goto(link(qr.signInUrl));
    await p.getByText(/签到成功 \d\d:\d\d/).waitFor();
    await noOverflow();
    await shot(p, 'cobuild-phone-signin');
    await p.goto(`${s.base}/my/cobuild?tab=activities`);
    await p.getByRole('button', { name: '我报名的' }).click();
    await p.getByLabel('现场照片').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
    await p.getByText('照片已上传').waitFor();
  });

  await advance(60);

  await step(p, 'cobuild-sign-out', async () => {
    await p.goto(link(qr.signOutUrl));
    await p.getByText(/签退成功 \d\d:\d\d/).waitFor();
    await p.getByText('本次服务 1 小时,社区核验后计入积分').waitFor();
  });

  await step(d, 'cobuild-verify', async () => {
    await relogin('a1-sec');
    await d.goto(`${s.base}/cobuild/community?tab=verify`);
    await d
      .locator('.ant-table-row')
      .filter({ hasText: '周财一' })
      .getByRole('button', { name: /核\s*验/ })
      .click();
    await d.getByText('已核验并记分').waitFor();
    await expect.poll(() => d.locator('.ant-table-row').count()).toBe(0);
  });

  await step(p, 'cobuild-points', async () => {
    await p.goto(`${s.base}/my/cobuild?tab=points`);
    // 1 hour × 2 points = 2; the quarter's cap is 1.5: 1.5 counted, 0.5 recorded as capped.
    const year = p.locator('.ant-statistic').filter({ hasText: '年积分' });
    await expect.poll(() => year.textContent()).toContain('6.5');
    const capped = p.locator('.ant-card').filter({ hasText: '超出封顶' }).filter({ hasText: '0.5' });
    await capped.first().waitFor();
    await noOverflow();
    await shot(p, 'cobuild-phone-points', { fullPage: true });
  });

  const zzb = await api('zzb');
  const q = Math.ceil(Number(today().slice(5, 7)) / 3);
  expect(
    (await zzb.post('/api/cobuild/letters/generate', { year: Number(today().slice(0, 4)), quarter: q })).status,
  ).toBe(200);

  await step(d, 'cobuild-letter', async () => {
    await relogin('fin-sec');
    await d.goto(`${s.base}/cobuild/unit?tab=letters`);
    await d
      .getByText(/在职党员到社区报到服务情况反馈函/)
      .first()
      .click();
    const drawer = d.locator('.ant-drawer');
    const row = drawer.locator('.ant-table-row').filter({ hasText: '周财一' });
    await row.getByText('甲镇东村党支部').waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await drawer.getByText(/东村老年活动室周末值守」1 小时/).waitFor();
    await shot(d, 'cobuild-letter');
  });
  expect(desk.errors).toEqual([]);
  expect(phone.errors).toEqual([]);
  void k;
  // One workflow across two browsers and a dozen pages: more than the default 120 s on a loaded machine.
}, 300_000);
