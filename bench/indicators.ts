/**
 * 指标调度 at county scale (issue 15): 3,000 reporting units × 50 indicators × 12 months
 * (1.8 M figures). Prints the roll-up + lights recompute time beside a plain GROUP BY over the same
 * rows (same run), the cockpit's p50/p95 over HTTP beside a bare Fastify route, and the grid save
 * of one unit's month (50 figures, validated, audited).
 *   Run: npx tsx bench/indicators.ts   [DATABASE_URL=postgres://… to run on PostgreSQL too]
 */
import { sql } from 'kysely';
import { localDate } from '../server/lib/clock.ts';
import { periodsOf, recomputeAll } from '../server/modules/indicators/rollup.ts';
import { insertUser } from '../server/test/fixtures.ts';
import { bareBase, fmt, latency, onEachDatabase, printLatencyTable, request, stats } from './lib.ts';
import { indicatorRow, openBenchDatabase, serveBench, villageCounty } from './setup.ts';

const TOWNS = 30;
const UNITS = 3000;
/** BENCH_INDICATORS=10 for a quicker run (the per-indicator costs scale linearly). */
const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 50);

async function run(label: string, pgBase?: string) {
  const { url, drop, database, db } = await openBenchDatabase(pgBase);
  const today = localDate(new Date());
  const year = Number(today.slice(0, 4)) - 1;
  const t0 = Date.now();
  const { county, towns, units } = await villageCounty(db, TOWNS, UNITS);
  const at = new Date().toISOString();
  const inds: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (let k = 0; k < INDICATORS; k++) {
      const { id } = await trx
        .insertInto('indicator')
        .values(indicatorRow(county, { name: `指标${k + 1}`, aggregation: k % 5 === 4 ? '平均' : '求和' }))
        .returning('id')
        .executeTakeFirstOrThrow();
      inds.push(id);
      for (let i = 0; i < UNITS; i += 500)
        await trx
          .insertInto('indicator_reporter')
          .values(units.slice(i, i + 500).map((org_id) => ({ indicator_id: id, org_id })))
          .execute();
      await trx
        .insertInto('indicator_target')
        .values(
          [county, ...towns].map((org_id) => ({
            indicator_id: id,
            org_id,
            year,
            annual: org_id === county ? 1200 * UNITS : 1200 * (UNITS / TOWNS),
            months_json: null,
            source: '手工',
            source_ref: null,
            updated_at: at,
          })),
        )
        .execute();
    }
    const periods = periodsOf(year);
    const reports = units.flatMap((org_id) =>
      periods.map((period) => ({
        org_id,
        period,
        status: '已通过',
        deadline_date: `${period}-28`,
        submitted_at: at,
        on_time: 1,
        decided_at: at,
        decided_by: null,
        reason: null,
        updated_at: at,
      })),
    );
    for (let i = 0; i < reports.length; i += 1000)
      await trx
        .insertInto('indicator_report')
        .values(reports.slice(i, i + 1000))
        .execute();
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (const id of inds) {
      const rows = [];
      for (const org_id of units)
        for (const period of periods)
          rows.push({
            indicator_id: id,
            org_id,
            period,
            value: Math.round(60 + rnd() * 80),
            note: null,
            updated_by: null,
            updated_at: at,
          });
      for (let i = 0; i < rows.length; i += 1000)
        await trx
          .insertInto('indicator_value')
          .values(rows.slice(i, i + 1000))
          .execute();
    }
  });
  await database.optimize();
  console.log(
    `[${label}] built in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${UNITS} units × ${INDICATORS} indicators × 12 months = ${(UNITS * INDICATORS * 12).toLocaleString()} figures`,
  );

  const r0 = performance.now();
  const written = await db.transaction().execute((trx) => recomputeAll(trx, year, today));
  const recomputeMs = performance.now() - r0;
  const g0 = performance.now();
  const grouped = await sql`
    select v.indicator_id, o.parent_id, v.period, sum(v.value) as s, count(*) as n
    from indicator_value v join org_unit o on o.id = v.org_id
    where v.period >= ${`${year}-01`} and v.period <= ${`${year}-12`}
    group by v.indicator_id, o.parent_id, v.period`.execute(db);
  const groupMs = performance.now() - g0;
  console.log(
    `[${label}] roll-up + lights recompute (all ${INDICATORS} indicators, ${written.toLocaleString()} rows written): ${(recomputeMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `[${label}] plain GROUP BY (indicator, town, month) over the same rows: ${(groupMs / 1000).toFixed(2)} s (${grouped.rows.length} groups) → recompute = ${(recomputeMs / groupMs).toFixed(1)}× the GROUP BY`,
  );
  const one0 = performance.now();
  await db.transaction().execute(async (trx) => {
    const { recompute } = await import('../server/modules/indicators/rollup.ts');
    await recompute(trx, inds[0], year, today);
  });
  console.log(`[${label}] one indicator's whole year, all orgs: ${fmt(performance.now() - one0)} ms`);
  // One village's submit rewrites the village, its town and the county for each indicator: before,
  // by reading every figure of the county (full = true); now, from the children's stored rows.
  const { recomputeWithDependents } = await import('../server/modules/indicators/rollup.ts');
  const line = [county, towns[0], units[0]];
  const submit = async (full: boolean) => {
    const s0 = performance.now();
    await db.transaction().execute((trx) => recomputeWithDependents(trx, inds, year, today, line, full));
    return performance.now() - s0;
  };
  const before = [await submit(true)];
  const after: number[] = [];
  for (let i = 0; i < 5; i++) after.push(await submit(false));
  console.log(
    `[${label}] one unit's submit (${INDICATORS} indicators, its line only): before (full read) ${fmt(before[0])} ms, after (incremental) median ${fmt(stats(after).p50)} ms over ${after.length} → ${(before[0] / stats(after).p50).toFixed(0)}× faster`,
  );

  await insertUser(db, { username: 'bench-county', role: 'org_admin', scopeOrgId: county });
  await insertUser(db, { username: 'bench-town', role: 'unit_admin', scopeOrgId: towns[0] });
  const { app, base, login } = await serveBench(url, database);
  const c = await login('bench-county');
  const tw = await login('bench-town');
  const bare = await bareBase();
  const rows: [string, Awaited<ReturnType<typeof latency>>][] = [];
  rows.push(['bare Fastify route', await latency(bare.base, () => '/bare', {}, 200, 20)]);
  rows.push([
    `cockpit, county (${INDICATORS} ind.)`,
    await latency(
      base,
      (i) => `/api/indicators/cockpit?period=${year}-${String(1 + (i % 12)).padStart(2, '0')}`,
      { cookie: c.cookie },
      200,
      20,
    ),
  ]);
  rows.push([
    'cockpit, one town',
    await latency(
      base,
      (i) => `/api/indicators/cockpit?period=${year}-${String(1 + (i % 12)).padStart(2, '0')}`,
      { cookie: tw.cookie },
      200,
      20,
    ),
  ]);
  rows.push([
    'ranking of 30 towns',
    await latency(
      base,
      (i) => `/api/indicators/${inds[i % INDICATORS]}/ranking?period=${year}-06`,
      { cookie: c.cookie },
      200,
      20,
    ),
  ]);
  printLatencyTable(label, rows);

  // Grid save: one village's open month (last month of this year), 50 figures.
  const period = (() => {
    const [y, m] = today.slice(0, 7).split('-').map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  })();
  const saves: number[] = [];
  for (let i = 0; i < 120; i++) {
    // Villages of the first town (bench-town's subtree): every TOWNS-th unit.
    const unit = units[(i * TOWNS) % UNITS];
    const body = JSON.stringify({ values: inds.map((id, k) => ({ indicatorId: id, value: 100 + ((i + k) % 17) })) });
    const s0 = process.hrtime.bigint();
    const r = await request(base, `/api/indicator-reports/${unit}/${period}`, {
      method: 'POST',
      headers: { cookie: tw.cookie, 'x-csrf-token': tw.csrf, 'content-type': 'application/json' },
      body,
    });
    if (r.status !== 200) throw new Error(`grid save → ${r.status} ${r.body.slice(0, 200)}`);
    saves.push(Number(process.hrtime.bigint() - s0) / 1e6);
  }
  const s = stats(saves.slice(3));
  console.log(
    `[${label}] grid save of one unit's month (${INDICATORS} figures, validated + audited), n=${s.n}: p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms`,
  );
  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

await onEachDatabase(run);
