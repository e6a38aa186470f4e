import { type Kysely, sql } from 'kysely';

/**
 * `close_total`: how many ballots a campaign's close has to count, written once by the close's
 * runner when it starts (reviews/close.service.ts). The managers' page polls the progress every
 * second or so while a close counts; it counted the ballots with stored ratings on each poll, and
 * on SQLite that reads every ballot row (the partial index `ballot_unexpanded` finds them, but the
 * `ratings is not null` term is checked on the row, whose ratings fill most of a page): 110–250 ms
 * on the event loop per poll for 5,000 ballots of 300 organizations (bench/stalls.ts close, traced
 * with bench/trace-sql.mjs). Null until the runner has counted (the page then shows the ballots
 * cast, which is the same number for every campaign voted after 202611251130_ballot_ratings).
 *
 * The runner counts page by page in key order, as its chunks read: `ballot_unexpanded` gets the
 * ballot id as its second key. SQLite's index had it already (the table is clustered on the id);
 * a PostgreSQL index holds only what it names, so each page sorted all the campaign's ballots.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('review_campaign').addColumn('close_total', 'integer').execute();
  await db.schema.dropIndex('ballot_unexpanded').execute();
  await sql`create index ballot_unexpanded on ballot (campaign_id, id) where ratings is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ballot_unexpanded').execute();
  await sql`create index ballot_unexpanded on ballot (campaign_id) where ratings is not null`.execute(db);
  await db.schema.alterTable('review_campaign').dropColumn('close_total').execute();
}
