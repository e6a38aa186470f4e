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
    const bad = [...diffs.values()].filter((d) => d.stored !== d.counted);
    if (o.repair && bad.length) {
      await trx.deleteFrom('task_count').execute();
      await sql`insert into task_count (org_id, lead, status, light, overdue, n) ${fullTaskCounts()}`.execute(trx);
    }
    return bad;
  };
  if (!o.repair) return run(db);
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
