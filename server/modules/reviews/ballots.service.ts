import { CompiledQuery, type Selectable, sql } from 'kysely';
import type { BallotForm, CastBody, Rating } from '../../../common/contracts/ballots.ts';
import type { BALLOT_CHANNELS, CampaignStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { BallotTable } from '../../db/schema/reviews.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { openDraft } from './draft.ts';
import { ballotId, newReceipt, nonceCheck, receiptFor, tokenHash } from './tokens.ts';
import { WalSync } from './walsync.ts';

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
 * transaction. The reply ({receipt}) is sent only once that commit is on disk (SQLite: an fsync of
 * the WAL after the commit, off the event loop, see walsync.ts; durable even across an OS crash),
 * so an acknowledged ballot survives kill -9.
 *
 * A ballot is ONE row: its ratings are stored in it (encodeRatings), and expanded into
 * ballot_rating only when the campaign closes (expandChunk), where the tally reads them.
 */

export type RatingIn = Rating;
interface CampaignInfo {
  status: CampaignStatus;
  orgIds: Set<number>;
  scale: string[];
  title: string;
}
interface Pending {
  campaignId: number;
  scale?: string[];
  hash: string;
  /** The client nonce (vote page): a retry with the same token and nonce gets the same receipt. */
  nonce?: string;
  ratings: RatingIn[];
  channel: (typeof BALLOT_CHANNELS)[number];
  resolve: (r: { receipt: string }) => void;
  reject: (e: unknown) => void;
}

/** What is frozen once voting opens (targets, scale), identified by the instant voting opened. */
interface Frozen {
  openedAt: string;
  orgIds: Set<number>;
  scale: string[];
}

/**
 * The module's state of one app (one Ctx per buildApp): the ballot writer and the frozen part of
 * the campaigns being voted on. Keyed by the app, never shared between apps in one process (tests
 * build several, each on its own database, where campaign #1 is a different campaign).
 *
 * Several app instances share one database, so nothing here may go stale when ANOTHER instance
 * changes a campaign: the cache holds only what cannot change while voting (review_target rows
 * and the scale, both refused by update() once voting opens), keyed by voting_opened_at; status
 * and title are read from the row on every call (one primary-key lookup), so a campaign closed on
 * instance A refuses forms and drafts on instance B at once. The ballot group reads the status in
 * its own token lookup (FOR SHARE on PostgreSQL) and never trusts a cached one.
 */
const perApp = new WeakMap<Ctx, { writer: BallotWriter; frozen: Map<number, Frozen> }>();
function stateOf(ctx: Ctx) {
  let s = perApp.get(ctx);
  if (!s) perApp.set(ctx, (s = { writer: new BallotWriter(ctx), frozen: new Map() }));
  return s;
}

/** Frees a campaign's cached targets when its status changes on this instance (memory only: correctness never depends on it). */
export const forgetCampaign = (ctx: Ctx, id: number) => stateOf(ctx).frozen.delete(id);

/** Cached entries are few (campaigns voting at once); the bound only guards a server left up for years. */
const MAX_FROZEN = 500;

/**
 * Targets and scale of a campaign whose row says voting opened at `openedAt` (null: not yet, read
 * every time). A re-read campaign with another voting_opened_at replaces the entry.
 */
async function frozenOf(db: Executor, ctx: Ctx, id: number, openedAt: string | null, scaleJson: string) {
  const cache = stateOf(ctx).frozen;
  const hit = openedAt ? cache.get(id) : undefined;
  if (hit && hit.openedAt === openedAt) return hit;
  const orgs = await db.selectFrom('review_target').select('org_id').where('campaign_id', '=', id).execute();
  const f: Frozen = {
    openedAt: openedAt ?? '',
    orgIds: new Set(orgs.map((o) => o.org_id)),
    scale: JSON.parse(scaleJson) as string[],
  };
  if (openedAt) {
    if (cache.size >= MAX_FROZEN) cache.clear();
    cache.set(id, f);
  }
  return f;
}

/** The campaign as the ballot checks need it: status and title fresh from its row, targets and scale frozen. */
export async function campaignInfo(db: Executor, ctx: Ctx, id: number): Promise<CampaignInfo> {
  const c = await db
    .selectFrom('review_campaign')
    .select(['status', 'scale_json', 'title', 'voting_opened_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c) throw notFound('评议活动', 'REVIEW_NOT_FOUND');
  const f = await frozenOf(db, ctx, id, c.status === 'preparing' ? null : c.voting_opened_at, c.scale_json);
  return { status: c.status, title: c.title, scale: f.scale, orgIds: f.orgIds };
}

/** Every org of the campaign rated exactly once, with a grade of the scale. Throws a Chinese 400. */
export function checkRatings(info: Pick<CampaignInfo, 'orgIds' | 'scale'>, ratings: RatingIn[]) {
  const seen = new Set<number>();
  for (const r of ratings) {
    if (!info.orgIds.has(r.orgId)) throw badRequest('BALLOT_ORG_INVALID', `组织(编号 ${r.orgId})不在本次评议范围内`);
    if (seen.has(r.orgId)) throw badRequest('BALLOT_ORG_DUPLICATE', `同一组织(编号 ${r.orgId})只能评议一次`);
    seen.add(r.orgId);
    if (!info.scale.includes(r.grade))
      throw badRequest('BALLOT_GRADE_INVALID', `评议等次「${r.grade}」无效,应为 ${info.scale.join(' / ')} 之一`);
  }
  if (seen.size !== info.orgIds.size)
    throw badRequest('BALLOT_INCOMPLETE', `须对全部 ${info.orgIds.size} 个组织逐一评议(已评 ${seen.size} 个)`);
}

export const votingClosed = () => conflict('VOTING_NOT_OPEN', '投票未开放或已结束');
export const tokenUsed = () => new AppError('TOKEN_USED', 409, '此选票码已使用,每张选票码只能投票一次');
export const tokenInvalid = () => new AppError('TOKEN_INVALID', 404, '选票码无效,请核对后重新输入');

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

  /** SQLite in WAL mode: commit with NORMAL, then fsync the WAL off the event loop (walsync.ts). */
  private wal?: Promise<WalSync | null>;

  private async commit(group: Pending[]) {
    const ctx = this.ctx;
    const day = localDate(ctx.clock.now());
    const outcome = new Map<Pending, { receipt: string } | Error>();
    // (If the WAL cannot be located the group commits with synchronous=FULL instead.)
    const wal = ctx.dialect === 'sqlite' ? await (this.wal ??= WalSync.of(ctx.db).catch(() => null)) : null;
    const transaction = (fn: (trx: Executor) => Promise<void>) =>
      wal ? ctx.db.transaction().execute(fn) : durableTransaction(ctx, fn);
    try {
      await transaction(async (trx) => {
        outcome.clear();
        // Token lookup happens here, inside the group, so that requests queue up while a commit
        // is in flight instead of waiting one by one for the connection. One round trip: the
        // tokens and, joined, their campaigns' status. On PostgreSQL the campaign
        // rows are locked FOR SHARE (close() takes FOR UPDATE): a group commits before a close, or
        // waits for it and then sees the campaign closed.
        const lookup = trx
          .selectFrom('review_token as t')
          .innerJoin('review_campaign as c', 'c.id', 't.campaign_id')
          .select([
            't.hash',
            't.campaign_id',
            't.used',
            't.nonce_check',
            'c.status',
            'c.voting_opened_at',
            'c.scale_json',
          ])
          .where('t.hash', 'in', [...new Set(group.map((p) => p.hash))]);
        const toks = new Map(
          (await (ctx.dialect === 'postgres' ? lookup.forShare('c') : lookup).execute()).map((t) => [t.hash, t]),
        );
        const open = new Set([...toks.values()].filter((t) => t.status === 'voting').map((t) => t.campaign_id));
        const live: Pending[] = [];
        for (const p of group) {
          const tk = toks.get(p.hash);
          if (!tk) {
            outcome.set(p, tokenInvalid());
            continue;
          }
          if (tk.used) {
            // The same token and nonce again: the ballot was committed, its reply lost. Same receipt.
            const replay = p.nonce && tk.nonce_check === nonceCheck(p.hash, p.nonce);
            outcome.set(p, replay ? { receipt: receiptFor(p.hash, p.nonce!) } : tokenUsed());
            continue;
          }
          if (!open.has(tk.campaign_id)) {
            outcome.set(p, votingClosed());
            continue;
          }
          try {
            // The status was just read (above); only the frozen targets and scale come from the cache.
            const f = await frozenOf(trx, ctx, tk.campaign_id, tk.voting_opened_at, tk.scale_json);
            checkRatings(f, p.ratings);
            p.scale = f.scale;
          } catch (e) {
            outcome.set(p, e as Error);
            continue;
          }
          p.campaignId = tk.campaign_id;
          live.push(p);
        }
        const flipped = new Set<string>();
        // One request per token takes part in the flip (a double click sends two); the nonce it
        // carries is stored with the flip, in the same statement.
        const first = new Map<string, Pending>();
        for (const p of live) if (!first.has(p.hash)) first.set(p.hash, p);
        const withNonce = [...first.values()].filter((p) => p.nonce);
        if (live.length) {
          // THE atomic conditional update: a hash comes back only for the request that flipped it.
          const rows = await trx
            .updateTable('review_token')
            .set({
              used: 1,
              // The autosaved draft goes with the token (draft.ts): it would mirror the ballot.
              draft: null,
              ...(withNonce.length
                ? {
                    nonce_check: sql<string | null>`case hash ${sql.join(
                      withNonce.map((p) => sql`when ${p.hash} then ${nonceCheck(p.hash, p.nonce!)}`),
                      sql` `,
                    )} else null end`,
                  }
                : {}),
            })
            .where('hash', 'in', [...first.keys()])
            .where('used', '=', 0)
            .where('campaign_id', 'in', [...open])
            .returning('hash')
            .execute();
          for (const r of rows) flipped.add(r.hash);
        }
        const ballots: BallotRow[] = [];
        for (const p of live) {
          if (first.get(p.hash) !== p || !flipped.has(p.hash)) {
            // A second request for a token flipped in this very group: the same voter's retry
            // (same nonce) shares the receipt, anyone else gets 409.
            const winner = first.get(p.hash)!;
            const same = flipped.has(p.hash) && winner !== p && p.nonce && winner.nonce === p.nonce;
            outcome.set(p, same ? { receipt: receiptFor(p.hash, p.nonce!) } : tokenUsed());
            continue;
          }
          const b = {
            id: ballotId(),
            campaign_id: p.campaignId,
            cast_date: day,
            receipt: p.nonce ? receiptFor(p.hash, p.nonce) : newReceipt(),
            channel: p.channel,
            ratings: encodeRatings(p.scale!, p.ratings),
          };
          ballots.push(b);
          outcome.set(p, { receipt: b.receipt });
        }
        // Rows go in shuffled; with random keys the storage order says nothing about arrival order.
        await insertBallots(trx, shuffle(ballots));
      });
    } catch (e) {
      for (const p of group) p.reject(e);
      return;
    }
    const settle = (failed?: unknown) => {
      for (const p of group) {
        const o = outcome.get(p)!;
        if (failed !== undefined || o instanceof Error) p.reject(failed ?? o);
        else p.resolve(o);
      }
    };
    // The next group may commit while this one's fsync runs; its receipts wait for their own.
    if (wal)
      void wal.sync().then(
        () => settle(),
        (e) => settle(e),
      );
    else settle();
  }
}

export type BallotRow = Omit<Selectable<BallotTable>, 'ratings'> & { ratings: string };

/**
 * A ballot's ratings as stored in its own row: JSON [[orgId, gradeIndex], [orgId, gradeIndex, "opinion"], …]
 * sorted by org (so the order the voter filled the form in is not kept). One row per ballot instead
 * of one per organization is what makes a cast one insert; close() expands them (expandChunk).
 * `ratings` must have passed checkRatings against the same scale.
 */
export function encodeRatings(scale: string[], ratings: RatingIn[]) {
  return JSON.stringify(
    [...ratings]
      .sort((a, b) => a.orgId - b.orgId)
      .map((r) => {
        const opinion = r.opinion?.trim();
        return opinion ? [r.orgId, scale.indexOf(r.grade), opinion] : [r.orgId, scale.indexOf(r.grade)];
      }),
  );
}

/**
 * Multi-row inserts, chunked under both dialects' bound-parameter limits. The SQL text is built
 * here and run as a compiled query: Kysely's per-value query compilation costs more than the insert.
 */
export async function insertBallots(trx: Executor, ballots: BallotRow[]) {
  const pg = trx.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
  const cols = ['id', 'campaign_id', 'cast_date', 'receipt', 'channel', 'ratings'];
  for (let i = 0; i < ballots.length; i += 1000) {
    const params: unknown[] = [];
    const tuples = ballots.slice(i, i + 1000).map(
      (b) =>
        `(${[b.id, b.campaign_id, b.cast_date, b.receipt, b.channel, b.ratings]
          .map((v) => {
            params.push(v);
            return pg ? `$${params.length}` : '?';
          })
          .join(',')})`,
    );
    await trx.executeQuery(
      CompiledQuery.raw(`insert into ballot (${cols.join(',')}) values ${tuples.join(',')}`, params),
    );
  }
}

/**
 * The ids of the next `limit` ballots of a campaign with stored ratings after `afterId`, in key
 * order, from the partial index ballot_unexpanded (campaign_id, id): a close's chunks and its tally.
 */
export async function ballotsToExpand(db: Executor, campaignId: number, afterId: string, limit: number) {
  const rows = await db
    .selectFrom('ballot')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('ratings', 'is not', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((b) => b.id);
}

/**
 * At close, in chunks: the stored ratings of the next `limit` ballots (in key order, after
 * `afterId`) become ballot_rating rows (the opinions are read from those), grade index mapped back
 * to the scale's label, and the rows inserted are added to the campaign's counts (review_tally).
 * Each chunk is its own short transaction, so closing a 5,000 × 300 campaign never holds the
 * (SQLite) connection for long; re-running a chunk adds nothing (ON CONFLICT DO NOTHING, and the
 * counts gain only the rows inserted), so an interrupted close simply continues. Returns the last
 * ballot id of the chunk (null when none was left), the rows added and the ballots read.
 */
export async function expandChunk(
  trx: Executor,
  dialect: 'sqlite' | 'postgres',
  campaignId: number,
  scale: string[],
  afterId: string,
  limit: number,
): Promise<{ lastId: string | null; rows: number; ballots: number }> {
  const ids = await ballotsToExpand(trx, campaignId, afterId, limit);
  if (!ids.length) return { lastId: null, rows: 0, ballots: 0 };
  const scaleJson = JSON.stringify(scale);
  const q =
    dialect === 'sqlite'
      ? sql<{
          org_id: number;
          grade: string;
        }>`insert into ballot_rating (campaign_id, ballot_id, org_id, grade, opinion)
        select b.campaign_id, b.id, r.value ->> 0, json_extract(${scaleJson}, '$[' || (r.value ->> 1) || ']'), r.value ->> 2
        from ballot b, json_each(b.ratings) r where b.id in (${sql.join(ids)}) order by b.id
        on conflict do nothing returning org_id, grade`
      : sql<{
          org_id: number;
          grade: string;
        }>`insert into ballot_rating (campaign_id, ballot_id, org_id, grade, opinion)
        select b.campaign_id, b.id, (r ->> 0)::int, ${scaleJson}::jsonb ->> ((r ->> 1)::int), r ->> 2
        from ballot b cross join lateral jsonb_array_elements(b.ratings::jsonb) r where b.id in (${sql.join(ids)})
        on conflict do nothing returning org_id, grade`;
  const added = (await q.execute(trx)).rows;
  // The tally gains what this chunk inserted (not what another runner had already inserted).
  const counts = new Map<string, { org_id: number; grade: string; n: number }>();
  for (const r of added) {
    const k = `${r.org_id}|${r.grade}`;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { org_id: Number(r.org_id), grade: r.grade, n: 1 });
  }
  const groups = [...counts.values()];
  for (let i = 0; i < groups.length; i += 500)
    await trx
      .insertInto('review_tally')
      .values(groups.slice(i, i + 500).map((g) => ({ campaign_id: campaignId, ...g })))
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'org_id', 'grade']).doUpdateSet((eb) => ({
          n: eb('review_tally.n', '+', eb.ref('excluded.n')),
        })),
      )
      .execute();
  const rows = added.length;
  return { lastId: ids[ids.length - 1], rows, ballots: ids.length };
}

