/**
 * Wrong ballot codes are throttled; valid ones never are (a whole hall votes from one NAT address).
 * Counters live in the database, so two app instances on one database share them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';

let t: TestApp;
let c: County;
let tokens: string[];
let next = 0;
const token = () => tokens[next++];
let wrongSeq = 0;
/** A well-formed code that was never issued (the alphabet has no 0/1/O/I/L, so none can clash). */
const wrongCode = () => `WRONG-${String(wrongSeq++).padStart(4, '2')}`.replace(/[01]/g, '3');

beforeAll(async () => {
  t = await createTestApp({ env: { BALLOT_WRONG_PER_IP: '30', BALLOT_WRONG_GLOBAL: '100' } });
  c = await seedCounty(t.database.db);
  const zzb = await as(t.app, 'zzb');
  const id = (await zzb.post('/api/reviews', { title: '限流测试评议', year: 2024, orgIds: [c.orgs.townA] })).body.id;
  tokens = (await zzb.post(`/api/reviews/${id}/tokens`, { count: 400 })).body.tokens;
  await zzb.post(`/api/reviews/${id}/open-voting`);
});
afterAll(() => t.close());

const vote = (app: TestApp['app'], tk: string, ip: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/ballots',
    remoteAddress: ip,
    headers,
    payload: { token: tk, ratings: [{ orgId: c.orgs.townA, grade: '好' }] },
  });
const form = (tk: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/ballots/form', remoteAddress: ip, payload: { token: tk } });
const counter = async (key: string) =>
  (await t.database.db.selectFrom('rate_counter').select('count').where('key', '=', key).execute()).reduce(
    (n, r) => n + Number(r.count),
    0,
  );

describe('ballot code throttling', () => {
  it('a burst of 250 valid ballots from one address is never refused and counts nothing', async () => {
    const rs = await Promise.all(Array.from({ length: 250 }, () => vote(t.app, token(), '10.0.0.1')));
    expect(rs.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    expect(await counter('ballot-wrong:10.0.0.1')).toBe(0);
  });

  it('past 30 wrong codes an address gets 429 for wrong codes only: its valid codes still vote (the hall behind one NAT)', async () => {
    for (let i = 0; i < 30; i++) expect((await vote(t.app, wrongCode(), '10.0.0.9')).statusCode).toBe(404);
    expect(await counter('ballot-wrong:10.0.0.9')).toBe(30);
    const [blocked, blockedForm] = await Promise.all([
      vote(t.app, wrongCode(), '10.0.0.9'),
      form(wrongCode(), '10.0.0.9'),
    ]);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toContain('正确的选票码不受影响');
    expect(blockedForm.statusCode).toBe(429);
    // The same address, valid codes: the form opens and the ballot is counted.
    const tk = token();
    expect((await form(tk, '10.0.0.9')).statusCode).toBe(200);
    const ok = await vote(t.app, tk, '10.0.0.9');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().receipt).toMatch(/^[A-Z2-9]{10}$/);
    // Another address is unaffected by 10.0.0.9's guesses.
    expect((await vote(t.app, wrongCode(), '10.0.0.2')).statusCode).toBe(404);
  });

  it('counters are shared by app instances on one database: guesses split over two instances add up', async () => {
    const other = await buildApp({
      config: loadConfig({ DATABASE_URL: t.url, LOG_LEVEL: 'silent', BALLOT_WRONG_PER_IP: '30' }),
      database: t.database,
      migrate: false,
    });
    try {
      for (let i = 0; i < 30; i++)
        expect((await vote(i % 2 ? other : t.app, wrongCode(), '10.0.0.7')).statusCode).toBe(404);
      expect((await vote(other, wrongCode(), '10.0.0.7')).statusCode).toBe(429);
      expect((await vote(other, token(), '10.0.0.7')).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('the campaign-wide guess budget: past 100 wrong codes an hour over all addresses, a fresh address gets 429 for a wrong code and 200 for a valid one', async () => {
    const used = await counter('ballot-wrong:*');
    expect(used).toBeGreaterThan(60);
    for (let i = used; i < 100; i++)
      expect((await vote(t.app, wrongCode(), `10.1.${i % 250}.${1 + (i % 200)}`)).statusCode).toBe(404);
    const fresh = '10.2.0.1';
    expect((await vote(t.app, wrongCode(), fresh)).statusCode).toBe(429);
    expect((await vote(t.app, token(), fresh)).statusCode).toBe(200);
  });
});

describe('TRUST_PROXY', () => {
  it('off by default: X-Forwarded-For is ignored, so a guesser cannot claim a fresh address per request', async () => {
    const before = await counter('ballot-wrong:10.3.0.1');
    for (let i = 0; i < 3; i++)
      await vote(t.app, wrongCode(), '10.3.0.1', { 'x-forwarded-for': `192.168.77.${i + 1}` });
    expect((await counter('ballot-wrong:10.3.0.1')) - before).toBe(3);
    expect(await counter('ballot-wrong:192.168.77.1')).toBe(0);
  });

  it('set to the proxy address: the client address comes from X-Forwarded-For, and only from that proxy', async () => {
    const proxied = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
    try {
      const r = await proxied.app.inject({
        method: 'POST',
        url: '/api/ballots',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.5' },
        payload: { token: 'ABCDE-FGHJK', ratings: [{ orgId: 1, grade: '好' }] },
      });
      expect(r.statusCode).toBe(404);
      const keys = (await proxied.database.db.selectFrom('rate_counter').select('key').execute()).map((k) => k.key);
      expect(keys).toContain('ballot-wrong:203.0.113.5');
      // From an untrusted peer the header is ignored.
      await proxied.app.inject({
        method: 'POST',
        url: '/api/ballots',
        remoteAddress: '10.9.9.9',
        headers: { 'x-forwarded-for': '203.0.113.6' },
        payload: { token: 'ABCDE-FGHJK', ratings: [{ orgId: 1, grade: '好' }] },
      });
      const after = (await proxied.database.db.selectFrom('rate_counter').select('key').execute()).map((k) => k.key);
      expect(after).toContain('ballot-wrong:10.9.9.9');
      expect(after).not.toContain('ballot-wrong:203.0.113.6');
    } finally {
      await proxied.close();
    }
  });

  it('refuses a malformed setting at boot with a Chinese message', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});
