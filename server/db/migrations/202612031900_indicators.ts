import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

/**
 * 指标调度 and 目标责任书. Figures are `double precision` (REAL on SQLite); periods are months
 * `YYYY-MM`. Self-reported 调度数 (indicator_value) and official statistics (indicator_official)
 * live in separate tables so that one can never overwrite the other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('indicator'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('aggregation', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('figure_key', 'text')
    .addColumn('numerator_id', 'integer')
    .addColumn('denominator_id', 'integer')
    .addColumn('base_id', 'integer')
    .addColumn('weight_id', 'integer')
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('leader', 'text')
    .addColumn('warn_threshold', 'double precision')
    .addColumn('excellent_threshold', 'double precision')
    .addColumn('higher_is_better', 'integer', (c) => c.notNull())
    .addColumn('min_value', 'double precision')
    .addColumn('max_value', 'double precision')
    .addColumn('jump_percent', 'double precision')
    .addColumn('is_key', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_name').on('indicator').column('name').unique().execute();

  await db.schema
    .createTable('indicator_reporter')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addPrimaryKeyConstraint('indicator_reporter_pk', ['indicator_id', 'org_id'])
    .execute();
  await db.schema.createIndex('indicator_reporter_org').on('indicator_reporter').column('org_id').execute();

  await withId(db, db.schema.createTable('indicator_target'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('annual', 'double precision', (c) => c.notNull())
    .addColumn('months_json', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_target_key')
    .on('indicator_target')
    .columns(['indicator_id', 'year', 'org_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('indicator_value')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('note', 'text')
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_value_pk', ['indicator_id', 'period', 'org_id'])
    .execute();
  await db.schema.createIndex('indicator_value_org').on('indicator_value').columns(['org_id', 'period']).execute();

  await withId(db, db.schema.createTable('indicator_report'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deadline_date', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('on_time', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_report_key')
    .on('indicator_report')
    .columns(['period', 'org_id'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('indicator_unlock'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('until_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_unlock_key').on('indicator_unlock').columns(['org_id', 'period']).execute();

  await db.schema
    .createTable('indicator_official')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_official_pk', ['indicator_id', 'period', 'org_id'])
    .execute();

  /** The roll-up cache: one row per indicator, org (reporters and their ancestors) and month. */
  await db.schema
    .createTable('indicator_rollup')
    .addColumn('indicator_id', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('cum_value', 'double precision')
    .addColumn('target', 'double precision')
    .addColumn('pace_target', 'double precision')
    .addColumn('completion', 'double precision')
    .addColumn('pace', 'text')
    .addColumn('light', 'text')
    .addColumn('worst_light', 'text')
    .addPrimaryKeyConstraint('indicator_rollup_pk', ['indicator_id', 'period', 'org_id'])
    .execute();
  await db.schema.createIndex('indicator_rollup_org').on('indicator_rollup').columns(['org_id', 'period']).execute();

  await withId(db, db.schema.createTable('responsibility_letter'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('issuer_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('items_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('unit_signed_at', 'text')
    .addColumn('unit_signer_id', 'integer')
    .addColumn('unit_signer_name', 'text')
    .addColumn('issuer_signed_at', 'text')
    .addColumn('issuer_signer_id', 'integer')
    .addColumn('issuer_signer_name', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('responsibility_letter_key')
    .on('responsibility_letter')
    .columns(['year', 'org_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'responsibility_letter',
    'indicator_rollup',
    'indicator_official',
    'indicator_unlock',
    'indicator_report',
    'indicator_value',
    'indicator_target',
    'indicator_reporter',
    'indicator',
  ])
    await db.schema.dropTable(t).execute();
}
