/**
 * County-scale supervision (issue 5): ~3,000 org nodes (the demo county generator), 100,000 tasks
 * spread over them (lead + sometimes a cooperating unit, mixed statuses and deadlines). Prints p50/p95
 * of the 工作台 query and of a scoped task page (county supervisor and one township secretary), and
 * the time to recompute every traffic light, beside a bare Fastify route measured the same way in
 * the same run. SQLite always; PostgreSQL too when DATABASE_URL names one.
 *   Run: npx tsx bench/tasks.ts     [DATABASE_URL=postgres://… npx tsx bench/tasks.ts]
 */
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ManualClock } from '../server/lib/clock.ts';
import { insertUser, PASSWORD } from '../server/test/fixtures.ts';
import { generateCounty } from '../server/modules/demo/generate.ts';
import { recomputeAll } from '../server/modules/tasks/lights.ts';
import { tick } from '../server/modules/tasks/reminders.ts';
import {
  bareBase,
  benchDatabaseUrl,
  latency,
  loopHeld,
  pageCursors,
  printLatencyTable,
  request,
  onEachDatabase,
  stats,
} from './lib.ts';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);

/** Deterministic pseudo-random numbers (the same data on both databases). */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  await migrateToLatest(database);
  const t0 = Date.now();
  const county = await generateCounty(database.db, { seed: 7, membersTarget: 2_000 });
  const orgs = await database.db.selectFrom('org_unit').select(['id', 'depth']).execute();
  const rand = rng(42);
  const statuses = ['pending', 'doing', 'doing', 'doing', 'requested', 'done', 'done'];
  const today = '2026-11-25';
  const rows: any[] = [];
  const links: any[] = [];
  for (let i = 1; i <= TASKS; i++) {
    const lead = orgs[rand(orgs.length)].id;
    const status = statuses[rand(statuses.length)];
    const issued = addDays(today, -rand(120));
    rows.push({
      id: i,
      document_id: null,
      passage_start: null,
      passage_end: null,
      parent_id: null,
      text: `第${i}项重点工作:推进基层党建与乡村振兴任务落实`,
      lead_org_id: lead,
      leader: null,
      due_date: rand(10) === 0 ? null : addDays(issued, 10 + rand(150)),
      deadline_text: null,
      targets_json: '[]',
      priority: '一般',
      key_project: rand(200) === 0 ? 1 : 0,
      report_cycle: ['none', 'weekly', 'monthly'][rand(3)],
      status,
      progress: status === 'done' ? 100 : rand(101),
      issued_date: issued,
      accepted_date: status === 'pending' ? null : issued,
      last_report_date: status === 'pending' ? null : addDays(issued, rand(30)),
      closed_at: null,
      light: 'green',
      light_reasons: '[]',
      created_by: 1,
      created_at: `${issued}T01:00:00.000Z`,
      updated_at: `${issued}T01:00:00.000Z`,
    });
    links.push({ task_id: i, org_id: lead, role: 'lead' });
    if (rand(3) === 0) {
      const co = orgs[rand(orgs.length)].id;
      if (co !== lead) links.push({ task_id: i, org_id: co, role: 'co' });
    }
  }
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('task')
        .values(rows.slice(i, i + 500))
        .execute();
    for (let i = 0; i < links.length; i += 2000)
      await trx
        .insertInto('task_org')
        .values(links.slice(i, i + 2000))
        .execute();
  });
  if (database.dialect === 'postgres') {
    const { sql } = await import('kysely');
    await sql`select setval(pg_get_serial_sequence('task', 'id'), (select max(id) from task))`.execute(database.db);
    // VACUUM as well as ANALYZE: a bulk-loaded table has no visibility map until autovacuum comes by
    // (within a minute in production), and index-only scans would visit the heap until then; the
    // autovacuum arriving in the middle of a measurement made runs disagree.
    await sql`vacuum analyze`.execute(database.db);
  }
  const town = county.towns[0];
  await insertUser(database.db, { username: 'bench-dcs', role: 'supervisor', scopeOrgId: county.countyId });
  await insertUser(database.db, { username: 'bench-town', role: 'unit_admin', scopeOrgId: town.id });
  console.log(
    `[${label}] built in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${orgs.length} org nodes, ${TASKS} tasks, ${links.length} task–unit links`,
  );

  const clock = new ManualClock(`${today}T01:00:00Z`);
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database, clock });
  // Traffic lights for all open tasks: first run writes the changed lights, the second only computes.
  const first = await loopHeld(() => recomputeAll(app.ctx, today));
  const n1 = first.result;
  const full = first.ms;
  let t1 = performance.now();
  await recomputeAll(app.ctx, today);
  const again = performance.now() - t1;
  const lights = await database.db
    .selectFrom('task')
    .select(['light', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('light')
    .execute();
  const ticked = await loopHeld(() => tick(app.ctx, clock.now(), 'bench'));
  const tk = ticked.result;
  const tickMs = ticked.ms;
  // A later tick of the same day after a few tasks changed (re-dated): incremental.
  clock.advance(11 * 60_000);
  await database.db
    .updateTable('task')
    .set({ due_date: addDays(today, 2), updated_at: clock.now().toISOString() })
    .where('id', 'in', [11, 22, 33, 44, 55])
    .execute();
  t1 = performance.now();
  const tk2 = await tick(app.ctx, clock.now(), 'bench');
  const tick2Ms = performance.now() - t1;

  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as any).port}`;
  const login = async (u: string) => {
    const r = await request(base, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u, password: PASSWORD }),
    });
    if (r.status !== 200) throw new Error(r.body);
    return { cookie: String(r.headers['set-cookie']).split(';')[0] };
  };
  const dcsH = await login('bench-dcs');
  const townH = await login('bench-town');
  const townTotal = JSON.parse((await request(base, '/api/tasks?pageSize=1', { headers: townH })).body).total;
  // Plain SQL over the same rows, no HTTP: what counting the links of a scope costs per request.
  const { sql } = await import('kysely');
  const { pathUpper } = await import('../server/lib/scope.ts');
  const countyPath = (
    await database.db.selectFrom('org_unit').select('path').where('id', '=', county.countyId).executeTakeFirstOrThrow()
  ).path;
  const townPath = (
    await database.db.selectFrom('org_unit').select('path').where('id', '=', town.id).executeTakeFirstOrThrow()
  ).path;
  const timeSql = async (fn: () => Promise<unknown>, n: number) => {
    for (let i = 0; i < 10; i++) await fn();
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      await fn();
      out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return stats(out);
  };
  const linksIn = (p: string) =>
    sql`select count(distinct task_id) as n from task_org where org_path >= ${p} and org_path < ${pathUpper(p)}`.execute(
      database.db,
    );
  // The recount that verifies the maintained counters (absent before 202612060500_task_counts).
  const counts = await import('../server/db/task-counts.ts').catch(() => null);
  if (counts) {
    t1 = performance.now();
    const diffs = await counts.checkTaskCounts(database.db);
    console.log(
      `[${label}] full recount of the 工作台 counters: ${(performance.now() - t1).toFixed(0)} ms, ${diffs.length} differences from the maintained ones`,
    );
  }
  const bare = await bareBase();
  const N = Number(process.env.BENCH_N ?? 200);
  const res: [string, Awaited<ReturnType<typeof latency>>][] = [];
  res.push(['bare Fastify route', await latency(bare.base, () => '/bare', {}, N, 30)]);
  res.push(['plain SQL: count county links', await timeSql(() => linksIn(countyPath), Math.min(N, 50))]);
  res.push(['plain SQL: count township links', await timeSql(() => linksIn(townPath), N)]);
  res.push(['工作台 (county, 100k tasks)', await latency(base, () => '/api/dashboard', dcsH, N, 10)]);
  res.push([`工作台 (township, ${townTotal} tasks)`, await latency(base, () => '/api/dashboard', townH, N, 10)]);
  res.push([
    'task page (county, 20 rows)',
    await latency(base, (i) => `/api/tasks?page=${1 + ((i * 37) % 200)}&pageSize=20`, dcsH, N, 10),
  ]);
  res.push([
    'task page (county, red only)',
    await latency(base, (i) => `/api/tasks?light=red&page=${1 + (i % 50)}&pageSize=20`, dcsH, N, 10),
  ]);
  const cursors = await pageCursors(base, '/api/tasks?pageSize=20', dcsH);
  res.push([
    'task next page (county, cursor)',
    await latency(
      base,
      (i) => `/api/tasks?pageSize=20&cursor=${encodeURIComponent(cursors[i % cursors.length])}`,
      dcsH,
      N,
      10,
    ),
  ]);
  res.push([
    'task page (township, 20 rows)',
    await latency(base, (i) => `/api/tasks?page=${1 + (i % 10)}&pageSize=20`, townH, N, 10),
  ]);
  console.log(
    `[${label}] recompute all traffic lights: ${n1} open tasks in ${full.toFixed(0)} ms (writing changes; event loop held at most ${first.heldMs.toFixed(0)} ms at a time), ${again.toFixed(0)} ms (nothing changed); lights ${lights.map((l) => `${l.light}=${l.n}`).join(' ')}`,
  );
  console.log(
    `[${label}] one reminder tick (lights + notifications): ${tickMs.toFixed(0)} ms (event loop held at most ${ticked.heldMs.toFixed(0)} ms at a time), created ${JSON.stringify(tk.created)}`,
  );
  console.log(
    `[${label}] a later tick the same day, 5 tasks changed: ${tick2Ms.toFixed(0)} ms, examined ${tk2.examined}, created ${JSON.stringify(tk2.created)}`,
  );
  printLatencyTable(label, res);
  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

await onEachDatabase(run);
