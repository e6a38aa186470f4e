import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

/**
 * 标准化 evidence as uploaded files (photos, scans, .pdf/.docx/.xlsx 台账) per item of a branch's
 * sheet. The bytes live under the upload directory like every other module's attachments; the row
 * keeps what was sniffed from the content (never the uploader's claim) and who uploaded it when.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('std_evidence_file'))
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('std_entry.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('std_evidence_file_entry')
    .on('std_evidence_file')
    .columns(['entry_id', 'code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('std_evidence_file').execute();
}
