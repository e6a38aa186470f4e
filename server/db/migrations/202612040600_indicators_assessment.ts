import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

/**
 * 指标调度, second part. The roll-up rows keep the raw sums behind their figure (Σ month
 * figures, Σ 累计, reporters) so that a submit rebuilds only the unit's line up the tree from its
 * children's rows. Rows written before stay valid: the first recompute that meets one reads all.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const c of ['acc_v', 'acc_c', 'acc_n'])
    await db.schema.alterTable('indicator_rollup').addColumn(c, 'double precision').execute();
  // The line's reads: an indicator's rows for a few orgs (the line, the children of its nodes).
  await db.schema
    .createIndex('indicator_rollup_line')
    .on('indicator_rollup')
    .columns(['indicator_id', 'org_id', 'period'])
    .execute();

  await withId(db, db.schema.createTable('assessment'))
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parts_json', 'text', (c) => c.notNull())
    .addColumn('excellent_percent', 'double precision', (c) => c.notNull())
    .addColumn('good_percent', 'double precision', (c) => c.notNull())
    .addColumn('bonus_cap', 'double precision', (c) => c.notNull())
    .addColumn('bonus_percent', 'double precision', (c) => c.notNull())
    .addColumn('objection_days', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text')
    .addColumn('publicity_start_date', 'text')
    .addColumn('publicity_end_date', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_key')
    .on('assessment')
    .columns(['owner_org_id', 'year', 'name'])
    .unique()
    .execute();
  await db.schema
    .createTable('assessment_unit')
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessment.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('parts_json', 'text')
    .addColumn('base', 'double precision')
    .addColumn('bonus', 'double precision', (c) => c.notNull())
    .addColumn('deduction', 'double precision', (c) => c.notNull())
    .addColumn('total', 'double precision')
    .addColumn('rank', 'integer')
    .addColumn('grade', 'text')
    .addColumn('vetoed', 'integer', (c) => c.notNull())
    .addColumn('veto_json', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('assessment_unit_pk', ['assessment_id', 'org_id'])
    .execute();
  await db.schema.createIndex('assessment_unit_path').on('assessment_unit').columns(['org_path']).execute();
  await withId(db, db.schema.createTable('assessment_score'))
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessment.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_id', 'integer')
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_score_key')
    .on('assessment_score')
    .columns(['assessment_id', 'org_id', 'month'])
    .unique()
    .execute();
  await withId(db, db.schema.createTable('assessment_adjustment'))
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessment.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_id', 'integer')
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_adjustment_a')
    .on('assessment_adjustment')
    .columns(['assessment_id'])
    .execute();
  await withId(db, db.schema.createTable('assessment_objection'))
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessment.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('upheld', 'integer', (c) => c.notNull())
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('indicator_rollup_line').execute();
  for (const t of [
    'assessment_objection',
    'assessment_adjustment',
    'assessment_score',
    'assessment_unit',
    'assessment',
  ])
    await db.schema.dropTable(t).execute();
  for (const c of ['acc_v', 'acc_c', 'acc_n']) await db.schema.alterTable('indicator_rollup').dropColumn(c).execute();
}
