/**
 * The 工作台 counters (`task_count`, migration 202612060500_task_counts) counted from scratch: the
 * migration fills the table with it, and `checkTaskCounts` compares the trigger-maintained rows with
 * it (and rewrites them on request). It reaches the same numbers another way on purpose — subtrees
 * by path ranges over `org_unit`, where the triggers split each link's path into ancestor ids — so a
 * trigger bug shows up as a difference instead of being repeated.
 */
import { sql } from 'kysely';
import type { Executor } from './connect.ts';

export function fullTaskCounts() {
  return sql`select o.id as org_id, 0 as lead, t.status, t.light, t.overdue, count(distinct t.id) as n
    from org_unit o
    join task_org x on x.org_path >= o.path and x.org_path < substr(o.path, 1, length(o.path) - 1) || '0'
    join task t on t.id = x.task_id
    where o.path like '/%/'
    group by o.id, t.status, t.light, t.overdue
    union all
    select x.org_id, 1 as lead, t.status, t.light, t.overdue, count(*) as n
    from task_org x join task t on t.id = x.task_id
    where x.role = 'lead'
    group by x.org_id, t.status, t.light, t.overdue`;
}

/**
 * Rewrites every counter from the links, set-based (after a bulk load that ran with the triggers off;
 * the migration's backfill; the ranking's sums in task_overdue follow through the triggers on
 * task_count). PostgreSQL splits each link's path into ancestor ids once (2.6M links of
 * a province in one pass); SQLite, one county at most, uses the full count above.
 */
export async function rebuildTaskCounts(db: Executor, dialect: 'sqlite' | 'postgres') {
  await db.deleteFrom('task_count').execute();
  if (dialect === 'sqlite') {
    await sql`insert into task_count (org_id, lead, status, light, overdue, n) ${fullTaskCounts()}`.execute(db);
    return;
  }
  await sql`insert into task_count (org_id, lead, status, light, overdue, n)
    select d.org_id, 0, t.status, t.light, t.overdue, count(*) from (
      select distinct g.org_id, x.task_id from task_org x cross join lateral unnest(org_ancestors(x.org_path)) as g(org_id)
    ) d join task t on t.id = d.task_id group by d.org_id, t.status, t.light, t.overdue
    union all
    select x.org_id, 1, t.status, t.light, t.overdue, count(*) from task_org x join task t on t.id = x.task_id
    where x.role = 'lead' group by x.org_id, t.status, t.light, t.overdue`.execute(db);
}

/** The ranking's sums rewritten from the counters (a repair: the triggers carried a drift through). */
async function rebuildOverdue(db: Executor) {
  await db.deleteFrom('task_overdue').execute();
  await sql`insert into task_overdue (org_id, n)
    select org_id, sum(n) from task_count where lead = 1 and overdue = 1 and status in ('pending', 'doing')
    group by org_id having sum(n) <> 0`.execute(db);
}

export interface CountDiff {
  orgId: number;
  lead: number;
  status: string;
  light: string;
  overdue: number;
  stored: number;
  counted: number;
}

const keyOf = (r: { org_id: number; lead: number; status: string; light: string; overdue: number }) =>
  `${r.org_id}|${r.lead}|${r.status}|${r.light}|${r.overdue}`;

/**
 * Compares the maintained counters with a full count; with `repair`, rewrites them from the count
 * (in the caller's transaction, or its own). Returns the differences found (empty when true).
 */
