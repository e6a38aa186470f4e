/**
 * Keyset pagination ("加载更多") and totals that do not scan millions of rows.
 *
 * A cursor is opaque to clients: base64url of `{ s, k, t, a }` — the list's sort (a cursor of one
 * ordering is refused by another), the sort key of the last row sent, and the total of the first page
 * with whether it was an estimate. Later pages carry the total forward instead of counting again, and
 * read `key > cursor` through the sort index instead of skipping OFFSET rows.
 */
import { CompiledQuery, type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../db/connect.ts';
import { badRequest } from './errors.ts';

export type KeyValue = string | number;
export interface Cursor {
  s: string;
  k: KeyValue[];
  t: number;
  a: boolean;
}

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/** The cursor of a list sorted by `sort` with `keys` key columns; a clear 400 for anything else. */
export function decodeCursor(raw: string, sort: string, keys: number): Cursor {
  let c: Partial<Cursor> | null = null;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    c = null;
  }
  const ok =
    !!c &&
    c.s === sort &&
    Array.isArray(c.k) &&
    c.k.length === keys &&
    c.k.every((x) => typeof x === 'string' || Number.isInteger(x)) &&
    Number.isInteger(c.t) &&
    (c.t as number) >= 0 &&
    typeof c.a === 'boolean';
  if (!ok) throw badRequest('CURSOR_INVALID', '翻页位置无效(列表条件可能已变化),请从第一页重新加载');
  return c as Cursor;
}

/**
 * Above this many rows a PostgreSQL total is the planner's estimate (shown as "约 N 条"): counting is
 * stopped at the cap, so a province-wide list never counts millions of index entries per page.
 * SQLite serves one county at most (tens of thousands of rows, an index range count of a few ms) and
 * always counts exactly.
 */
export const EXACT_TOTAL_CAP = 10_000;

/** The number of rows `q` selects: exact up to the cap, else (PostgreSQL) the planner's estimate. */
export function cappedTotal(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  q: SelectQueryBuilder<any, any, any>,
): Promise<{ total: number; approx: boolean }> {
  return cappedTotalOf(db, dialect, [q]);
}

/**
 * The same over DISJOINT parts whose rows add up to the list (a search over several index ranges is
 * several ordered index scans rather than one OR that has to sort): one statement, the parts' rows
 * as one UNION ALL under one cap — PostgreSQL stops at the cap in whichever part it is reached, and
 * estimates the whole union with one EXPLAIN.
 */
export async function cappedTotalOf(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  parts: SelectQueryBuilder<any, any, any>[],
): Promise<{ total: number; approx: boolean }> {
  const rows = parts.map((q) => q.select(sql<number>`1`.as('one')));
  const all = rows.slice(1).reduce((u, r) => u.unionAll(r), rows[0]);
  const { c } = await db
    .selectFrom((dialect === 'sqlite' ? all : all.limit(EXACT_TOTAL_CAP)).as('c'))
    .select((eb) => eb.fn.countAll<number>().as('c'))
    .executeTakeFirstOrThrow();
  const n = Number(c);
  if (dialect === 'sqlite' || n < EXACT_TOTAL_CAP) return { total: n, approx: false };
  const compiled = all.compile();
  const plan = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
  );
  const est = plan.rows[0]['QUERY PLAN'][0].Plan['Plan Rows'];
  // Never below what was actually counted; rounded so that it does not look exact.
  const total = Math.max(EXACT_TOTAL_CAP, Math.round(est));
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(total)) - 1);
  return { total: Math.round(total / unit) * unit, approx: true };
}
