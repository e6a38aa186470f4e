/**
 * kill -9 during a burst of 2,000 ballots: every ballot acknowledged with 200 before the kill is in
 * the database after a restart. The real server runs as a child process (npx tsx server/main.ts)
 * on a temp SQLite file — or, with DATABASE_URL=postgres://…, on a fresh PostgreSQL database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { connect } from '../../db/connect.ts';
import { freshDatabaseUrl, Client } from '../../test/harness.ts';
import { PASSWORD, seedCounty } from '../../test/fixtures.ts';

let url: string;
let drop: () => Promise<void>;
let tokens: string[];
let orgIds: number[];
let rid: number;
const children: ChildProcess[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as any).port;
      s.close(() => resolve(p));
    });
  });

async function startServer(port: number) {
  const child = spawn('npx', ['tsx', 'server/main.ts'], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
  });
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  children.push(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务进程退出:${err}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return child;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`服务未启动:${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** Kills the whole process group (npx → node) with SIGKILL: no shutdown hook runs. */
const kill9 = (c: ChildProcess) => {
  try {
    process.kill(-c.pid!, 'SIGKILL');
  } catch {
    /* gone */
  }
};

beforeAll(async () => {
  ({ url, drop } = await freshDatabaseUrl());
  const database = await connect(url);
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database });
  const c = await seedCounty(database.db);
  const zzb = await new Client(app).login('zzb', PASSWORD);
  orgIds = [c.orgs.townA, c.orgs.townB, c.orgs.dept];
  rid = (await zzb.post('/api/reviews', { title: '断电测试评议', year: 2024, orgIds })).body.id;
  tokens = (await zzb.post(`/api/reviews/${rid}/tokens`, { count: 2000 })).body.tokens;
  await zzb.post(`/api/reviews/${rid}/open-voting`);
  await app.close();
  await database.close();
}, 120_000);

afterAll(async () => {
  for (const c of children) kill9(c);
  await drop();
});

function post(port: number, agent: http.Agent, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/ballots',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let data = '';
        res.on('data', (d) => {
          data += d;
        });
        res.on('end', () => resolve({ status: res.statusCode!, body: data }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('durability of acknowledged ballots', () => {
  it('kill -9 mid-burst loses no acknowledged ballot', async () => {
    const port = await freePort();
    const server = await startServer(port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const acked: string[] = [];
    const ackedTokens: string[] = [];
    let failed = 0;
    let next = 0;
    let killed = false;
    const KILL_AFTER = 700;
    const worker = async () => {
      while (next < tokens.length) {
        const token = tokens[next++];
        const body = JSON.stringify({
          token,
          ratings: orgIds.map((orgId, i) => ({
            orgId,
            grade: ['好', '较好', '一般'][i],
            opinion: i === 0 ? '测试意见' : undefined,
          })),
        });
        try {
          const r = await post(port, agent, body);
          if (r.status === 200) {
            acked.push(JSON.parse(r.body).receipt);
            ackedTokens.push(token);
          } else failed++;
        } catch {
          failed++;
        }
        if (!killed && acked.length >= KILL_AFTER) {
          killed = true;
          kill9(server);
        }
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    agent.destroy();
    expect(killed).toBe(true);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acked.length).toBeLessThan(tokens.length); // the kill really happened mid-burst
    expect(failed).toBeGreaterThan(0);

    // Restart on the same database; recovery happens on open.
    const port2 = await freePort();
    const again = await startServer(port2);
    const database = await connect(url);
    try {
      const stored = new Set(
        (await database.db.selectFrom('ballot').select('receipt').where('campaign_id', '=', rid).execute()).map(
          (b) => b.receipt,
        ),
      );
      const lost = acked.filter((r) => !stored.has(r));
      expect(lost).toEqual([]);
      // Consistency: every stored ballot consumed exactly one token, and has all its ratings.
      const used = await database.db
        .selectFrom('review_token')
        .select((eb) => eb.fn.sum<number>('used').as('u'))
        .where('campaign_id', '=', rid)
        .executeTakeFirstOrThrow();
      expect(Number(used.u)).toBe(stored.size);
      // (A ballot's ratings live in its own row while voting: JSON [[orgId, gradeIndex(, opinion)], …].)
      const rows = await database.db.selectFrom('ballot').select('ratings').where('campaign_id', '=', rid).execute();
      for (const b of rows)
        expect((JSON.parse(b.ratings!) as [number, number][]).map((x) => x[0])).toEqual(
          [...orgIds].sort((x, y) => x - y),
        );
      // The restarted server keeps accepting the remaining tokens and refusing used ones.
      const agent2 = new http.Agent({ keepAlive: false });
      const ratings2 = orgIds.map((orgId) => ({ orgId, grade: '好' }));
      expect((await post(port2, agent2, JSON.stringify({ token: ackedTokens[0], ratings: ratings2 }))).status).toBe(
        409,
      );
      const unused = await database.db
        .selectFrom('review_token')
        .select('hash')
        .where('campaign_id', '=', rid)
        .where('used', '=', 0)
        .execute();
      if (unused.length) {
        // Find a token never consumed (not acked, not committed) and cast it on the restarted server.
        const { tokenHash } = await import('./tokens.ts');
        const free = new Set(unused.map((u) => u.hash));
        const tk = tokens.find((x) => free.has(tokenHash(x)))!;
        expect((await post(port2, agent2, JSON.stringify({ token: tk, ratings: ratings2 }))).status).toBe(200);
      }
    } finally {
      await database.close();
      kill9(again);
    }
  }, 180_000);
});
