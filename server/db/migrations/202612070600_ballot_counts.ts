/**
 * Two counts a campaign page runs on every poll had no index (issue 9): the turnout's paper ballots
 * (`campaign_id = ? and channel = ?`) and, while a close is counting, the ballots still to expand
 * (`… and ratings is not null`). `ballot` is clustered on its random id with each ballot's ratings in
 * the row, so each count read every ballot of the campaign: 170–260 ms on the event loop per count
 * for 5,000 ballots of 300 organizations (bench/stalls.ts close, traced with bench/trace-sql.mjs).
 * Both indexes hold a few bytes per ballot; the vote path's cost is in the closing note (bench/ballots.ts).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('ballot_channel').on('ballot').columns(['campaign_id', 'channel']).execute();
  await sql`create index ballot_unexpanded on ballot (campaign_id) where ratings is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ballot_unexpanded').execute();
  await db.schema.dropIndex('ballot_channel').execute();
}
