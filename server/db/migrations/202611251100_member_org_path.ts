import { sql, type Kysely } from 'kysely';
import { binaryText, dialectOf } from '../dialect.ts';

/**
 * member.org_path: the materialized path of the member's branch, copied onto the member so that a
 * scoped roster page and its count are index range scans (index org_path, name_pinyin, id) rather
 * than a join + sort over the whole county. Triggers keep it true whoever writes members or moves
 * org nodes (services, imports, the demo generator), so no writer can forget it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('member')
    .addColumn('org_path', binaryText(db), (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update member set org_path = (select path from org_unit where org_unit.id = member.org_id)`.execute(db);
  await db.schema.createIndex('member_scope_name').on('member').columns(['org_path', 'name_pinyin', 'id']).execute();
  // Covering indexes: a scoped count, and pinyin-prefix searches, never touch the table rows.
  await db.schema.createIndex('member_scope_status').on('member').columns(['org_path', 'status']).execute();
  await db.schema
    .createIndex('member_initials_scope')
    .on('member')
    .columns(['name_initials', 'status', 'org_path'])
    .execute();
  await db.schema
    .createIndex('member_pinyin_scope')
    .on('member')
    .columns(['name_pinyin', 'status', 'org_path'])
    .execute();
  await db.schema.dropIndex('member_initials').execute();
  if (dialectOf(db) === 'sqlite') {
    // Bulk writers (imports, the demo generator) supply the right path already: then the trigger
    // only checks it (an index lookup) instead of rewriting the row; a wrong or missing path is fixed.
    await sql`create trigger member_org_path_ins after insert on member
      when new.org_path is not (select path from org_unit where id = new.org_id) begin
      update member set org_path = (select path from org_unit where id = new.org_id) where id = new.id; end`.execute(
      db,
    );
    await sql`create trigger member_org_path_upd after update of org_id, org_path on member
      when new.org_path is not (select path from org_unit where id = new.org_id) begin
      update member set org_path = (select path from org_unit where id = new.org_id) where id = new.id; end`.execute(
      db,
    );
    await sql`create trigger org_path_to_members after update of path on org_unit begin
      update member set org_path = new.path where org_id = new.id; end`.execute(db);
  } else {
    await sql`create function member_org_path() returns trigger language plpgsql as $$
      begin new.org_path := (select path from org_unit where id = new.org_id); return new; end $$`.execute(db);
    await sql`create trigger member_org_path before insert or update of org_id, org_path on member
      for each row execute function member_org_path()`.execute(db);
    await sql`create function org_path_to_members() returns trigger language plpgsql as $$
      begin update member set org_path = new.path where org_id = new.id; return null; end $$`.execute(db);
    await sql`create trigger org_path_to_members after update of path on org_unit
      for each row when (old.path is distinct from new.path) execute function org_path_to_members()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('不支持回滚:请从备份恢复');
}
