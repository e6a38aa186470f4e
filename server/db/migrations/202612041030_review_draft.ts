import type { Kysely } from 'kysely';

/**
 * document_review_draft: the 任务分解表 a reviewer is editing, one working copy per document (JSON in
 * `data`), saved as they work so a closed tab or a new login loses nothing; `version` grows by one on
 * every save (last write wins, the writer is told when it replaced someone else's copy). Deleted when
 * tasks are published from the document or the draft is discarded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_review_draft')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('document.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_review_draft').execute();
}
