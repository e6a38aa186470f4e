import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

/**
 * extraction_correction: what reviewers taught the extractor, per deployment. A lesson belongs to the scope node of
 * the person who made it and applies to extractions by that node and below (a county's aliases serve its towns; a
 * town's do not reach its neighbour).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('extraction_correction'))
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('document_id', 'integer', (c) => c.references('document.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** alias: the unit as written; not_task/topic/split/merge: the row's text */
    .addColumn('text', 'text', (c) => c.notNull())
    /** squashed text (no spaces or punctuation): a repeated lesson replaces the older one */
    .addColumn('text_key', 'text', (c) => c.notNull())
    .addColumn('words_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('dept_type', 'text')
    .addColumn('unit_org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('extraction_correction_owner')
    .on('extraction_correction')
    .columns(['owner_org_id', 'kind', 'text_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('extraction_correction').execute();
}
