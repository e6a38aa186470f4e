/**
 * 组织生活 at county scale (issue 11): the demo county (~3,000 org nodes, 50,000 members, 250+
 * villages/communities) with a year of meetings from the module's demo seeder (~30,000 meetings,
 * ~1,100,000 应到 rows of which ~900,000 check-ins, written with multi-row inserts). Prints:
 *   - the full recompute (compliance of the year for every branch; every member's streak) beside a
 *     plain COUNT over the same check-in rows;
 *   - p50/p95 over HTTP of the compliance dashboard (county, township, branch) and of the
 *     compliance list, beside a bare Fastify route and a bare route running a plain COUNT over the
 *     same compliance rows;
 *   - check-in throughput for a 300-person meeting (logged-in members, and printed one-time codes)
 *     beside the bare route under the same concurrency.
 * SQLite always; PostgreSQL too when DATABASE_URL names one.
 *   Run: npx tsx bench/orglife.ts     [DATABASE_URL=postgres://… npx tsx bench/orglife.ts]
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { sha256 } from '../server/lib/canonical.ts';
import { localDate } from '../server/lib/clock.ts';
import { mulberry32 } from '../server/modules/demo/build.ts';
import { generateCounty } from '../server/modules/demo/generate.ts';
import { recomputeAllAbsences } from '../server/modules/orglife/absences.service.ts';
import { bulkInsert } from '../server/modules/orglife/bulk.ts';
import { refreshYear } from '../server/modules/orglife/compliance.service.ts';
import { orglifeDemo } from '../server/modules/orglife/demo.ts';
import { insertOrg, insertUser, PASSWORD } from '../server/test/fixtures.ts';
import { benchDatabaseUrl, latency, printLatencyTable, request, stats, onEachDatabase } from './lib.ts';

const N = Number(process.env.BENCH_N ?? 200);
const CONC = Number(process.env.BENCH_CONC ?? 16);

async function burst(n: number, conc: number, f: (i: number) => Promise<void>) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (next < n) await f(next++);
    }),
  );
  return performance.now() - t0;
}
const timed = async <T>(f: () => Promise<T>) => {
  const t0 = performance.now();
  const r = await f();
  return { r, ms: performance.now() - t0 };
};

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  await migrateToLatest(database);
  const db = database.db;
  const now = new Date();
  const today = localDate(now);
  const year = Number(today.slice(0, 4));

  const built = await timed(async () => {
    const county = await generateCounty(db, { seed: 7, now });
    await orglifeDemo.seed({ db, dialect: database.dialect, now, today, county, rng: mulberry32(7) });
    return county;
  });
  const county = built.r;
  await database.optimize();
  const n = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
  const meetings = await n(
    db
      .selectFrom('meeting')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  );
  const rows = await n(
    db
      .selectFrom('meeting_attendee')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  );
  const branches = await n(
    db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', 'in', ['党支部', '党总支'])
      .executeTakeFirstOrThrow(),
  );
  const countCheckins = () =>
    timed(() =>
      n(
        db
          .selectFrom('meeting_attendee')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', 'in', ['出席', '补签'])
          .executeTakeFirstOrThrow(),
      ),
    );
  const plain = await countCheckins();
  const plain2 = await countCheckins();
  console.log(
    `[${label}] built in ${(built.ms / 1000).toFixed(1)} s: ${county.orgs} org nodes (${branches} 党支部/党总支), ${county.members} members, ${meetings} meetings, ${rows} 应到/列席 rows, ${plain.r} check-ins (扫码/签到码/补签)`,
  );

  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database });
  // Recompute, twice each (the second run sees warm caches).
  const comp1 = await timed(() => refreshYear(app.ctx, year));
  const comp2 = await timed(() => refreshYear(app.ctx, year));
  const abs1 = await timed(() => recomputeAllAbsences(db, now));
  const abs2 = await timed(() => recomputeAllAbsences(db, now));
  console.log(
    `[${label}] recompute compliance ${year} (county): ${comp1.r} items in ${comp1.ms.toFixed(0)} / ${comp2.ms.toFixed(0)} ms; all streaks: ${abs1.r} members with a streak in ${abs1.ms.toFixed(0)} / ${abs2.ms.toFixed(0)} ms; plain COUNT over the same ${plain.r} check-ins: ${plain.ms.toFixed(0)} / ${plain2.ms.toFixed(0)} ms`,
  );

  // Users and one township's branch.
  const town = county.towns[0];
  const townPath = (await db.selectFrom('org_unit').select('path').where('id', '=', town.id).executeTakeFirstOrThrow())
    .path;
  const branch = await db
    .selectFrom('org_unit')
    .select('id')
    .where('type', '=', '党支部')
    .where('path', 'like', `${townPath}%`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await insertUser(db, { username: 'bench-zzb', role: 'org_admin', scopeOrgId: county.countyId });
  await insertUser(db, { username: 'bench-town', role: 'unit_admin', scopeOrgId: town.id });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = async (u: string) => {
    const r = await request(base, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u, password: PASSWORD }),
    });
    if (r.status !== 200) throw new Error(r.body);
    return {
      cookie: String(r.headers['set-cookie']).split(';')[0],
      'x-csrf-token': JSON.parse(r.body).csrfToken as string,
    };
  };
  const zzb = await login('bench-zzb');
  const townH = await login('bench-town');

  // The comparison routes: a bare JSON route, and a bare route running a plain COUNT over the same
  // compliance rows the dashboard reads (county-wide, this year).
  const bare = Fastify();
  bare.get('/bare', async () => ({ ok: true }));
  bare.get('/count', async () =>
    sql<{
      n: number;
    }>`select count(*) as n from orglife_compliance c join org_unit o on o.id = c.org_id where c.year = ${year} and o.path >= '/'`
      .execute(db)
      .then((r) => ({ n: Number(r.rows[0].n) })),
  );
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
  const res: [string, Awaited<ReturnType<typeof latency>>][] = [];
  res.push(['bare Fastify route', await latency(bareBase, () => '/bare', {}, N, 30)]);
  res.push(['bare route: plain COUNT (compliance)', await latency(bareBase, () => '/count', {}, N, 10)]);
  res.push(['dashboard (county)', await latency(base, () => `/api/org-life/dashboard?year=${year}`, zzb, N, 5)]);
  res.push(['dashboard (township)', await latency(base, () => `/api/org-life/dashboard?year=${year}`, townH, N, 5)]);
  res.push([
    'dashboard (branch)',
    await latency(base, () => `/api/org-life/dashboard?orgId=${branch.id}&year=${year}`, townH, N, 5),
  ]);
  res.push([
    'compliance list (township)',
    await latency(base, () => `/api/org-life/compliance?year=${year}`, townH, N, 5),
  ]);
  res.push(['absences page (county)', await latency(base, () => '/api/org-life/absences?minMonths=3', zzb, N, 5)]);
  printLatencyTable(label, res);

  // A 300-person meeting: a branch with 300 members, each with an account and a live session.
  const big = await insertOrg(db, { code: 'BENCH-300', name: '示范县三百人党支部', type: '党支部', parentId: town.id });
  const stamp = now.toISOString();
  const firstMember =
    Number(
      (
        await db
          .selectFrom('member')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    ) + 1;
  await bulkInsert(
    db,
    database.dialect,
    'member',
    [
      'id',
      'name',
      'name_initials',
      'name_pinyin',
      'gender',
      'birth_date',
      'id_number',
      'id_last4',
      'org_id',
      'org_path',
      'join_date',
      'member_type',
      'category',
      'status',
      'created_at',
      'updated_at',
    ],
    Array.from({ length: 300 }, (_, i) => {
      const idn = `99${String(900000 + i).padStart(16, '0')}`;
      return [
        firstMember + i,
        `党员${i + 1}`,
        'dy',
        'dangyuan',
        '男',
        '1980-01-01',
        idn,
        idn.slice(-4),
        big,
        '',
        '2000-07-01',
        '正式',
        '在职',
        '正常',
        stamp,
        stamp,
      ];
    }),
  );
  const firstUser =
    Number(
      (
        await db
          .selectFrom('app_user')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    ) + 1;
  await bulkInsert(
    db,
    database.dialect,
    'app_user',
    [
      'id',
      'username',
      'display_name',
      'password_hash',
      'role',
      'scope_org_id',
      'member_id',
      'must_change_password',
      'failed_logins',
      'disabled',
      'created_at',
      'updated_at',
    ],
    Array.from({ length: 300 }, (_, i) => [
      firstUser + i,
      `bench-m${i}`,
      `党员${i + 1}`,
      'x',
      'member',
      big,
      firstMember + i,
      0,
      0,
      0,
      stamp,
      stamp,
    ]),
  );
  if (database.dialect === 'postgres')
    for (const t of ['member', 'app_user'])
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(db);
  // Sessions written directly (300 argon2 logins would measure the password hash, not check-in).
  const sessions = Array.from({ length: 300 }, () => ({
    token: randomBytes(32).toString('base64url'),
    csrf: randomBytes(16).toString('hex'),
  }));
  const until = new Date(now.getTime() + 3600_000).toISOString();
  await bulkInsert(
    db,
    database.dialect,
    'session',
    ['id', 'user_id', 'csrf_token', 'created_at', 'last_seen_at', 'expires_at', 'ip'],
    sessions.map((s, i) => [sha256(s.token), firstUser + i, s.csrf, stamp, stamp, until, null]),
  );
  const post = (path: string, body: unknown, h: Record<string, string> = {}) =>
    request(base, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...h },
      body: JSON.stringify(body),
    });
  const meeting = async (topic: string) => {
    const m = await post(
      '/api/meetings',
      { orgId: big, types: ['主题党日', '党课'], heldAt: new Date().toISOString(), topic },
      townH,
    );
    if (m.status !== 201) throw new Error(m.body);
    const id = JSON.parse(m.body).id as number;
    const o = await post(`/api/meetings/${id}/checkin/open`, {}, townH);
    return { id, code: JSON.parse(o.body).code as string };
  };
  const lat: number[] = [];
  const check = (status: number, body: string) => {
    if (status !== 200) throw new Error(`check-in → ${status} ${body.slice(0, 200)}`);
  };
  const m1 = await meeting('三百人主题党日(登录签到)');
  const loggedMs = await burst(300, CONC, async (i) => {
    const t0 = performance.now();
    const r = await post(
      '/api/checkin',
      { code: m1.code },
      { cookie: `luoshi_sid=${sessions[i].token}`, 'x-csrf-token': sessions[i].csrf },
    );
    lat.push(performance.now() - t0);
    check(r.status, r.body);
  });
  const loggedStats = stats(lat);
  const m2 = await meeting('三百人主题党日(签到表签到码)');
  const sheet = JSON.parse((await post(`/api/meetings/${m2.id}/signin-codes`, {}, townH)).body) as {
    items: { code: string }[];
  };
  lat.length = 0;
  const codeMs = await burst(300, CONC, async (i) => {
    const t0 = performance.now();
    const r = await post('/api/checkin/code', { code: m2.code, personalCode: sheet.items[i].code });
    lat.push(performance.now() - t0);
    check(r.status, r.body);
  });
  const codeStats = stats(lat);
  const bareMs = await burst(3000, CONC, async () => {
    await request(bareBase, '/bare');
  });
  const present = await db
    .selectFrom('meeting')
    .select(['id', 'present'])
    .where('id', 'in', [m1.id, m2.id])
    .orderBy('id')
    .execute();
  const rate = (k: number, ms: number) => ((k / ms) * 1000).toFixed(0);
  console.log(
    `[${label}] check-in, 300-person meeting, ${CONC} concurrent: logged in ${rate(300, loggedMs)}/s (p50 ${loggedStats.p50.toFixed(1)} ms, p95 ${loggedStats.p95.toFixed(1)} ms); printed code ${rate(300, codeMs)}/s (p50 ${codeStats.p50.toFixed(1)}, p95 ${codeStats.p95.toFixed(1)} ms); bare route ${rate(3000, bareMs)}/s; 实到 recorded ${present.map((p) => p.present).join(' / ')} of 300`,
  );

  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

await onEachDatabase(run);
