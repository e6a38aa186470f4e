/**
 * Roster totals from `member_count` (kept by triggers, migration 202612060400_member_counts): the
 * total of a scope is the sum of one key's rows over the subtree — at most one row per branch, read
 * from the covering index `(status, category, member_type, org_path, n)` — exact at any scope, and
 * never a count of the members themselves.
 *
 * The counters must never drift, and a trigger bug or a hand edit with triggers disabled (the
 * province bench loads that way) would make them lie silently. So `verifyMemberCounts()` compares
 * them with a full count in ONE statement (one snapshot: the counters and the members they count
 * are read at the same instant, so concurrent writers cannot cause false alarms), and the daily job
 * repairs them when they differ — under a lock, since a repair racing a writer would itself drift.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { Job } from '../../lib/jobs.ts';
import { pathInSubtree } from '../../lib/scope.ts';

/** The filters a counter row answers: a status (always), a category and a member type (or any). */
export interface CountKey {
  status: string;
  category?: string;
  memberType?: string;
}

/** Members in the subtree at `path` with the key's status, category and type: exact, from the counters. */
export async function subtreeCount(db: Executor, path: string, k: CountKey): Promise<number> {
  const r = await db
    .selectFrom('member_count')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), sql<number>`0`).as('n'))
    .where('status', '=', k.status)
    .where('category', '=', k.category ?? '')
    .where('member_type', '=', k.memberType ?? '')
    .where(pathInSubtree('org_path', path))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * What the counters must hold, computed from the members: the finest grain in one pass, its three
 * roll-ups from that. Zero rows are left out (the counters may keep zeros of a branch that emptied).
 */
const expected = sql`with f as (
    select org_id, status, category, member_type, count(*) as n from member group by 1, 2, 3, 4),
  g as (
    select org_id, status, category, member_type, n from f
    union all select org_id, status, category, '', sum(n) from f group by 1, 2, 3
    union all select org_id, status, '', member_type, sum(n) from f group by 1, 2, 4
    union all select org_id, status, '', '', sum(n) from f group by 1, 2)
  select g.org_id, o.path as org_path, g.status, g.category, g.member_type, cast(g.n as integer) as n
  from g join org_unit o on o.id = g.org_id`;

export interface CountCheck {
  /** Counter rows that are wrong, missing or extra (0 = the counters are exact). */
  wrong: number;
  /** Counter rows rewritten by a repair (0 when nothing was wrong). */
  repaired: number;
}

/** How many counter rows differ from a full count (path included); one statement, one snapshot. */
export async function verifyMemberCounts(db: Executor): Promise<number> {
  const stored = sql`select org_id, org_path, status, category, member_type, n from member_count where n <> 0`;
  const r = await sql<{ n: number }>`select
      (select count(*) from (select * from (${expected}) e except ${stored}) a)
      + (select count(*) from (${stored} except select * from (${expected}) e) b) as n`.execute(db);
  return Number(r.rows[0].n);
}

/**
 * Rewrites every counter from a full count. On PostgreSQL member and org_unit are locked against
 * writes (reads go on) for the rewrite: a member written between the count and the rewrite would
 * otherwise be lost from its counter. SQLite has one writer anyway.
 */
export async function rebuildMemberCounts(ctx: Pick<Ctx, 'db' | 'dialect'>): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    if (ctx.dialect === 'postgres') await sql`lock table member, org_unit in share mode`.execute(trx);
    await trx.deleteFrom('member_count').execute();
    const r = await sql`insert into member_count (org_id, org_path, status, category, member_type, n)
      select * from (${expected}) e`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  });
}

/** Verifies, and repairs only if something is wrong (the lock is taken only then). */
export async function checkMemberCounts(ctx: Pick<Ctx, 'db' | 'dialect'>): Promise<CountCheck> {
  const wrong = await verifyMemberCounts(ctx.db);
  return { wrong, repaired: wrong ? await rebuildMemberCounts(ctx) : 0 };
}

/** Daily: the counters against a full count (one grouped scan of member); a drift is logged and repaired. */
export const memberCountsJob: Job<{ wrong: number; repaired: number }> = {
  name: 'member-counts',
  label: '核对党员人数计数',
  everyMs: 24 * 3600_000,
  firstAfterMs: 10 * 60_000,
  run: async (ctx) => ({ ...(await checkMemberCounts(ctx)) }),
};
