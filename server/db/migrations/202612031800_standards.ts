import type { Kysely } from 'kysely';
import { binaryText, withId } from '../dialect.ts';

/**
 * 党支部建设标准化: manuals (a version is immutable once a round uses it; its tree is one JSON
 * document), rounds, one entry per branch and round with its per-item scores, objections during
 * 公示, 整顿 plans (their problems are rectification-ledger items) and 示范点.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const num = 'double precision';
  await withId(db, db.schema.createTable('std_manual'))
    .addColumn('family_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('total_points', num, (c) => c.notNull())
    .addColumn('bonus_points', num, (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('builtin', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('std_manual_family')
    .on('std_manual')
    .columns(['family_id', 'version'])
    .unique()
    .execute();
  await db.schema.createIndex('std_manual_builtin').on('std_manual').column('builtin').unique().execute();

  await withId(db, db.schema.createTable('std_round'))
    .addColumn('manual_id', 'integer', (c) => c.notNull().references('std_manual.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('owner_path', binaryText(db), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('self_weight', 'integer', (c) => c.notNull())
    .addColumn('superior_weight', 'integer', (c) => c.notNull())
    .addColumn('self_due_date', 'text', (c) => c.notNull())
    .addColumn('review_due_date', 'text', (c) => c.notNull())
    .addColumn('objection_days', 'integer', (c) => c.notNull())
    .addColumn('publicity_start_date', 'text')
    .addColumn('publicity_end_date', 'text')
    .addColumn('graded_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('std_entry'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('std_round.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', binaryText(db), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('self_score', num)
    .addColumn('superior_score', num)
    .addColumn('total', num)
    .addColumn('grade', 'text')
    .addColumn('rank', 'integer')
    .addColumn('vetoed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('direct_grade', 'text')
    .addColumn('direct_reason', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('std_entry_round_org').on('std_entry').columns(['round_id', 'org_id']).unique().execute();
  await db.schema.createIndex('std_entry_round_path').on('std_entry').columns(['round_id', 'org_path']).execute();
  await db.schema.createIndex('std_entry_round_total').on('std_entry').columns(['round_id', 'total']).execute();

  await withId(db, db.schema.createTable('std_score'))
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('std_entry.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('self_points', num)
    .addColumn('self_note', 'text')
    .addColumn('evidence_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('auto_json', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('superior_points', num)
    .addColumn('superior_comment', 'text')
    .addColumn('returned', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('std_score_entry_code').on('std_score').columns(['entry_id', 'code']).unique().execute();

  await withId(db, db.schema.createTable('std_objection'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('std_round.id'))
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('std_entry.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('std_objection_round').on('std_objection').column('round_id').execute();

  await withId(db, db.schema.createTable('std_plan'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', binaryText(db), (c) => c.notNull())
    .addColumn('issuer_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('round_id', 'integer', (c) => c.references('std_round.id'))
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('contact_leader', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('lifted_date', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('std_plan_path').on('std_plan').columns(['org_path', 'status']).execute();
  await withId(db, db.schema.createTable('std_plan_problem'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('std_plan.id'))
    .addColumn('rect_item_id', 'integer', (c) => c.notNull().references('rectification_item.id'))
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accept_note', 'text')
    .addColumn('accepted_by', 'integer')
    .execute();
  await db.schema.createIndex('std_plan_problem_plan').on('std_plan_problem').column('plan_id').execute();
  await withId(db, db.schema.createTable('std_plan_progress'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('std_plan.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('std_plan_progress_month')
    .on('std_plan_progress')
    .columns(['plan_id', 'month'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('std_model'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', binaryText(db), (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('std_model_org_year').on('std_model').columns(['org_id', 'year']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'std_model',
    'std_plan_progress',
    'std_plan_problem',
    'std_plan',
    'std_objection',
    'std_score',
    'std_entry',
    'std_round',
    'std_manual',
  ])
    await db.schema.dropTable(t).execute();
}
