import type { Kysely } from 'kysely';

/**
 * review_token.draft: an unfinished electronic ballot, sealed with a key derived from the voter's
 * code (which the server never stores), so the row is unreadable without the paper slip. It lives
 * on the token row — as anonymous as the token — carries no instant, and is cleared when the
 * ballot is cast (same UPDATE as the token flip) and when the campaign closes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('review_token').addColumn('draft', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('review_token').dropColumn('draft').execute();
}
