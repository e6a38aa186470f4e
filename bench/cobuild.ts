/**
 * 双报到 / 共驻共建 at county scale (issue 13): the demo county (≈3,000 org nodes) topped up to
 * 15,000 in-service members who must report, 250 communities, 100,000 activities in a year with
 * 300,000 verified participations and their point ledger (≈315,000 entries, capped by the default
 * rules). Prints, beside comparisons measured in the same run:
 *   - crediting through the real engine (`credit()`: rule version, caps, veto, totals) per entry,
 *     projected to the year's ledger, beside a plain multi-row INSERT of the same rows;
 *   - rebuilding every per-year total (what rankings read) from the ledger;
 *   - p50/p95 of the rankings page (HTTP) beside the bare Fastify route, and of the rankings query
 *     beside a plain aggregate query (GROUP BY over the ledger rows) in the same process;
 *   - the member ledger page, the unit ranking and the 报到率 list;
 *   - the quarterly letters of all 42 departments (content + .docx + .xlsx).
 * SQLite always; PostgreSQL too when DATABASE_URL names one.
 *   Run: npx tsx bench/cobuild.ts     [DATABASE_URL=postgres://… npx tsx bench/cobuild.ts]
 */
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ManualClock } from '../server/lib/clock.ts';
import { insertUser, makeId, PASSWORD } from '../server/test/fixtures.ts';
import { generateCounty } from '../server/modules/demo/generate.ts';
import { mulberry32 } from '../server/modules/demo/build.ts';
import { BRANCH_TYPES, loadTree, orgName } from '../server/modules/cobuild/access.ts';
import { credit, DEFAULT_RULES, periodOf } from '../server/modules/cobuild/points.ts';
import { letterData } from '../server/modules/cobuild/reports.service.ts';
import { letterDocx, letterXlsx } from '../server/modules/cobuild/docs.ts';
import { bareBase, benchDatabaseUrl, fmt, latency, printLatencyTable, request, stats, onEachDatabase } from './lib.ts';

