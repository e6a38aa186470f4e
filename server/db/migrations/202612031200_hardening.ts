import type { Kysely } from 'kysely';

/**
 * Hardening (issue 9):
 * - review_token.nonce_check: sha256 of the voter's client nonce (with the token hash), so a retry
 *   of a committed but unacknowledged ballot gets its receipt again. The receipt is derived from
 *   the nonce by a different hash: neither value leads to the other without the nonce.
 * - app_user.password_history: JSON array of the last previous password hashes (no reuse).
 * - ballot_rating_tally (campaign_id, org_id, grade): the tally's index, filled as close() expands
 *   ratings in chunks (it replaces the per-campaign index built in one long statement at close).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('review_token').addColumn('nonce_check', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('password_history', 'text').execute();
  await db.schema
    .createIndex('ballot_rating_tally')
    .on('ballot_rating')
    .columns(['campaign_id', 'org_id', 'grade'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ballot_rating_tally').execute();
  await db.schema.alterTable('app_user').dropColumn('password_history').execute();
  await db.schema.alterTable('review_token').dropColumn('nonce_check').execute();
}
