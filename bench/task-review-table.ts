/**
 * The 任务分解表 (speech → proposed tasks, /documents/:id) at 300 rows, in Chromium at
 * 1440×900: how long a tick, typing 10 characters in a task, changing a lead unit and ticking 65 rows
 * take, measured in the page with the Performance API (bench/event-timing.ts). The same run measures
 * the page as it was before (BEFORE_REF, built once into /tmp) beside the current build (web/dist):
 *
 *   npx vite build && npx tsx bench/task-review-table.ts
 *   BEFORE_REF=<commit> ROWS=300 TICKS=65 ROUNDS=1 npx tsx bench/task-review-table.ts
 * Either form of the table is recognized (the grid of rows or the antd Table before 6f2e71f). "shown"
 * runs from the click to the last row in the page (the extraction included); "render" from the
 * extraction's answer to the frame after the last row arrived.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createTestApp } from '../server/test/harness.ts';
import { builtWebOf } from './lib.ts';
import { as, PASSWORD, seedCounty } from '../server/test/fixtures.ts';
import { fmt, observe, speech, take } from './event-timing.ts';

const ROWS = Number(process.env.ROWS ?? 300);
const TICKS = Number(process.env.TICKS ?? 65);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const BEFORE_REF = process.env.BEFORE_REF ?? 'e3afcd8';

async function serve(dist: string) {
  const t = await createTestApp({ env: { WEB_DIST: dist } });
  await seedCounty(t.database.db);
  const dcs = await as(t.app, 'dcs');
  const doc = await dcs.post('/api/documents', {
    title: `${ROWS} 条任务的讲话`,
    date: '2026-11-30',
    text: speech(ROWS),
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  return { t, base, doc: doc.body.id as number };
}

async function measure(label: string, dist: string) {
  const s = await serve(dist);
  const dir = fs.mkdtempSync('/tmp/luoshi-bench-chrome-');
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  ctx.setDefaultTimeout(300_000);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('pageerror', (e) => console.error(`${label}: page error: ${e.message}`));
  page.on('crash', () => console.error(`${label}: the page crashed`));
  page.on('console', (m) => m.type() === 'error' && console.error(`${label}: console: ${m.text().slice(0, 300)}`));
  try {
    await page.goto(`${s.base}/login`);
    await page.getByLabel('用户名').fill('dcs');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${s.base}/`);
    await page.goto(`${s.base}/documents/${s.doc}`);
    // the render alone: from the extraction's answer to the next frame after the last row is in the page
    await page.evaluate((n) => {
      const w = window as unknown as { __rendered?: number };
      const mo = new MutationObserver(() => {
        if (document.querySelectorAll('[data-testid=review-row], .ant-table-tbody .ant-table-row').length < n) return;
        mo.disconnect();
        requestAnimationFrame(() => setTimeout(() => (w.__rendered = performance.now())));
      });
      mo.observe(document.body, { childList: true, subtree: true });
    }, ROWS);
    await page.getByRole('button', { name: /识别任务/ }).click();
    const t0 = Date.now();
    await page.getByText(/识别出 \d+ 条任务建议/).waitFor();
    // the grid of rows (since 6f2e71f) or the antd Table it replaced, whichever this build has
    const grid = page.locator('[data-testid=review-row]');
    const either = page.locator('[data-testid=review-row], .ant-table-tbody .ant-table-row');
    await either.nth(ROWS - 1).waitFor({ state: 'attached' });
    const variant = (await grid.count()) ? 'grid' : 'antd';
    const rows = variant === 'grid' ? grid : page.locator('.ant-table-tbody .ant-table-row');
    const shown = Date.now() - t0;
    await page.waitForFunction(() => (window as unknown as { __rendered?: number }).__rendered);
    const rendered = await page.evaluate(() => {
      const e = performance
        .getEntriesByType('resource')
        .find((x) => /\/extract$/.test(x.name)) as PerformanceResourceTiming;
      return (window as unknown as { __rendered: number }).__rendered - e.responseEnd;
    });
    const n = await rows.count();
    await observe(page);
    // one tick
    await rows.nth(1).locator('.ant-checkbox-input').click();
    const tick = await take(page);
    await rows.nth(1).locator('.ant-checkbox-input').click();
    await take(page);
    // ten characters typed at the end of a task
    const area = rows.nth(2).getByLabel('工作任务');
    await area.click();
    await area.press('End');
    await take(page);
    const t1 = Date.now();
    await page.keyboard.type('并报县委督查室备案', { delay: 0 });
    await page.keyboard.type('。', { delay: 0 });
    const typing = await take(page);
    const typingWall = Date.now() - t1;
    // a lead unit changed (open the picker, search, pick): the pick is measured
    if (variant === 'grid') await rows.nth(3).getByRole('button', { name: '牵头单位' }).click();
    else await rows.nth(3).getByTestId('lead-cell').locator('.ant-select').click();
    await page.keyboard.type('县财政局');
    const option =
      variant === 'grid'
        ? page.locator('.ant-select-item-option').filter({ hasText: '县财政局' }).first()
        : page
            .locator('.ant-select-tree-node-content-wrapper')
            .filter({ hasText: /^县财政局$/ })
            .first();
    await option.waitFor();
    await take(page);
    await option.click();
    const lead = await take(page);
    // 65 rows ticked one after the other
    const t2 = Date.now();
    let worstTick = 0;
    for (let i = 0; i < Math.min(TICKS, n); i++) {
      await rows
        .nth(10 + i)
        .locator('.ant-checkbox-input')
        .click();
      if (i % 13 === 12) worstTick = Math.max(worstTick, await take(page));
    }
    await page.getByRole('button', { name: new RegExp(`发布选中的 ${Math.min(TICKS, n)} 条`) }).waitFor();
    const ticksWall = Date.now() - t2;
    worstTick = Math.max(worstTick, await take(page));
    console.log(
      `${label.padEnd(9)} ${String(n).padStart(3)} rows | shown ${String(shown).padStart(6)} ms (render ${String(Math.round(rendered)).padStart(5)} ms) | tick ${fmt(tick).padStart(5)} ms | ` +
        `10 chars: worst key ${fmt(typing).padStart(5)} ms, ${String(typingWall).padStart(5)} ms in all | ` +
        `lead pick ${fmt(lead).padStart(5)} ms | ${TICKS} ticks ${String(ticksWall).padStart(6)} ms in all (worst ${fmt(worstTick)} ms)`,
    );
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await s.t.close();
  }
}

const before = builtWebOf(BEFORE_REF);
const after = path.resolve('web/dist');
console.log(
  `任务分解表 review table, ${ROWS} proposals, 1440×900, Chromium headless; Event Timing durations (input → next paint; <16 = within a frame)`,
);
for (let round = 1; round <= ROUNDS; round++) {
  await measure(`after#${round}`, after);
  if (process.env.SKIP_BEFORE !== '1') await measure(`before#${round}`, before);
}
process.exit(0);
