import { CompiledQuery, sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { ballotId, newReceipt, tokenHash } from './tokens.ts';

/**
 * Secret ballots.
 *
 * Nothing here writes an audit row: the audit chain's seq and instant would order the ballots and
 * tie each to a moment (and so to whoever was seen at the phone). Campaign-level actions (open,
 * close, token generation counts) are audited instead.
 *
 * Ballots are committed in groups ("group commit"): requests that arrive while a commit is in
 * flight wait in a queue and are written together in the next transaction. Each group consumes its
 * tokens with ONE atomic conditional UPDATE … WHERE used = 0 RETURNING hash: a hash comes back
 * only for the request that flipped it, so of two concurrent submits of one token exactly one
 * gets a ballot and the other 409. The token flip and the ballot rows commit in the same
 * transaction. The reply ({receipt}) is sent only after that commit, which on SQLite runs with
 * synchronous=FULL (durable even across an OS crash), so an acknowledged ballot survives kill -9.
 */

export interface RatingIn { orgId: number; grade: string; opinion?: string | null }
interface CampaignInfo { status: string; orgIds: Set<number>; scale: string[]; title: string }
interface Pending { campaignId: number; hash: string; ratings: RatingIn[]; channel: string; resolve: (r: { receipt: string }) => void; reject: (e: unknown) => void }

/** Targets and scale are frozen once voting opens, so they can be cached for the voting period. */
const campaignCache = new Map<number, CampaignInfo>();
export const forgetCampaign = (id: number) => campaignCache.delete(id);

export async function campaignInfo(db: Executor, id: number): Promise<CampaignInfo> {
  const hit = campaignCache.get(id);
  if (hit && hit.status === 'voting') return hit;
  const c = await db.selectFrom('review_campaign').select(['status', 'scale_json', 'title']).where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('评议活动', 'REVIEW_NOT_FOUND');
  const orgs = await db.selectFrom('review_target').select('org_id').where('campaign_id', '=', id).execute();
  const info = { status: c.status, scale: JSON.parse(c.scale_json) as string[], orgIds: new Set(orgs.map((o) => o.org_id)), title: c.title };
  if (c.status === 'voting') campaignCache.set(id, info);
  return info;
}

/** Every org of the campaign rated exactly once, with a grade of the scale. Throws a Chinese 400. */
export function checkRatings(info: CampaignInfo, ratings: RatingIn[]) {
  const seen = new Set<number>();
  for (const r of ratings) {
    if (!info.orgIds.has(r.orgId)) throw badRequest('BALLOT_ORG_INVALID', `组织(编号 ${r.orgId})不在本次评议范围内`);
    if (seen.has(r.orgId)) throw badRequest('BALLOT_ORG_DUPLICATE', `同一组织(编号 ${r.orgId})只能评议一次`);
    seen.add(r.orgId);
    if (!info.scale.includes(r.grade)) throw badRequest('BALLOT_GRADE_INVALID', `评议等次「${r.grade}」无效,应为 ${info.scale.join(' / ')} 之一`);
  }
  if (seen.size !== info.orgIds.size) throw badRequest('BALLOT_INCOMPLETE', `须对全部 ${info.orgIds.size} 个组织逐一评议(已评 ${seen.size} 个)`);
}

const votingClosed = () => conflict('VOTING_NOT_OPEN', '投票未开放或已结束');
const tokenUsed = () => new AppError('TOKEN_USED', 409, '此选票码已使用,每张选票码只能投票一次');
const tokenInvalid = () => new AppError('TOKEN_INVALID', 404, '选票码无效,请核对后重新输入');

/** Runs `fn` in a transaction whose commit is fsync'ed (SQLite: synchronous=FULL for this commit only). */
export async function durableTransaction<T>(ctx: Ctx, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (ctx.dialect !== 'sqlite') return ctx.db.transaction().execute(fn);
  // The pragma cannot change inside a transaction; the reserved connection keeps others out meanwhile.
  return ctx.db.connection().execute(async (conn) => {
    await sql`pragma synchronous = FULL`.execute(conn);
    try {
      return await conn.transaction().execute(fn);
    } finally {
      await sql`pragma synchronous = NORMAL`.execute(conn);
    }
  });
}

function shuffle<T>(a: T[]) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const MAX_GROUP = 256;

class BallotWriter {
  private queue: Pending[] = [];
  private inflight = 0;
  private scheduled = false;
  /**
   * Groups committing at once. SQLite has one connection and executes synchronously, so one; on
   * PostgreSQL a group spends most of its time waiting for round trips, so several overlap (the
   * conditional UPDATE keeps a token single-use across concurrent groups: the second waits for
   * the first's row lock, then sees used = 1).
   */
  private readonly maxInflight: number;
  constructor(private ctx: Ctx) {
    this.maxInflight = ctx.dialect === 'postgres' ? 4 : 1;
  }

  submit(p: Omit<Pending, 'resolve' | 'reject'>) {
    return new Promise<{ receipt: string }>((resolve, reject) => {
      this.queue.push({ ...p, resolve, reject });
      this.kick();
    });
  }

  /** Starts a group on the next turn of the event loop, so that requests arriving together share it. */
  private kick() {
    if (this.scheduled || this.inflight >= this.maxInflight || !this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.inflight >= this.maxInflight || !this.queue.length) return;
      this.inflight++;
      void this.commit(this.queue.splice(0, MAX_GROUP)).finally(() => {
        this.inflight--;
        this.kick();
      });
      this.kick();
    });
  }

  private async commit(group: Pending[]) {
    const ctx = this.ctx;
    const day = localDate(ctx.clock.now());
    const outcome = new Map<Pending, { receipt: string } | Error>();
    try {
      await durableTransaction(ctx, async (trx) => {
        outcome.clear();
        // Token lookup happens here, inside the group, so that requests queue up while a commit
        // is in flight instead of waiting one by one for the connection.
        const toks = new Map((await trx.selectFrom('review_token').select(['hash', 'campaign_id', 'used'])
          .where('hash', 'in', [...new Set(group.map((p) => p.hash))]).execute()).map((t) => [t.hash, t]));
        const campaignIds = [...new Set([...toks.values()].map((t) => t.campaign_id))];
        const lock = trx.selectFrom('review_campaign').select(['id', 'status']).where('id', 'in', campaignIds.length ? campaignIds : [0]);
        const open = new Set((await (ctx.dialect === 'postgres' ? lock.forShare() : lock).execute()).filter((c) => c.status === 'voting').map((c) => c.id));
        const live: Pending[] = [];
        for (const p of group) {
          const tk = toks.get(p.hash);
          if (!tk) { outcome.set(p, tokenInvalid()); continue; }
          if (tk.used) { outcome.set(p, tokenUsed()); continue; }
          if (!open.has(tk.campaign_id)) { outcome.set(p, votingClosed()); continue; }
          try {
            checkRatings(await campaignInfo(trx, tk.campaign_id), p.ratings);
          } catch (e) { outcome.set(p, e as Error); continue; }
          p.campaignId = tk.campaign_id;
          live.push(p);
        }
        const flipped = new Set<string>();
        if (live.length) {
          // THE atomic conditional update: a hash comes back only for the request that flipped it.
          const rows = await trx.updateTable('review_token').set({ used: 1 })
            .where('hash', 'in', [...new Set(live.map((p) => p.hash))]).where('used', '=', 0).where('campaign_id', 'in', [...open])
            .returning('hash').execute();
          for (const r of rows) flipped.add(r.hash);
        }
        const ballots: { id: string; campaign_id: number; cast_date: string; receipt: string; channel: string }[] = [];
        const ratings: { ballot_id: string; campaign_id: number; org_id: number; grade: string; opinion: string | null }[] = [];
        for (const p of live) {
          if (!flipped.delete(p.hash)) { outcome.set(p, tokenUsed()); continue; }
          const b = { id: ballotId(), campaign_id: p.campaignId, cast_date: day, receipt: newReceipt(), channel: p.channel };
          ballots.push(b);
          for (const r of p.ratings) ratings.push({ ballot_id: b.id, campaign_id: p.campaignId, org_id: r.orgId, grade: r.grade, opinion: r.opinion?.trim() || null });
          outcome.set(p, { receipt: b.receipt });
        }
        // Rows go in shuffled; with random keys the storage order says nothing about arrival order.
        await insertBallots(trx, shuffle(ballots), ratings);
      });
    } catch (e) {
      for (const p of group) p.reject(e);
      return;
    }
    for (const p of group) {
      const o = outcome.get(p)!;
      if (o instanceof Error) p.reject(o); else p.resolve(o);
    }
  }
}

