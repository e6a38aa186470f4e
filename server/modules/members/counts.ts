/**
 * Roster totals from `member_count` (kept by triggers, migration 202612060400_member_counts): every
 * org node has a row per (status, category, member type) — '' for "any" — counting the members of
 * its whole subtree, so the total of any scope and filter is one primary-key lookup, exact, at a
 * township, a county or a province.
 *
 * The counters must never drift, and a trigger bug or a load with triggers disabled (the province
 * bench loads that way) would make them lie silently. So `verifyMemberCounts()` compares them with
 * a full count in ONE statement (one snapshot: the counters and the members they count are read at
 * the same instant, so concurrent writers cannot cause false alarms), and the daily job repairs them
 * when they differ — under a lock, since a repair racing a writer would itself drift.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { EXPECTED } from '../../db/migrations/202612060400_member_counts.ts';
import type { Job } from '../../lib/jobs.ts';

/** The filters a counter row answers: a status (always), a category and a member type (or any). */
export interface CountKey {
  status: string;
  category?: string;
  memberType?: string;
}

/** The id of the node at `path` (`/1/5/23/` → 23). */
export const idOfPath = (path: string) => Number(path.split('/').at(-2));

/** Members in the subtree at `path` with the key's status, category and type: exact, one lookup. */
export async function subtreeCount(db: Executor, path: string, k: CountKey): Promise<number> {
  const r = await db
    .selectFrom('member_count')
    .select('n')
    .where('org_id', '=', idOfPath(path))
    .where('status', '=', k.status)
    .where('category', '=', k.category ?? '')
    .where('member_type', '=', k.memberType ?? '')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

const expected = (ctx: Pick<Ctx, 'dialect'>) => sql.raw(EXPECTED(ctx.dialect === 'sqlite'));

export interface CountCheck {
  /** Counter rows that are wrong, missing or extra (0 = the counters are exact). */
  wrong: number;
  /** Counter rows rewritten by a repair (0 when nothing was wrong). */
  repaired: number;
}

/** How many counter rows differ from a full count; one statement, one snapshot. */
export async function verifyMemberCounts(ctx: Pick<Ctx, 'db' | 'dialect'>): Promise<number> {
  const stored = sql`select org_id, status, category, member_type, n from member_count where n <> 0`;
  const r = await sql<{ n: number }>`select
      (select count(*) from (select * from (${expected(ctx)}) e except ${stored}) a)
      + (select count(*) from (${stored} except select * from (${expected(ctx)}) e) b) as n`.execute(ctx.db);
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
    const r = await sql`insert into member_count (org_id, status, category, member_type, n)
      select * from (${expected(ctx)}) e`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  });
}

/** Verifies, and repairs only if something is wrong (the lock is taken only then). */
export async function checkMemberCounts(ctx: Pick<Ctx, 'db' | 'dialect'>): Promise<CountCheck> {
  const wrong = await verifyMemberCounts(ctx);
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
