/**
 * Closing a campaign in chunks: voting → closing (ballots refused, results sealed) → ratings
 * expanded in short transactions → closed. An interrupted close is continued by the next call
 * with nothing counted twice; two clicks at once close it once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { expandChunk } from './ballots.service.ts';

let t: TestApp;
let c: County;
let zzb: Client;
const db = () => t.database.db;
const orgs = () => [c.orgs.townA, c.orgs.townB, c.orgs.dept];

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
});
afterAll(() => t.close());

async function campaignWithBallots(n: number) {
  const id = (await zzb.post('/api/reviews', { title: `分块结束${n}`, year: 2026, orgIds: orgs() })).body.id;
  const tokens: string[] = (await zzb.post(`/api/reviews/${id}/tokens`, { count: n })).body.tokens;
  await zzb.post(`/api/reviews/${id}/open-voting`);
  for (const [i, token] of tokens.entries()) {
    const r = await new Client(t.app).post('/api/ballots', {
      token,
      ratings: orgs().map((orgId, o) => ({ orgId, grade: ['好', '较好', '一般', '差'][(i + o) % 4] })),
    });
    expect(r.status).toBe(200);
  }
  return { id, tokens };
}
const ratings = async (id: number) =>
  Number(
    (
      await db()
        .selectFrom('ballot_rating')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('campaign_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('closing in chunks', () => {
  it('an interrupted close (status closing, part of the ratings expanded) is continued by the next call, nothing counted twice', async () => {
    const { id } = await campaignWithBallots(40);
    // What a crash after the first chunk leaves behind.
    await db().updateTable('review_campaign').set({ status: 'closing' }).where('id', '=', id).execute();
    const first = await db()
      .transaction()
      .execute((trx) => expandChunk(trx, t.database.dialect, id, ['好', '较好', '一般', '差'], '', 15));
    expect(first.rows).toBe(15 * 3);
    // While closing: no ballot, results sealed, the status says so.
    const late = (await zzb.post(`/api/reviews/${id}/tokens`, { count: 1 })).body.tokens?.[0];
    if (late)
      expect(
        (
          await new Client(t.app).post('/api/ballots', {
            token: late,
            ratings: orgs().map((orgId) => ({ orgId, grade: '好' })),
          })
        ).status,
      ).toBe(409);
    expect((await zzb.get(`/api/reviews/${id}/results`)).status).toBe(409);
    expect((await zzb.get(`/api/reviews/${id}`)).body.statusLabel).toBe('正在计票');
    const r = await zzb.post(`/api/reviews/${id}/close`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, ballots: 40 });
    expect(await ratings(id)).toBe(40 * 3);
    const res = await zzb.get(`/api/reviews/${id}/results`);
    expect(res.status).toBe(200);
    const total = res.body.orgs.reduce((s: number, x: any) => s + x.total, 0);
    expect(total).toBe(40 * 3);
    const audits = await db().selectFrom('audit_log').select('action').where('entity_id', '=', String(id)).execute();
    expect(audits.filter((a) => a.action === 'review.close')).toHaveLength(1);
  });

  it('two clicks at once: one closes, the other is told so; every rating once', async () => {
    const { id } = await campaignWithBallots(30);
    const [a, b] = await Promise.all([zzb.post(`/api/reviews/${id}/close`), zzb.post(`/api/reviews/${id}/close`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.message).toMatch(/正在结束|已经结束/);
    expect(await ratings(id)).toBe(30 * 3);
    expect(
      (await db().selectFrom('review_campaign').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('closed');
  });
});
