import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * member_count: how many members each org node has IN ITS SUBTREE per (status, category, member
 * type), plus the roll-ups with '' = "any" category / "any" type, kept by triggers on member and
 * org_unit (issue 19). A roster total at any scope — a branch, a county, a province of 5,000,000
 * members — is then ONE primary-key lookup, exact, where counting the members in scope read 50,000
 * index entries per county page (25–80 ms) and millions at a province; a sum of per-branch rows
 * over a province subtree is 300,000 rows (measured ~300 ms). Every member is counted on its
 * branch and each ancestor (the ids of its path), so a write touches depth × 4 rows.
 * Triggers rather than service code, like member.org_path: imports, transfers, merges, restores
 * and the demo generator all write members, and none of them can forget the counters.
 * `server/modules/members/counts.ts` verifies them against a full count every day and repairs them
 * if they ever drift.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = dialectOf(db) === 'sqlite';
  await db.schema
    .createTable('member_count')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('member_type', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_count_pk', ['org_id', 'status', 'category', 'member_type'])
    // SQLite: the primary key is the table (the count is read with the key, no second B-tree).
    .$call((t) => (sqlite ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  // The roster and search indexes lead with the status every roster query fixes (default 正常):
  // a page, a jump to page 900 (OFFSET over index entries only, the rows fetched after) and a
  // pinyin search in (name_pinyin, id) order become index scans with no row read to check the
  // status and no sort (name_initials rides along: a search within a township or one county of a
  // province filters the scope's entries without reading rows). They replace (org_path, status),
  // which only the old counts used, and the two search indexes, which led with the name and so
  // needed a sort of every match.
  for (const name of ['member_scope_status', 'member_initials_scope', 'member_pinyin_scope'])
    await db.schema.dropIndex(name).execute();
  await db.schema
    .createIndex('member_roster')
    .on('member')
    .columns(['status', 'org_path', 'name_pinyin', 'id', 'name_initials'])
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

  await sql.raw(`insert into member_count (org_id, status, category, member_type, n) ${EXPECTED(sqlite)}`).execute(db);

  if (sqlite) {
    // One INSERT … SELECT per side writes the member's four keys (exact, any category, any type,
    // any of both) on every id of its branch's path; a row that does not exist yet starts at the delta.
    const side = (r: 'new' | 'old', delta: number) => `insert into member_count
        (org_id, status, category, member_type, n)
      select a.value, ${r}.status, c.v, t.v, ${delta}
      from org_unit o, json_each(${IDS_SQLITE('o.path')}) a,
        (select ${r}.category as v union all select '') c, (select ${r}.member_type as v union all select '') t
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
    // A node moved (its path and its whole subtree's change in one UPDATE): each node's OWN members
    // leave the ancestors it no longer has and join the new ones; ids on both paths keep theirs. A
    // node's first path (written after its insert, when its id is known) moves nobody.
    const own = (g: string) => `select status, ${g}, count(*) as n from member where org_id = new.id group by 1, 2, 3`;
    await sql
      .raw(`create trigger org_path_to_member_counts after update of path on org_unit
        when old.path <> new.path and old.path glob '/[0-9]*/' begin
        insert into member_count (org_id, status, category, member_type, n)
        select s.value, d.status, d.category, d.member_type, d.n * s.sign
        from (${own('category, member_type')} union all ${own("category, ''")}
          union all ${own("'', member_type")} union all ${own("'', ''")}) d,
          (select value, -1 as sign from json_each(${IDS_SQLITE('old.path')})
             where value not in (select value from json_each(${IDS_SQLITE('new.path')}))
           union all select value, 1 from json_each(${IDS_SQLITE('new.path')})
             where value not in (select value from json_each(${IDS_SQLITE('old.path')}))) s
        where true
        on conflict (org_id, status, category, member_type) do update set n = n + excluded.n; end`)
      .execute(db);
    return;
  }
  // PostgreSQL: statement triggers over the transition tables, so a multi-row insert (an import
  // batch, a merge moving a branch) writes each counter row once, in key order — two transactions
  // touching the same counters lock them in the same order and never deadlock each other.
  const apply = (name: string, deltas: string) =>
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin
      insert into member_count (org_id, status, category, member_type, n)
      select a.id, d.status, c.v, t.v, sum(d.n)::int
      from (${deltas}) d
      join org_unit o on o.id = d.org_id
      cross join lateral unnest(${IDS_PG('o.path')}) a(id)
      cross join lateral (values (d.category), ('')) c(v)
      cross join lateral (values (d.member_type), ('')) t(v)
      group by 1, 2, 3, 4 having sum(d.n) <> 0
      order by 1, 2, 3, 4
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
  // A node moved: its own members leave the ancestors it no longer has and join the new ones.
  await sql
    .raw(`create function org_path_to_member_counts() returns trigger language plpgsql as $$ begin
      insert into member_count (org_id, status, category, member_type, n)
      select s.id, d.status, d.category, d.member_type, (d.n * s.sign)::int
      from (select m.status, c.v as category, t.v as member_type, count(*) as n from member m
          cross join lateral (values (m.category), ('')) c(v)
          cross join lateral (values (m.member_type), ('')) t(v)
          where m.org_id = new.id group by 1, 2, 3) d,
        (select x.id, -1 as sign from unnest(${IDS_PG('old.path')}) x(id) where x.id <> all(${IDS_PG('new.path')})
         union all select x.id, 1 from unnest(${IDS_PG('new.path')}) x(id) where x.id <> all(${IDS_PG('old.path')})) s
      order by 1, 2, 3, 4
      on conflict (org_id, status, category, member_type) do update set n = member_count.n + excluded.n;
      return null; end $$`)
    .execute(db);
  await sql`create trigger org_path_to_member_counts after update of path on org_unit
    for each row when (old.path is distinct from new.path and old.path ~ '^/([0-9]+/)+$')
    execute function org_path_to_member_counts()`.execute(db);
}

/** The ids of a path `/1/5/23/` as a JSON array `[1,5,23]` (SQLite). */
const IDS_SQLITE = (p: string) => `'[' || replace(substr(${p}, 2, length(${p}) - 2), '/', ',') || ']'`;
/** The ids of a path as int[] (PostgreSQL). */
const IDS_PG = (p: string) => `string_to_array(trim(both '/' from ${p}), '/')::int[]`;

/**
 * What the counters hold, computed from the members (the backfill here, and the daily check and
 * repair of server/modules/members/counts.ts): members counted per branch and key once, rolled up
 * to the "any" keys, then added to every id of the branch's path.
 */
export const EXPECTED = (sqlite: boolean) => `with f as (
    select org_id, status, category, member_type, count(*) as n from member group by 1, 2, 3, 4),
  g as (
    select org_id, status, category, member_type, n from f
    union all select org_id, status, category, '', sum(n) from f group by 1, 2, 3
    union all select org_id, status, '', member_type, sum(n) from f group by 1, 2, 4
    union all select org_id, status, '', '', sum(n) from f group by 1, 2)
  select a.id as org_id, g.status, g.category, g.member_type, cast(sum(g.n) as integer) as n
  from g join org_unit o on o.id = g.org_id
  ${sqlite ? `join (select o2.id as oid, j.value as id from org_unit o2, json_each(${IDS_SQLITE('o2.path')}) j) a on a.oid = o.id` : `cross join lateral unnest(${IDS_PG('o.path')}) a(id)`}
  group by 1, 2, 3, 4`;

export async function down(): Promise<void> {
  throw new Error('不支持回滚:请从备份恢复');
}
