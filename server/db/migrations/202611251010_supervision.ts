import { sql, type Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.ts';

/** Documents, tasks and everything supervision hangs on them (督查督办). */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('document'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('meeting', 'text')
    .addColumn('doc_date', 'text', (c) => c.notNull())
    .addColumn('issuing_unit', 'text')
    /** Scope owner: the org whose subtree may see and edit the document. */
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_owner').on('document').columns(['owner_org_id', 'doc_date']).execute();
  if (dialectOf(db) === 'sqlite') {
    // Trigram FTS: Chinese has no spaces, trigrams match any substring of ≥ 3 characters.
    await sql`create virtual table document_fts using fts5(title, body, tokenize='trigram')`.execute(db);
  }

  await withId(db, db.schema.createTable('task'))
    .addColumn('document_id', 'integer', (c) => c.references('document.id'))
    .addColumn('passage_start', 'integer')
    .addColumn('passage_end', 'integer')
    .addColumn('parent_id', 'integer', (c) => c.references('task.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('lead_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('leader', 'text')
    .addColumn('due_date', 'text')
    .addColumn('deadline_text', 'text')
    .addColumn('targets_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('key_project', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report_cycle', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issued_date', 'text', (c) => c.notNull())
    .addColumn('accepted_date', 'text')
    .addColumn('last_report_date', 'text')
    .addColumn('closed_at', 'text')
    /** Cached result of the traffic-light rules: recomputed on every change and daily, never edited. */
    .addColumn('light', 'text', (c) => c.notNull())
    .addColumn('light_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_document').on('task').columns(['document_id', 'passage_start']).execute();
  await db.schema.createIndex('task_parent').on('task').column('parent_id').execute();
  await db.schema.createIndex('task_lead').on('task').columns(['lead_org_id', 'status']).execute();
  // Covering for overdue counts and the ranking of units by overdue tasks (no table lookups).
  await db.schema.createIndex('task_status_due').on('task').columns(['status', 'due_date', 'lead_org_id']).execute();
  await db.schema.createIndex('task_light').on('task').columns(['light', 'status']).execute();
  // A page of red tasks, newest first, walks this index instead of sorting all red tasks.
  await db.schema.createIndex('task_light_id').on('task').columns(['light', 'id']).execute();

  // Lead and cooperating units: visibility is "any of the task's units lies in my subtree".
  await db.schema
    .createTable('task_org')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_org_pk', ['task_id', 'org_id'])
    .execute();
  await db.schema.createIndex('task_org_org').on('task_org').columns(['org_id', 'task_id']).execute();

  await withId(db, db.schema.createTable('task_report'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_report_task').on('task_report').columns(['task_id', 'id']).execute();

  await withId(db, db.schema.createTable('task_attachment'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    .addColumn('report_id', 'integer', (c) => c.references('task_report.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_attachment_task').on('task_attachment').column('task_id').execute();

  // Workflow steps, 批示, 催办 and 督办单 in one log per task.
  await withId(db, db.schema.createTable('task_event'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_event_task').on('task_event').columns(['task_id', 'id']).execute();

  await withId(db, db.schema.createTable('task_milestone'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('done_date', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_milestone_task').on('task_milestone').columns(['task_id', 'sort_order']).execute();

  await withId(db, db.schema.createTable('notification'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('task_id', 'integer', (c) => c.references('task.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    /** Idempotence: one notification per task/kind/org/day from the scheduler. */
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notification_org').on('notification').columns(['org_id', 'id']).execute();

  // A lease per background job, so only one of several app instances runs it at a time.
  await db.schema
    .createTable('job_lock')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('不支持回滚:请从备份恢复');
}
