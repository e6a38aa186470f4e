/**
 * 50,000-row member sheet imported end to end over HTTP into a county-scale database, on SQLite
 * (and PostgreSQL when DATABASE_URL=postgres://… is set):
 *   - seconds from upload to job 'done', rows/s, peak RSS of the server process (its own process);
 *   - latency of requests issued every 100 ms during the import: a non-API page (event loop only)
 *     and GET /api/orgs (needs the database);
 *   - comparison measured in the same run: the same 50,000 rows inserted into the same database
 *     with a bare better-sqlite3 prepared statement in one transaction.
 * Run: npx tsx bench/import.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { connect } from '../server/db/connect.ts';
import { validateMember } from '../server/modules/members/members.service.ts';
import { countyDatabase, DEMO_PASSWORD, memberImportSheet } from './county.ts';

const ROWS = 50_000;
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const pct = (xs: number[], p: number) =>
  xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

async function run(dialect: 'sqlite' | 'postgres') {
  const county = await countyDatabase({ dialect });
  console.log(
    `\n[${dialect}] 示范县生成:组织 ${county.summary.orgs},党员 ${county.summary.members},用时 ${county.seedSeconds.toFixed(2)} s`,
  );
  const branches = await county.database.db
    .selectFrom('org_unit')
    .select('code')
    .where('type', '=', '党支部')
    .orderBy('id')
    .execute();
  let t = performance.now();
  const sheet = await memberImportSheet(
    branches.map((b) => b.code),
    ROWS,
  );
  console.log(
    `[${dialect}] 生成 ${ROWS} 行 .xlsx:${(sheet.buf.length / 1024 / 1024).toFixed(1)} MB,${((performance.now() - t) / 1000).toFixed(2)} s(不计入导入)`,
  );

  // The server runs as its own process (`node --import tsx server/main.ts`), exactly as deployed, so
  // its RSS is the server's alone; it is read from /proc every 20 ms.
  await county.database.close();
  const port = 39000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: county.url, PORT: String(port), LOG_LEVEL: 'warn', LUOSHI_ADMIN_PASSWORD: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d) => {
      if (String(d).includes('已启动')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const rss = () =>
    Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-admin', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await login.json()) as any;
  const total = async () =>
    ((await (await fetch(`${base}/api/members?pageSize=1`, { headers: { cookie } })).json()) as any).total;
  const before = await total();

  const rssBase = rss();
  let rssPeak = rssBase;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rss());
  }, 20);
  // Two probes every 100 ms: an API read (needs the database) and a non-API 404 (event loop only).
  const api: number[] = [],
    loop: number[] = [];
  let probing = true;
  const probeLoop = async (url: string, into: number[], headers: Record<string, string>) => {
    while (probing) {
      const s = performance.now();
      await fetch(url, { headers }).then((r) => r.arrayBuffer());
      into.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const probes = Promise.all([
    probeLoop(`${base}/api/orgs?pageSize=20`, api, { cookie }),
    probeLoop(`${base}/bench-no-such-page`, loop, {}),
  ]);

  t = performance.now();
  const form = new FormData();
  form.append('file', new Blob([sheet.buf]), 'members.xlsx');
  const up = await fetch(`${base}/api/import/members`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
    body: form,
  });
  const { jobId } = (await up.json()) as any;
  const accepted = (performance.now() - t) / 1000;
  let job: any;
  let importingSeen = 0;
  for (;;) {
    job = await (await fetch(`${base}/api/import/jobs/${jobId}`, { headers: { cookie } })).json();
    if (job.status === 'importing' && !importingSeen) importingSeen = performance.now();
    if (job.status === 'done' || job.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - t) / 1000;
  probing = false;
  await probes;
  const importPeak = rssPeak;
  if (job.status !== 'done') throw new Error(`import failed: ${JSON.stringify(job).slice(0, 500)}`);
  const after = await total();
  // Export of the whole county's roster (now 100,000 members), same server.
  rssPeak = rss();
  const e0 = performance.now();
  const exported = Buffer.from(
    await (await fetch(`${base}/api/export/members`, { headers: { cookie } })).arrayBuffer(),
  );
  const exportSeconds = (performance.now() - e0) / 1000;
  clearInterval(sampler);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  const stats = (xs: number[]) =>
    `p50 ${pct(xs, 50).toFixed(0)} ms,p95 ${pct(xs, 95).toFixed(0)} ms,最大 ${Math.max(...xs).toFixed(0)} ms(${xs.length} 次)`;
  console.log(
    `[${dialect}] HTTP 导入 ${job.imported} 行:端到端 ${seconds.toFixed(2)} s(上传到 202:${accepted.toFixed(2)} s;开始写入约 ${importingSeen ? ((importingSeen - t) / 1000).toFixed(2) : '?'} s),${Math.round(job.imported / seconds)} 行/s;党员 ${before} → ${after}`,
  );
  console.log(`[${dialect}] 服务进程 RSS:导入前 ${mb(rssBase)},导入峰值 ${mb(importPeak)}`);
  console.log(
    `[${dialect}] 导出全县党员名册 ${after} 行:${exportSeconds.toFixed(2)} s,${(exported.length / 1024 / 1024).toFixed(1)} MB,服务进程 RSS 峰值 ${mb(rssPeak)}`,
  );
  console.log(`[${dialect}] 导入期间延迟 — 非 API 页面(只看事件循环):${stats(loop)}`);
  console.log(`[${dialect}] 导入期间延迟 — GET /api/orgs(需数据库):${stats(api)}`);

  if (dialect === 'sqlite') {
    // Comparison on the same database: remove what the import wrote, then insert the same rows raw.
    const today = new Date();
    const db = await connect(county.url);
    const orgIds = new Map(
      (await db.db.selectFrom('org_unit').select(['id', 'code']).execute()).map((o) => [o.code, o.id]),
    );
    t = performance.now();
    const prepared = sheet.rows.map((m) => ({
      ...validateMember(
        {
          name: m.name,
          idNumber: m.id_number,
          phone: m.phone,
          education: m.education,
          ethnicity: m.ethnicity,
          orgId: orgIds.get(m.code)!,
          joinDate: m.join_date,
          fullDate: m.full_date,
          memberType: m.member_type,
          category: m.category,
        },
        today,
      ),
      created_at: 'x',
      updated_at: 'x',
    }));
    const prepSeconds = (performance.now() - t) / 1000;
    await db.db.deleteFrom('member').where('id_number', 'like', '97%').execute();
    await db.close();
    const { default: SQLite } = await import('better-sqlite3');
    const native = new SQLite(county.url.slice('sqlite:'.length));
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    const cols = Object.keys(prepared[0]);
    const ins = native.prepare(
      `insert into member (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`,
    );
    t = performance.now();
    native.transaction(() => {
      for (const r of prepared) ins.run(r);
    })();
    const rawSeconds = (performance.now() - t) / 1000;
    native.close();
    console.log(
      `[对照] 同一数据库,better-sqlite3 预编译语句单事务插入同样 ${prepared.length} 行:${rawSeconds.toFixed(2)} s(${Math.round(prepared.length / rawSeconds)} 行/s);另:逐行 validateMember + 拼音 ${prepSeconds.toFixed(2)} s`,
    );
    await county.drop();
  } else {
    await county.drop();
  }
}

await run('sqlite');
if (process.env.DATABASE_URL?.startsWith('postgres')) await run('postgres');
