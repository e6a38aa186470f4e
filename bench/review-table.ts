/**
 * The 述职评议 ballot at 300 organizations, in Chromium at 1440×900: how long a tick, typing an
 * opinion and the bulk 「未评的全部评为」 take, measured in the page with the Performance API
 * (Event Timing: an interaction's duration runs from the input event to the next paint; entries
 * start at 16 ms, so "<16" means no entry was recorded). The same run measures the page as it was
 * before (BEFORE_REF, built into /tmp) beside the current build (web/dist):
 *
 *   npx vite build && npx tsx bench/review-table.ts
 *   BEFORE_REF=<commit> ORGS=300 npx tsx bench/review-table.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createTestApp } from '../server/test/harness.ts';
import { builtWebOf } from './lib.ts';
import { as, insertOrg, seedCounty } from '../server/test/fixtures.ts';

const ORGS = Number(process.env.ORGS ?? 300);
const BEFORE_REF = process.env.BEFORE_REF ?? '3d9fa80';
const ROWS = 10;

async function serve(dist: string) {
  const t = await createTestApp({ env: { WEB_DIST: dist } });
  const c = await seedCounty(t.database.db);
  const ids: number[] = [];
  for (let i = 1; i <= ORGS; i++) {
    const n = String(i).padStart(3, '0');
    ids.push(
      await insertOrg(t.database.db, {
        code: `R${n}`,
        name: `第${n}评议单位党委`,
        type: '党委',
        parentId: c.orgs.county,
      }),
    );
  }
  const zzb = await as(t.app, 'zzb');
  const rid = (await zzb.post('/api/reviews', { title: `${ORGS} 个组织的评议`, year: 2025, orgIds: ids })).body.id;
  const tokens: string[] = (await zzb.post(`/api/reviews/${rid}/tokens`, { count: 2 })).body.tokens;
  await zzb.post(`/api/reviews/${rid}/open-voting`);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  return { t, base, tokens, names: ids.map((_, i) => `第${String(i + 1).padStart(3, '0')}评议单位党委`) };
}

/** Installs an Event Timing observer; `take()` returns the durations of interactions since the last call. */
type Ev = PerformanceEventTiming & { interactionId?: number };
const OBSERVE = () => {
  const w = window as unknown as { __ev: Ev[] };
  w.__ev = [];
  new PerformanceObserver((l) => w.__ev.push(...(l.getEntries() as Ev[]))).observe({
    type: 'event',
    durationThreshold: 16,
    buffered: false,
  } as PerformanceObserverInit);
};
async function take(page: Page) {
  await page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
  return page.evaluate(() => {
    const w = window as unknown as { __ev: Ev[] };
    const byInteraction = new Map<number, number>();
    for (const e of w.__ev) {
      const k = e.interactionId || -Math.round(e.startTime);
      byInteraction.set(k, Math.max(byInteraction.get(k) ?? 0, e.duration));
    }
    w.__ev = [];
    return Math.max(0, ...byInteraction.values());
  });
}

async function measure(label: string, dist: string, variant: 'before' | 'after') {
  const s = await serve(dist);
  const dir = fs.mkdtempSync('/tmp/luoshi-bench-chrome-');
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  ctx.setDefaultTimeout(180_000);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  try {
    const t0 = Date.now();
    await page.goto(`${s.base}/vote?t=${encodeURIComponent(s.tokens[0])}`);
    await page.getByText(s.names[0]).first().waitFor();
    const open = Date.now() - t0;
    await page.evaluate(OBSERVE);
    const ticks: number[] = [];
    for (let i = 0; i < ROWS; i++) {
      const grade = i % 2 ? '较好' : '好';
      if (variant === 'after') await page.getByLabel(`${s.names[i]} ${grade}`, { exact: true }).click();
      else await page.getByLabel(`${s.names[i]} 评议等次`).getByText(grade, { exact: true }).click();
      ticks.push(await take(page));
    }
    const opinion = page.getByLabel(`${s.names[0]} 意见`);
    await opinion.click();
    await take(page);
    await page.keyboard.type('加强后备干部培养', { delay: 0 });
    const typing = await take(page);
    let fill: number | null = null;
    if (variant === 'after') {
      await page
        .getByRole('button', { name: /^一\s*般$/ })
        .first()
        .click();
      fill = await take(page);
    }
    const fmt = (ms: number) => (ms ? `${Math.round(ms)}` : '<16');
    const sorted = [...ticks].sort((a, b) => a - b);
    console.log(
      `${label.padEnd(8)} open ${String(open).padStart(5)} ms | tick p50 ${fmt(sorted[Math.floor(ROWS / 2)]).padStart(4)} max ${fmt(sorted[ROWS - 1]).padStart(4)} ms | typing 8 chars (worst key) ${fmt(typing).padStart(4)} ms | fill all unrated ${fill === null ? '(none)' : `${fmt(fill)} ms`}`,
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
  `述职评议 ballot, ${ORGS} organizations, 1440×900, Chromium headless; Event Timing durations (input → next paint)`,
);
for (const round of [1, 2]) {
  await measure(`before#${round}`, before, 'before');
  await measure(`after#${round}`, after, 'after');
}
process.exit(0);
