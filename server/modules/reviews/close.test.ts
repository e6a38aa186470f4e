/**
 * Closing a campaign as a background job: the request answers 202 once voting has stopped
 * (ballots refused from that commit, results sealed), the ratings are counted in chunks, the
 * campaign shows its progress and becomes closed. A close interrupted by a restart is resumed by
 * the `review-close` job with nothing counted twice; one that fails says why and stays closing
 * (never half-closed) until a manager retries; two clicks at once close it once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../lib/jobs.ts';
import { as, type County, seedCounty } from '../../test/fixtures.ts';
import { Client, createTestApp, type TestApp } from '../../test/harness.ts';
import { encodeRatings, expandChunk, insertBallots } from './ballots.service.ts';
import { closeResumeJob } from './close.service.ts';
import { closedCampaign } from './reviews.test-support.ts';
import { newReceipt } from './tokens.ts';

let t: TestApp;
let c: County;
let zzb: Client;
let townA: Client;
const db = () => t.database.db;
const orgs = () => [c.orgs.townA, c.orgs.townB, c.orgs.dept];
const SCALE = ['好', '较好', '一般', '差'];

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
  townA = await as(t.app, 'town-a');
});
afterAll(() => t.close());

async function campaignWithBallots(n: number) {
  const id = (await zzb.post('/api/reviews', { title: `后台结束${n}`, year: 2026, orgIds: orgs() })).body.id;
  const tokens: string[] = (await zzb.post(`/api/reviews/${id}/tokens`, { count: n + 1 })).body.tokens;
  await zzb.post(`/api/reviews/${id}/open-voting`);
  for (const [i, token] of tokens.slice(0, n).entries()) {
    const r = await new Client(t.app).post('/api/ballots', {
      token,
      ratings: orgs().map((orgId, o) => ({ orgId, grade: SCALE[(i + o) % 4] })),
    });
    expect(r.status).toBe(200);
  }
  return { id, spare: tokens[n] };
}
const vote = (token: string) =>
  new Client(t.app).post('/api/ballots', { token, ratings: orgs().map((orgId) => ({ orgId, grade: '好' })) });
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
const row = (id: number) =>
  db().selectFrom('review_campaign').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const audits = async (id: number) =>
  (await db().selectFrom('audit_log').select('action').where('entity_id', '=', String(id)).execute()).map(
    (a) => a.action,
  );

describe('closing in the background', () => {
  it('answers 202 with voting stopped at once, then counts and unseals the results', async () => {
    const { id, spare } = await campaignWithBallots(30);
    const r = await zzb.post(`/api/reviews/${id}/close`);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ ok: true, status: 'closing', ballots: 30 });
    // The status was committed before the answer: the next ballot is refused, whatever counting has reached.
    expect((await vote(spare)).status).toBe(409);
    const done = await closedCampaign(zzb, id);
    expect(done).toMatchObject({ status: 'closed', statusLabel: '已结束', closing: null });
    expect(await ratings(id)).toBe(30 * 3);
    const res = await zzb.get(`/api/reviews/${id}/results`);
    expect(res.status).toBe(200);
    expect(res.body.orgs.reduce((s: number, x: { total: number }) => s + x.total, 0)).toBe(30 * 3);
    const campaign = await row(id);
    expect(campaign).toMatchObject({ status: 'closed', close_done: 30, close_error: null, close_beat_at: null });
    expect(campaign.closed_at).toBeTruthy();
    expect(await audits(id)).toEqual(expect.arrayContaining(['review.close', 'review.closed']));
  });

  it('a close interrupted by a restart shows its progress, stays sealed, and is resumed by the job without double counting', async () => {
    const { id, spare } = await campaignWithBallots(40);
    const manager = (await db().selectFrom('app_user').select('id').where('username', '=', 'zzb').executeTakeFirst())!;
    // What a crash after the first chunk leaves behind: closing, 15 ballots expanded, a heartbeat long silent.
    await db()
      .updateTable('review_campaign')
      .set({ status: 'closing', close_by: manager.id, close_done: 15, close_beat_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    const first = await db()
      .transaction()
      .execute((trx) => expandChunk(trx, t.database.dialect, id, SCALE, '', 15));
    expect(first).toMatchObject({ rows: 15 * 3, ballots: 15 });

    const seen = await zzb.get(`/api/reviews/${id}`);
    expect(seen.body).toMatchObject({
      status: 'closing',
      statusLabel: '正在计票',
      closing: { done: 15, total: 40, error: null },
    });
    expect((await townA.get(`/api/reviews/${id}`)).body.closing).toBeNull(); // progress is the organizers'
    expect((await zzb.get(`/api/reviews/${id}/results`)).status).toBe(409);
    expect((await vote(spare)).status).toBe(409);

    const run = await runJob(t.app.ctx, closeResumeJob);
    expect(run).toEqual({ ran: true, result: { resumed: 1 } });
    expect(await ratings(id)).toBe(40 * 3);
    expect(await row(id)).toMatchObject({ status: 'closed', close_done: 40 });
    expect((await zzb.get(`/api/reviews/${id}/results`)).status).toBe(200);
    expect((await audits(id)).filter((a) => a === 'review.closed')).toHaveLength(1);
    // Nothing left to resume.
    expect(await runJob(t.app.ctx, closeResumeJob)).toEqual({ ran: true, result: { resumed: 0 } });
  });

  it('a resumed close of more ballots than a page of its tally: the total is counted once and kept, nothing twice', async () => {
    const { id } = await campaignWithBallots(0);
    // 600 ballots (more than two pages of the runner's tally), written as the vote path writes
    // them, and 2 from before ratings were stored in the ballot (nothing left to expand: not counted).
    const ballots = Array.from({ length: 602 }, (_, k) => ({
      id: randomBytes(16).toString('hex'),
      campaign_id: id,
      cast_date: '2026-03-02',
      receipt: newReceipt(),
      channel: '电子' as const,
      ratings:
        k < 600
          ? encodeRatings(
              SCALE,
              orgs().map((orgId, o) => ({ orgId, grade: SCALE[(k + o) % 4], opinion: null })),
            )
          : null,
    }));
    await db()
      .transaction()
      .execute((trx) => insertBallots(trx, ballots as Parameters<typeof insertBallots>[1]));
    const manager = (await db().selectFrom('app_user').select('id').where('username', '=', 'zzb').executeTakeFirst())!;
    await db()
      .updateTable('review_campaign')
      .set({ status: 'closing', close_by: manager.id, close_done: 300, close_beat_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    await db()
      .transaction()
      .execute((trx) => expandChunk(trx, t.database.dialect, id, SCALE, '', 300));
    // The same chunk again (a second runner): nothing inserted, nothing added to the counts.
    const again = await db()
      .transaction()
      .execute((trx) => expandChunk(trx, t.database.dialect, id, SCALE, '', 300));
    expect(again).toMatchObject({ rows: 0, ballots: 300 });
    // Before a runner has counted, the page shows the ballots cast.
    expect((await zzb.get(`/api/reviews/${id}`)).body.closing).toEqual({ done: 300, total: 602, error: null });

    expect(await runJob(t.app.ctx, closeResumeJob)).toEqual({ ran: true, result: { resumed: 1 } });
    expect(await ratings(id)).toBe(600 * 3);
    expect(await row(id)).toMatchObject({ status: 'closed', close_done: 600, close_total: 600 });
    const res = await zzb.get(`/api/reviews/${id}/results`);
    expect(res.body.orgs.reduce((s: number, x: { total: number }) => s + x.total, 0)).toBe(600 * 3);
  });

  it('a close whose runner still beats (another instance) is neither taken over nor closed twice', async () => {
    const { id } = await campaignWithBallots(3);
    const now = t.app.ctx.clock.now().toISOString();
    await db()
      .updateTable('review_campaign')
      .set({ status: 'closing', close_beat_at: now })
      .where('id', '=', id)
      .execute();
    const again = await zzb.post(`/api/reviews/${id}/close`);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/正在结束评议/);
    expect(await runJob(t.app.ctx, closeResumeJob)).toEqual({ ran: true, result: { resumed: 0 } });
    expect((await row(id)).status).toBe('closing');
    expect(await ratings(id)).toBe(0);
  });

  it('a counting failure is recorded and shown, the campaign stays closing and sealed, and a retry finishes it', async () => {
    const { id } = await campaignWithBallots(12);
    const victim = (await db()
      .selectFrom('ballot')
      .select(['id', 'ratings'])
      .where('campaign_id', '=', id)
      .executeTakeFirst())!;
    await db().updateTable('ballot').set({ ratings: '[[损坏' }).where('id', '=', victim.id).execute();
    expect((await zzb.post(`/api/reviews/${id}/close`)).status).toBe(202);
    await expect(closedCampaign(zzb, id)).rejects.toThrow(/计票中断/);
    const stopped = await zzb.get(`/api/reviews/${id}`);
    expect(stopped.body.status).toBe('closing');
    expect(stopped.body.closing.error).toMatch(/^计票中断:/);
    expect((await zzb.get(`/api/reviews/${id}/results`)).status).toBe(409);
    // The job does not loop on a failed close: a manager decides.
    expect(await runJob(t.app.ctx, closeResumeJob)).toEqual({ ran: true, result: { resumed: 0 } });

    await db().updateTable('ballot').set({ ratings: victim.ratings }).where('id', '=', victim.id).execute();
    expect((await zzb.post(`/api/reviews/${id}/close`)).status).toBe(202);
    expect((await closedCampaign(zzb, id)).status).toBe('closed');
    expect(await ratings(id)).toBe(12 * 3);
    expect((await row(id)).close_error).toBeNull();
    const actions = await audits(id);
    expect(actions.filter((a) => a === 'review.close')).toHaveLength(2);
    expect(actions.filter((a) => a === 'review.closed')).toHaveLength(1);
  });

  it('two clicks at once: one is accepted, the other is told so; every rating once', async () => {
    const { id } = await campaignWithBallots(10);
    const [a, b] = await Promise.all([zzb.post(`/api/reviews/${id}/close`), zzb.post(`/api/reviews/${id}/close`)]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    expect((a.status === 409 ? a : b).body.message).toMatch(/正在结束|已经结束/);
    await closedCampaign(zzb, id);
    expect(await ratings(id)).toBe(10 * 3);
    const late = await zzb.post(`/api/reviews/${id}/close`);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('评议已经结束');
  });

  it('refuses a campaign not yet voting, and one outside the caller', async () => {
    const id = (await zzb.post('/api/reviews', { title: '未开始', year: 2026, orgIds: orgs() })).body.id;
    const r = await zzb.post(`/api/reviews/${id}/close`);
    expect(r.status).toBe(409);
    expect(r.body.message).toBe('投票尚未开始,不能结束');
    expect((await townA.post(`/api/reviews/${id}/close`)).status).toBe(403);
    expect((await row(id)).status).toBe('preparing');
  });
});
