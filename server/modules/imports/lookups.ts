/** Database look-ups shared by the org and member imports. */
import type { Ctx } from '../../context.ts';
import { inSubtree, sql, type Actor } from '../../lib/scope.ts';

export interface ScopeOrg {
  id: number;
  code: string;
  name: string;
  type: string;
  status: string;
  path: string;
  depth: number;
}

/** Every org node in the caller's subtree by code: a code outside it simply is not found. */
export async function loadScopeOrgs(ctx: Ctx, actor: Actor): Promise<Map<string, ScopeOrg>> {
  const rows = await ctx.db
    .selectFrom('org_unit as o')
    .select(['o.id', 'o.code', 'o.name', 'o.type', 'o.status', 'o.path', 'o.depth'])
    .where(inSubtree('o', actor.scopePath))
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** Which of `values` already exist in a unique column (county-wide, not only in scope). */
export async function dbDuplicates(
  ctx: Ctx,
  table: 'member' | 'org_unit',
  column: 'id_number' | 'code',
  values: string[],
) {
  const found = new Set<string>();
  if (ctx.dialect === 'postgres' && values.length) {
    // One round trip with an array parameter instead of a hundred IN lists.
    const rows = await ctx.db
      .selectFrom(table as 'member')
      .select(sql<string>`${sql.ref(column)}`.as('v'))
      .where(sql<boolean>`${sql.ref(column)} = any(${values}::text[])`)
      .execute();
    for (const r of rows) found.add(r.v);
    return found;
  }
  for (let i = 0; i < values.length; i += 500) {
    const rows = await ctx.db
      .selectFrom(table as 'member')
      .select(`${column} as v` as any)
      .where(column as any, 'in', values.slice(i, i + 500))
      .execute();
    for (const r of rows as any[]) found.add(r.v);
  }
  return found;
}

/** How long CPU-bound checking runs before other requests get a turn. */
const SLICE_MS = 15;
let sliceStart = performance.now();
/**
 * Lets other requests run after every SLICE_MS of CPU-bound checking. By time, not by row count:
 * 500 member rows (their pinyin) took 150–300 ms on a loaded 2-core machine (bench/stalls.ts).
 */
export const tick = (_row?: number) => {
  if (performance.now() - sliceStart < SLICE_MS) return undefined;
  return new Promise<void>((r) =>
    setImmediate(() => {
      sliceStart = performance.now();
      r();
    }),
  );
};
