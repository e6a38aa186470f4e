/**
 * 党支部建设标准化 in the browser, one round end to end. Setup (API): 甲镇东村 holds two 党员大会
 * (组织生活 records, both members 补签), so its sheet's C1/C2 are auto-filled from them; a draft of
 * the other items is saved; 甲镇西村 scores low through the API. Browser: 甲镇东村 uploads a photo
 * as evidence and submits its 自评; 甲镇 returns one item with a reason; the branch resubmits; 甲镇
 * passes 初核; 组织部 审定, grades the round and opens 公示. Then (API) an objection is answered,
 * the window closes, results are published, the 后进 branch gets a 整顿 plan whose problems land in
 * the rectification ledger, and is lifted after 逐条验收 — the browser shows the ranking and the plan.
 */
import dayjs from 'dayjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../server/lib/clock.ts';
import { bj } from '../server/modules/orglife/test-helpers.ts';
import { PNG } from '../server/modules/standards/standards.test-support.ts';
import { as, insertUser } from '../server/test/fixtures.ts';
import type { Client } from '../server/test/harness.ts';
import { type Browser, type Server, launch, login, startServer, shot, step } from './harness.ts';

let s: Server;
let desk: Browser;
let zzb: Client;
let roundId = 0;
let entryA1 = 0;
let entryA2 = 0;
const clock = new ManualClock(new Date());
const today = () => dayjs(clock.now());
const db = () => s.t.database.db;
const entry = (id: number) => db().selectFrom('std_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Every item of a sheet: at its auto value, else `points(it)`; a described piece of each required type. */
async function draft(cl: Client, id: number, points: (it: any) => number, bare: string[] = []) {
  const sheet = (await cl.get(`/api/standards/entries/${id}`)).body;
  return sheet.items.map((it: any) => ({
    code: it.code,
    points: it.auto?.points ?? points(it),
    evidence: bare.includes(it.code)
      ? []
      : it.evidenceRequired.map((type: string) => ({ type, note: `${type}已归档` })),
  }));
}

beforeAll(async () => {
  s = await startServer({ clock });
  const c = s.county;
  zzb = await as(s.t.app, 'zzb');
  const branch = await as(s.t.app, 'branch-a1');
  for (const k of [2, 1]) {
    const day = today().subtract(k, 'month').date(8);
    const m = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['支部党员大会'],
      heldAt: bj(`${day.format('YYYY-MM-DD')}T15:00:00`),
      topic: `${day.format('M')}月支部党员大会`,
      backdateReason: '纸质记录补录',
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    for (const memberId of [c.members.mA1, c.members.mA2])
      expect(
        (await branch.post(`/api/meetings/${m.body.id}/attendance`, { memberId, status: '补签', reason: '纸质签到表' }))
          .status,
      ).toBe(200);
  }
  const manualId = (await zzb.get('/api/standards/manuals')).body.items.find((m: any) => m.scheme === '标准化').id;
  const r = await zzb.post('/api/standards/rounds', {
    manualId,
    year: today().year(),
    name: `${today().year()}年度党支部标准化考评`,
    orgIds: [c.orgs.a1, c.orgs.a2],
    selfWeight: 40,
    superiorWeight: 60,
    selfDueDate: today().add(10, 'day').format('YYYY-MM-DD'),
    reviewDueDate: today().add(20, 'day').format('YYYY-MM-DD'),
    objectionDays: 1,
  });
  expect(r.status).toBe(201);
  roundId = r.body.id;
  const rows = (await zzb.get(`/api/standards/rounds/${roundId}`)).body.entryRows;
  entryA1 = rows.find((e: any) => e.orgId === c.orgs.a1).id;
  entryA2 = rows.find((e: any) => e.orgId === c.orgs.a2).id;
  // 甲镇东村's draft: everything but A1, whose evidence the secretary uploads in the browser
  const saved = await branch.request('PUT', `/api/standards/entries/${entryA1}/self`, {
    items: await draft(branch, entryA1, (it) => (it.bonus ? 0 : it.maxPoints), ['A1']),
  });
  expect(saved.status).toBe(200);
  // 甲镇西村 scores about half on every item: it ends 后进
  await insertUser(db(), { username: 'branch-a2', role: 'unit_admin', scopeOrgId: c.orgs.a2 });
  const a2 = await as(s.t.app, 'branch-a2');
  const half = (it: any) =>
    it.bonus ? 0 : it.method === 'levels' ? Math.min(...it.levels.map((l: any) => l.points)) : 0;
  const put = await a2.request('PUT', `/api/standards/entries/${entryA2}/self`, {
    items: await draft(a2, entryA2, half),
    submit: true,
  });
  expect(put.status).toBe(200);
  const town = await as(s.t.app, 'town-a');
  expect((await town.post(`/api/standards/entries/${entryA2}/review`, { items: [] })).status).toBe(200);
  expect((await zzb.post(`/api/standards/entries/${entryA2}/approve`, {})).status).toBe(200);
  desk = await launch({ width: 1440, height: 900 });
}, 120_000);
afterAll(async () => {
  await desk?.close();
  await s?.close();
});

test('自评 with an uploaded photo and org-life figures → 初核 退回 → 审定 → grades, 公示, 整顿 lifted', async () => {
  const { page } = desk;
  const base = s.base;
  const sheetUrl = `${base}/standards/entries/${entryA1}`;
  const relogin = async (user: string) => {
    await page.context().clearCookies();
    await login(page, base, user);
    await page.waitForURL(`${base}/`);
  };

  await step(page, 'standards-self', async () => {
    await login(page, base, 'branch-a1');
    await page.waitForURL(`${base}/`);
    await page.goto(sheetUrl);
    // C1 / C2 are filled from the two meetings: both members present = 100% attendance
    const c2 = page.locator('tr[data-row-key="C2"]');
    await c2.getByText('100%').first().waitFor();
    await expect(c2.getByRole('link', { name: '查看记录' }).count()).resolves.toBe(1);
    await page
      .locator('tr[data-row-key="C1"]')
      .getByText(/\d+次 → \d+ 分/)
      .first()
      .waitFor();
    await page.getByTestId('evidence-A1').getByText('需:记录本').waitFor();
    await page
      .getByTestId('evidence-A1')
      .getByRole('button', { name: /添加佐证/ })
      .click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '理论学习记录.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /上\s*传/ })
      .click();
    await page.getByTestId('evidence-A1').getByText('记录本:理论学习记录.png').waitFor();
    await page.getByRole('button', { name: /提交自评/ }).click();
    await page.getByText('自评已提交,等待上级初核').waitFor();
    expect((await entry(entryA1)).status).toBe('待初核');
    const file = await db().selectFrom('std_evidence_file').selectAll().where('entry_id', '=', entryA1).execute();
    expect(file.map((f) => [f.code, f.type, f.kind])).toEqual([['A1', '记录本', 'image']]);
  });

  await step(page, 'standards-review', async () => {
    await relogin('town-a');
    await page.goto(sheetUrl);
    await page.locator('tr[data-row-key="B3"]').getByText('退回修改').click();
    await page.getByPlaceholder('退回理由(必填)').fill('发展党员档案缺少政审材料,请补充后重报');
    await page.getByRole('button', { name: '退回所选项目' }).click();
    await page.getByText('初核已提交').waitFor();
    const e = await entry(entryA1);
    expect(e).toMatchObject({ status: '已退回', return_reason: '发展党员档案缺少政审材料,请补充后重报' });

    await relogin('branch-a1');
    await page.goto(sheetUrl);
    await page.getByText('退回理由:发展党员档案缺少政审材料,请补充后重报').waitFor();
    await page.getByRole('button', { name: /提交自评/ }).click();
    await page.getByText('自评已提交,等待上级初核').waitFor();

    await relogin('town-a');
    await page.goto(sheetUrl);
    await page.locator('tr[data-row-key="B3"]').getByPlaceholder('初核意见').fill('已补齐,扣 1 分');
    await page.getByRole('button', { name: '初核通过' }).click();
    await page.getByText('初核已提交').waitFor();
    expect((await entry(entryA1)).status).toBe('待审定');
  });

  await step(page, 'standards-approve-grade', async () => {
    await relogin('zzb');
    await page.goto(sheetUrl);
    await page.getByRole('button', { name: /审\s*定/ }).click();
    await page.getByText('已审定', { exact: true }).first().waitFor();
    expect((await entry(entryA1)).status).toBe('已审定');
    // the radar compares the branch with the county average; the print layout is the paper 考评表
    await page.locator('canvas').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.getByTestId('print-sheet').getByText('支部书记(签字)').waitFor();
    await shot(page, 'standards-print', { fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${base}/standards/rounds/${roundId}`);
    await page.getByRole('button', { name: '评定等次' }).click();
    const ok = page.getByRole('button', { name: /知道了|确\s*定|OK/ });
    if (await ok.isVisible({ timeout: 3000 }).catch(() => false)) await ok.click();
    await page.getByRole('button', { name: '开始公示' }).click();
    await page.getByText('公示中').first().waitFor();
    await shot(page, 'standards-round', { fullPage: true });
  });

  // 公示: one objection, answered; the window (1 working day) passes; results published
  const obj = await zzb.post(`/api/standards/rounds/${roundId}/objections`, {
    orgId: s.county.orgs.a2,
    text: '甲镇西村党员反映:该支部主题党日记录齐全,得分偏低',
  });
  expect(obj.status).toBe(201);
  const ans = await zzb.post(`/api/standards/rounds/${roundId}/objections/${obj.body.id}/answer`, {
    answer: '经复核,主题党日记录不全,维持原评定',
  });
  expect(ans.status).toBe(200);
  clock.set(today().add(6, 'day').toDate());
  zzb = await as(s.t.app, 'zzb');
  expect((await zzb.post(`/api/standards/rounds/${roundId}/publish`, {})).status).toBe(200);
  const results = (await zzb.get(`/api/standards/rounds/${roundId}/results`)).body.items;
  const a2 = results.find((x: any) => x.orgId === s.county.orgs.a2);
  expect(a2.grade).toBe('后进');
  expect(results.find((x: any) => x.orgId === s.county.orgs.a1).grade).not.toBeNull();

  // 整顿: the 后进 branch's problems become ledger items; 逐条验收 lifts it, the history stays
  const cand = (await zzb.get(`/api/standards/rounds/${roundId}/rectify-candidates`)).body.items;
  expect(cand.map((x: any) => x.orgId)).toContain(s.county.orgs.a2);
  const plan = await zzb.post('/api/standards/plans', {
    orgId: s.county.orgs.a2,
    roundId,
    basis: '年度标准化考评评为后进',
    contactLeader: '县委组织部副部长 王明',
    problems: [{ problem: '三会一课不规范' }, { problem: '党建台账缺失' }],
  });
  expect(plan.status).toBe(201);
  const ledger = await db()
    .selectFrom('rectification_item')
    .select(['org_id', 'problem'])
    .where('source_ref', '=', `std_plan:${plan.body.id}`)
    .execute();
  expect(ledger).toHaveLength(2);
  const town = await as(s.t.app, 'town-a');
  for (const p of (await town.get(`/api/standards/plans/${plan.body.id}`)).body.problems)
    expect(
      (await town.post(`/api/standards/plans/${plan.body.id}/problems/${p.id}/accept`, { note: '已整改到位' })).status,
    ).toBe(200);

  await step(page, 'standards-published', async () => {
    await relogin('zzb');
    await page.goto(`${base}/standards/rounds/${roundId}`);
    await page.getByText('已发布').first().waitFor();
    await page.locator('tr', { hasText: '甲镇西村' }).getByText('后进').first().waitFor();
    // the objection list (the one every 公示 shows): the branch, the objection, the verdict and answer
    const objection = page.locator('tr', { hasText: '主题党日记录齐全' });
    await objection.getByText('甲镇西村党支部').waitFor();
    await objection.getByText('维持', { exact: true }).waitFor();
    await objection.getByText('经复核,主题党日记录不全,维持原评定').waitFor();
    await page.goto(`${base}/standards/plans/${plan.body.id}`);
    await page.getByText('已摘帽').first().waitFor();
  });
}, 120_000);
