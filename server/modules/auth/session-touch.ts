/**
 * The once-a-minute refresh of a session's `last_seen_at`/`expires_at`, off the request's path.
 *
 * The refresh is a write. On SQLite there is one writer: while a long write transaction is open (a
 * 50,000-row import's final write holds it for seconds) the UPDATE queues behind it, and a request
 * that awaited it waited too, although all its reads run on the read connection
 * (db/sqlite-reader.ts). On PostgreSQL it waits only when someone holds the session's own row.
 * So the request does not await it: at most one touch per session is pending in this process; a
 * use of the session while it is pending is remembered here and counted as activity (the session
 * cannot time out on a row that is only behind), and written when the touch lands (a second UPDATE
 * only if that use is more than a minute later than what was written). A touch that fails is
 * logged, never thrown: the next request past the minute tries again. `settleSessionTouches`
 * waits for the pending ones (app.ts runs it before the database is closed).
 */

/** Refreshing last_seen on every request would write on every read; once a minute is enough. */
export const TOUCH_EVERY_MS = 60_000;

interface Pending {
  /** The latest use of the session (ms) seen while this touch was pending. */
  seen: number;
  done: Promise<void>;
}

export interface TouchLog {
  error(obj: object, msg: string): void;
}

/** Per database (tests run several apps in one process), session id → its pending touch. */
const pendingByDb = new WeakMap<object, Map<string, Pending>>();

function pendingOf(db: object) {
  let m = pendingByDb.get(db);
  if (!m) pendingByDb.set(db, (m = new Map()));
  return m;
}

/** The latest use of session `id` that a pending touch has not written yet (ms), if any. */
export const unwrittenUse = (db: object, id: string): number | undefined => pendingByDb.get(db)?.get(id)?.seen;

/**
 * Records a use of session `id` at `at` (ms). `stored` is the row's `last_seen_at` (ms). When no
 * touch is pending and the stored value is more than TOUCH_EVERY_MS old, starts one — `write(at)`
 * runs the UPDATE — and returns without waiting for it.
 */
export function noteSessionUse(
  db: object,
  id: string,
  at: number,
  stored: number,
  write: (at: number) => Promise<unknown>,
  log: TouchLog,
): void {
  const pending = pendingOf(db);
  const p = pending.get(id);
  if (p) {
    p.seen = Math.max(p.seen, at);
    return;
  }
  if (at - stored <= TOUCH_EVERY_MS) return;
  const entry: Pending = { seen: at, done: Promise.resolve() };
  pending.set(id, entry);
  entry.done = (async () => {
    let written = stored;
    try {
      while (entry.seen - written > TOUCH_EVERY_MS) {
        const t = entry.seen;
        await write(t);
        written = t;
      }
    } catch (err) {
      log.error({ err }, '会话活动时间未能写入(不影响请求,下次请求时重试)');
    } finally {
      pending.delete(id);
    }
  })();
}

/** Per database, session id → its pending delete (an ended session's row). */
const droppingByDb = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * Deletes the row of a session that has ended (idle, past its lifetime, or its account disabled),
 * without the request waiting for it: the request answers 401 from what it read, and the delete is
 * a write that would queue behind a long write transaction (SQLite's one writer) like the refresh
 * above. At most one delete per session is pending; until it lands, the row still reads as ended
 * (nothing brings an ended session back: its expiry and lifetime only move on a use, and a use is
 * refused), so a second request answers 401 the same way and starts nothing. A failed delete is
 * logged; the next use of the cookie tries again.
 */
export function dropSession(db: object, id: string, remove: () => Promise<unknown>, log: TouchLog): void {
  let dropping = droppingByDb.get(db);
  if (!dropping) droppingByDb.set(db, (dropping = new Map()));
  if (dropping.has(id)) return;
  const done = (async () => {
    try {
      await remove();
    } catch (err) {
      log.error({ err }, '已失效的会话未能删除(不影响请求,下次使用该会话时重试)');
    } finally {
      dropping.delete(id);
    }
  })();
  dropping.set(id, done);
}

/** Waits until no touch or delete is pending on `db` (before the database is closed). */
export async function settleSessionTouches(db: object): Promise<void> {
  const pending = pendingByDb.get(db);
  const dropping = droppingByDb.get(db);
  while (pending?.size || dropping?.size)
    await Promise.all([...(pending?.values() ?? [])].map((p) => p.done).concat([...(dropping?.values() ?? [])]));
}
