/**
 * 调研统筹 and public pages at county scale: `npx tsx bench/research.ts` (SQLite; also PostgreSQL
 * when DATABASE_URL names one).
 *   1. The conflict check for one new visit against a county year of 2,000 visits: in process
 *      (checkConflicts) and over HTTP (POST /api/research-visits/check), beside a plain indexed SQL
 *      range query over the same rows and a bare Fastify route.
 *   2. The public list page of a published set of 500 tasks (GET /public/sets/:id, server-rendered
 *      HTML): p95 over HTTP and the page weight (raw and gzip), beside the bare route and the plain
 *      SQL query that reads the same 500 rows.
 */
import zlib from 'node:zlib';
import type { Insertable } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import type { TaskTable } from '../server/db/schema/supervision.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ManualClock } from '../server/lib/clock.ts';
import { pathUpper } from '../server/lib/scope.ts';
import { generateCounty } from '../server/modules/demo/generate.ts';
import { addDays, checkConflicts, townshipOf } from '../server/modules/research/conflicts.ts';
import { DEFAULT_LIMITS } from '../server/modules/research/limits.ts';
import { recordStatus } from '../server/modules/publicsets/status.ts';
import { insertUser, PASSWORD } from '../server/test/fixtures.ts';
import { bareBase, benchDatabaseUrl, latency, printLatencyTable, request, stats, onEachDatabase } from './lib.ts';

