import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * State that several app instances on one database must share (issue 19):
 * - import_job: an Excel import's progress and error list, so any instance answers the poll; the
 *   running instance beats `heartbeat_at`, and a job whose heart stopped (its instance restarted)
 *   is reported as failed — its rows were never committed, since an import is one transaction.
 * - file_chunk: uploaded files on PostgreSQL, in 1 MB bytea pieces so that reads stream piece by
 *   piece and no single value approaches PostgreSQL's 1 GB field limit. SQLite keeps the upload
 *   directory (the table exists there too, unused, so that both dialects have one schema).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = dialectOf(db) === 'sqlite' ? sql`blob` : sql`bytea`;
  await db.schema
    .createTable('import_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    // The first ERRORS_SHOWN errors as JSON; the error report file carries the whole sheet.
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('message', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    // Column key → sheet column, header row, and whether the uploaded file was kept for the report.
    .addColumn('report_json', 'text')
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_job_owner').on('import_job').columns(['owner_id', 'status']).execute();
  await db.schema.createIndex('import_job_created').on('import_job').column('created_at').execute();
  await db.schema
    .createTable('file_chunk')
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', blob as any, (c) => c.notNull())
    .addPrimaryKeyConstraint('file_chunk_pk', ['area', 'name', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_chunk').execute();
  await db.schema.dropTable('import_job').execute();
}
