/**
 * Migration 202612080300_review_tally on campaigns counted before it: the counts per (org, grade)
 * of a closed campaign, and of one whose close was interrupted part way, are rebuilt from the
 * ratings already expanded; the results read them unchanged, and the interrupted close resumes
 * without counting its first ballots twice. Run as down and up again on a database that holds
 * both (the down puts back the index the counts came from before).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../db/migrate.ts';
import { runJob } from '../../lib/jobs.ts';
import { as, type County, seedCounty } from '../../test/fixtures.ts';
import { Client, createTestApp, type TestApp } from '../../test/harness.ts';
import { expandChunk } from './ballots.service.ts';
import { closeResumeJob } from './close.service.ts';
import { closeReview } from './reviews.test-support.ts';

let t: TestApp;
let c: County;
beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
});
afterAll(() => t.close());

const SCALE = ['好', '较好', '一般', '差'];

it('rebuilds the counts of closed and part-counted campaigns from their expanded ratings', async () => {
  const zzb = await as(t.app, 'zzb');
  const orgs = [c.orgs.townA, c.orgs.townB, c.orgs.dept];
  const campaign = async (title: string, voters: number) => {
    const id = (await zzb.post('/api/reviews', { title, year: 2026, orgIds: orgs })).body.id;
    const tokens: string[] = (await zzb.post(`/api/reviews/${id}/tokens`, { count: voters })).body.tokens;
    await zzb.post(`/api/reviews/${id}/open-voting`);
    for (const [i, token] of tokens.entries()) {
      const r = await new Client(t.app).post('/api/ballots', {
        token,
        ratings: orgs.map((orgId, o) => ({
          orgId,
          grade: SCALE[(i * (o + 1)) % 4],
          ...(i % 3 === 0 ? { opinion: `意见${i}-${o}` } : {}),
        })),
      });
      expect(r.status).toBe(200);
    }
    return id as number;
  };
  const closed = await campaign('迁移前已结束', 11);
  await closeReview(zzb, closed);
  const before = (await zzb.get(`/api/reviews/${closed}/results`)).body;
  expect(before.orgs.reduce((s: number, o: { total: number }) => s + o.total, 0)).toBe(11 * 3);

  // Interrupted after its first 4 ballots.
  const part = await campaign('迁移前计票中断', 9);
  const manager = (await t.database.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'zzb')
    .executeTakeFirst())!;
  await t.database.db
    .updateTable('review_campaign')
    .set({ status: 'closing', close_by: manager.id, close_done: 4, close_beat_at: '2000-01-01T00:00:00.000Z' })
    .where('id', '=', part)
    .execute();
  await t.database.db.transaction().execute((trx) => expandChunk(trx, t.database.dialect, part, SCALE, '', 4));

  await migrateTo(t.database, '202612080200_close_total');
  const tables = await t.database.db.introspection.getTables();
  expect(tables.map((x) => x.name)).not.toContain('review_tally');
  await migrateToLatest(t.database);

  expect((await zzb.get(`/api/reviews/${closed}/results`)).body).toEqual(before);
  const partial = await t.database.db
    .selectFrom('review_tally')
    .select((eb) => eb.fn.sum<number>('n').as('n'))
    .where('campaign_id', '=', part)
    .executeTakeFirstOrThrow();
  expect(Number(partial.n)).toBe(4 * 3);
  expect(await runJob(t.app.ctx, closeResumeJob)).toEqual({ ran: true, result: { resumed: 1 } });
  const after = (await zzb.get(`/api/reviews/${part}/results`)).body;
  expect(after.orgs.reduce((s: number, o: { total: number }) => s + o.total, 0)).toBe(9 * 3);
  // Every (org, grade) as the ballots were cast.
  for (const [o, orgId] of orgs.entries())
    for (const [g, grade] of SCALE.entries()) {
      const cast = [...Array(9).keys()].filter((i) => (i * (o + 1)) % 4 === g).length;
      expect(after.orgs.find((x: { orgId: number }) => x.orgId === orgId).counts[grade], `${orgId} ${grade}`).toBe(
        cast,
      );
    }
});
