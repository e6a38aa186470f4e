/**
 * Bounded memory of a large export (issue 19): a county of 100,000 members, the whole roster exported
 * as .xlsx through `GET /api/export/members` from a server running as its own process (as deployed),
 * its RSS read from /proc every 20 ms. Printed beside the same server's RSS at rest and the time of
 * a plain SQL read of the same rows, measured in the same run. SQLite always; PostgreSQL too when
 * DATABASE_URL names one.   Run: npx tsx bench/export.ts   [DATABASE_URL=postgres://… npx tsx bench/export.ts]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { sql } from 'kysely';
import { connect } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { DEMO_PASSWORD, generateCounty } from '../server/modules/demo/generate.ts';
import { benchDatabaseUrl, onEachDatabase } from './lib.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  await migrateToLatest(database);
  await generateCounty(database.db, { seed: 7, townships: 15, membersTarget: MEMBERS } as any);
  await database.optimize();
  const rows = Number(
    (
      await database.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  // The comparison: the same rows read with one plain query (no spreadsheet, no HTTP).
  let t = performance.now();
  const plain =
    await sql`select m.*, o.name, o.code from member m join org_unit o on o.id = m.org_id order by m.org_path, m.name_pinyin, m.id`.execute(
      database.db,
    );
  const plainMs = performance.now() - t;
  await database.close();

  const port = 39000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn', LUOSHI_ADMIN_PASSWORD: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d) => String(d).includes('已启动') && resolve());
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
  // At rest: after one ordinary page, so that the code paths are loaded.
  await (await fetch(`${base}/api/members?pageSize=50`, { headers: { cookie } })).arrayBuffer();
  const rest = rss();
  let peak = rest;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
  t = performance.now();
  const res = await fetch(`${base}/api/export/members`, { headers: { cookie } });
  let bytes = 0;
  for await (const chunk of res.body as any) bytes += chunk.length;
  const exportMs = performance.now() - t;
  clearInterval(sampler);
  if (res.status !== 200) throw new Error(`export → ${res.status}`);
  console.log(
    `[${label}] ${rows} members (${plain.rows.length} read by plain SQL in ${(plainMs / 1000).toFixed(2)} s); ` +
      `export ${(bytes / 1024 / 1024).toFixed(1)} MB in ${(exportMs / 1000).toFixed(2)} s; ` +
      `server RSS at rest ${mb(rest)}, peak during export ${mb(peak)} (+${mb(peak - rest)})`,
  );
  server.kill();
  await new Promise((r) => server.on('exit', r));
  await drop();
}

await onEachDatabase(run);
