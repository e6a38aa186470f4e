/**
 * Bridges the pure calendar / traffic-light rules to the database: loads the calendar and the
 * thresholds from the settings table, and keeps the cached `task.light` column true. The cache is
 * recomputed on every change of a task and for all open tasks once per local day (the first
 * request or scheduler tick of the day), or at once when the calendar or thresholds change.
 */
import { type Selectable, sql } from 'kysely';
import type { Light } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { TaskTable } from '../../db/schema/supervision.ts';
import { localDate } from '../../lib/clock.ts';
import { applyTaskMoves, type TaskMove } from '../../db/task-counts.ts';
import { computeLight, DEFAULT_THRESHOLDS, type LightInput, type LightThresholds } from '../../lib/traffic-light.ts';
import { makeCalendar, type WorkCalendar, type YearCalendar } from '../../lib/workdays.ts';
import { turn } from '../../lib/turn.ts';

export const CALENDAR_KEY = (year: number) => `calendar.${year}`;
export const THRESHOLDS_KEY = 'traffic.thresholds';
/** The local date the cached lights were last recomputed for (all open tasks). */
export const LIGHTS_DATE_KEY = 'traffic.lights_date';
const FRESH_KEY = LIGHTS_DATE_KEY;

export interface LightRules {
  cal: WorkCalendar;
  th: LightThresholds;
}

export async function loadRules(db: Executor): Promise<LightRules> {
  const rows = await db
    .selectFrom('setting')
    .select(['key', 'value'])
    .where((eb) => eb.or([eb('key', 'like', 'calendar.%'), eb('key', '=', THRESHOLDS_KEY)]))
    .execute();
  const years: YearCalendar[] = [];
  let th = DEFAULT_THRESHOLDS;
  for (const r of rows) {
    if (r.key === THRESHOLDS_KEY) th = { ...DEFAULT_THRESHOLDS, ...JSON.parse(r.value) };
    else years.push(JSON.parse(r.value));
  }
  return { cal: makeCalendar(years), th };
}

export async function putSetting(db: Executor, key: string, value: unknown, now: string) {
  await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
    .execute();
}

const LIGHT_COLS = [
  'id',
  'status',
  'issued_date',
  'accepted_date',
  'due_date',
  'progress',
  'last_report_date',
  'report_cycle',
  'light',
  'light_reasons',
  'overdue',
] as const;
type LightRow = Pick<Selectable<TaskTable>, (typeof LIGHT_COLS)[number]>;

export const toLightInput = (r: Omit<LightRow, 'id' | 'light' | 'light_reasons' | 'overdue'>): LightInput => ({
  status: r.status,
  issuedDate: r.issued_date,
  acceptedDate: r.accepted_date,
  dueDate: r.due_date,
  progress: r.progress,
  lastReportDate: r.last_report_date,
  reportCycle: r.report_cycle,
});

/** Recomputes the light of the given tasks (inside the caller's transaction). */
export async function refreshLights(db: Executor, ctx: Ctx, ids: number[], rules?: LightRules) {
  if (!ids.length) return;
  const r = rules ?? (await loadRules(db));
  const today = localDate(ctx.clock.now());
  const rows = await db
    .selectFrom('task')
    .select([...LIGHT_COLS])
    .where('id', 'in', ids)
    .execute();
  await writeLights(db, ctx.dialect, rows, today, r);
}

