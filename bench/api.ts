/**
 * County-scale API latency (issue 2): 3,000 org nodes, 50,000 members. Prints p50/p95 of a scoped
 * member page (50 rows), a pinyin-initials search and one township's tree, beside a bare Fastify
 * route measured the same way in the same run. SQLite always; PostgreSQL too when DATABASE_URL
 * names one.   Run: npx tsx bench/api.ts   [DATABASE_URL=postgres://… npx tsx bench/api.ts]
 */
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { insertUser, PASSWORD } from '../server/test/fixtures.ts';
import { generateCounty } from '../server/modules/demo/generate.ts';
import { bareBase, benchDatabaseUrl, latency, pageCursors, printLatencyTable, request, onEachDatabase } from './lib.ts';

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
  console.log(
    `[${label}] county built in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${orgs} org nodes, ${members} members`,
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
  const pages = Math.floor(Number(members) / 50);
  const rows: [string, Awaited<ReturnType<typeof latency>>][] = [];
  rows.push(['bare Fastify route', await latency(bare.base, () => '/bare', {})]);
  rows.push([
    'member page (county, 50 rows)',
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
    'member page (township, 50 rows)',
    await latency(base, (i) => `/api/members?page=${1 + (i % 20)}&pageSize=50`, townH),
  ]);
  rows.push([
    'pinyin-initials search (county)',
    await latency(base, (i) => `/api/members?q=${initials[i % initials.length]}&pageSize=50`, countyH),
  ]);
  rows.push([`tree of one township (${town.name})`, await latency(base, () => '/api/orgs/tree', townH)]);
  printLatencyTable(label, rows);
  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

await onEachDatabase(run);
