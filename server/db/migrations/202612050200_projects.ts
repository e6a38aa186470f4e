import type { Kysely } from 'kysely';

/**
 * 重点项目 investment: one row per project (a key-project task) and month, holding the month's
 * planned investment (set with the year's plan) and the completed investment the lead unit
 * reported (万元). Indicator targets may record the task (and its target phrase) they came from.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_investment')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('task.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('planned', 'double precision')
    .addColumn('completed', 'double precision')
    .addColumn('note', 'text')
    .addColumn('reported_by', 'integer')
    .addColumn('reported_at', 'text')
    .addColumn('on_time', 'integer')
    .addPrimaryKeyConstraint('project_investment_pk', ['task_id', 'period'])
    .execute();
  // The figures read a period range over every project (then filter by the lead unit's path).
  await db.schema
    .createIndex('project_investment_period')
    .on('project_investment')
    .columns(['period', 'task_id'])
    .execute();
  await db.schema.alterTable('indicator_target').addColumn('task_id', 'integer').execute();
  await db.schema.alterTable('indicator_target').addColumn('task_target', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('indicator_target').dropColumn('task_target').execute();
  await db.schema.alterTable('indicator_target').dropColumn('task_id').execute();
  await db.schema.dropTable('project_investment').execute();
}
