import type { Kysely } from 'kysely';

/**
 * Notifications from every module: `link` is the web path a notification opens; `user_id`, when
 * set, addresses one account (a member's own reminder) instead of every user of the org.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification').addColumn('link', 'text').execute();
  await db.schema.alterTable('notification').addColumn('user_id', 'integer').execute();
  await db.schema.createIndex('notification_user').on('notification').columns(['user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notification_user').execute();
  await db.schema.alterTable('notification').dropColumn('user_id').execute();
  await db.schema.alterTable('notification').dropColumn('link').execute();
}
