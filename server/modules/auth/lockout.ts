/**
 * Login throttling that does not hand out denial of service.
 *
 * - Per (account name, source address): at most 5 failed passwords in 15 minutes; the 5th failure
 *   locks that pair (423), whatever the concurrency. Each attempt reserves its place BEFORE the
 *   password is checked (one atomic counter upsert): twenty parallel guesses get ordinals 1…20,
 *   the first five are checked and the rest are refused unchecked. Someone elsewhere guessing the
 *   administrator's password therefore locks only their own address, not the administrator.
 * - Per account name, all addresses: past 5 failures in 15 minutes every attempt is slowed down
 *   (250 ms doubling to 8 s) before the password is checked. A slowdown, not a lock: the right
 *   password still gets in, and a botnet gets few guesses.
 * - The same counters are kept for names that do not exist, so the answers (messages, lock,
 *   slowdown) do not reveal which accounts exist.
 * - An administrator can unlock an account (users.service unlock), which clears all of it.
 * Counters are rows in rate_counter (server/lib/counters.ts), shared by every app instance.
 */
import type { Ctx } from '../../context.ts';
import { firstWindowSince, hit, reset, resetPrefix, sumSince, windowStart } from '../../lib/counters.ts';
import { AppError } from '../../lib/errors.ts';
import { sleepOn } from '../../lib/clock.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const WINDOW_SEC = 60;
const SPAN_MS = LOCK_MINUTES * 60_000;

/** The name in a key: never throws (a lone surrogate would make encodeURIComponent throw). */
const enc = (name: string) => Buffer.from(name, 'utf8').toString('base64url');
const pairKey = (name: string, ip: string) => `login:${enc(name)}|${ip}`;
const accountKey = (name: string) => `login-acct:${enc(name)}`;

/** Slowdown before checking a password, by account-wide failures in the last 15 minutes. */
export const slowdownMs = (failures: number) =>
  failures < MAX_FAILED_LOGINS ? 0 : Math.min(250 * 2 ** (failures - MAX_FAILED_LOGINS), 8000);

async function lockedFor(ctx: Ctx, key: string, now: Date) {
  const first = await firstWindowSince(ctx.db, key, new Date(now.getTime() - SPAN_MS));
  const until = (first?.getTime() ?? now.getTime()) + SPAN_MS + WINDOW_SEC * 1000;
  return Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
}

const lockedError = (minutes: number) =>
  new AppError(
    'ACCOUNT_LOCKED',
    423,
    `该账号从您所在的网络地址连续 ${MAX_FAILED_LOGINS} 次密码错误,此地址已被锁定,请 ${minutes} 分钟后再试,或请管理员解锁`,
  );

/**
 * Reserves this attempt's place among the (name, address) pair's failures of the last 15 minutes
 * and waits out the account-wide slowdown. Throws 423 past the limit (nothing is checked then).
 * Returns the attempt's ordinal (1 … 5).
 */
export async function beginAttempt(ctx: Ctx, name: string, ip: string): Promise<number> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - SPAN_MS);
  const key = pairKey(name, ip);
  // Ordinal = this window's atomic count + the earlier windows (which no one writes any more).
  const mine = await hit(ctx.db, key, WINDOW_SEC, now, 1, LOCK_MINUTES * 60);
  const ordinal = mine + (await sumSince(ctx.db, key, since, windowStart(now, WINDOW_SEC)));
  if (ordinal > MAX_FAILED_LOGINS) {
    await hit(ctx.db, key, WINDOW_SEC, now, -1, LOCK_MINUTES * 60); // a refused attempt is no failure
    throw lockedError(await lockedFor(ctx, key, now));
  }
  await sleepOn(ctx.clock, slowdownMs(await sumSince(ctx.db, accountKey(name), since)));
  return ordinal;
}

/** A wrong password: the reservation stays, the account-wide count grows. Returns the error to throw. */
export async function failedAttempt(ctx: Ctx, name: string, ip: string, ordinal: number) {
  await hit(ctx.db, accountKey(name), WINDOW_SEC, ctx.clock.now(), 1, LOCK_MINUTES * 60);
  if (ordinal >= MAX_FAILED_LOGINS) return lockedError(await lockedFor(ctx, pairKey(name, ip), ctx.clock.now()));
  const left = MAX_FAILED_LOGINS - ordinal;
  return new AppError('BAD_CREDENTIALS', 401, `用户名或密码错误(再错 ${left} 次,此地址将被锁定 ${LOCK_MINUTES} 分钟)`);
}

/** The right password: this address's failures and the account-wide count start over. */
export async function succeededAttempt(ctx: Ctx, name: string, ip: string) {
  await reset(ctx.db, pairKey(name, ip));
  await reset(ctx.db, accountKey(name));
}

/** Administrator unlock: every address's lock and the slowdown of the account. */
export async function clearLocks(ctx: Ctx, name: string) {
  await resetPrefix(ctx.db, `login:${enc(name)}|`);
  await reset(ctx.db, accountKey(name));
}
