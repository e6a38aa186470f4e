import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { fullTaskCounts, rebuildTaskCounts } from '../task-counts.ts';

/**
 * Maintained 工作台 counters (issue 19). Counting the links of a county (133k rows for 100k tasks)
 * on every 工作台 request cost ~100 ms on PostgreSQL; `task_count` holds the answer instead:
 * - `lead = 0`: per org node and (status, light, overdue), the number of DISTINCT tasks with a unit
 *   anywhere in that node's subtree — the closure over the ancestors of each link's path, so a task
 *   with two units in one subtree counts once there and a scope reads one node's ≤ 24 rows;
 * - `lead = 1`: per lead unit (exactly that node), for the ranking of units by overdue tasks.
 * `task.overdue` is the traffic light's own overdue verdict, written with the light (the lights are
 * recomputed when the local day changes, before any 工作台 is read), so counters can hold it.
 * Triggers on both dialects keep the counters true whoever writes `task` or `task_org`: a change of a
 * task's status/light/overdue moves it between buckets at every ancestor of its units; a link
 * inserted, deleted or re-pathed (a subtree moved) adds or removes the task at the ancestors that
 * no other link of the task covers. `server/db/task-counts.ts` recounts from scratch to verify/repair.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('task')
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('task_count')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('lead', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('light', 'text', (c) => c.notNull())
    .addColumn('overdue', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_count_pk', ['org_id', 'lead', 'status', 'light', 'overdue'])
    .execute();
  // The ranking reads the overdue lead rows only (a few hundred of a county's thousands of rows).
  await db.schema
    .createIndex('task_count_ranking')
    .on('task_count')
    .columns(['lead', 'overdue', 'status', 'org_id', 'n'])
    .execute();
  // Key projects newest first, for a scope's 工作台 (few rows: walk them, check the scope).
  await db.schema.createIndex('task_key_project').on('task').columns(['key_project', 'id']).execute();
  // The overdue verdict as of the date the lights were last computed for (computeLight: a deadline
  // before that date, not handed in), set-based: no recompute of every light (2M at a province).
  const fresh = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', 'traffic.lights_date')
    .executeTakeFirst();
  if (fresh)
    await db
      .updateTable('task')
      .set({ overdue: 1 })
      .where('status', 'in', ['pending', 'doing'])
      .where('due_date', '<', JSON.parse(fresh.value))
      .execute();
  // Counted once, set-based, before the triggers exist.
  if (dialectOf(db) === 'sqlite') {
    await sql`insert into task_count (org_id, lead, status, light, overdue, n) ${fullTaskCounts()}`.execute(db);
    await sqliteTriggers(db);
    return;
  }
  await sql`create function org_ancestors(p text) returns int[] language sql immutable as $$
    select case when p like '/%/' then string_to_array(trim(both '/' from p), '/')::int[] else '{}'::int[] end $$`.execute(
    db,
  );
  // Each (ancestor, task) pair once, then grouped: one pass over the links (2.6M at a province).
  await rebuildTaskCounts(db, 'postgres');
  await postgresTriggers(db);
}

/** SQLite: the ancestor ids of a materialized path ('/1/5/9/' → 1, 5, 9) as a table. */
const anc = (p: string) =>
  `json_each(case when ${p} like '/%/' then '[' || replace(trim(${p}, '/'), '/', ',') || ']' else '[]' end)`;
const bump = 'on conflict (org_id, lead, status, light, overdue) do update set n = task_count.n + excluded.n';
const cols = 'insert into task_count (org_id, lead, status, light, overdue, n)';
/** Ancestors covered by the task's links other than the one being written. */
const others = (task: string, org: string) =>
  `(select k.value from task_org y, ${anc('y.org_path')} k where y.task_id = ${task} and y.org_id <> ${org})`;
const bucketOf = (task: string) => `(select status, light, overdue from task where id = ${task})`;