/**
 * Multi-row inserts, chunked under both dialects' bound-parameter limits. The SQL text is built
 * here and run as a compiled query: for thousands of rating rows per group, Kysely's per-value
 * query compilation costs more than the insert itself.
 */
export async function insertBallots(trx: Executor, ballots: { id: string; campaign_id: number; cast_date: string; receipt: string; channel: string }[], ratings: { ballot_id: string; campaign_id: number; org_id: number; grade: string; opinion: string | null }[]) {
  const pg = trx.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
  const run = async (table: string, cols: string[], rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => `(${r.map((v) => { params.push(v); return pg ? `$${params.length}` : '?'; }).join(',')})`);
      await trx.executeQuery(CompiledQuery.raw(`insert into ${table} (${cols.join(',')}) values ${tuples.join(',')}`, params));
    }
  };
  await run('ballot', ['id', 'campaign_id', 'cast_date', 'receipt', 'channel'], ballots.map((b) => [b.id, b.campaign_id, b.cast_date, b.receipt, b.channel]));
  await run('ballot_rating', ['ballot_id', 'campaign_id', 'org_id', 'grade', 'opinion'], ratings.map((r) => [r.ballot_id, r.campaign_id, r.org_id, r.grade, r.opinion]));
}

const writers = new WeakMap<Ctx, BallotWriter>();
const writerOf = (ctx: Ctx) => {
  let w = writers.get(ctx);
  if (!w) writers.set(ctx, (w = new BallotWriter(ctx)));
  return w;
};

