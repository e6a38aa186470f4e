/**
 * 重点项目 investment feeding the indicators: 600 key projects led by 3,000 villages under 30 towns,
 * a year of monthly plan + completion (7,200 rows). Prints, in the same run:
 * - the figure provider (重点项目完成投资, year to date, for the county and its 30 towns) beside a
 *   plain SQL GROUP BY over the same rows;
 * - the indicator recompute a report triggers (the lead unit's line, the computed source reading
 *   the year month by month);
 * - a month's report over HTTP (validated, audited, indicators recomputed) and the project's
 *   investment grid, p50/p95 beside a bare Fastify route.
 *   Run: npx tsx bench/projects.ts   [DATABASE_URL=postgres://… to run on PostgreSQL too]
 */
import { sql } from 'kysely';
import { localDate } from '../server/lib/clock.ts';
import { periodsOf, recomputeWithDependents } from '../server/modules/indicators/rollup.ts';
import { projectInvestmentCompleted } from '../server/modules/projects/projects.figures.ts';
import { insertKeyProject } from '../server/modules/projects/projects.rows.ts';
import { insertUser } from '../server/test/fixtures.ts';
import { bareBase, fmt, latency, onEachDatabase, printLatencyTable, request, stats } from './lib.ts';
import { indicatorRow, openBenchDatabase, serveBench, villageCounty } from './setup.ts';

const TOWNS = 30;
const UNITS = 3000;
const PROJECTS = 600;

async function run(label: string, pgBase?: string) {
  const { url, drop, database, db } = await openBenchDatabase(pgBase);
  const today = localDate(new Date());
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const at = new Date().toISOString();
  const { county, towns, units } = await villageCounty(db, TOWNS, UNITS);
  const dcs = await insertUser(db, { username: 'bench-dcs', role: 'supervisor', scopeOrgId: county });
  await insertUser(db, { username: 'bench-town', role: 'unit_admin', scopeOrgId: towns[0] });
  const projects: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < PROJECTS; i++) {
      // Every 5th project led by a village of the first town (bench-town reports those).
      const lead = units[(i * TOWNS * 5 + (i % 5 === 0 ? 0 : i)) % UNITS];
      const id = await insertKeyProject(trx, {
        text: `重点项目${i + 1}`,
        leadOrgId: lead,
        year,
        issuedDate: `${year}-01-01`,
        createdBy: dcs,
        at,
      });
      await trx
        .insertInto('project_investment')
        .values(
          periodsOf(year).map((period, k) => ({
            task_id: id,
            period,
            planned: 100 + k * 10,
            completed: period < month ? 80 + ((i + k) % 40) : null,
            note: null,
            reported_by: null,
            reported_at: period < month ? at : null,
            on_time: period < month ? 1 : null,
          })),
        )
        .execute();
      projects.push(id);
    }
    const { id } = await trx
      .insertInto('indicator')
      .values(
        indicatorRow(county, {
          name: '重点项目完成投资',
          source: '系统数据',
          figure_key: 'projects.investmentCompleted',
          is_key: 1,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    // Targets for the county and every town: the roll-up covers 31 orgs.
    await trx
      .insertInto('indicator_target')
      .values(
        [county, ...towns].map((org_id) => ({
          indicator_id: id,
          org_id,
          year,
          annual: 1_000_000,
          months_json: null,
          source: '手工',
          source_ref: null,
          updated_at: at,
        })),
      )
      .execute();
  });
  await database.optimize();
  const ind = (await db.selectFrom('indicator').select('id').executeTakeFirstOrThrow()).id;
  console.log(`[${label}] ${PROJECTS} key projects × 12 months, led by villages of ${TOWNS} towns (${UNITS} units)`);

  const orgIds = [county, ...towns];
  const q = { orgIds, from: `${year}-01-01`, to: today };
  const fig: number[] = [];
  const grp: number[] = [];
  for (let i = 0; i < 12; i++) {
    const f0 = performance.now();
    await projectInvestmentCompleted.compute(db, q);
    fig.push(performance.now() - f0);
    const g0 = performance.now();
    await sql`
      select o.parent_id, sum(p.completed) as s
      from project_investment p join task t on t.id = p.task_id join org_unit o on o.id = t.lead_org_id
      where p.period >= ${`${year}-01`} and p.period <= ${month} and t.key_project = 1
      group by o.parent_id`.execute(db);
    grp.push(performance.now() - g0);
  }
  const fs = stats(fig.slice(2));
  const gs = stats(grp.slice(2));
  console.log(
    `[${label}] figure 重点项目完成投资 YTD for 31 orgs: median ${fmt(fs.p50)} ms; plain GROUP BY (town) over the same rows: median ${fmt(gs.p50)} ms → ${(fs.p50 / gs.p50).toFixed(1)}×`,
  );
  const rc: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r0 = performance.now();
    await db
      .transaction()
      .execute((trx) => recomputeWithDependents(trx, [ind], year, today, [county, towns[0], units[0]]));
    rc.push(performance.now() - r0);
  }
  console.log(
    `[${label}] indicator recompute a report triggers (computed source, the year month by month): median ${fmt(stats(rc).p50)} ms over ${rc.length}`,
  );

  const { app, base, login } = await serveBench(url, database);
  const tw = await login('bench-town');
  const c = await login('bench-dcs');
  const bare = await bareBase();
  const mine = projects.filter((_, i) => i % 5 === 0);
  const rows: [string, Awaited<ReturnType<typeof latency>>][] = [];
  rows.push(['bare Fastify route', await latency(bare.base, () => '/bare', {}, 200, 20)]);
  rows.push([
    'investment grid of a project',
    await latency(base, (i) => `/api/projects/${mine[i % mine.length]}/investment`, { cookie: tw.cookie }, 200, 20),
  ]);
  rows.push([
    `key projects, county (${PROJECTS})`,
    await latency(base, () => '/api/projects', { cookie: c.cookie }, 40, 5),
  ]);
  printLatencyTable(label, rows);
  const saves: number[] = [];
  for (let i = 0; i < 60; i++) {
    const s0 = process.hrtime.bigint();
    const r = await request(base, `/api/projects/${mine[i % mine.length]}/investment/${month}`, {
      method: 'PUT',
      headers: { cookie: tw.cookie, 'x-csrf-token': tw.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ completed: 100 + (i % 13) }),
    });
    if (r.status !== 200) throw new Error(`report → ${r.status} ${r.body.slice(0, 200)}`);
    saves.push(Number(process.hrtime.bigint() - s0) / 1e6);
  }
  const s = stats(saves.slice(3));
  console.log(
    `[${label}] a month's report over HTTP (validated, audited, indicator recomputed), n=${s.n}: p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms`,
  );
  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

await onEachDatabase(run);
