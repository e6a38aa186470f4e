/**
 * Multi-row INSERT for large generated loads (the demo year, the bench county): the statement text
 * and parameters are built directly, because building a 3,000-row insert through the query builder
 * costs more than executing it (~18 µs per row to compile on this machine). Columns and values are
 * ours (never user input); values are always bound parameters.
 */
import { CompiledQuery } from 'kysely';
import type { Executor } from '../../db/connect.ts';

/** Inserts `rows` (arrays in `columns` order) in chunks that stay under both databases' parameter limits. */
export async function bulkInsert(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  /** Appended to each statement, e.g. an `on conflict … do update` clause (ours, never user input). */
  suffix = '',
) {
  const per = Math.max(1, Math.floor(30_000 / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const r of chunk) {
      const ph: string[] = [];
      for (const v of r) {
        params.push(v);
        ph.push(dialect === 'postgres' ? `$${params.length}` : '?');
      }
      tuples.push(`(${ph.join(', ')})`);
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(', ') + suffix, params));
  }
}