/** Looks a token up by its hash: the campaign it belongs to, or a 404/409. */
export async function tokenCampaign(ctx: Ctx, token: string) {
  const t = await ctx.db.selectFrom('review_token').select(['campaign_id', 'used']).where('hash', '=', tokenHash(token)).executeTakeFirst();
  if (!t) throw tokenInvalid();
  if (t.used) throw tokenUsed();
  return t.campaign_id;
}

/** The ballot form a token opens: campaign title, scale and the organizations to rate. */
export async function form(ctx: Ctx, token: string) {
  const campaignId = await tokenCampaign(ctx, token);
  const info = await campaignInfo(ctx.db, campaignId);
  if (info.status !== 'voting') throw votingClosed();
  return { title: info.title, scale: info.scale, orgs: await ballotOrgs(ctx.db, campaignId) };
}

/** The organizations on a ballot, in agenda order (oral reporters first, then written-only ones). */
export async function ballotOrgs(db: Executor, campaignId: number) {
  const orgs = await db.selectFrom('review_target as t').innerJoin('org_unit as o', 'o.id', 't.org_id')
    .select(['o.id', 'o.name', 't.secretary_name', 't.agenda_order']).where('t.campaign_id', '=', campaignId).orderBy('t.id').execute();
  const key = (o: { agenda_order: number }) => (o.agenda_order > 0 ? o.agenda_order : 1e9);
  return orgs.sort((a, b) => key(a) - key(b)).map((o) => ({ id: o.id, name: o.name, secretary: o.secretary_name }));
}

/**
 * Casts one electronic ballot. Resolves only after the ballot is durably committed; the token,
 * campaign and ratings are checked inside the group transaction.
 */
export async function cast(ctx: Ctx, input: { token: string; ratings: RatingIn[] }) {
  return writerOf(ctx).submit({ campaignId: 0, hash: tokenHash(input.token), ratings: input.ratings, channel: '电子' });
}