async function writeLights(
  db: Executor,
  dialect: Ctx['dialect'],
  rows: LightRow[],
  today: string,
  r: LightRules,
  moves?: TaskMove[],
) {
  const changed: [number, Light, string, number][] = [];
  for (const row of rows) {
    const res = computeLight(toLightInput(row), today, r.cal, r.th);
    const reasons = JSON.stringify(res.reasons);
    const overdue = res.overdue ? 1 : 0;
    if (res.light !== row.light || reasons !== row.light_reasons || overdue !== Number(row.overdue))
      changed.push([row.id, res.light, reasons, overdue]);
    if (moves && (res.light !== row.light || overdue !== Number(row.overdue)))
      moves.push({ id: row.id, status: row.status, from: [row.light, Number(row.overdue)], to: [res.light, overdue] });
  }
  // Only what moved is written, 500 rows per statement (UPDATE … FROM (VALUES …) on both databases).
  for (let i = 0; i < changed.length; i += 500) {
    await turn();
    const chunk = changed.slice(i, i + 500);
    if (chunk.length === 1) {
      await db
        .updateTable('task')
        .set({ light: chunk[0][1], light_reasons: chunk[0][2], overdue: chunk[0][3] })
        .where('id', '=', chunk[0][0])
        .execute();
      continue;
    }
    const values = sql.join(chunk.map(([id, light, reasons, od]) => sql`(${id}, ${light}, ${reasons}, ${od})`));
    // SQLite names VALUES columns column1…; PostgreSQL takes a column alias list.
    if (dialect === 'sqlite')
      await sql`update task set light = v.column2, light_reasons = v.column3, overdue = v.column4 from (values ${values}) as v where task.id = v.column1`.execute(
        db,
      );
    else
      await sql`update task set light = v.light, light_reasons = v.reasons, overdue = cast(v.overdue as integer) from (values ${values}) as v(id, light, reasons, overdue) where task.id = cast(v.id as integer)`.execute(
        db,
      );
  }
  return rows.length;
}

/** A keyset page of the unfinished tasks' light inputs (pages keep memory flat at county scale). */
const lightPage = (db: Executor, after: number) =>
  db
    .selectFrom('task')
    .select([...LIGHT_COLS])
    .where('status', '!=', 'done')
    .where('id', '>', after)
    .orderBy('id')
    .limit(2000)
    .execute();

/**
 * Recomputes every unfinished task's light for `today`; returns how many were examined. A turn of
 * the event loop per page (lib/turn.ts): on SQLite the whole recompute was one 3–4 s stretch for
 * 100,000 tasks. SQLite also commits page by page: one transaction's COMMIT wrote every changed
 * page at the end, ~100 ms on the event loop; each page is consistent with its counters (row
 * triggers), and a run cut short leaves the day unmarked, so the next one starts over.
 */
export async function recomputeAll(ctx: Ctx, today = localDate(ctx.clock.now())): Promise<number> {
  if (ctx.dialect === 'sqlite') {
    const r = await loadRules(ctx.db);
    let n = 0;
    let after = 0;
    for (;;) {
      await turn();
      const last = await ctx.db.transaction().execute(async (trx) => {
        const rows = await lightPage(trx, after);
        if (!rows.length) return null;
        n += await writeLights(trx, ctx.dialect, rows, today, r);
        return rows[rows.length - 1].id;
      });
      if (last === null) break;
      after = last;
    }
    await putSetting(ctx.db, FRESH_KEY, today, ctx.clock.now().toISOString());
    return n;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const r = await loadRules(trx);
    let n = 0;
    let after = 0;
    // PostgreSQL: the counters' statement trigger steps aside and the moves are applied once, summed
    // over all tasks (the first recompute of a bulk load moves most tasks: 3,500 counter upserts per
    // 500 tasks through the trigger, 50 s for 100k tasks, against ~20k rows at once). One
    // transaction, so that no reader sees lights moved without their counters.
    const moves: TaskMove[] = [];
    await sql`select set_config('luoshi.defer_counts', 'on', true)`.execute(trx);
    for (;;) {
      const rows = await lightPage(trx, after);
      if (!rows.length) break;
      n += await writeLights(trx, ctx.dialect, rows, today, r, moves);
      after = rows[rows.length - 1].id;
    }
    await applyTaskMoves(trx, moves);
    await sql`select set_config('luoshi.defer_counts', 'off', true)`.execute(trx);
    await putSetting(trx, FRESH_KEY, today, ctx.clock.now().toISOString());
    return n;
  });
}

/** Makes sure lights reflect today's date (cheap check; full recompute once per local day). */
export async function ensureFresh(ctx: Ctx) {
  const today = localDate(ctx.clock.now());
  const row = await ctx.db.selectFrom('setting').select('value').where('key', '=', FRESH_KEY).executeTakeFirst();
  if (row && JSON.parse(row.value) === today) return;
  await recomputeAll(ctx, today);
}

/** Forces the next request to recompute (after the calendar or thresholds changed). */
export async function markStale(db: Executor) {
  await db.deleteFrom('setting').where('key', '=', FRESH_KEY).execute();
}
