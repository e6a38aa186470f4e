/**
 * 作风监督 (issue 14), two figures, each beside a comparison measured in the same run:
 *  1. Rating intake over HTTP on the public endpoint (POST /api/public/ratings: window lookup,
 *     throttle counters in the database, insert, a case for each 差评) — ratings/s and p50/p99 —
 *     beside a bare Fastify route that parses the same JSON body. N requests, C keep-alive
 *     connections, the load generator in a worker thread, loopback only.
 *  2. The monthly statistics for 100 windows × 100,000 ratings (computeStats: ratings, cases and
 *     tickets per window, ranking, 办事最难窗口) beside the plain GROUP BY over the same rows.
 * SQLite always; PostgreSQL too when DATABASE_URL names one.   Run: npx tsx bench/windows.ts [N=5000] [C=32]
 */
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { insertOrg, PASSWORD, seedCounty } from '../server/test/fixtures.ts';
import { Client } from '../server/test/harness.ts';
import { computeStats } from '../server/modules/windows/stats.service.ts';
import { benchDatabaseUrl, stats as pct } from './lib.ts';

const N = Number(process.argv[2] ?? 5000);
const C = Number(process.argv[3] ?? 32);
const WINDOWS = 100;
const RATINGS = 100_000;

const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, path, bodies, c } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: c });
let next = 0; const statuses = {}; const lat = [];
function post(body) {
  return new Promise((resolve) => {
    const t = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume(); res.on('end', () => { lat.push(Number(process.hrtime.bigint() - t) / 1e6); resolve(res.statusCode); });
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}
(async () => {
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: c }, async () => {
    while (next < bodies.length) { const s = await post(bodies[next++]); statuses[s] = (statuses[s] || 0) + 1; }
  }));
  parentPort.postMessage({ ms: Number(process.hrtime.bigint() - t0) / 1e6, statuses, lat });
  agent.destroy();
})();`;

type Load = { ms: number; statuses: Record<string, number>; lat: number[] };
function load(port: number, path: string, bodies: string[]): Promise<Load> {
  return new Promise((resolve, reject) => {
    const w = new Worker(LOADER, { eval: true, workerData: { port, path, bodies, c: C } });
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>, runs = 5) {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database });
  const c = await seedCounty(database.db);
  const dcs = await new Client(app).login('dcs', PASSWORD);
  const town = await new Client(app).login('town-a', PASSWORD);
  // All load comes from 127.0.0.1: lift the per-source limits so the bench measures intake, not 429s.
  await dcs.patch('/api/windows-settings', { burstPerMinute: 1000, untrackedPerSourceDay: 10_000 });
  const codes: string[] = [];
  for (let i = 0; i < 20; i++) {
    const id = (
      await town.post('/api/windows', { orgId: c.orgs.townA, name: `测试窗口${i}`, kind: '窗口', items: ['事项'] })
    ).body.id;
    codes.push((await town.get(`/api/windows/${id}`)).body.code);
  }
  const levels = ['非常满意', '满意', '满意', '基本满意', '非常满意', '满意', '满意', '非常满意', '满意', '不满意'];
  const bodies = Array.from({ length: N }, (_, k) =>
    JSON.stringify({
      windowCode: codes[k % codes.length],
      level: levels[k % levels.length],
      ...(k % 4 === 0 ? { comment: '办事效率高,工作人员热情' } : {}),
      ...(k % 10 === 9 ? { phone: '13900001111' } : {}),
      device: `bench-device-${k}`,
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify();
  bare.post('/bare', async (req, reply) =>
    reply.status(201).send({ id: String((req.body as { windowCode: string }).windowCode).length }),
  );
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const portOf = (s: { server: { address(): unknown } }) => (s.server.address() as { port: number }).port;
  await load(portOf(bare), '/bare', bodies.slice(0, 1000));
  const b1 = await load(portOf(bare), '/bare', bodies);
  const r = await load(portOf(app), '/api/public/ratings', bodies);
  const b2 = await load(portOf(bare), '/bare', bodies);
  const rate = (x: Load) => (N / x.ms) * 1000;
  const stored = Number(
    (
      await database.db
        .selectFrom('rating')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const cases = Number(
    (
      await database.db
        .selectFrom('rating_case')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const row = (name: string, x: Load, unit: string) => {
    const s = pct(x.lat);
    return `[${label}]   ${name.padEnd(34)} ${rate(x).toFixed(0).padStart(6)} ${unit}  p50 ${s.p50.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  ${JSON.stringify(x.statuses)}`;
  };
  console.log(
    `[${label}] 1. rating intake: N=${N}, ${C} keep-alive connections, 20 windows, 10% 差评 (each opens a case)`,
  );
  console.log(row('bare Fastify POST (JSON parse)', b1, 'req/s    '));
  console.log(row('POST /api/public/ratings', r, 'ratings/s'));
  console.log(row('bare Fastify POST (again)', b2, 'req/s    '));
  console.log(
    `[${label}]   stored ${stored} ratings, ${cases} cases; ratings / bare = ${((rate(r) / ((rate(b1) + rate(b2)) / 2)) * 100).toFixed(0)}%`,
  );
  await bare.close();

  // 2. 100 windows × 100,000 ratings in one month (spread over the county's towns).
  const db = database.db;
  const towns: number[] = [];
  for (let i = 0; i < 10; i++)
    towns.push(await insertOrg(db, { code: `BW${i}`, name: `测试镇${i}`, type: '党委', parentId: c.orgs.county }));
  const now = new Date().toISOString();
  const wids: number[] = [];
  for (let i = 0; i < WINDOWS; i++)
    wids.push(
      (
        await db
          .insertInto('service_window')
          .values({
            org_id: towns[i % 10],
            code: `BN${String(i).padStart(4, '0')}`,
            name: `统计窗口${i}`,
            kind: '窗口',
            location: null,
            active: 1,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const month = '2025-06';
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const rows = Array.from({ length: RATINGS }, (_, i) => {
    const day = `${month}-${String(1 + (i % 30)).padStart(2, '0')}`;
    const w = wids[Math.floor(rnd() * WINDOWS)];
    return {
      window_id: w,
      org_id: towns[wids.indexOf(w) % 10],
      item_id: null,
      level: 1 + Math.floor(rnd() * 5),
      comment: null,
      phone_masked: null,
      content_version: 1,
      scores: null,
      ticket_id: null,
      verified: rnd() < 0.5 ? 1 : 0,
      suspect: rnd() < 0.01 ? 1 : 0,
      suspect_reason: null,
      excluded: 0,
      rated_at: `${day}T02:00:00.000Z`,
      rated_date: day,
    };
  });
  const t0 = Date.now();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('rating')
        .values(rows.slice(i, i + 500))
        .execute();
  });
  await database.optimize();
  console.log(
    `[${label}] 2. monthly statistics: ${WINDOWS} windows × ${RATINGS.toLocaleString()} ratings in ${month} (loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const plain = await time(() =>
    sql`select window_id, level, count(*) as n from rating where rated_date >= ${`${month}-01`} and rated_date <= ${`${month}-30`} group by window_id, level`.execute(
      db,
    ),
  );
  const full = await time(() => computeStats(db, '/', month, 'window'));
  const townT = await time(() => computeStats(db, '/', month, 'township'));
  const check = await computeStats(db, '/', month, 'window');
  console.log(`[${label}]   plain GROUP BY window, level          ${plain.toFixed(1).padStart(7)} ms (median of 5)`);
  console.log(
    `[${label}]   computeStats (window, whole county)   ${full.toFixed(1).padStart(7)} ms  = ${(full / plain).toFixed(1)}× plain  (${check.rows.length} rows, total ${check.total.ratings} counted)`,
  );
  console.log(`[${label}]   computeStats (township)               ${townT.toFixed(1).padStart(7)} ms`);
  await app.close();
  await database.close();
  await drop();
}

if (!process.env.BENCH_SKIP_SQLITE) await run('sqlite');
if (process.env.DATABASE_URL?.startsWith('postgres')) await run('postgres', process.env.DATABASE_URL);
