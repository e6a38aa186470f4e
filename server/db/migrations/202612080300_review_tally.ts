import { type Kysely, sql } from 'kysely';

/**
 * `review_tally`: a closed campaign's counts per (organization, grade), added to by each chunk of
 * the close in the same transaction as the ratings it expands (reviews/ballots.service.ts
 * expandChunk), from the rows that chunk inserted. It replaces the index ballot_rating_tally
 * (campaign_id, org_id, grade) and the GROUP BY over it:
 * - each chunk of ~6 ballots × 300 organizations spread its ~1,800 index entries over the ~1,200
 *   (org, grade) groups, so its COMMIT wrote ~1,200 pages (~5 MB) to the WAL and the writer then
 *   checkpointed them, on the event loop: 30–90 ms per chunk, 850 chunks, a 127 s close for
 *   5,000 × 300 (bench/stalls.ts close, traced with bench/trace-sql.mjs);
 * - the results page read every entry of the index: 110 ms per request for 1.2 M ratings.
 * The tally table holds counts only, like the published results: no ballot, voter or time.
 * The opinions get their own partial index (a campaign's opinions were read by scanning all its
 * ratings, 80 ms per results request); it holds the opinion, so they are read from it alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const lite = db.getExecutor().adapter.constructor.name.toLowerCase().includes('sqlite');
  await db.schema
    .createTable('review_tally')
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_tally_pk', ['campaign_id', 'org_id', 'grade'])
    .$call((t) => (lite ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  // Campaigns closed (or part counted) before: their counts from the ratings expanded so far.
  await sql`insert into review_tally (campaign_id, org_id, grade, n)
    select campaign_id, org_id, grade, count(*) from ballot_rating group by campaign_id, org_id, grade`.execute(db);
  await sql`create index ballot_rating_opinion on ballot_rating (campaign_id, org_id, opinion)
    where opinion is not null`.execute(db);
  await db.schema.dropIndex('ballot_rating_tally').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('ballot_rating_tally')
    .on('ballot_rating')
    .columns(['campaign_id', 'org_id', 'grade'])
    .execute();
  await db.schema.dropIndex('ballot_rating_opinion').execute();
  await db.schema.dropTable('review_tally').execute();
}
