/**
 * The 工作台 ranking of lead units by overdue tasks, kept ranked (issue 19).
 *
 * The ranking summed `task_count`'s overdue lead rows (pending and doing, every light) per unit and
 * sorted the sums: at a province that is every unit that leads an overdue task — ~1.1 s per
 * 工作台 on PostgreSQL. `task_overdue` holds each lead unit's sum, kept by row triggers on
 * `task_count` itself (so every path that moves a counter — the task and link triggers, the light
 * recompute's batched moves, a rebuild — moves it too), and the index (n desc, org_id) hands the
 * top ten to the whole tree's 工作台 without reading the rest.
 */
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

/** The counter rows the ranking sums: a unit's own (lead) overdue tasks, not yet handed in. */
const ranked = (r: 'new' | 'old') => `${r}.lead = 1 and ${r}.overdue = 1 and ${r}.status in ('pending', 'doing')`;
const add = (org: string, n: string) =>
  `insert into task_overdue (org_id, n) values (${org}, ${n}) on conflict (org_id) do update set n = task_overdue.n + excluded.n`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('task_overdue')
    .addColumn('org_id', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_overdue_rank').on('task_overdue').columns(['n desc', 'org_id']).execute();
  await sql`insert into task_overdue (org_id, n)
    select org_id, sum(n) from task_count where lead = 1 and overdue = 1 and status in ('pending', 'doing')
    group by org_id having sum(n) <> 0`.execute(db);
  if (dialectOf(db) === 'sqlite') {
    await sql
      .raw(`create trigger task_overdue_ins after insert on task_count when ${ranked('new')} begin
      ${add('new.org_id', 'new.n')}; end`)
      .execute(db);
    await sql
      .raw(`create trigger task_overdue_upd after update of n on task_count
      when ${ranked('new')} and old.n <> new.n begin ${add('new.org_id', 'new.n - old.n')}; end`)
      .execute(db);
    await sql
      .raw(`create trigger task_overdue_del after delete on task_count when ${ranked('old')} begin
      update task_overdue set n = n - old.n where org_id = old.org_id; end`)
      .execute(db);
    return;
  }
  await sql
    .raw(`create function task_overdue_row() returns trigger language plpgsql as $$ begin
    if tg_op = 'INSERT' then ${add('new.org_id', 'new.n')};
    elsif tg_op = 'UPDATE' then ${add('new.org_id', 'new.n - old.n')};
    else update task_overdue set n = n - old.n where org_id = old.org_id;
    end if;
    return null; end $$`)
    .execute(db);
  await sql
    .raw(`create trigger task_overdue_ins after insert on task_count for each row
    when (${ranked('new')}) execute function task_overdue_row()`)
    .execute(db);
  await sql
    .raw(`create trigger task_overdue_upd after update of n on task_count for each row
    when (${ranked('new')} and old.n <> new.n) execute function task_overdue_row()`)
    .execute(db);
  await sql
    .raw(`create trigger task_overdue_del after delete on task_count for each row
    when (${ranked('old')}) execute function task_overdue_row()`)
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('不支持回滚:请从备份恢复');
}