/** Looks a token up by its hash: the campaign it belongs to, or a 404/409. */
export async function tokenCampaign(ctx: Ctx, token: string) {
  const t = await ctx.db
    .selectFrom('review_token')
    .select(['campaign_id', 'used', 'draft'])
    .where('hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!t) throw tokenInvalid();
  if (t.used) throw tokenUsed();
  return t;
}

/** The ballot form a token opens: campaign title, scale and the organizations to rate. */
export async function form(ctx: Ctx, token: string): Promise<BallotForm> {
  const t = await tokenCampaign(ctx, token);
  const info = await campaignInfo(ctx.db, ctx, t.campaign_id);
  if (info.status !== 'voting') throw votingClosed();
  const orgs = await ballotOrgs(ctx.db, t.campaign_id);
  return { title: info.title, scale: info.scale, orgs, draft: openDraft(token, t.draft) };
}

/** The organizations on a ballot, in agenda order (oral reporters first, then written-only ones). */
export async function ballotOrgs(db: Executor, campaignId: number) {
  const orgs = await db
    .selectFrom('review_target as t')
    .innerJoin('org_unit as o', 'o.id', 't.org_id')
    .select(['o.id', 'o.name', 't.secretary_name', 't.agenda_order'])
    .where('t.campaign_id', '=', campaignId)
    .orderBy('t.id')
    .execute();
  const key = (o: { agenda_order: number }) => (o.agenda_order > 0 ? o.agenda_order : 1e9);
  return orgs.sort((a, b) => key(a) - key(b)).map((o) => ({ id: o.id, name: o.name, secretary: o.secretary_name }));
}

/**
 * Casts one electronic ballot. Resolves only after the ballot is durably committed; the token,
 * campaign and ratings are checked inside the group transaction.
 */
export async function cast(ctx: Ctx, input: CastBody) {
  return stateOf(ctx).writer.submit({
    campaignId: 0,
    hash: tokenHash(input.token),
    nonce: input.nonce,
    ratings: input.ratings,
    channel: '电子',
  });
}
