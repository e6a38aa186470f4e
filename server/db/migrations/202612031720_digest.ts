import type { Kysely } from 'kysely';

/**
 * Reminders people can bear: per-user notification preferences, and one row per daily digest run
 * (its date is the key, so only one instance ever builds and posts a day's digest).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_pref')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('app_user.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('muted_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('digest_run')
    .addColumn('run_date', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('webhook_status', 'integer')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digest_run').execute();
  await db.schema.dropTable('notification_pref').execute();
}
