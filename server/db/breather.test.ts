/**
 * SQLite only: better-sqlite3 answers at once, so a loop that awaits statement after statement
 * would run as one stretch of microtasks and hold every timer, socket and request until it ends
 * (PostgreSQL waits for the network at each statement). The driver gives the event loop a turn
 * once a stretch has run for 20 ms (db/sqlite-reader.ts): a callback queued before such a loop
 * runs before the loop ends, on the reader (plain reads) and on the writer (a transaction).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';

const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Runs `step` over and over for 60 ms; records whether a callback queued first ran before the end. */
async function order(step: () => Promise<unknown>) {
  const seen: string[] = [];
  setImmediate(() => seen.push('turn'));
  const t0 = performance.now();
  while (performance.now() - t0 < 60) await step();
  seen.push('done');
  return seen;
}

it.runIf(!onPostgres)('a long loop of statements gives the event loop a turn (reader and writer)', async () => {
  const db = t.database.db;
  expect(await order(() => db.selectFrom('org_unit').select('id').limit(1).execute())).toEqual(['turn', 'done']);
  const inTrx = await db
    .transaction()
    .execute((trx) =>
      order(() => trx.updateTable('setting').set({ updated_at: 'x' }).where('key', '=', '-').execute()),
    );
  expect(inTrx).toEqual(['turn', 'done']);
});