export async function checkTaskCounts(db: Executor, o: { repair?: boolean } = {}): Promise<CountDiff[]> {
  const run = async (trx: Executor) => {
    const counted = await sql<{
      org_id: number;
      lead: number;
      status: string;
      light: string;
      overdue: number;
      n: number;
    }>`${fullTaskCounts()}`.execute(trx);
    const stored = await trx.selectFrom('task_count').selectAll().execute();
    const diffs = new Map<string, CountDiff>();
    const at = (r: Parameters<typeof keyOf>[0]) => {
      const k = keyOf(r);
      let d = diffs.get(k);
      if (!d) {
        d = {
          orgId: Number(r.org_id),
          lead: Number(r.lead),
          status: r.status,
          light: r.light,
          overdue: Number(r.overdue),
          stored: 0,
          counted: 0,
        };
        diffs.set(k, d);
      }
      return d;
    };
    for (const r of counted.rows) at(r).counted += Number(r.n);
    for (const r of stored) at(r).stored += Number(r.n);
    // The ranking's sums (task_overdue): each lead unit's overdue pending/doing rows of the full
    // count, reported as lead = 2 rows (status 'overdue').
    const rank = (org: number) => at({ org_id: org, lead: 2, status: 'overdue', light: '*', overdue: 1 });
    for (const r of counted.rows)
      if (Number(r.lead) === 1 && Number(r.overdue) === 1 && (r.status === 'pending' || r.status === 'doing'))
        rank(Number(r.org_id)).counted += Number(r.n);
    for (const r of await trx.selectFrom('task_overdue').selectAll().execute()) rank(r.org_id).stored += Number(r.n);
    const bad = [...diffs.values()].filter((d) => d.stored !== d.counted);
    if (o.repair && bad.length) {
      await trx.deleteFrom('task_count').execute();
      await sql`insert into task_count (org_id, lead, status, light, overdue, n) ${fullTaskCounts()}`.execute(trx);
      await rebuildOverdue(trx);
    }
    return bad;
  };
  if (!o.repair) return run(db);
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** A task whose light or overdue verdict changed (its status did not). */
export interface TaskMove {
  id: number;
  status: string;
  from: [string, number];
  to: [string, number];
}

/**
 * Moves tasks between counter buckets in one go (the full light recompute on PostgreSQL, whose
 * trigger is deferred for it): the same rule as the triggers — each ancestor id of any of the task's
 * link paths once, the lead unit once — summed per counter row before writing.
 */
export async function applyTaskMoves(db: Executor, moves: TaskMove[]) {
  const delta = new Map<string, number>();
  const add = (org: number, lead: number, status: string, [light, overdue]: [string, number], d: number) => {
    const k = `${org}|${lead}|${status}|${light}|${overdue}`;
    delta.set(k, (delta.get(k) ?? 0) + d);
  };
  for (let i = 0; i < moves.length; i += 5000) {
    const chunk = moves.slice(i, i + 5000);
    const links = await db
      .selectFrom('task_org')
      .select(['task_id', 'org_id', 'role', 'org_path'])
      .where(
        'task_id',
        'in',
        chunk.map((m) => m.id),
      )
      .execute();
    const byTask = new Map<number, typeof links>();
    for (const l of links) byTask.set(l.task_id, [...(byTask.get(l.task_id) ?? []), l]);
    for (const m of chunk) {
      const ls = byTask.get(m.id) ?? [];
      const anc = new Set<number>();
      for (const l of ls)
        if (/^\/.*\/$/.test(l.org_path)) for (const x of l.org_path.slice(1, -1).split('/')) anc.add(Number(x));
      for (const [org, lead] of [
        ...[...anc].map((a) => [a, 0]),
        ...ls.filter((l) => l.role === 'lead').map((l) => [l.org_id, 1]),
      ]) {
        add(org, lead, m.status, m.from, -1);
        add(org, lead, m.status, m.to, 1);
      }
    }
  }
  const rows = [...delta].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map(([k, n]) => {
      const [org, lead, status, light, overdue] = k.split('|');
      return sql`(${Number(org)}, ${Number(lead)}, ${status}, ${light}, ${Number(overdue)}, ${n})`;
    });
    await sql`insert into task_count (org_id, lead, status, light, overdue, n) values ${sql.join(values)}
      on conflict (org_id, lead, status, light, overdue) do update set n = task_count.n + excluded.n`.execute(db);
  }
}
