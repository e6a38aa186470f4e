/**
 * Closing a campaign as a background job. The request only moves voting → closing (from that
 * commit on no ballot is accepted and the results stay sealed) and answers 202; a runner then
 * expands the stored ratings into ballot_rating in short chunk transactions and finally moves
 * closing → closed. Each chunk records its progress and a heartbeat on the campaign row, so the
 * client shows how far counting is, and a close whose runner stopped beating (a restart, a crash)
 * is picked up again by the `review-close` job. A runner that fails records why (`close_error`):
 * the campaign stays closing — never half-closed — the managers see the message and may retry.
 * Chunks are idempotent (ON CONFLICT DO NOTHING), so a resumed close counts nothing twice.
 */
import { sql } from 'kysely';
import type { CloseStarted } from '../../../common/contracts/reviews.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { conflict } from '../../lib/errors.ts';
import type { Job, JobLog } from '../../lib/jobs.ts';
import type { Actor } from '../../lib/scope.ts';
import { campaignFor, parseScale } from './access.ts';
import { ballotsToExpand, expandChunk, forgetCampaign } from './ballots.service.ts';
import { turnoutOf } from './campaigns.service.ts';
import { dropDrafts } from './draft.ts';
import { turn } from '../../lib/turn.ts';

/** At most this many ratings are expanded per chunk transaction. */
const CLOSE_CHUNK_RATINGS = 5_000;
/**
 * What one chunk may hold the database (on SQLite: the writer every write needs, and the event
 * loop, as better-sqlite3 is synchronous; reads go to the reader meanwhile). The
 * chunk size follows the time each chunk took — halved when one took over twice this, doubled when
 * under half — so a busy machine gets smaller chunks instead of longer stalls; a fixed 5,000 ratings
 * held health requests ~1.8 s each on a loaded 2-core machine (bench/stalls.ts).
 */
const CHUNK_TARGET_MS = 40;
/** A runner beats after every chunk (well under a second each); one silent this long has stopped. */
export const CLOSE_STALE_MS = 60_000;

/** The closes this app is running (per app, never module-level: several apps share a process in tests). */
const perApp = new WeakMap<Ctx, Map<number, Promise<void>>>();
const runsOf = (ctx: Ctx) => {
  let m = perApp.get(ctx);
  if (!m) perApp.set(ctx, (m = new Map()));
  return m;
};

const stale = (ctx: Ctx) => new Date(ctx.clock.now().getTime() - CLOSE_STALE_MS).toISOString();
/** Ballots per read of `tally`: each read is a few milliseconds, the loop turns between them. */
const TALLY_PAGE = 250;

/**
 * The ballots campaign `id` has to count (those with stored ratings), and how many of them are at
 * or before `after` (expanded already, when a close resumes), read page by page in key order from
 * the partial index `ballot_unexpanded`. One count over all of them reads every ballot row on
 * SQLite (the `ratings is not null` term is checked on the row, and a row of 300 ratings fills
 * most of a page): 110–250 ms on the event loop for 5,000 ballots. Counted once per run of the
 * close and kept on the campaign (`close_total`), not on every poll of the progress.
 */
async function tally(ctx: Ctx, id: number, after: string) {
  let total = 0;
  let counted = 0;
  let from = '';
  for (;;) {
    const ids = await ballotsToExpand(ctx.db, id, from, TALLY_PAGE);
    total += ids.length;
    for (const b of ids) if (b <= after) counted++;
    if (ids.length < TALLY_PAGE) return { total, counted };
    from = ids[ids.length - 1];
    await turn();
  }
}

/**
 * Accepts the close of a campaign that is voting (or whose close stopped: failed, or its runner
 * gone): voting → closing in one transaction (on PostgreSQL the campaign row is locked FOR UPDATE
 * and ballot groups take it FOR SHARE: a group either commits before, or sees it no longer voting),
 * audited as the caller's act; then counting starts in the background. A close already running
 * is a 409.
 */
