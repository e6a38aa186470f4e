import { sql, type Kysely } from 'kysely';
import { binaryText, dialectOf } from '../dialect.ts';

/**
 * Province scale (issue 19):
 * - task_org.org_path: the unit's materialized path copied onto the task–unit link (as member.org_path
 *   is), so "tasks with a unit in my subtree" is one range scan of (org_path, task_id) that never
 *   touches org_unit; triggers keep it true whoever writes links or moves org nodes.
 * - task (id, status, light, due_date): covering for the 工作台 counts, which probe tasks by the ids
 *   the scope yields and read only these columns.
 * - task (updated_at): the incremental reminder tick reads "tasks changed since the last tick".
 * - On PostgreSQL, a pg_trgm index on document text/title when the extension can be created (it needs
 *   a superuser or a trusted-extension grant): `LIKE '%…%'` then uses it; without it the search
 *   scans as before. The attempt runs in a savepoint so that a refusal leaves the migration intact.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('task_org')
    .addColumn('org_path', binaryText(db), (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update task_org set org_path = (select path from org_unit where org_unit.id = task_org.org_id)`.execute(db);
  await db.schema.createIndex('task_org_scope').on('task_org').columns(['org_path', 'task_id']).execute();
  await db.schema.createIndex('task_count_cover').on('task').columns(['id', 'status', 'light', 'due_date']).execute();
  await db.schema.createIndex('task_updated').on('task').columns(['updated_at']).execute();
  if (dialectOf(db) === 'sqlite') {
    await sql`create trigger task_org_path_ins after insert on task_org
      when new.org_path is not (select path from org_unit where id = new.org_id) begin
      update task_org set org_path = (select path from org_unit where id = new.org_id)
      where task_id = new.task_id and org_id = new.org_id; end`.execute(db);
    await sql`create trigger task_org_path_upd after update of org_id, org_path on task_org
      when new.org_path is not (select path from org_unit where id = new.org_id) begin
      update task_org set org_path = (select path from org_unit where id = new.org_id)
      where task_id = new.task_id and org_id = new.org_id; end`.execute(db);
    await sql`create trigger org_path_to_task_orgs after update of path on org_unit begin
      update task_org set org_path = new.path where org_id = new.id; end`.execute(db);
    return;
  }
  await sql`create function task_org_path() returns trigger language plpgsql as $$
    begin new.org_path := (select path from org_unit where id = new.org_id); return new; end $$`.execute(db);
  await sql`create trigger task_org_path before insert or update of org_id, org_path on task_org
    for each row execute function task_org_path()`.execute(db);
  await sql`create function org_path_to_task_orgs() returns trigger language plpgsql as $$
    begin update task_org set org_path = new.path where org_id = new.id; return null; end $$`.execute(db);
  await sql`create trigger org_path_to_task_orgs after update of path on org_unit
    for each row when (old.path is distinct from new.path) execute function org_path_to_task_orgs()`.execute(db);
  await sql`savepoint trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index document_text_trgm on document using gin (text gin_trgm_ops)`.execute(db);
    await sql`create index document_title_trgm on document using gin (title gin_trgm_ops)`.execute(db);
    await sql`release savepoint trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint trgm`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('不支持回滚:请从备份恢复');
}