async function sqliteTriggers(db: Kysely<any>) {
  // Row triggers; a change of one task touches its ancestors' rows (depth × units, ~5–10).
  await sql
    .raw(`create trigger task_count_task after update of status, light, overdue on task
    when old.status is not new.status or old.light is not new.light or old.overdue is not new.overdue begin
    update task_count set n = n - 1 where lead = 0 and status = old.status and light = old.light and overdue = old.overdue
      and org_id in (select j.value from task_org x, ${anc('x.org_path')} j where x.task_id = new.id);
    update task_count set n = n - 1 where lead = 1 and status = old.status and light = old.light and overdue = old.overdue
      and org_id in (select x.org_id from task_org x where x.task_id = new.id and x.role = 'lead');
    ${cols} select distinct j.value, 0, new.status, new.light, new.overdue, 1
      from task_org x, ${anc('x.org_path')} j where x.task_id = new.id ${bump};
    ${cols} select x.org_id, 1, new.status, new.light, new.overdue, 1
      from task_org x where x.task_id = new.id and x.role = 'lead' ${bump};
    end`)
    .execute(db);
  // A link's path is often set by another trigger right after its insert ('' → path): both the
  // insert and the path update count only what the row's path covers at that moment, and the lead
  // counter moves on an update only when the unit or the role changed (the insert counted it).
  const relead = '(old.org_id is not new.org_id or old.role is not new.role)';
  await sql
    .raw(`create trigger task_count_link_ins after insert on task_org begin
    ${cols} select j.value, 0, t.status, t.light, t.overdue, 1 from task t, ${anc('new.org_path')} j
      where t.id = new.task_id and j.value not in ${others('new.task_id', 'new.org_id')} ${bump};
    ${cols} select new.org_id, 1, t.status, t.light, t.overdue, 1 from task t
      where t.id = new.task_id and new.role = 'lead' ${bump};
    end`)
    .execute(db);
  await sql
    .raw(`create trigger task_count_link_upd after update of org_id, org_path, role on task_org
    when old.org_path is not new.org_path or old.org_id is not new.org_id or old.role is not new.role begin
    update task_count set n = n - 1 where lead = 0 and (status, light, overdue) = ${bucketOf('new.task_id')}
      and org_id in (select j.value from ${anc('old.org_path')} j where j.value not in ${others('new.task_id', 'new.org_id')});
    ${cols} select j.value, 0, t.status, t.light, t.overdue, 1 from task t, ${anc('new.org_path')} j
      where t.id = new.task_id and j.value not in ${others('new.task_id', 'new.org_id')} ${bump};
    update task_count set n = n - 1 where lead = 1 and old.role = 'lead' and org_id = old.org_id and ${relead}
      and (status, light, overdue) = ${bucketOf('new.task_id')};
    ${cols} select new.org_id, 1, t.status, t.light, t.overdue, 1 from task t
      where t.id = new.task_id and new.role = 'lead' and ${relead} ${bump};
    end`)
    .execute(db);
  await sql
    .raw(`create trigger task_count_link_del after delete on task_org begin
    update task_count set n = n - 1 where lead = 0 and (status, light, overdue) = ${bucketOf('old.task_id')}
      and org_id in (select j.value from ${anc('old.org_path')} j where j.value not in ${others('old.task_id', 'old.org_id')});
    update task_count set n = n - 1 where lead = 1 and old.role = 'lead' and org_id = old.org_id
      and (status, light, overdue) = ${bucketOf('old.task_id')};
    end`)
    .execute(db);
}

