import { sql } from 'kysely';
import type { Executor } from '../db/connect.ts';

/**
 * Fixed-window counters in the database, so that every app instance on one PostgreSQL (or the one
 * SQLite process) sees the same count. A hit is ONE statement (insert … on conflict do update …
 * returning), atomic under concurrency on both dialects: twenty parallel hits yield 1…20, never
 * twenty 1s. Use for throttles that must hold across instances (login failures per source, wrong
 * ballot codes, public ratings per IP); keep per-process limiters only for cheap flood control.
 */

export function windowStart(now: Date, windowSec: number) {
  const ms = windowSec * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/**
 * Adds `by` (default 1) to the counter of `key` in the current window; returns the new count.
 * `retainSec` keeps the window past its end (for sliding sums with sumSince); default: its length.
 */
export async function hit(
  db: Executor,
  key: string,
  windowSec: number,
  now: Date,
  by = 1,
  retainSec = windowSec,
): Promise<number> {
  const start = windowStart(now, windowSec);
  const expires = new Date(start.getTime() + Math.max(windowSec, retainSec) * 1000);
  const row = await db
    .insertInto('rate_counter')
    .values({ key, window_start: start.toISOString(), count: by, expires_at: expires.toISOString() })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_counter.count + ${by}` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The count of `key` in the current window, without adding to it. */
export async function peek(db: Executor, key: string, windowSec: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom('rate_counter')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '=', windowStart(now, windowSec).toISOString())
    .executeTakeFirst();
  return row ? Number(row.count) : 0;
}

/** Forgets `key` in every window (e.g. an administrator unlocks an account). */
export async function reset(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rate_counter').where('key', '=', key).execute();
}

/** Deletes expired windows; run periodically. Returns the number of rows removed. */
export async function purgeExpired(db: Executor, now: Date): Promise<number> {
  const r = await db.deleteFrom('rate_counter').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

/**
 * The sum of `key` over the windows that started after `since` (and before `before`): a sliding
 * window at the resolution of the window size (use short windows, e.g. 60 s, and a longer `since`).
 */
export async function sumSince(db: Executor, key: string, since: Date, before?: Date): Promise<number> {
  let q = db
    .selectFrom('rate_counter')
    .select((eb) => eb.fn.sum<number>('count').as('n'))
    .where('key', '=', key)
    .where('window_start', '>', since.toISOString());
  if (before) q = q.where('window_start', '<', before.toISOString());
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The earliest window of `key` that started after `since`, or null. */
export async function firstWindowSince(db: Executor, key: string, since: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('rate_counter')
    .select((eb) => eb.fn.min<string>('window_start').as('w'))
    .where('key', '=', key)
    .where('window_start', '>', since.toISOString())
    .where('count', '>', 0)
    .executeTakeFirst();
  return row?.w ? new Date(row.w) : null;
}

/** Forgets every key starting with `prefix` (e.g. all addresses of one account's login lock). */
export async function resetPrefix(db: Executor, prefix: string): Promise<number> {
  const r = await db
    .deleteFrom('rate_counter')
    .where(sql<boolean>`substr(key, 1, ${prefix.length}) = ${prefix}`)
    .executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}
