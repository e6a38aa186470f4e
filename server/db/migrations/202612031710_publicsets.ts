import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

/**
 * Public progress pages: published sets of tasks, the public status history of each task (written
 * whenever its public status changes), moderated public feedback, and staff who follow a task.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('public_set'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('intro', 'text')
    .addColumn('document_id', 'integer', (c) => c.references('document.id'))
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('publicity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('objection_until_date', 'text')
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_set_published').on('public_set').columns(['published', 'id']).execute();

  await db.schema
    .createTable('public_set_item')
    .addColumn('set_id', 'integer', (c) => c.notNull().references('public_set.id'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    /** The stated reason shown beside a 滞后 item (written for the public by the supervisor). */
    .addColumn('lag_reason', 'text')
    .addPrimaryKeyConstraint('public_set_item_pk', ['set_id', 'task_id'])
    .execute();
  await db.schema.createIndex('public_set_item_task').on('public_set_item').column('task_id').execute();

  await withId(db, db.schema.createTable('task_status_history'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    /** The row this one follows (0 for the first): unique per task, so two instances recording the
     *  same change at once insert it once. */
    .addColumn('prev_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('workflow_status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('status_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_status_history_task')
    .on('task_status_history')
    .columns(['task_id', 'id'])
    .execute();
  await db.schema
    .createIndex('task_status_history_chain')
    .on('task_status_history')
    .columns(['task_id', 'prev_id'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('public_feedback'))
    .addColumn('set_id', 'integer', (c) => c.notNull().references('public_set.id'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    /** Never shown publicly; for the supervisor to answer an objection. */
    .addColumn('contact', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('moderated_by', 'integer')
    .addColumn('moderated_at', 'text')
    .execute();
  await db.schema
    .createIndex('public_feedback_set')
    .on('public_feedback')
    .columns(['set_id', 'status', 'id'])
    .execute();
  await db.schema.createIndex('public_feedback_task').on('public_feedback').columns(['task_id', 'status']).execute();

  await db.schema
    .createTable('task_follow')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_follow_pk', ['user_id', 'task_id'])
    .execute();
  await db.schema.createIndex('task_follow_task').on('task_follow').column('task_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['task_follow', 'public_feedback', 'task_status_history', 'public_set_item', 'public_set'])
    await db.schema.dropTable(t).execute();
}
