/**
 * 50,000-row member sheet imported end to end over HTTP into a county-scale database, on SQLite
 * (and PostgreSQL when DATABASE_URL=postgres://… is set):
 *   - seconds from upload to job 'done', rows/s, peak RSS of this process (server in-process);
 *   - latency of GET /api/orgs issued every 100 ms during the import (is the server still serving?);
 *   - comparison measured in the same run: the same 50,000 rows inserted into the same database
 *     with a bare better-sqlite3 prepared statement in one transaction.
 * Run: npx tsx bench/import.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { validateMember } from '../server/modules/members/members.service.ts';
import { buildCounty } from '../server/modules/demo/build.ts';
import { idCheckDigit } from '../common/idcard.ts';
import { peekJob } from '../server/modules/imports/jobs.ts';
import { countyDatabase, DEMO_PASSWORD } from './county.ts';

const ROWS = 50_000;
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

/** Members of another seed, with IDs moved to region 97…… so they cannot clash with the county's 99……. */
async function memberSheet(branchCodes: string[]) {
  const src = buildCounty({ seed: 4242, membersTarget: ROWS }).members;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员导入');
  ws.addRow(['*姓名', '性别', '民族', '*身份证号', '手机', '学历', '*所在支部编码', '入党日期', '转正日期', '*正式/预备', '*党员类别']);
  const rows = src.map((m, i) => {
    const first17 = `97${m.id_number.slice(2, 17)}`;
    return { ...m, id_number: first17 + idCheckDigit(first17), code: branchCodes[i % branchCodes.length] };
  });
  for (const m of rows) {
    ws.addRow([m.name, m.gender, m.ethnicity, m.id_number, m.phone, m.education, m.code, new Date(`${m.join_date}T00:00:00Z`), m.full_date ?? null, m.member_type, m.category]);
  }
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}

async function run(dialect: 'sqlite' | 'postgres') {
  const county = await countyDatabase({ dialect });
  console.log(`\n[${dialect}] 示范县生成:组织 ${county.summary.orgs},党员 ${county.summary.members},用时 ${county.seedSeconds.toFixed(2)} s`);
  const branches = await county.database.db.selectFrom('org_unit').select('code').where('type', '=', '党支部').orderBy('id').execute();
  let t = performance.now();
  const sheet = await memberSheet(branches.map((b) => b.code));
  console.log(`[${dialect}] 生成 ${ROWS} 行 .xlsx:${(sheet.buf.length / 1024 / 1024).toFixed(1)} MB,${((performance.now() - t) / 1000).toFixed(2)} s(不计入导入)`);

  const config = loadConfig({ DATABASE_URL: county.url, LOG_LEVEL: 'silent', PORT: '0' });
  const app = await buildApp({ config, database: county.database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as any).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-admin', password: DEMO_PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await login.json()) as any;
  const before = await county.database.db.selectFrom('member').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

  global.gc?.();
  const rssBase = process.memoryUsage().rss;
  let rssPeak = rssBase;
  const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 20);
  const latencies: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const s = performance.now();
      await fetch(`${base}/api/orgs?pageSize=20`, { headers: { cookie } }).then((r) => r.arrayBuffer());
      latencies.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  t = performance.now();
  const form = new FormData();
  form.append('file', new Blob([sheet.buf]), 'members.xlsx');
  const up = await fetch(`${base}/api/import/members`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken }, body: form });
  const { jobId } = (await up.json()) as any;
  const accepted = (performance.now() - t) / 1000;
  let job: any;
  for (;;) {
    job = await (await fetch(`${base}/api/import/jobs/${jobId}`, { headers: { cookie } })).json();
    if (job.status === 'done' || job.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - t) / 1000;
  probing = false;
  await probe;
  clearInterval(sampler);
  loop.disable();
  const marks = peekJob(jobId)!.marks;
  const at = (m?: number) => (m ? ((m - t) / 1000).toFixed(2) : '?');
  if (job.status !== 'done') throw new Error(`import failed: ${JSON.stringify(job).slice(0, 500)}`);
  const after = await county.database.db.selectFrom('member').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(`[${dialect}] HTTP 导入 ${job.imported} 行:端到端 ${seconds.toFixed(2)} s(上传到 202:${accepted.toFixed(2)} s;读完表格 ${at(marks.read)} s,校验完 ${at(marks.validated)} s,提交 ${at(marks.finished)} s),${Math.round(job.imported / seconds)} 行/s;库中党员 ${before.n} → ${after.n}`);
  console.log(`[${dialect}] 进程 RSS:导入前 ${mb(rssBase)},峰值 ${mb(rssPeak)}(服务在本进程内;含本脚本持有的表格缓冲)`);
  console.log(`[${dialect}] 事件循环延迟(导入期间):p50 ${(loop.percentile(50) / 1e6).toFixed(0)} ms,p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms,最大 ${(loop.max / 1e6).toFixed(0)} ms`);
  console.log(`[${dialect}] 导入期间 GET /api/orgs 延迟(每 100 ms 一次,共 ${latencies.length} 次):p50 ${pct(latencies, 50).toFixed(0)} ms,p95 ${pct(latencies, 95).toFixed(0)} ms,最大 ${Math.max(...latencies).toFixed(0)} ms`);

  if (dialect === 'sqlite') {
    // Comparison on the same database: remove what the import wrote, then insert the same rows raw.
    const today = new Date();
    const orgIds = new Map((await county.database.db.selectFrom('org_unit').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
    t = performance.now();
    const prepared = sheet.rows.map((m) => ({
      ...validateMember({ name: m.name, idNumber: m.id_number, phone: m.phone, education: m.education, ethnicity: m.ethnicity, orgId: orgIds.get(m.code)!, joinDate: m.join_date, fullDate: m.full_date, memberType: m.member_type, category: m.category }, today),
      created_at: 'x', updated_at: 'x',
    }));
    const prepSeconds = (performance.now() - t) / 1000;
    await county.database.db.deleteFrom('member').where('id_number', 'like', '97%').execute();
    await app.close();
    await county.database.close();
    const { default: SQLite } = await import('better-sqlite3');
    const native = new SQLite(county.url.slice('sqlite:'.length));
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    const cols = Object.keys(prepared[0]);
    const ins = native.prepare(`insert into member (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
    t = performance.now();
    native.transaction(() => { for (const r of prepared) ins.run(r); })();
    const rawSeconds = (performance.now() - t) / 1000;
    native.close();
    console.log(`[对照] 同一数据库,better-sqlite3 预编译语句单事务插入同样 ${prepared.length} 行:${rawSeconds.toFixed(2)} s(${Math.round(prepared.length / rawSeconds)} 行/s);另:逐行 validateMember + 拼音 ${prepSeconds.toFixed(2)} s`);
    await county.drop().catch(() => undefined);
  } else {
    await app.close();
    await county.drop();
  }
}

await run('sqlite');
if (process.env.DATABASE_URL?.startsWith('postgres')) await run('postgres');
