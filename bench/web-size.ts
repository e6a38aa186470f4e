/**
 * What the browser downloads, measured on the production build (run `npm run build:web` first):
 *   npx tsx bench/web-size.ts
 *
 * 1. The login page: the entry script and modulepreload links of web/dist/index.html, plus the
 *    login route's lazy chunk and everything it statically imports (from Vite's manifest). Goal:
 *    ≤ 350 KB gzip. Shown beside the same figure for the whole app (every chunk), which is what
 *    a non-split build would make the login page download.
 * 2. Each route of web/src/app/routes.tsx: its own chunk and the chunks it adds beyond the login
 *    page (raw and gzip).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve('web/dist');
const manifestPath = path.join(dist, '.vite/manifest.json');
if (!fs.existsSync(manifestPath)) {
  console.error('web/dist/.vite/manifest.json 不存在:请先运行 npm run build:web');
  process.exit(1);
}
type Entry = {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};
const manifest: Record<string, Entry> = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const byFile = new Map(Object.entries(manifest).map(([k, v]) => [v.file, k]));

const sizes = new Map<string, { raw: number; gz: number }>();
function size(file: string) {
  let s = sizes.get(file);
  if (!s) {
    const buf = fs.readFileSync(path.join(dist, file));
    s = { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
    sizes.set(file, s);
  }
  return s;
}

/** A chunk and its static imports, transitively (what the browser must fetch before running it). */
function closure(key: string, acc = new Set<string>()) {
  const e = manifest[key];
  if (!e || acc.has(e.file)) return acc;
  acc.add(e.file);
  for (const c of e.css ?? []) acc.add(c);
  for (const i of e.imports ?? []) closure(i, acc);
  return acc;
}
const sum = (files: Iterable<string>) => {
  let raw = 0,
    gz = 0;
  for (const f of files) {
    const s = size(f);
    raw += s.raw;
    gz += s.gz;
  }
  return { raw, gz };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

// 1. index.html: entry script + modulepreload links (what the browser fetches before any route).
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const htmlFiles = new Set<string>();
for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)) htmlFiles.add(m[1]);
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)) htmlFiles.add(m[1]);
for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+)"/g)) htmlFiles.add(m[1]);
const entryFiles = new Set<string>(htmlFiles);
for (const f of htmlFiles) {
  const k = byFile.get(f);
  if (k) closure(k, entryFiles);
}

const keyOfSrc = (suffix: string) => Object.keys(manifest).find((k) => k.endsWith(suffix));
const loginKey = keyOfSrc('src/pages/LoginPage.tsx');
if (!loginKey) throw new Error('manifest 中找不到 LoginPage 的 chunk');
const loginFiles = closure(loginKey, new Set(entryFiles));
const all = sum(
  fs
    .readdirSync(path.join(dist, 'assets'))
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((f) => `assets/${f}`),
);

const login = sum(loginFiles);
console.log('== 登录页下载的 JS/CSS(gzip -9) ==');
for (const f of [...loginFiles].sort((a, b) => size(b).gz - size(a).gz))
  console.log(`  ${f.padEnd(48)} ${kb(size(f).raw).padStart(10)} ${kb(size(f).gz).padStart(10)}`);
console.log(
  `  登录页合计:        raw ${kb(login.raw)}   gzip ${kb(login.gz)}   (目标 ≤ 350 KB gzip:${login.gz <= 350 * 1024 ? '达标' : '未达标'})`,
);
console.log(`  对照:全部 chunk:   raw ${kb(all.raw)}   gzip ${kb(all.gz)}   (不拆分时登录页要下载的量)`);

// 2. Per route (from the route table's lazy imports) and the app frame.
const layoutKey = keyOfSrc('src/app/AppLayout.tsx');
const frameFiles = layoutKey ? closure(layoutKey, new Set(entryFiles)) : entryFiles;
const routeSrc = fs.readFileSync('web/src/app/routes.tsx', 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''); // not the how-to comment
// An entry spans several lines once formatted: path, title, …, component: lazy(() => import(…)).
const routes = [...routeSrc.matchAll(/path: '([^']+)',\s+title: '([^']+)',[^}]*?import\('\.\.\/([^']+)'\)/g)].map(
  (m) => ({ path: m[1], title: m[2], src: `src/${m[3]}` }),
);
console.log('\n== 各路由 chunk(raw / gzip);「新增」= 已在登录页和框架之外还要下载的部分 ==');
const frame = sum([...frameFiles].filter((f) => !loginFiles.has(f)));
console.log(`  ${'框架 AppLayout'.padEnd(22)} 新增 raw ${kb(frame.raw).padStart(9)}  gzip ${kb(frame.gz).padStart(9)}`);
for (const r of routes) {
  const key = keyOfSrc(r.src);
  if (!key) {
    console.log(`  ${r.title}: 找不到 chunk (${r.src})`);
    continue;
  }
  const own = size(manifest[key].file);
  const extra = sum([...closure(key)].filter((f) => !frameFiles.has(f) && !loginFiles.has(f)));
  console.log(
    `  ${(`${r.title} ${r.path}`).padEnd(22)} 自身 raw ${kb(own.raw).padStart(9)}  gzip ${kb(own.gz).padStart(9)}   新增 raw ${kb(extra.raw).padStart(9)}  gzip ${kb(extra.gz).padStart(9)}`,
  );
}

// 3. Public pages outside the app frame: what a citizen's phone downloads (entry + the page's chunk).
for (const [title, src] of [
  ['公开评价页 /r(好差评)', 'src/features/windows/RatePage.tsx'],
  ['投票页 /vote', 'src/features/reviews/VotePage.tsx'],
] as const) {
  const key = keyOfSrc(src);
  if (!key) continue;
  const files = closure(key, new Set(entryFiles));
  const t = sum(files);
  const own = size(manifest[key].file);
  console.log(
    `\n== ${title} ==\n  自身 chunk gzip ${kb(own.gz)};入口 + 该页合计 raw ${kb(t.raw)}  gzip ${kb(t.gz)}(对照:登录页 gzip ${kb(login.gz)})`,
  );
}
