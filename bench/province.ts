/**
 * Province scale on PostgreSQL (issue 19): ≈100 counties, ≈300,000 org nodes, 5,000,000 members,
 * 2,000,000 tasks (bench/province-build.ts). Measures the member page, the pinyin search, the 工作台
 * and the task page at province, county and township scope, beside a bare Fastify route and a plain
 * `SELECT count(*)` measured in the same run; p95 of each run and the median of the runs.
 *
 * The province is built once into the database `luoshi_province` (≈ 10 GB with indexes) and reused:
 *   DATABASE_URL=postgres://… npx tsx bench/province.ts [--runs=3] [--scale=1] [--rebuild] [--drop]
 * `--build-only` stops after the build; `--rebuild` drops and rebuilds it; `--drop` only drops it; `--scale=0.2` builds a fifth of the
 * members and tasks (the org tree is always full).
 */
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ManualClock } from '../server/lib/clock.ts';
import { insertUser, PASSWORD } from '../server/test/fixtures.ts';
import { buildProvince, TODAY, townIndexBase } from './province-build.ts';
import { bareBase, fmt, latency, pageCursors, request, type Stats, stats } from './lib.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}`));
const RUNS = Number(arg('runs')?.split('=')[1] ?? 3);
const SCALE = Number(arg('scale')?.split('=')[1] ?? 1);
const N = Number(process.env.BENCH_N ?? 100);
const base = process.env.DATABASE_URL;
if (!base?.startsWith('postgres')) throw new Error('bench/province.ts needs DATABASE_URL=postgres://…');
const NAME = 'luoshi_province';
const url = Object.assign(new URL(base), { pathname: `/${NAME}` }).toString();

const admin = await connect(base);
const exists = (
  await sql<{ n: number }>`select count(*)::int as n from pg_database where datname = ${NAME}`.execute(admin.db)
).rows[0].n;
if (exists && (arg('rebuild') || arg('drop'))) await sql.raw(`drop database ${NAME} with (force)`).execute(admin.db);
if (arg('drop')) {
  console.log(`dropped ${NAME}`);
  process.exit(0);
}
const database0 = (!exists || arg('rebuild')) && (await sql.raw(`create database ${NAME}`).execute(admin.db));
await admin.close();

const database = await connect(url);
await migrateToLatest(database);
const built = await database.db
  .selectFrom('setting')
  .select('value')
  .where('key', '=', 'bench.province')
  .executeTakeFirst();
if (database0 || !built) {
  console.log(`building the province into ${NAME} (scale ${SCALE}) …`);
  const t0 = Date.now();
  const r = await buildProvince(database.db, SCALE);
  for (const [username, role, scopeOrgId] of [
    ['p-province', 'supervisor', 1],
    ['p-county', 'supervisor', 2],
    ['p-town', 'unit_admin', townIndexBase],
  ] as const)
    await insertUser(database.db, { username, role, scopeOrgId });
  await database.db
    .insertInto('setting')
    .values({ key: 'bench.province', value: JSON.stringify(r), updated_at: new Date().toISOString() })
    .execute();
  console.log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(r)}`);
}
const size = (
  await sql<{ s: string }>`select pg_size_pretty(pg_database_size(current_database())) as s`.execute(database.db)
).rows[0].s;
const info = JSON.parse(
  (
    await database.db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', 'bench.province')
      .executeTakeFirstOrThrow()
  ).value,
);
console.log(`province: ${JSON.stringify(info)}, database ${size}`);
if (arg('build-only')) process.exit(0);

const clock = new ManualClock(`${TODAY}T01:00:00Z`);
const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database, clock });
await app.listen({ port: 0, host: '127.0.0.1' });
const appBase = `http://127.0.0.1:${(app.server.address() as any).port}`;
const login = async (u: string) => {
  const r = await request(appBase, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: u, password: PASSWORD }),
  });
  if (r.status !== 200) throw new Error(r.body);
  return { cookie: String(r.headers['set-cookie']).split(';')[0] };
};

