/**
 * County-scale API latency (issues 2 and 19): 3,000 org nodes, 50,000 members. Prints p50/p95 of
 * the scoped member page (50 rows: page 1, a jump to a random page, the next page by cursor, with
 * a filter), pinyin-initials and name searches and one township's tree, beside a bare Fastify route
 * and plain SQL over the same rows (a count of the county's members, its first page) measured the
 * same way in the same run, with the machine's load average. SQLite always; PostgreSQL too when
 * DATABASE_URL names one.   Run: npx tsx bench/api.ts   [DATABASE_URL=postgres://… npx tsx bench/api.ts]
 */
import os from 'node:os';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { insertUser, PASSWORD } from '../server/test/fixtures.ts';
import { generateCounty } from '../server/modules/demo/generate.ts';
import {
  bareBase,
  benchDatabaseUrl,
  latency,
  pageCursors,
  printLatencyTable,
  request,
  onEachDatabase,
  stats,
} from './lib.ts';

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  await migrateToLatest(database);
  const t0 = Date.now();
  await generateCounty(database.db, { seed: 7, townships: 15, membersTarget: 50_000 } as any);
  const orgs = (
    await database.db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
  const members = (
    await database.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
  const county = await database.db
    .selectFrom('org_unit')
    .select('id')
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const town = await database.db
    .selectFrom('org_unit')
    .select(['id', 'name'])
    .where('parent_id', '=', county.id)
    .where('type', 'in', ['党委', '党工委'])
    .orderBy('sort_order')
    .executeTakeFirstOrThrow();
  await database.optimize();
  await insertUser(database.db, { username: 'bench-county', role: 'org_admin', scopeOrgId: county.id });
  await insertUser(database.db, { username: 'bench-town', role: 'unit_admin', scopeOrgId: town.id });
  const load = os.loadavg().map((x) => x.toFixed(2));
  console.log(
    `[${label}] load average ${load.join(' / ')} (1/5/15 min); county built in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${orgs} org nodes, ${members} members`,
  );

  const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as any).port}`;
  const login = async (u: string) => {
    const r = await request(base, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u, password: PASSWORD }),
    });
    return { cookie: String(r.headers['set-cookie']).split(';')[0] };
  };
  const countyH = await login('bench-county');
  const townH = await login('bench-town');
  const bare = await bareBase();
  const initials = ['zw', 'lj', 'wx', 'cm', 'zh', 'ly', 'wj', 'zl', 'hm', 'sx'];
  const names = ['建', '王', '李明', '华', '张'];
  const pages = Math.floor(Number(members) / 50);
  const rows: [string, Awaited<ReturnType<typeof latency>>][] = [];
  rows.push(['bare Fastify route', await latency(bare.base, () => '/bare', {})]);
  // The same rows through plain SQL in this process (no HTTP, no scope, no session): the floor.
  const { path } = await database.db
    .selectFrom('org_unit')
    .select('path')
    .where('id', '=', county.id)
    .executeTakeFirstOrThrow();
  const upper = `${path.slice(0, -1)}0`;
  rows.push([
    'plain SQL: count county members',
    await sqlLatency(() =>
      sql`select count(*) from member where org_path >= ${path} and org_path < ${upper} and status = '正常'`.execute(
        database.db,
      ),
    ),
  ]);
  rows.push([
    'plain SQL: first 50 rows (county)',
    await sqlLatency(() =>
      sql`select * from member where org_path >= ${path} and org_path < ${upper} and status = '正常'
        order by org_path, name_pinyin, id limit 50`.execute(database.db),
    ),
  ]);
  rows.push(['member page 1 (county, 50 rows)', await latency(base, () => '/api/members?pageSize=50', countyH)]);
  rows.push([
    'member page jump (county, random)',
    await latency(base, (i) => `/api/members?page=${1 + ((i * 37) % pages)}&pageSize=50`, countyH),
  ]);
  // "加载更多": the cursors of the first 40 pages, replayed (keyset instead of OFFSET).
  const cursors = await pageCursors(base, '/api/members?pageSize=50', countyH);
  rows.push([
    'member next page (county, cursor)',
    await latency(
      base,
      (i) => `/api/members?pageSize=50&cursor=${encodeURIComponent(cursors[i % cursors.length])}`,
      countyH,
    ),
  ]);
  rows.push([
    'member page 1 (county, 离退休)',
    await latency(base, () => `/api/members?pageSize=50&category=${encodeURIComponent('离退休')}`, countyH),
  ]);
  rows.push([
    'member page (township, 50 rows)',
    await latency(base, (i) => `/api/members?page=${1 + (i % 20)}&pageSize=50`, townH),
  ]);
  rows.push([
    'pinyin-initials search (county)',
    await latency(base, (i) => `/api/members?q=${initials[i % initials.length]}&pageSize=50`, countyH),
  ]);
  rows.push([
    'name search (county, 汉字)',
    await latency(base, (i) => `/api/members?q=${encodeURIComponent(names[i % names.length])}&pageSize=50`, countyH),
  ]);
  rows.push([`tree of one township (${town.name})`, await latency(base, () => '/api/orgs/tree', townH)]);
  printLatencyTable(label, rows);
  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

/** Latency of a plain query, sampled like the HTTP rows (n = 400 after 50 warm-up runs). */
async function sqlLatency(fn: () => Promise<unknown>, n = 400, warm = 50) {
  for (let i = 0; i < warm; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return stats(out);
}

await onEachDatabase(run);
