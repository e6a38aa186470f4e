import type { Kysely } from 'kysely';

/**
 * Campaign close as a background job (reviews/close.service.ts): how many ballots have been
 * counted (`close_done`, the client's progress bar), when the runner last finished a chunk
 * (`close_beat_at`: a close whose runner stopped beating was interrupted, e.g. by a restart, and is
 * resumed), who asked for it (`close_by`, for the final audit row) and why it stopped
 * (`close_error`, shown to the managers until they retry).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('review_campaign')
    .addColumn('close_done', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('review_campaign').addColumn('close_beat_at', 'text').execute();
  await db.schema.alterTable('review_campaign').addColumn('close_by', 'integer').execute();
  await db.schema.alterTable('review_campaign').addColumn('close_error', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['close_error', 'close_by', 'close_beat_at', 'close_done'])
    await db.schema.alterTable('review_campaign').dropColumn(c).execute();
}
