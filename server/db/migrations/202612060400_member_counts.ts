import { sql, type Kysely } from 'kysely';
import { binaryText, dialectOf } from '../dialect.ts';

/**
 * member_count: how many members each branch has per (status, category, member type), plus the
 * roll-ups with '' = "any" category / "any" type, kept by triggers on member and org_unit (issue 19).
 * A roster total is then the sum of one key's rows over the subtree — an index range over at most
 * one row per branch — instead of counting every member in scope (a county: 50,000 index entries,
 * 25–80 ms per first page; a province: millions). Triggers rather than service code, like
 * member.org_path: imports, transfers, merges, restores and the demo generator all write members,
 * and none of them can forget the counters. `server/modules/members/counts.ts` verifies the counters
 * against a full count every day and repairs them if they ever drift.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = dialectOf(db) === 'sqlite';
  await db.schema
    .createTable('member_count')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', binaryText(db), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('member_type', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_count_pk', ['org_id', 'status', 'category', 'member_type'])
    // SQLite: the primary key is the table (no rowid B-tree beside it).
    .$call((t) => (sqlite ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  // The subtree sum: equality on the key, a range on the path, the count read from the index.
  await db.schema
    .createIndex('member_count_scope')
    .on('member_count')
    .columns(['status', 'category', 'member_type', 'org_path', 'n'])
    .execute();
  // The roster and search indexes lead with the status every roster query fixes (default 正常):
  // a page, a jump to page 900 (OFFSET over index entries only, the rows fetched after) and a
  // pinyin search in (name_pinyin, id) order become index scans with no row read to check the
  // status and no sort. They replace (org_path, status), which only the old counts used, and the
  // two search indexes, which led with the name and so needed a sort of every match.
  for (const name of ['member_scope_status', 'member_initials_scope', 'member_pinyin_scope'])
    await db.schema.dropIndex(name).execute();
  await db.schema
    .createIndex('member_roster')
    .on('member')
    .columns(['status', 'org_path', 'name_pinyin', 'id'])
    .execute();
  await db.schema
    .createIndex('member_pinyin_scope')
    .on('member')
    .columns(['status', 'name_pinyin', 'id', 'org_path'])
    .execute();
  await db.schema
    .createIndex('member_initials_scope')
    .on('member')
    .columns(['status', 'name_initials', 'name_pinyin', 'id', 'org_path'])
    .execute();

  await sql`insert into member_count (org_id, org_path, status, category, member_type, n)
    with f as (select org_id, status, category, member_type, count(*) as n from member group by 1, 2, 3, 4),
    g as (
      select org_id, status, category, member_type, n from f
      union all select org_id, status, category, '', sum(n) from f group by 1, 2, 3
      union all select org_id, status, '', member_type, sum(n) from f group by 1, 2, 4
      union all select org_id, status, '', '', sum(n) from f group by 1, 2)
    select g.org_id, o.path, g.status, g.category, g.member_type, g.n from g join org_unit o on o.id = g.org_id`.execute(
    db,
  );

  if (sqlite) {
    // One INSERT … SELECT per side writes the four rows (exact key, any category, any type, any of
    // both) of a member; a row that does not exist yet starts at the delta.
    const side = (r: 'new' | 'old', delta: number) => `insert into member_count
        (org_id, org_path, status, category, member_type, n)
      select ${r}.org_id, o.path, ${r}.status, c.v, t.v, ${delta}
      from org_unit o, (select ${r}.category as v union all select '') c,
        (select ${r}.member_type as v union all select '') t
      where o.id = ${r}.org_id
      on conflict (org_id, status, category, member_type) do update set n = n + excluded.n;`;
    await sql.raw(`create trigger member_count_ins after insert on member begin ${side('new', 1)} end`).execute(db);
    await sql.raw(`create trigger member_count_del after delete on member begin ${side('old', -1)} end`).execute(db);
    await sql
      .raw(`create trigger member_count_upd after update of org_id, status, category, member_type on member
        when old.org_id <> new.org_id or old.status <> new.status or old.category <> new.category
          or old.member_type <> new.member_type
        begin ${side('old', -1)} ${side('new', 1)} end`)
      .execute(db);
    await sql`create trigger org_path_to_member_counts after update of path on org_unit begin
      update member_count set org_path = new.path where org_id = new.id; end`.execute(db);
    return;
  }
  // PostgreSQL: statement triggers over the transition tables, so a multi-row insert (an import
  // batch, a merge moving a branch) writes each counter row once, in key order — two transactions
  // touching the same counters lock them in the same order and never deadlock each other.
  const apply = (name: string, deltas: string) =>
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin
      insert into member_count (org_id, org_path, status, category, member_type, n)
      select g.org_id, o.path, g.status, g.category, g.member_type, g.n from (
        select d.org_id, d.status, c.v as category, t.v as member_type, sum(d.n)::int as n
        from (${deltas}) d
        cross join lateral (values (d.category), ('')) c(v)
        cross join lateral (values (d.member_type), ('')) t(v)
        group by 1, 2, 3, 4 having sum(d.n) <> 0) g
      join org_unit o on o.id = g.org_id
      order by g.org_id, g.status, g.category, g.member_type
      on conflict (org_id, status, category, member_type) do update set n = member_count.n + excluded.n;
      return null; end $$`);
  const cols = 'org_id, status, category, member_type';
  await apply('member_count_ins', `select ${cols}, 1 as n from new_rows`).execute(db);
  await apply('member_count_del', `select ${cols}, -1 as n from old_rows`).execute(db);
  // Only rows whose key changed: an edit of a phone number, or the org_path cascade of a subtree
  // move, adds nothing.
  await apply(
    'member_count_upd',
    `select x.* from new_rows a join old_rows b on a.id = b.id
      cross join lateral (values (a.org_id, a.status, a.category, a.member_type, 1),
        (b.org_id, b.status, b.category, b.member_type, -1)) x(org_id, status, category, member_type, n)
      where (a.org_id, a.status, a.category, a.member_type) is distinct from (b.org_id, b.status, b.category, b.member_type)`,
  ).execute(db);
  await sql`create trigger member_count_ins after insert on member referencing new table as new_rows
    for each statement execute function member_count_ins()`.execute(db);
  await sql`create trigger member_count_del after delete on member referencing old table as old_rows
    for each statement execute function member_count_del()`.execute(db);
  await sql`create trigger member_count_upd after update on member
    referencing new table as new_rows old table as old_rows
    for each statement execute function member_count_upd()`.execute(db);
  await sql`create function org_path_to_member_counts() returns trigger language plpgsql as $$
    begin update member_count set org_path = new.path where org_id = new.id; return null; end $$`.execute(db);
  await sql`create trigger org_path_to_member_counts after update of path on org_unit
    for each row when (old.path is distinct from new.path) execute function org_path_to_member_counts()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('不支持回滚:请从备份恢复');
}
