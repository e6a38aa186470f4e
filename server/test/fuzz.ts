/**
 * Fuzz-style checks for public endpoints (no login: anyone on the network can call them). A target
 * is a route and one valid body; `fuzz` sends it hundreds of hostile variants — wrong types, huge
 * and control-character strings, prototype-pollution keys, deep nesting, invalid JSON, other
 * content types, junk headers and cookies — and reports every answer that is a 5xx, or a 4xx
 * without a Chinese message, and whether the server still answers afterwards. Deterministic
 * (seeded). A new public endpoint adds one line to PUBLIC_ENDPOINTS in fuzz.test.ts.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';

export interface FuzzTarget {
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  /** A body the endpoint accepts (its values are mutated one field at a time). */
  valid: Record<string, unknown>;
  /** The route pattern when `url` fills in path parameters (e.g. `/api/x/:id`): each is also fuzzed. */
  route?: string;
}

const HOSTILE_PARAMS = ['0', '-1', '1e400', '99999999999999999999999', 'abc', '%00', '%E0%A4%A', '..%2F..', '1;drop'];

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202E回文',
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '%00%27',
  '../../../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style string, sent as data
  '${jndi:ldap://x}',
  '{{7*7}}',
  'A'.repeat(100_000),
  '字'.repeat(20_000),
  [],
  [null],
  Array.from({ length: 5000 }, (_, i) => i),
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__":{"polluted":1}}'),
  { constructor: { prototype: { polluted: 1 } } },
];

const RAW_BODIES: { body: string | Buffer; type?: string }[] = [
  { body: '' },
  { body: '{' },
  { body: '{"a":' },
  { body: 'null' },
  { body: '[]' },
  { body: '"string"' },
  { body: '42' },
  { body: '\uFEFF{}' },
  { body: '{"a":1,"a":2}' },
  { body: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  { body: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}` },
  { body: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28]) },
  { body: 'token=ABCDE&ratings=1', type: 'application/x-www-form-urlencoded' },
  { body: '{}', type: 'text/plain' },
  { body: '{}', type: 'application/json; charset=gbk' },
  { body: '{}', type: 'application/xml' },
  {
    body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
    type: 'multipart/form-data; boundary=x',
  },
  { body: '{}', type: 'multipart/form-data' },
  { body: '{}', type: '' },
  { body: '{}', type: `application/json; boundary=${'x'.repeat(5000)}` },
];

const HOSTILE_HEADERS: Record<string, string>[] = [
  { 'x-forwarded-for': '1.2.3.4, <script>, ::ffff:999.1.1.1' },
  { 'x-real-ip': '999.999.999.999' },
  { cookie: `luoshi_sid=${'x'.repeat(4000)}` },
  { cookie: 'luoshi_sid=%E0%A4%A; luoshi_sid=2' },
  { 'x-csrf-token': '\u0000'.repeat(10) },
  { accept: '*/*;q=abc' },
  { 'accept-language': 'x'.repeat(6000) },
  { 'content-encoding': 'gzip' },
  { 'transfer-encoding': 'chunked' },
  { host: 'evil.example:99999' },
  { 'x-http-method-override': 'DELETE' },
];

const CHINESE = /[\u4e00-\u9fff]/;

/** Variants of the valid body: each field replaced by each hostile value, dropped, and extra fields. */
function bodies(valid: Record<string, unknown>, random: () => number, rounds: number): unknown[] {
  const keys = Object.keys(valid);
  const out: unknown[] = [];
  for (const k of keys) {
    for (const v of HOSTILE_VALUES) out.push({ ...valid, [k]: v });
    const { [k]: _drop, ...rest } = valid;
    out.push(rest);
  }
  out.push({ ...valid, unexpected: 1 }, JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(valid).slice(1)}`));
  out.push(valid, [valid], Object.values(valid));
  // Random combinations on top.
  for (let i = 0; i < rounds; i++) {
    const b: Record<string, unknown> = { ...valid };
    for (const k of keys) if (random() < 0.5) b[k] = HOSTILE_VALUES[Math.floor(random() * HOSTILE_VALUES.length)];
    out.push(b);
  }
  return out;
}

export interface FuzzReport {
  requests: number;
  failures: string[];
  statuses: Record<number, number>;
}

/** Sends every variant; returns what went wrong (an empty `failures` is a pass). */
export async function fuzz(
  app: FastifyInstance,
  target: FuzzTarget,
  opts: { rounds?: number; seed?: number } = {},
): Promise<FuzzReport> {
  const random = rng(opts.seed ?? 1);
  const report: FuzzReport = { requests: 0, failures: [], statuses: {} };
  const send = async (what: string, o: InjectOptions) => {
    report.requests++;
    const ip = `10.${Math.floor(random() * 250)}.${Math.floor(random() * 250)}.${1 + Math.floor(random() * 250)}`;
    let r: Awaited<ReturnType<FastifyInstance['inject']>>;
    try {
      r = await app.inject({ remoteAddress: ip, ...o, method: target.method, url: o.url ?? target.url });
    } catch (e) {
      report.failures.push(`${what}: inject threw ${(e as Error).message}`);
      return;
    }
    report.statuses[r.statusCode] = (report.statuses[r.statusCode] ?? 0) + 1;
    if (r.statusCode >= 500) report.failures.push(`${what}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    else if (r.statusCode >= 400) {
      let msg = '';
      try {
        msg = String(r.json().message ?? '');
      } catch {
        /* not JSON */
      }
      if (!CHINESE.test(msg))
        report.failures.push(`${what}: ${r.statusCode} without a Chinese message: ${r.body.slice(0, 200)}`);
    }
  };
  const json = { 'content-type': 'application/json' };
  for (const [i, b] of bodies(target.valid, random, opts.rounds ?? 100).entries())
    await send(`body #${i} ${JSON.stringify(b)?.slice(0, 120)}`, { headers: json, payload: JSON.stringify(b) });
  for (const [i, raw] of RAW_BODIES.entries())
    await send(`raw body #${i} (${raw.type ?? 'application/json'})`, {
      headers: raw.type === '' ? {} : { 'content-type': raw.type ?? 'application/json' },
      payload: raw.body,
    });
  for (const [i, h] of HOSTILE_HEADERS.entries())
    await send(`headers #${i} ${JSON.stringify(h).slice(0, 120)}`, {
      headers: { ...json, ...h },
      payload: JSON.stringify(target.valid),
    });
  if (target.route)
    for (const p of HOSTILE_PARAMS)
      await send(`path parameters = ${p}`, {
        url: target.route.replace(/:[A-Za-z]+/g, p),
        headers: json,
        payload: JSON.stringify(target.valid),
      });
  await send('query string junk', {
    url: `${target.url}?__proto__[x]=1&token=${'%'.repeat(10)}&a[b][c]=d`,
    headers: json,
    payload: JSON.stringify(target.valid),
  });
  const health = await app.inject({ method: 'GET', url: '/api/health' });
  if (health.statusCode !== 200) report.failures.push(`the server stopped answering: health ${health.statusCode}`);
  if (({} as Record<string, unknown>).polluted || ({} as Record<string, unknown>).admin)
    report.failures.push('Object.prototype was polluted');
  return report;
}
