import type { Kysely } from 'kysely';

/**
 * rate_counter: fixed-window counters shared by every app instance on one database (login
 * failures per source, wrong ballot codes, public ratings and comments per IP …). One row per
 * (key, window); `expires_at` lets the periodic cleanup drop old windows with an index scan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_counter')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counter_pk', ['key', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_counter_expires').on('rate_counter').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_counter').execute();
}
