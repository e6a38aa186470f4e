import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * The 工作台 counts from the task–unit links alone (issue 19): each link carries a copy of its task's
 * status, light and deadline, kept by triggers, so that "counts by light and status of the tasks
 * with a unit in my subtree" is one index-only range scan of (org_path, …) instead of one task probe
 * per task (23,000 probes for a county of a province: ~0.4 s on PostgreSQL).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('task_org')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('task_org')
    .addColumn('light', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('task_org').addColumn('due_date', 'text').execute();
  await sql`update task_org set status = t.status, light = t.light, due_date = t.due_date
    from task t where t.id = task_org.task_id`.execute(db);
  await db.schema
    .createIndex('task_org_counts')
    .on('task_org')
    .columns(['org_path', 'status', 'light', 'due_date', 'role', 'org_id', 'task_id'])
    .execute();
  if (dialectOf(db) === 'sqlite') {
    await sql`create trigger task_org_task_ins after insert on task_org begin
      update task_org set status = (select status from task where id = new.task_id),
        light = (select light from task where id = new.task_id), due_date = (select due_date from task where id = new.task_id)
      where task_id = new.task_id and org_id = new.org_id; end`.execute(db);
    await sql`create trigger task_to_task_orgs after update of status, light, due_date on task begin
      update task_org set status = new.status, light = new.light, due_date = new.due_date where task_id = new.id; end`.execute(
      db,
    );
    return;
  }
  await sql`create function task_org_task() returns trigger language plpgsql as $$
    begin select status, light, due_date into new.status, new.light, new.due_date from task where id = new.task_id;
    return new; end $$`.execute(db);
  await sql`create trigger task_org_task before insert or update of task_id on task_org
    for each row execute function task_org_task()`.execute(db);
  await sql`create function task_to_task_orgs() returns trigger language plpgsql as $$
    begin update task_org set status = new.status, light = new.light, due_date = new.due_date where task_id = new.id;
    return null; end $$`.execute(db);
  await sql`create trigger task_to_task_orgs after update of status, light, due_date on task for each row
    when (old.status is distinct from new.status or old.light is distinct from new.light
      or old.due_date is distinct from new.due_date)
    execute function task_to_task_orgs()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('不支持回滚:请从备份恢复');
}
