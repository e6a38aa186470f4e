/**
 * Browser-test harness: the real server in-process on a random port (fresh database per file,
 * SQLite or PostgreSQL per DATABASE_URL) and Debian's Chromium driven by playwright-core.
 * Chromium is required: without /usr/bin/chromium the tests FAIL (never skip).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../server/test/harness.ts';
import { PASSWORD, seedCounty, type County } from '../server/test/fixtures.ts';
import type { Clock } from '../server/lib/clock.ts';

export const CHROMIUM = '/usr/bin/chromium';
export { PASSWORD };

export interface Server {
  t: TestApp;
  county: County;
  base: string;
  close(): Promise<void>;
}

/** `seed: false` leaves the database empty (first-run setup); `county` is then unusable. */
export async function startServer(opts: { clock?: Clock; seed?: boolean } = {}): Promise<Server> {
  const dist = await snapshotDist();
  const t = await createTestApp({ clock: opts.clock, env: { WEB_DIST: dist } });
  const county = opts.seed === false ? (null as unknown as County) : await seedCounty(t.database.db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as { port: number }).port;
  return {
    t,
    county,
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      await t.close();
      fs.rmSync(dist, { recursive: true, force: true });
    },
  };
}

/**
 * A private copy of web/dist for this file's server. The static plugin only serves files that
 * existed when the server started, and another `vite build` (a colleague's `npm test`) empties and
 * rewrites web/dist with new hashes: a snapshot keeps a running test from seeing half a build.
 */
async function snapshotDist(): Promise<string> {
  const src = path.resolve('web/dist');
  for (let attempt = 0; attempt < 60; attempt++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-dist-'));
    try {
      fs.cpSync(src, dir, { recursive: true });
      const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
      const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
      if (refs.length && refs.every((r) => fs.existsSync(path.join(dir, r)))) return dir;
    } catch {
      /* mid-build: try again */
    }
    fs.rmSync(dir, { recursive: true, force: true });
    if (attempt === 0 && !fs.existsSync(path.join(src, 'index.html')) && !fs.existsSync(src)) {
      throw new Error('web/dist 不存在:请先运行 npm run build:web(npm test 会自动构建)');
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('web/dist 不完整(构建未完成?):请先运行 npm run build:web');
}

export interface Browser {
  ctx: BrowserContext;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function launch(viewport = { width: 1366, height: 860 }): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `找不到 ${CHROMIUM}:浏览器测试需要 Debian 的 chromium。请运行 apt-get install -y chromium fonts-wqy-microhei`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-e2e-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  ctx.setDefaultTimeout(15_000);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  // Uncaught exceptions in the page fail the test (a blank page must not pass).
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    ctx,
    page,
    errors,
    close: async () => {
      await ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a browser workflow; on failure saves a screenshot to e2e/artifacts/<name>.png. */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    fs.mkdirSync(path.resolve('e2e/artifacts'), { recursive: true });
    await page.screenshot({ path: path.resolve(`e2e/artifacts/${name}.png`), fullPage: true }).catch(() => {});
    throw e;
  }
}

/**
 * The pictures in docs/screenshots, written only when asked (`SHOTS=1 npm test`): a test run must
 * leave the tree clean, and the pictures change with every font or antialiasing difference.
 */
export async function shot(target: Page | Locator, name: string, opts: { fullPage?: boolean } = {}) {
  if (process.env.SHOTS !== '1') return;
  const file = path.resolve(`docs/screenshots/${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: opts.fullPage });
  else await target.screenshot({ path: file });
}

/**
 * Types `query` into a server-searching select (`input`: its search box) and picks the option named
 * `name`, then waits for the select to show it. On a loaded machine a click on an option sometimes
 * did not take (the list was being replaced by the search's answer): the account or transfer then
 * went to the default org. The pick is retried, twice at most; what was saved is still checked by
 * each test against the database.
 */
export async function pickOption(page: Page, input: Locator, query: string, name: string) {
  const select = input.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  for (let attempt = 1; ; attempt++) {
    await input.fill(query);
    await page.locator('.ant-select-item-option').filter({ hasText: name }).first().click();
    try {
      await select.filter({ hasText: name }).waitFor({ timeout: 5000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/**
 * Picks `name` in the tree select inside `scope` after typing `query`, and waits until the select
 * shows it; retries the pick (≤ 3) when a click during the dropdown's animation did not take.
 */
export async function pickTreeOption(page: Page, scope: Locator, query: string, name: string) {
  const select = scope.locator('.ant-select').first();
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.keyboard.type(query);
    await page.locator('.ant-select-tree').getByText(name, { exact: true }).first().click();
    try {
      await select.filter({ hasText: name }).waitFor({ timeout: 5000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Opens a dropdown menu by its button and clicks `item`, reopening the menu if a click was lost. */
export async function menuItem(page: Page, button: RegExp | string, item: string) {
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('button', { name: button }).click();
    try {
      await page.getByRole('menuitem', { name: item }).waitFor({ timeout: 5000 });
      await page.getByRole('menuitem', { name: item }).click();
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

export async function login(page: Page, base: string, username: string, password = PASSWORD, path = '/login') {
  await page.goto(base + path);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** A seeded server and a browser already logged in as `username` and on the home page. */
export async function startLoggedIn(username: string): Promise<{ s: Server; b: Browser }> {
  const s = await startServer();
  const b = await launch();
  await login(b.page, s.base, username);
  await b.page.waitForURL(`${s.base}/`);
  return { s, b };
}
