/**
 * Ballots per second over HTTP with durable commits (issue 6), beside a bare Fastify route that
 * parses the same JSON body, measured the same way in the same run: N requests, C concurrent
 * keep-alive connections, loopback only. The load generator runs in a worker thread so that it
 * does not share the event loop with the servers. SQLite always; PostgreSQL too when DATABASE_URL
 * names one.   Run: npx tsx bench/ballots.ts [N=20000] [C=64]
 */
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { Client } from '../server/test/harness.ts';
import { benchDatabaseUrl } from './lib.ts';
import { insertOrg, PASSWORD, seedCounty } from '../server/test/fixtures.ts';

const N = Number(process.argv[2] ?? 20000);
const C = Number(process.argv[3] ?? 64);
const ORGS = 20;

/** Plain JS for the worker: fires `bodies` at `path` with C keep-alive connections; returns timing and status counts. */
const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, path, bodies, c } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: c });
let next = 0; const statuses = {};
function post(body) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume(); res.on('end', () => resolve(res.statusCode));
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
  parentPort.postMessage({ ms: Number(process.hrtime.bigint() - t0) / 1e6, statuses });
  agent.destroy();
})();`;

function load(port: number, path: string, bodies: string[]): Promise<{ ms: number; statuses: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(LOADER, { eval: true, workerData: { port, path, bodies, c: C } });
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database });
  const c = await seedCounty(database.db);
  const orgIds = [c.orgs.townA, c.orgs.townB, c.orgs.dept];
  for (let i = orgIds.length; i < ORGS; i++)
    orgIds.push(
      await insertOrg(database.db, { code: `BX${i}`, name: `测试乡镇${i}党委`, type: '党委', parentId: c.orgs.county }),
    );
  const zzb = await new Client(app).login('zzb', PASSWORD);
  const rid = (await zzb.post('/api/reviews', { title: '性能测试评议', year: 2024, orgIds })).body.id;
  const tokens: string[] = [];
  while (tokens.length < N)
    tokens.push(
      ...(await zzb.post(`/api/reviews/${rid}/tokens`, { count: Math.min(5000, N - tokens.length) })).body.tokens,
    );
  await zzb.post(`/api/reviews/${rid}/open-voting`);
  const grades = ['好', '较好', '一般', '差'];
  const bodies = tokens.map((token, k) =>
    JSON.stringify({
      token,
      ratings: orgIds.map((orgId, i) => ({
        orgId,
        grade: grades[(k + i) % 4],
        ...(i === 0 && k % 5 === 0 ? { opinion: '希望进一步加强村级后备干部培养' } : {}),
      })),
    }),
  );

  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify();
  bare.post('/bare', async (req) => ({ receipt: String((req.body as any).token).slice(0, 4) }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const portOf = (s: any) => (s.server.address() as any).port;

  // Warm both (JIT, connections), then measure: bare first, ballots second, bare again.
  await load(portOf(bare), '/bare', bodies.slice(0, 2000));
  const b1 = await load(portOf(bare), '/bare', bodies);
  const v = await load(portOf(app), '/api/ballots', bodies);
  const b2 = await load(portOf(bare), '/bare', bodies);
  const stored = (
    await database.db
      .selectFrom('ballot')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', rid)
      .executeTakeFirstOrThrow()
  ).n;
  const rate = (r: { ms: number }) => (N / r.ms) * 1000;
  const bareRate = (rate(b1) + rate(b2)) / 2;
  console.log(
    `[${label}] N=${N} requests, ${C} keep-alive connections, ${ORGS} orgs per ballot, body ≈ ${bodies[1].length} B`,
  );
  console.log(
    `[${label}]   bare Fastify POST (JSON parse)  ${bareRate.toFixed(0).padStart(7)} req/s   (runs: ${rate(b1).toFixed(0)}, ${rate(b2).toFixed(0)})  statuses ${JSON.stringify(b1.statuses)}`,
  );
  console.log(
    `[${label}]   POST /api/ballots (durable)      ${rate(v).toFixed(0).padStart(7)} ballots/s  statuses ${JSON.stringify(v.statuses)}  stored ${stored}`,
  );
  console.log(`[${label}]   ratio ballots / bare = ${((rate(v) / bareRate) * 100).toFixed(0)}%  (goal ≥ 50%)`);
  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

if (!process.env.BENCH_SKIP_SQLITE) await run('sqlite');
if (process.env.DATABASE_URL?.startsWith('postgres')) await run('postgres', process.env.DATABASE_URL);