const VISITS = 2_000;
const ITEMS = 500;
const YEAR = '2026';
const rng = (seed: number) => {
  let s = seed;
  return (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) | 0;
    return Math.abs(s) % n;
  };
};

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  await migrateToLatest(database);
  const db = database.db;
  const county = await generateCounty(db, { seed: 7, membersTarget: 2_000 });
  const root = await db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('id', '=', county.countyId)
    .executeTakeFirstOrThrow();
  const places = await db
    .selectFrom('org_unit')
    .select(['id', 'name', 'path', 'depth', 'parent_id'])
    .where('depth', '=', 2)
    .where('type', 'in', ['党支部', '党总支'])
    .execute();
  const rand = rng(11);
  const now = '2026-06-01T00:00:00.000Z';
  const leaders = Array.from({ length: 25 }, (_, i) => `领导${i + 1}`);
  const visits: any[] = [];
  const rows: any[] = [];
  for (let i = 1; i <= VISITS; i++) {
    const start = addDays(`${YEAR}-01-01`, rand(365));
    const end = rand(6) === 0 ? addDays(start, 1) : start;
    visits.push({
      id: i,
      title: `调研课题${i}`,
      leader: leaders[rand(leaders.length)],
      visitor_level: '县级',
      members_json: '[]',
      owner_org_id: root.id,
      owner_path: root.path,
      plan_kind: '年度计划',
      start_date: start,
      end_date: end,
      escorts_json: '[]',
      escort_reason: null,
      task_id: null,
      status: '已确认',
      warnings_json: '[]',
      confirm_reason: null,
      merged_into_id: null,
      created_by: 1,
      created_at: now,
      updated_at: now,
    });
    const n = 1 + (rand(3) === 0 ? 1 : 0);
    const seen = new Set<number>();
    for (let k = 0; k < n; k++) {
      // Skewed: a fifth of the villages draw most of the visits (the 经典路线 pattern).
      const p = places[rand(5) < 3 ? rand(Math.ceil(places.length / 5)) : rand(places.length)];
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      rows.push({
        visit_id: i,
        org_id: p.id,
        org_path: p.path,
        township_id: townshipOf(p.path),
        start_date: start,
        end_date: end,
        active: 1,
      });
    }
  }
  for (let i = 0; i < visits.length; i += 200)
    await db
      .insertInto('research_visit')
      .values(visits.slice(i, i + 200))
      .execute();
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('research_place')
      .values(rows.slice(i, i + 300))
      .execute();
  if (pgBase) {
    const { sql } = await import('kysely');
    await sql`select setval(pg_get_serial_sequence('research_visit', 'id'), ${VISITS})`.execute(db);
  }
  await database.optimize();

  // 1a. In process, per new visit.
  const candidate = (i: number) => {
    const p = places[(i * 7919) % places.length];
    const start = addDays(`${YEAR}-01-01`, (i * 37) % 365);
    return {
      visitId: null,
      leader: leaders[i % leaders.length],
      visitorLevel: '县级',
      startDate: start,
      endDate: start,
      places: [
        { id: p.id, name: p.name, path: p.path, depth: p.depth, parentId: p.parent_id, townshipId: townshipOf(p.path) },
      ],
      escorts: [{ level: '乡镇级' as const, count: 2 }],
    };
  };
  for (let i = 0; i < 30; i++) await checkConflicts(db, candidate(i), DEFAULT_LIMITS);
  const inProc: number[] = [];
  let warned = 0;
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    const w = await checkConflicts(db, candidate(i), DEFAULT_LIMITS);
    inProc.push(performance.now() - t0);
    if (w.length > 1) warned++;
  }
  // 1b. The plain SQL comparison: one indexed range query over the same rows (the window scan alone).
  const plain: number[] = [];
  for (let i = 0; i < 300; i++) {
    const c = candidate(i);
    const p = c.places[0].path;
    const t0 = performance.now();
    await db
      .selectFrom('research_place')
      .select(['visit_id', 'start_date'])
      .where('org_path', '>=', p)
      .where('org_path', '<', pathUpper(p))
      .where('start_date', '>=', addDays(c.startDate, -38))
      .where('start_date', '<=', addDays(c.endDate, 7))
      .execute();
    plain.push(performance.now() - t0);
  }

  // 2. A published set of 500 tasks.
  const dcsId = await insertUser(db, { username: 'bench-dcs', role: 'supervisor', scopeOrgId: root.id });
  const leads = await db.selectFrom('org_unit').select('id').where('parent_id', '=', root.id).execute();
  const taskRows = Array.from(
    { length: ITEMS },
    (_, i): Insertable<TaskTable> => ({
      document_id: null,
      passage_start: null,
      passage_end: null,
      parent_id: null,
      text: `重点任务${i + 1}:完成农村公路改造、老旧小区改造和便民服务中心建设等年度目标任务`,
      lead_org_id: leads[i % leads.length].id,
      leader: null,
      due_date: ['2026-06-30', '2026-09-30', '2026-12-31'][i % 3],
      deadline_text: null,
      targets_json: '[]',
      priority: '重要',
      key_project: 0,
      report_cycle: 'monthly',
      status: i % 5 === 0 ? 'done' : 'doing',
      progress: (i * 13) % 100,
      issued_date: '2026-01-10',
      accepted_date: '2026-01-12',
      last_report_date: null,
      closed_at: i % 5 === 0 ? '2026-05-01T02:00:00.000Z' : null,
      light: 'green',
      light_reasons: '[]',
      created_by: dcsId,
      created_at: now,
      updated_at: now,
    }),
  );
  const taskIds: number[] = [];
  for (let i = 0; i < taskRows.length; i += 100)
    taskIds.push(
      ...(
        await db
          .insertInto('task')
          .values(taskRows.slice(i, i + 100))
          .returning('id')
          .execute()
      ).map((r) => r.id),
    );
  await db
    .insertInto('task_org')
    .values(taskIds.map((task_id, i) => ({ task_id, org_id: taskRows[i].lead_org_id, role: 'lead' as const })))
    .execute();
  const set = await db
    .insertInto('public_set')
    .values({
      title: '2026年重点任务',
      kind: '重点任务',
      intro: null,
      document_id: null,
      owner_org_id: root.id,
      publicity: 0,
      objection_until_date: null,
      published: 1,
      published_at: now,
      created_by: dcsId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < taskIds.length; i += 250)
    await db
      .insertInto('public_set_item')
      .values(
        taskIds.slice(i, i + 250).map((task_id, k) => ({
          set_id: set.id,
          task_id,
          sort_order: i + k,
          lag_reason: '受汛期影响施工暂停,已调整工期',
        })),
      )
      .execute();
  const clock = new ManualClock('2026-06-01T02:00:00.000Z');
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database, clock });
  await db.transaction().execute((trx) => recordStatus(trx, app.ctx, taskIds));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as any).port}`;
  const login = await request(base, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-dcs', password: PASSWORD }),
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const csrf = JSON.parse(login.body).csrfToken;
  const bare = await bareBase();
  const N = Number(process.env.BENCH_N ?? 200);

  const checkBody = (i: number) => {
    const c = candidate(i);
    return JSON.stringify({
      title: '调研',
      startDate: c.startDate,
      endDate: c.endDate,
      placeOrgIds: [c.places[0].id],
      leader: c.leader,
    });
  };
  const httpCheck: number[] = [];
  for (let i = 0; i < N + 20; i++) {
    const t0 = process.hrtime.bigint();
    const r = await request(base, '/api/research-visits/check', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: checkBody(i),
    });
    if (r.status !== 200) throw new Error(r.body);
    if (i >= 20) httpCheck.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const page = await request(base, `/public/sets/${set.id}`);
  const kb = Buffer.byteLength(page.body) / 1024;
  const gz = zlib.gzipSync(page.body).length / 1024;
  const plainItems: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await db
      .selectFrom('public_set_item as i')
      .innerJoin('task as t', 't.id', 'i.task_id')
      .innerJoin('org_unit as o', 'o.id', 't.lead_org_id')
      .select(['i.task_id', 't.text', 't.status', 't.progress', 't.due_date', 'o.name'])
      .where('i.set_id', '=', set.id)
      .orderBy('i.sort_order')
      .execute();
    plainItems.push(performance.now() - t0);
  }
  const res: [string, ReturnType<typeof stats>][] = [];
  res.push(['bare Fastify route', await latency(bare.base, () => '/bare', {}, N, 30)]);
  res.push(['POST /api/research-visits/check', stats(httpCheck)]);
  res.push([`GET /public/sets/:id (${ITEMS} items)`, await latency(base, () => `/public/sets/${set.id}`, {}, N, 10)]);
  res.push(['GET /api/public/sets (counts)', await latency(base, () => '/api/public/sets', {}, N, 10)]);
  res.push([
    `GET /public/sets/:id/feed.atom`,
    await latency(base, () => `/public/sets/${set.id}/feed.atom`, {}, N, 10),
  ]);

  const f = (s: ReturnType<typeof stats>) => `p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;
  console.log(
    `[${label}] ${VISITS} visits (${rows.length} place rows) over ${places.length} villages; ${warned}/300 candidates warned`,
  );
  console.log(`[${label}] conflict check in process (all five rules): ${f(stats(inProc))}`);
  console.log(`[${label}] plain SQL: the one window range query alone:  ${f(stats(plain))}`);
  console.log(`[${label}] plain SQL: the ${ITEMS} item rows of the page:      ${f(stats(plainItems))}`);
  console.log(
    `[${label}] public list page weight: ${kb.toFixed(1)} KB (${gz.toFixed(1)} KB gzip), no script, no external resource`,
  );
  printLatencyTable(label, res);
  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

await onEachDatabase(run);