export async function close(ctx: Ctx, actor: Actor, id: number, log: JobLog): Promise<CloseStarted> {
  if (runsOf(ctx).has(id)) throw conflict('REVIEW_CLOSING', '正在结束评议、统计选票,请稍候');
  const ballots = await ctx.db.transaction().execute(async (trx) => {
    if (ctx.dialect === 'postgres') await sql`select id from review_campaign where id = ${id} for update`.execute(trx);
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (c.status === 'closed') throw conflict('REVIEW_NOT_VOTING', '评议已经结束');
    if (c.status === 'preparing') throw conflict('REVIEW_NOT_VOTING', '投票尚未开始,不能结束');
    if (c.status === 'closing' && !c.close_error && c.close_beat_at && c.close_beat_at > stale(ctx))
      throw conflict('REVIEW_CLOSING', '正在结束评议、统计选票,请稍候');
    const now = nowIso(ctx);
    await trx
      .updateTable('review_campaign')
      .set({ status: 'closing', close_by: actor.userId, close_beat_at: now, close_error: null, updated_at: now })
      .where('id', '=', id)
      .execute();
    // Voting has stopped: the unfinished ballots' drafts are of no further use and go now.
    await dropDrafts(trx, id);
    const n = Number((await turnoutOf(trx, id)).ballots);
    await audit(ctx, trx, actor, {
      action: 'review.close',
      entity: 'review_campaign',
      entityId: id,
      before: { status: c.status, ...(c.close_error ? { error: c.close_error } : {}) },
      after: { status: 'closing', ballots: n },
    });
    return n;
  });
  forgetCampaign(ctx, id);
  start(ctx, id).catch((err) => log.error({ err, campaignId: id }, '结束评议(计票)失败,已记录在评议活动上'));
  return { ok: true, status: 'closing', ballots };
}

/** Runs (or joins) the counting of campaign `id` in this app; rejects when it failed (recorded). */
function start(ctx: Ctx, id: number): Promise<void> {
  const runs = runsOf(ctx);
  const running = runs.get(id);
  if (running) return running;
  const p = count(ctx, id)
    .catch(async (e) => {
      const message = String((e as Error)?.message ?? e).slice(0, 500);
      await ctx.db
        .updateTable('review_campaign')
        .set({ close_error: `计票中断:${message}` })
        .where('id', '=', id)
        .where('status', '=', 'closing')
        .execute()
        .catch(() => undefined); // the database itself is gone (shutdown): the heartbeat goes stale, the job resumes
      throw e;
    })
    .finally(() => runs.delete(id));
  runs.set(id, p);
  return p;
}