async function postgresTriggers(db: Kysely<any>) {
  // Deltas are summed per counter row and applied in key order: one upsert per row touched, and
  // concurrent writers lock counter rows in the same order.
  const apply = (deltas: string) => `${cols}
    select d.org_id, d.lead, d.status, d.light, d.overdue, sum(d.n)::int from (${deltas}) d
    group by d.org_id, d.lead, d.status, d.light, d.overdue having sum(d.n) <> 0
    order by d.org_id, d.lead, d.status, d.light, d.overdue ${bump}`;
  // Statement level with transition tables: the daily light recompute updates 500 tasks per
  // statement, and each statement moves all of them between buckets in one upsert.
  await sql
    .raw(`create function task_count_task() returns trigger language plpgsql as $$ begin
    -- The full recompute of the lights moves its tasks itself, summed over all of them (applyTaskMoves).
    if current_setting('luoshi.defer_counts', true) = 'on' then return null; end if;
    with ch as (
      select n.id, o.status as os, o.light as ol, o.overdue as oo, n.status as ns, n.light as nl, n.overdue as nov
      from new_rows n join old_rows o on o.id = n.id
      where o.status <> n.status or o.light <> n.light or o.overdue <> n.overdue
    ), a as (
      select distinct x.task_id, g.org_id, 0 as lead from task_org x
        cross join lateral unnest(org_ancestors(x.org_path)) as g(org_id) where x.task_id = any (array(select id from ch))
      union all
      select x.task_id, x.org_id, 1 from task_org x where x.task_id = any (array(select id from ch)) and x.role = 'lead'
    )
    ${apply(`select a.org_id, a.lead, ch.os as status, ch.ol as light, ch.oo as overdue, -1 as n from a join ch on ch.id = a.task_id
      union all select a.org_id, a.lead, ch.ns, ch.nl, ch.nov, 1 from a join ch on ch.id = a.task_id`)};
    return null; end $$`)
    .execute(db);
  await sql`create trigger task_count_task after update on task referencing old table as old_rows new table as new_rows
    for each statement execute function task_count_task()`.execute(db);
  // Links inserted (a bulk load inserts thousands per statement) or deleted: statement level.
  const ancOf = (rows: string, where = '') =>
    `select distinct x.task_id, g.org_id from ${rows} cross join lateral unnest(org_ancestors(x.org_path)) as g(org_id) ${where}`;
  const withBucket = (d: string) =>
    `select d.org_id, d.lead, t.status, t.light, t.overdue, d.n from (${d}) d join task t on t.id = d.task_id`;
  await sql
    .raw(`create function task_count_link_ins() returns trigger language plpgsql as $$ begin
    with nt as (select distinct task_id from new_rows),
    aft as (${ancOf('task_org x', 'where x.task_id = any (array(select task_id from nt))')}),
    bef as (${ancOf(
      'task_org x',
      `where x.task_id = any (array(select task_id from nt)) and not exists (select 1 from new_rows r where r.task_id = x.task_id and r.org_id = x.org_id)`,
    )})
    ${apply(
      withBucket(`select s.task_id, s.org_id, 0 as lead, 1 as n from (select * from aft except select * from bef) s
      union all select r.task_id, r.org_id, 1, 1 from new_rows r where r.role = 'lead'`),
    )};
    return null; end $$`)
    .execute(db);
  await sql`create trigger task_count_link_ins after insert on task_org referencing new table as new_rows
    for each statement execute function task_count_link_ins()`.execute(db);
  await sql
    .raw(`create function task_count_link_del() returns trigger language plpgsql as $$ begin
    with nt as (select distinct task_id from old_rows),
    aft as (${ancOf('task_org x', 'where x.task_id = any (array(select task_id from nt))')}),
    bef as (select * from aft union ${ancOf('old_rows x')})
    ${apply(
      withBucket(`select s.task_id, s.org_id, 0 as lead, -1 as n from (select * from bef except select * from aft) s
      union all select r.task_id, r.org_id, 1, -1 from old_rows r where r.role = 'lead'`),
    )};
    return null; end $$`)
    .execute(db);
  await sql`create trigger task_count_link_del after delete on task_org referencing old table as old_rows
    for each statement execute function task_count_link_del()`.execute(db);
  // Re-pathed links (a subtree moved: one statement per unit, so the other links of a task are
  // settled) are rare; a row trigger with a WHEN costs nothing on the copy updates of status/light.
  const relead = '(old.org_id is distinct from new.org_id or old.role is distinct from new.role)';
  const otherAnc = `(select h.org_id from task_org y cross join lateral unnest(org_ancestors(y.org_path)) as h(org_id)
      where y.task_id = new.task_id and y.org_id <> new.org_id)`;
  await sql
    .raw(`create function task_count_link_upd() returns trigger language plpgsql as $$ begin
    ${apply(
      withBucket(`select new.task_id as task_id, g.org_id, 0 as lead, -1 as n from unnest(org_ancestors(old.org_path)) as g(org_id)
        where g.org_id not in ${otherAnc}
      union all select new.task_id, g.org_id, 0, 1 from unnest(org_ancestors(new.org_path)) as g(org_id)
        where g.org_id not in ${otherAnc}
      union all select new.task_id, old.org_id, 1, -1 where old.role = 'lead' and ${relead}
      union all select new.task_id, new.org_id, 1, 1 where new.role = 'lead' and ${relead}`),
    )};
    return null; end $$`)
    .execute(db);
  await sql`create trigger task_count_link_upd after update on task_org for each row
    when (old.org_path is distinct from new.org_path or old.org_id is distinct from new.org_id or old.role is distinct from new.role)
    execute function task_count_link_upd()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('不支持回滚:请从备份恢复');
}
