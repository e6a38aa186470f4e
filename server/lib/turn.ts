/**
 * Giving the event loop a turn in long loops of database calls. better-sqlite3 is synchronous, so
 * on SQLite an awaited query resolves at once and `for (…) await db…` runs start to end in the
 * microtask queue: timers, sockets and other requests wait for the whole loop (the quarterly
 * 共驻共建 letters held the server 1.1 s for 341 units of the bench county). On PostgreSQL each
 * query waits for the network anyway and the turn costs nothing worth counting.
 */

/** One turn of the event loop (after pending I/O callbacks). */
export const turn = () => new Promise<void>((r) => setImmediate(r));
