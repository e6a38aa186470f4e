import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';

let t: TestApp;
let c: County;
let tokens: string[];
beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  const zzb = await as(t.app, 'zzb');
  const id = (await zzb.post('/api/reviews', { title: '限流测试评议', year: 2024, orgIds: [c.orgs.townA] })).body.id;
  tokens = (await zzb.post(`/api/reviews/${id}/tokens`, { count: 300 })).body.tokens;
  await zzb.post(`/api/reviews/${id}/open-voting`);
});
afterAll(() => t.close());

const vote = (token: string, ip: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/ballots',
    remoteAddress: ip,
    payload: { token, ratings: [{ orgId: c.orgs.townA, grade: '好' }] },
  });

describe('public ballot route throttling', () => {
  it('a burst of valid ballots from one address is never refused', async () => {
    const rs = await Promise.all(tokens.slice(0, 250).map((tk) => vote(tk, '10.0.0.1')));
    expect(rs.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
  });

  it('guessing tokens is throttled per address: after 30 unknown tokens, 429 (also for valid ones) — other addresses unaffected', async () => {
    for (let i = 0; i < 30; i++)
      expect((await vote(`ZZZZZ-ZZZ${String(i).padStart(2, '2')}`, '10.0.0.9')).statusCode).toBe(404);
    const blocked = await vote(tokens[260], '10.0.0.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toContain('请稍后再试');
    const form = await t.app.inject({
      method: 'GET',
      url: `/api/ballots/form?token=${tokens[261]}`,
      remoteAddress: '10.0.0.9',
    });
    expect(form.statusCode).toBe(429);
    // The refused token is still unused and works from another address.
    expect((await vote(tokens[260], '10.0.0.2')).statusCode).toBe(200);
    expect((await new Client(t.app).get(`/api/ballots/form?token=${tokens[262]}`)).status).toBe(200);
  });
});