/** Expands the ratings not yet expanded, chunk by chunk, then seals the close (closing → closed). */
async function count(ctx: Ctx, id: number) {
  const c = await ctx.db.selectFrom('review_campaign').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  if (c.status !== 'closing') return;
  const scale = parseScale(c);
  const targets = Number(
    (
      await ctx.db
        .selectFrom('review_target')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const maxPer = Math.max(1, Math.floor(CLOSE_CHUNK_RATINGS / Math.max(1, targets)));
  // Continue after the last ballot already expanded (an interrupted close), progress counted anew.
  const done = await ctx.db
    .selectFrom('ballot_rating')
    .select((eb) => eb.fn.max('ballot_id').as('m'))
    .where('campaign_id', '=', id)
    .executeTakeFirst();
  let after = (done?.m as string | null) ?? '';
  const { total, counted } = await tally(ctx, id, after);
  await ctx.db
    .updateTable('review_campaign')
    .set({ close_done: counted, close_total: total, close_beat_at: nowIso(ctx) })
    .where('id', '=', id)
    .execute();
  let per = Math.max(1, Math.floor(maxPer / 10));
  for (;;) {
    const started = performance.now();
    const chunk = await ctx.db.transaction().execute(async (trx) => {
      const r = await expandChunk(trx, ctx.dialect, id, scale, after, per);
      await trx
        .updateTable('review_campaign')
        .set((eb) => ({ close_done: eb('close_done', '+', r.ballots), close_beat_at: nowIso(ctx) }))
        .where('id', '=', id)
        .execute();
      return r;
    });
    if (!chunk.lastId) break;
    after = chunk.lastId;
    const took = performance.now() - started;
    if (took > 2 * CHUNK_TARGET_MS) per = Math.max(1, Math.floor(per / 2));
    else if (took < CHUNK_TARGET_MS / 2) per = Math.min(maxPer, per * 2);
    // A pause as long as the chunk (at least 5 ms), not just setImmediate: a request that arrived
    // during the chunk needs a few turns of the loop (hooks, session) before it asks for the one
    // SQLite connection; with setImmediate the next chunk took the connection first and requests
    // waited a whole chunk. Counting thus takes at most half of the database's time.
    await new Promise<void>((r) => setTimeout(r, Math.max(5, took)));
  }
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const r = await trx
      .updateTable('review_campaign')
      .set({ status: 'closed', closed_at: now, updated_at: now, close_beat_at: null, close_error: null })
      .where('id', '=', id)
      .where('status', '=', 'closing')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return; // another instance sealed it first
    const t = await turnoutOf(trx, id);
    await audit(ctx, trx, null, {
      action: 'review.closed',
      entity: 'review_campaign',
      entityId: id,
      before: { status: 'closing' },
      after: { status: 'closed', ballots: t.ballots, closedBy: c.close_by },
    });
  });
  forgetCampaign(ctx, id);
}

/**
 * Closes interrupted before they were sealed (their runner stopped beating without an error:
 * the process ended) are counted to the end here. Claimed by a conditional heartbeat UPDATE, so
 * of several instances one resumes each; awaited, so a failure is logged as this job's failure.
 */
export async function resumeCloses(ctx: Ctx) {
  const ids = await ctx.db
    .selectFrom('review_campaign')
    .select('id')
    .where('status', '=', 'closing')
    .where('close_error', 'is', null)
    .where((eb) => eb.or([eb('close_beat_at', 'is', null), eb('close_beat_at', '<', stale(ctx))]))
    .execute();
  let resumed = 0;
  for (const { id } of ids) {
    if (runsOf(ctx).has(id)) continue;
    const claim = await ctx.db
      .updateTable('review_campaign')
      .set({ close_beat_at: nowIso(ctx) })
      .where('id', '=', id)
      .where('status', '=', 'closing')
      .where((eb) => eb.or([eb('close_beat_at', 'is', null), eb('close_beat_at', '<', stale(ctx))]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;
    await start(ctx, id);
    resumed++;
  }
  return resumed;
}

/** Soon after boot, then every minute: a close interrupted by a restart continues by itself. */
export const closeResumeJob: Job<{ resumed: number }> = {
  name: 'review-close',
  label: '继续被中断的评议计票',
  everyMs: 60_000,
  firstAfterMs: 5_000,
  run: async (ctx) => ({ resumed: await resumeCloses(ctx) }),
};

/**
 * What the managers see while a close is counting: ballots counted of all, and a stopped run's
 * reason. The total is the runner's (`close_total`); until it has counted, the ballots cast (the
 * same number unless the campaign has ballots from before 202611251130_ballot_ratings).
 */
export async function closeProgress(
  ctx: Ctx,
  c: { id: number; close_done: number; close_total: number | null; close_error: string | null },
) {
  const total = c.close_total ?? (await turnoutOf(ctx.db, c.id)).ballots;
  return { done: Number(c.close_done), total: Number(total), error: c.close_error };
}

/** Waits for this app's running closes (shutdown: the database closes after them). */
export async function settleCloses(ctx: Ctx) {
  await Promise.allSettled([...runsOf(ctx).values()]);
}
