/**
 * The reads over `ballot` that a campaign page and a close repeat — the turnout's paper ballots, and
 * the pages of ballots a close expands and tallies — go by their own indexes (migration
 * 202612070600_ballot_counts), not by reading every ballot row with its ratings: 170–260 ms on the
 * event loop per read for a campaign of 5,000 ballots × 300 organizations (bench/stalls.ts close). The planner's choice is
 * what is checked; on PostgreSQL with sequential scans off, as a test campaign is too small for the
 * planner to prefer any index.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const planOf = (q: string) =>
  t.database.db.transaction().execute(async (trx) => {
    if (t.database.dialect === 'postgres') {
      await sql`set local enable_seqscan = off`.execute(trx);
      return (await sql.raw<{ 'QUERY PLAN': string }>(`explain ${q}`).execute(trx)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    }
    return (await sql.raw<{ detail: string }>(`explain query plan ${q}`).execute(trx)).rows
      .map((r) => r.detail)
      .join('\n');
  });

describe('ballot counts of a campaign page', () => {
  it('the paper ballots of the turnout are counted from (campaign_id, channel)', async () => {
    const plan = await planOf(`select count(*) from ballot where campaign_id = 1 and channel = '纸质'`);
    expect(plan).toContain('ballot_channel');
  });

  it("a close's tally and chunks read the ballots to expand from the partial index, in key order without a sort", async () => {
    const plan = await planOf(
      `select id from ballot where campaign_id = 1 and ratings is not null and id > 'a' order by id limit 250`,
    );
    expect(plan).toContain('ballot_unexpanded');
    expect(plan).not.toMatch(/TEMP B-TREE|Sort/);
  });
});
