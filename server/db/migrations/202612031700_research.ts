import type { Kysely } from 'kysely';
import { binaryText, withId } from '../dialect.ts';

/**
 * 调研统筹: visits (课题, leader, dates, 陪同), their places (org nodes, with the place's path and
 * township copied so that conflict checks are index range scans), coordinator proposals, host
 * flags and findings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('research_visit'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('leader', 'text', (c) => c.notNull())
    .addColumn('visitor_level', 'text', (c) => c.notNull())
    .addColumn('members_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('owner_path', binaryText(db), (c) => c.notNull())
    .addColumn('plan_kind', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('escorts_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('escort_reason', 'text')
    .addColumn('task_id', 'integer', (c) => c.references('task.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('warnings_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('confirm_reason', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('research_visit.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('research_visit_owner')
    .on('research_visit')
    .columns(['owner_path', 'start_date'])
    .execute();
  await db.schema
    .createIndex('research_visit_dates')
    .on('research_visit')
    .columns(['start_date', 'end_date'])
    .execute();
  await db.schema.createIndex('research_visit_leader').on('research_visit').columns(['leader', 'start_date']).execute();

  await db.schema
    .createTable('research_place')
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('research_visit.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', binaryText(db), (c) => c.notNull())
    /** The township (depth-1 node) the place lies in: "two teams in one township the same day". */
    .addColumn('township_id', 'integer', (c) => c.notNull())
    /** Copied from the visit (and kept in step) so conflict checks never join back to it. */
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('research_place_pk', ['visit_id', 'org_id'])
    .execute();
  await db.schema.createIndex('research_place_path').on('research_place').columns(['org_path', 'start_date']).execute();
  await db.schema
    .createIndex('research_place_township')
    .on('research_place')
    .columns(['township_id', 'start_date'])
    .execute();
  await db.schema.createIndex('research_place_org').on('research_place').columns(['org_id', 'start_date']).execute();

  await withId(db, db.schema.createTable('research_proposal'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('research_visit.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('place_ids_json', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('research_proposal_visit').on('research_proposal').column('visit_id').execute();

  await withId(db, db.schema.createTable('research_flag'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('research_visit.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('research_flag_visit').on('research_flag').column('visit_id').execute();

  await withId(db, db.schema.createTable('research_finding'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('research_visit.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', binaryText(db), (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.references('task.id'))
    .addColumn('rectification_id', 'integer', (c) => c.references('rectification_item.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('research_finding_path').on('research_finding').columns(['org_path', 'id']).execute();
  await db.schema.createIndex('research_finding_visit').on('research_finding').column('visit_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['research_finding', 'research_flag', 'research_proposal', 'research_place', 'research_visit'])
    await db.schema.dropTable(t).execute();
}
