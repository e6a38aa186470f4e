/** Small helpers shared by the benchmarks: latency sampling over real HTTP with keep-alive. */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Fastify from 'fastify';

export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function request(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const u = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Sequential latency of `n` requests after `warm` warm-up requests; `path` may vary per call. */
export async function latency(
  base: string,
  path: (i: number) => string,
  headers: Record<string, string>,
  n = 400,
  warm = 50,
): Promise<Stats> {
  for (let i = 0; i < warm; i++) await request(base, path(i), { headers });
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = await request(base, path(i), { headers });
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 200) throw new Error(`${path(i)} → ${r.status} ${r.body.slice(0, 200)}`);
  }
  return stats(out);
}

export const fmt = (x: number) => x.toFixed(2).padStart(7);

/** Prints a latency table with each row's p95 relative to the first row (the bare route). */
export function printLatencyTable(label: string, rows: [string, Stats][]) {
  const bareP95 = rows[0][1].p95;
  console.log(`[${label}] latency in ms over HTTP keep-alive, sequential, n=${rows[0][1].n} each`);
  console.log('  what                                   p50      p95      p99   p95 / bare');
  for (const [name, s] of rows)
    console.log(`  ${name.padEnd(34)} ${fmt(s.p50)}  ${fmt(s.p95)}  ${fmt(s.p99)}   ${(s.p95 / bareP95).toFixed(1)}×`);
}

/** The comparison every latency bench prints beside its figures: a bare Fastify JSON route. */
export async function bareBase() {
  const bare = Fastify();
  bare.get('/bare', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return { base: `http://127.0.0.1:${(bare.server.address() as any).port}`, close: () => bare.close() };
}

/** A fresh database for one bench run: PostgreSQL on `pgBase` when given, else a temp SQLite file. */
export async function benchDatabaseUrl(pgBase?: string) {
  const { freshDatabaseUrl } = await import('../server/test/harness.ts');
  const saved = process.env.DATABASE_URL;
  if (pgBase) process.env.DATABASE_URL = pgBase;
  else delete process.env.DATABASE_URL;
  try {
    return await freshDatabaseUrl();
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

/** The cursors of the first `n` pages of a keyset list (`path` has a query already), so "next page" can be replayed. */
export async function pageCursors(base: string, path: string, headers: Record<string, string>, n = 40) {
  const out: string[] = [];
  let c: string | null = null;
  for (let i = 0; i < n; i++) {
    const r: { nextCursor?: string | null } = JSON.parse(
      (await request(base, c ? `${path}&cursor=${encodeURIComponent(c)}` : path, { headers })).body,
    );
    if (!r.nextCursor) break;
    out.push((c = r.nextCursor));
  }
  return out;
}

/** The web app as it was at commit `ref`, built once into /tmp (cached per ref): the "before" of a browser bench. */
export function builtWebOf(ref: string) {
  const dir = path.join('/tmp', `luoshi-bench-before-${ref}`);
  if (fs.existsSync(path.join(dir, 'web/dist/index.html'))) return path.join(dir, 'web/dist');
  fs.mkdirSync(dir, { recursive: true });
  execSync(`git archive ${ref} | tar -x -C ${dir}`);
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  execSync('npx vite build', { cwd: dir, stdio: 'ignore' });
  return path.join(dir, 'web/dist');
}

/** A bench's whole run on SQLite, then on PostgreSQL when DATABASE_URL points at one; then exit (pools keep node alive). */
export async function onEachDatabase(run: (label: string, pgBase?: string) => Promise<void>) {
  await run('sqlite');
  const pg = process.env.DATABASE_URL;
  if (pg?.startsWith('postgres')) await run('postgres', pg);
  process.exit(0);
}

/**
 * Runs `fn` and reports the longest stretch the event loop was held meanwhile (the worst delay of a
 * 10 ms timer, from perf_hooks' event-loop delay histogram): what another request would have waited.
 */
export async function loopHeld<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; heldMs: number }> {
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  // The histogram's timer starts on the next turn of the loop: a stretch that began before it is missed.
  await new Promise((r) => setTimeout(r, 30));
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  h.disable();
  return { result, ms, heldMs: h.max / 1e6 };
}