const IN_SERVICE = 15_000;
const COMMUNITIES = 250;
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 100_000);
const PER_ACTIVITY = 3;
const CREDITS = Number(process.env.BENCH_CREDITS ?? 3_000);
const TODAY = '2026-12-20';
const YEAR = 2026;
const shift = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  const { db } = database;
  await migrateToLatest(database);
  const rnd = mulberry32(13);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const t0 = performance.now();
  const county = await generateCounty(db, { seed: 7 });
  const insert = async (table: string, rows: Record<string, unknown>[], size = 400) => {
    for (let i = 0; i < rows.length; i += size)
      await db
        .insertInto(table as 'cobuild_point')
        .values(rows.slice(i, i + size) as never)
        .execute();
  };

  // 250 communities; the in-service members topped up in the departments' branches.
  const orgs = await db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_name', 'type', 'parent_id', 'path'])
    .execute();
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const communities = orgs
    .filter(
      (o) =>
        BRANCH_TYPES.has(o.type) &&
        !BRANCH_TYPES.has(byId.get(o.parent_id ?? -1)?.type ?? '') &&
        /(社区|村)(党总支|党支部)$/.test(orgName(o)),
    )
    .slice(0, COMMUNITIES);
  await insert(
    'cobuild_community',
    communities.map((c) => ({
      org_id: c.id,
      kind: /社区/.test(orgName(c)) ? '社区' : '村',
      address: null,
      contact_phone: null,
      active: 1,
      created_at: TODAY,
      updated_at: TODAY,
    })),
  );
  let tree = await loadTree(db);
  const eligible = async () =>
    (
      await db
        .selectFrom('member')
        .select(['id', 'org_id', 'org_path'])
        .where('category', '=', '在职')
        .where('status', '=', '正常')
        .execute()
    ).filter((m) => tree.communityOf(m.org_id) === null);
  const gw = orgs.find((o) => o.type === '机关工委')!;
  const deptBranches = orgs.filter((o) => o.type === '党支部' && o.path.startsWith(gw.path));
  const before = (await eligible()).length;
  const extra = [];
  for (let i = 0; i < IN_SERVICE - before; i++) {
    const b = deptBranches[i % deptBranches.length];
    const birth = shift('1970-01-01', i % 9000);
    const id = makeId(birth, 100 + 2 * Math.floor(i / 9000), i % 2 ? '男' : '女');
    extra.push({
      name: `干部${i}`,
      name_initials: 'gb',
      name_pinyin: 'ganbu',
      gender: i % 2 ? '男' : '女',
      ethnicity: '汉族',
      birth_date: birth,
      id_number: id,
      id_last4: id.slice(-4),
      phone: '13900000000',
      education: '大学本科',
      org_id: b.id,
      org_path: b.path,
      join_date: '2010-07-01',
      full_date: '2011-07-01',
      member_type: '正式',
      category: '在职',
      status: '正常',
      created_at: TODAY,
      updated_at: TODAY,
    });
  }
  await insert('member', extra, 300);
  tree = await loadTree(db);
  const members = await eligible();

  // Registrations (90% reported), 42 departments paired, 100,000 activities with 3 verified participants each.
  const reg: Record<string, unknown>[] = [];
  const residents = new Map<number, number[]>();
  for (const m of members) {
    if (rnd() > 0.9) continue;
    const c = communities[int(0, communities.length - 1)].id;
    const accepted = shift(`${YEAR}-01-01`, int(0, 200));
    reg.push({
      kind: 'member',
      member_id: m.id,
      unit_org_id: tree.employer(m.org_id),
      community_org_id: c,
      status: 'active',
      address: null,
      skills: null,
      note: null,
      reported_date: accepted,
      accepted_date: accepted,
      confirmed_date: accepted,
      due_date: '2027-06-30',
      decided_by: null,
      decline_reason: null,
      ended_date: null,
      end_reason: null,
      created_by: 1,
      created_at: TODAY,
      updated_at: TODAY,
    });
    residents.set(c, [...(residents.get(c) ?? []), m.id]);
  }
  await insert('cobuild_registration', reg, 300);
  const acts: Record<string, unknown>[] = [];
  const signups: Record<string, unknown>[] = [];
  const ledger: { id: number; date: string; hours: number; signup: number; community: number }[] = [];
  for (let i = 1; i <= ACTIVITIES; i++) {
    const c = communities[i % communities.length].id;
    const date = shift(`${YEAR}-01-01`, int(0, 349));
    const startsAt = `${date}T01:00:00.000Z`;
    acts.push({
      id: i,
      community_org_id: c,
      need_id: null,
      project_id: null,
      title: `志愿服务活动${i}`,
      category: '环境整治',
      description: null,
      place: '党群服务中心',
      lat: null,
      lng: null,
      starts_at: startsAt,
      ends_at: `${date}T03:00:00.000Z`,
      activity_date: date,
      signup_limit: 10,
      status: 'open',
      cancel_reason: null,
      checkin_token: `in-${i}`,
      checkout_token: `out-${i}`,
      created_by: 1,
      created_at: TODAY,
      updated_at: TODAY,
    });
    const pool = residents.get(c) ?? [];
    const chosen = new Set<number>();
    while (chosen.size < Math.min(PER_ACTIVITY, pool.length)) chosen.add(pool[int(0, pool.length - 1)]);
    for (const m of chosen) {
      const sid = signups.length + 1;
      signups.push({
        id: sid,
        activity_id: i,
        member_id: m,
        status: 'signed_up',
        signed_up_at: startsAt,
        checkin_at: startsAt,
        checkin_lat: null,
        checkin_lng: null,
        checkin_accuracy: null,
        checkout_at: `${date}T03:00:00.000Z`,
        checkout_lat: null,
        checkout_lng: null,
        checkout_accuracy: null,
        hours: 2,
        verification: 'verified',
        verified_hours: 2,
        verified_by: 1,
        verified_at: TODAY,
        verify_note: null,
      });
      ledger.push({ id: m, date, hours: 2, signup: sid, community: c });
    }
  }
  await insert('cobuild_activity', acts, 300);
  await insert('cobuild_signup', signups, 400);

  // The year's ledger, as credit() writes it (default rules, caps per year), as plain multi-row INSERTs.
  ledger.sort((a, b) => a.date.localeCompare(b.date));
  const used = new Map<string, number>();
  const points: Record<string, unknown>[] = [];
  const cap = DEFAULT_RULES.caps.find((c) => c.action === 'service')!;
  for (const r of reg)
    points.push(row('member', r.member_id as number, 'report', r.accepted_date as string, 5, 0, 'registration', 0));
  for (const e of ledger) {
    const k = `${e.id}:${periodOf(e.date, cap.period)[0]}`;
    const counted = Math.max(0, Math.min(e.hours, cap.max - (used.get(k) ?? 0)));
    used.set(k, (used.get(k) ?? 0) + counted);
    if (e.hours - counted > 0)
      points.push(row('member', e.id, 'service', e.date, e.hours - counted, 1, 'signup', e.signup));
    if (counted > 0) points.push(row('member', e.id, 'service', e.date, counted, 0, 'signup', e.signup));
  }
  const ti = performance.now();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < points.length; i += 500)
      await trx
        .insertInto('cobuild_point')
        .values(points.slice(i, i + 500) as never)
        .execute();
  });
  const plainInsert = performance.now() - ti;
  if (database.dialect === 'postgres')
    for (const t of ['cobuild_activity', 'cobuild_signup', 'cobuild_point'])
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(db);
  const tt = performance.now();
  await sql`insert into cobuild_point_total (subject_kind, subject_id, year, points, hours)
    select subject_kind, subject_id, year, sum(case when capped = 0 and vetoed = 0 then points else 0 end), 0
    from cobuild_point group by subject_kind, subject_id, year`.execute(db);
  await sql`update cobuild_point_total set hours = h.hours from (select g.member_id, sum(g.verified_hours) as hours from cobuild_signup g
    where g.verification = 'verified' group by g.member_id) h where h.member_id = cobuild_point_total.subject_id and cobuild_point_total.subject_kind = 'member'`.execute(
    db,
  );
  const totalsMs = performance.now() - tt;
  await database.optimize();
  const zzb = await insertUser(db, { username: 'bench-zzb', role: 'org_admin', scopeOrgId: county.countyId });
  console.log(
    `[${label}] built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${members.length} in-service members (${reg.length} reported), ${communities.length} communities, ${ACTIVITIES} activities, ${signups.length} verified participations, ${points.length} ledger entries`,
  );

  // The engine: CREDITS more verifications through credit(), one transaction each, as the route does.
  const clock = new ManualClock(`${TODAY}T02:00:00Z`);
  const app = await buildApp({
    config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }),
    database,
    clock,
    migrate: false,
  });
  const tc = performance.now();
  for (let i = 0; i < CREDITS; i++) {
    const m = members[int(0, members.length - 1)];
    await db.transaction().execute((trx) =>
      credit(app.ctx, trx, {
        subject: { kind: 'member', id: m.id },
        action: 'service',
        entryDate: shift(`${YEAR}-12-01`, int(0, 19)),
        points: null,
        hours: 2,
        reason: '基准测试核验',
        source: { kind: 'signup', id: null },
        actorId: zzb,
      }),
    );
  }
  const perCredit = (performance.now() - tc) / CREDITS;
  const perPlain = plainInsert / points.length;
  console.log(
    `[${label}] ledger: credit() ${perCredit.toFixed(2)} ms per entry (rule + caps + veto + total, own transaction) → ${((perCredit * points.length) / 1000).toFixed(0)} s for the year's ${points.length} entries; plain INSERT of the same rows ${plainInsert.toFixed(0)} ms (${(perPlain * 1000).toFixed(1)} µs per row)`,
  );
  console.log(`[${label}] rankings: rebuilding every per-year total from the ledger ${totalsMs.toFixed(0)} ms`);

  // Queries in process: what the rankings route reads vs a plain aggregate over the ledger.
  const q = async (fn: () => Promise<unknown>, n = 60) => {
    const out: number[] = [];
    for (let i = 0; i < n + 5; i++) {
      const s = performance.now();
      await fn();
      if (i >= 5) out.push(performance.now() - s);
    }
    return stats(out);
  };
  const totalsQ = await q(() =>
    db
      .selectFrom('cobuild_point_total')
      .select(['subject_id', 'points'])
      .where('subject_kind', '=', 'member')
      .where('year', '=', YEAR)
      .orderBy('points', 'desc')
      .orderBy('subject_id')
      .limit(20)
      .execute(),
  );
  const plainQ = await q(() =>
    sql`select subject_id, sum(points) as p from cobuild_point where subject_kind = 'member' and year = ${YEAR} and capped = 0 and vetoed = 0 group by subject_id order by p desc limit 20`.execute(
      db,
    ),
  );
  console.log(`[${label}] top-20 ranking query, in process (ms):      p50      p95`);
  console.log(`  per-year totals (what the page reads)  ${fmt(totalsQ.p50)}  ${fmt(totalsQ.p95)}`);
  console.log(`  plain aggregate over the ledger        ${fmt(plainQ.p50)}  ${fmt(plainQ.p95)}`);

  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await request(base, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-zzb', password: PASSWORD }),
  });
  const h = { cookie: String(login.headers['set-cookie']).split(';')[0] };
  const bare = await bareBase();
  const N = Number(process.env.BENCH_N ?? 200);
  const res: [string, Awaited<ReturnType<typeof latency>>][] = [];
  res.push(['bare Fastify route', await latency(bare.base, () => '/bare', {}, N, 30)]);
  res.push([
    'rankings page (members, county)',
    await latency(base, (i) => `/api/cobuild/rankings?kind=member&year=${YEAR}&page=${1 + (i % 50)}`, h, N, 10),
  ]);
  res.push([
    'member ledger page',
    await latency(
      base,
      (i) => `/api/cobuild/points?memberId=${members[(i * 7919) % members.length].id}&year=${YEAR}`,
      h,
      N,
      10,
    ),
  ]);
  res.push([
    'rankings page (units, county)',
    await latency(base, () => `/api/cobuild/rankings?kind=unit&year=${YEAR}`, h, Math.min(N, 40), 3),
  ]);
  res.push(['报到率 by unit (county)', await latency(base, () => '/api/cobuild/units', h, Math.min(N, 40), 3)]);
  printLatencyTable(label, res);

  // Quarterly letters for the 42 departments (the employer units under the 机关工委).
  const depts = [...new Set(members.map((m) => tree.employer(m.org_id)))].filter((u) =>
    tree.orgs.get(u)!.path.startsWith(gw.path),
  );
  // What the quarterly job does (content per unit, stored as the letter) and what a download adds.
  const tl = performance.now();
  const letters = [];
  for (const u of depts) letters.push(await letterData(db, tree, u, YEAR, 4, TODAY));
  const contentMs = performance.now() - tl;
  const tr = performance.now();
  let bytes = 0;
  for (const data of letters) bytes += (await letterDocx(data)).length + (await letterXlsx(data)).length;
  const renderMs = performance.now() - tr;
  const rows = letters.reduce((n, l) => n + l.members.length, 0);
  console.log(
    `[${label}] quarterly letters for ${depts.length} departments (${rows} members listed): content ${contentMs.toFixed(0)} ms (${(contentMs / depts.length).toFixed(0)} ms each); .docx + .xlsx ${renderMs.toFixed(0)} ms (${(renderMs / depts.length).toFixed(0)} ms each, ${(bytes / 1024).toFixed(0)} KB)`,
  );
  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

function row(
  kind: string,
  id: number,
  action: string,
  date: string,
  points: number,
  capped: number,
  source: string,
  sourceId: number,
) {
  return {
    subject_kind: kind,
    subject_id: id,
    year: Number(date.slice(0, 4)),
    entry_date: date,
    at: `${date}T10:00:00.000Z`,
    action,
    points,
    capped,
    vetoed: 0,
    rule_version: 0,
    source_kind: source,
    source_id: sourceId,
    reason: capped ? '超出封顶' : '志愿服务',
    created_by: null,
  };
}

await onEachDatabase(run);
