/**
 * Server memory while hostile office files are uploaded (issue 9, item 1): peak RSS of the server
 * process (main thread + its parse workers) per upload, its answer, and whether it survived; beside
 * the same server idle and reading a normal 500,000-character document, in the same run. The
 * server runs as its own process (`node --import tsx server/main.ts`, SQLite); a server that dies
 * is started again for the next file. Run: npx tsx bench/bombs.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  deepNesting,
  hugeRun,
  lyingParagraphs,
  manyParagraphs,
  proseDocx,
  xlsxWithSharedString,
} from '../server/test/bombs.ts';

const PASSWORD = 'Bench#2026lake';
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`.padStart(8);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bombs-'));
const url = `sqlite:${path.join(dir, 'bombs.db')}`;

let server!: ChildProcess;
let base = '';
let exited: string | null = null;

async function start() {
  const port = 39000 + Math.floor(Math.random() * 1000);
  exited = null;
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn', LUOSHI_ADMIN_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  server.stderr!.on('data', (d) => (err += d));
  server.on('exit', (code, sig) => {
    exited = `进程退出(${sig ?? `退出码 ${code}`})${/heap out of memory/i.test(err) ? ':JavaScript heap out of memory' : ''}`;
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d) => String(d).includes('已启动') && resolve());
    server.once('exit', () => reject(new Error(`server exited: ${err.slice(-500)}`)));
  });
  base = `http://127.0.0.1:${port}`;
}

const rss = () => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

async function session() {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const body = (await r.json()) as { csrfToken: string; user: { scopeOrgId: number } };
  return { cookie: r.headers.get('set-cookie')!.split(';')[0], csrf: body.csrfToken };
}

async function upload(route: string, name: string, data: Buffer, fields: Record<string, string>) {
  const s = await session();
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
  const t0 = performance.now();
  let answer: string;
  try {
    const r = await fetch(`${base}${route}`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: form,
    });
    const j = (await r.json().catch(() => ({}))) as { code?: string; message?: string };
    answer = `${r.status} ${j.code ?? ''} ${(j.message ?? '').slice(0, 40)}`;
  } catch (e) {
    answer = `连接中断:${(e as Error).message}`;
  }
  const seconds = (performance.now() - t0) / 1000;
  // Wait a moment for a dying process to be reported.
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(sampler);
  return { before, peak, seconds, answer };
}

await start();
const files: [string, string, string, () => Buffer, Record<string, string>][] = [
  [
    '正常文件:50 万字 .docx',
    '/api/documents/upload',
    'normal.docx',
    () => proseDocx(2_400, 200),
    { date: '2026-11-02' },
  ],
  [
    '700 万个空段落 .docx(42 MB XML)',
    '/api/documents/upload',
    'a.docx',
    () => manyParagraphs(7_000_000),
    { date: '2026-11-02' },
  ],
  [
    '同上,目录谎报解压大小',
    '/api/documents/upload',
    'b.docx',
    () => lyingParagraphs(7_000_000),
    { date: '2026-11-02' },
  ],
  [
    '一个 run 3 亿字节文字 .docx',
    '/api/documents/upload',
    'c.docx',
    () => hugeRun(100_000_000),
    { date: '2026-11-02' },
  ],
  ['10 万层嵌套 .docx', '/api/documents/upload', 'd.docx', () => deepNesting(100_000), { date: '2026-11-02' }],
  [
    '300 MB 共享文本 .xlsx',
    '/api/import/members',
    'e.xlsx',
    () => xlsxWithSharedString(Buffer.alloc(300 * 1024 * 1024, 0x41)),
    {},
  ],
  [
    '同上,目录谎报解压大小',
    '/api/import/members',
    'f.xlsx',
    () => xlsxWithSharedString(Buffer.alloc(300 * 1024 * 1024, 0x41), 1000),
    {},
  ],
];
console.log(`空闲服务进程 RSS:${mb(rss())}`);
console.log('文件                                     大小      上传前 RSS   峰值 RSS   用时     结果');
for (const [what, route, name, make, fields] of files) {
  const data = make();
  if (exited) await start();
  const r = await upload(route, name, data, fields);
  console.log(
    `${what.padEnd(32)} ${mb(data.length)}  ${mb(r.before)}  ${mb(r.peak)}  ${r.seconds.toFixed(1).padStart(5)} s  ${exited ?? r.answer}`,
  );
}
if (!exited) {
  const h = await fetch(`${base}/api/health`);
  console.log(`全部上传之后 GET /api/health:${h.status}`);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