/** Sequential timings of a plain SQL statement through the same pool (the database's own floor). */
async function sqlLatency(q: string, n: number) {
  const out: number[] = [];
  for (let i = 0; i < n + 2; i++) {
    const t0 = process.hrtime.bigint();
    await sql.raw(q).execute(database.db);
    if (i >= 2) out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return stats(out);
}

const scopes = [
  { label: 'province', user: 'p-province' },
  { label: 'county', user: 'p-county' },
  { label: 'township', user: 'p-town' },
];
const heads = new Map<string, Record<string, string>>();
for (const s of scopes) heads.set(s.user, await login(s.user));
const cursorsOf = new Map<string, { m: string[]; t: string[] }>();
for (const s of scopes) {
  const h = heads.get(s.user)!;
  cursorsOf.set(s.user, {
    m: await pageCursors(appBase, '/api/members?pageSize=50', h, 20),
    t: await pageCursors(appBase, '/api/tasks?pageSize=20', h, 20),
  });
}
const initials = ['zw', 'lj', 'wx', 'cm', 'zh', 'ly', 'wj', 'zl', 'hm', 'sx'];
const results: Map<string, number[]> = new Map();
const keep = (name: string, s: Stats) => {
  results.set(name, [...(results.get(name) ?? []), s.p95]);
  console.log(`  ${name.padEnd(44)} ${fmt(s.p50)}  ${fmt(s.p95)}  ${fmt(s.p99)}`);
};
for (let run = 1; run <= RUNS; run++) {
  console.log(`run ${run}/${RUNS} (ms over HTTP keep-alive, sequential, n=${N})          p50      p95      p99`);
  const bare = await bareBase();
  keep('bare Fastify route', await latency(bare.base, () => '/bare', {}, N, 20));
  await bare.close();
  keep('SELECT count(*) FROM member (plain SQL)', await sqlLatency('select count(*) from member', 10));
  keep('SELECT count(*) FROM task (plain SQL)', await sqlLatency('select count(*) from task', 10));
  for (const s of scopes) {
    const h = heads.get(s.user)!;
    const c = cursorsOf.get(s.user)!;
    const at = (l: string[], i: number) => (l.length ? `&cursor=${encodeURIComponent(l[i % l.length])}` : '');
    keep(`${s.label}: member page 1 (50 rows)`, await latency(appBase, () => '/api/members?pageSize=50', h, N, 5));
    keep(
      `${s.label}: member next page (cursor)`,
      await latency(appBase, (i) => `/api/members?pageSize=50${at(c.m, i)}`, h, N, 5),
    );
    keep(
      `${s.label}: pinyin search`,
      // Province-wide, a two-letter search selects ~70,000 members to sort (seconds each): a few samples.
      await latency(
        appBase,
        (i) => `/api/members?q=${initials[i % initials.length]}&pageSize=50`,
        h,
        s.label === 'province' ? 3 : N,
        s.label === 'province' ? 0 : 5,
      ),
    );
    keep(`${s.label}: 工作台`, await latency(appBase, () => '/api/dashboard', h, N, 5));
    keep(`${s.label}: task page 1 (20 rows)`, await latency(appBase, () => '/api/tasks?pageSize=20', h, N, 5));
    keep(
      `${s.label}: task next page (cursor)`,
      await latency(appBase, (i) => `/api/tasks?pageSize=20${at(c.t, i)}`, h, N, 5),
    );
  }
}
console.log(`\nmedian of ${RUNS} runs, p95 in ms:`);
for (const [name, xs] of results) {
  const s = [...xs].sort((a, b) => a - b);
  console.log(
    `  ${name.padEnd(44)} ${fmt(s[Math.floor(s.length / 2)])}   (${xs.map((x) => x.toFixed(1)).join(' / ')})`,
  );
}
await app.close();
await database.close();
process.exit(0);
