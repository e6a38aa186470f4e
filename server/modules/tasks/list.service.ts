/**
 * The task list of a scope: filters, keyset paging, totals. Shared with the ledgers (`filtered`).
 */
import type { TaskPage, TaskQuery } from '../../../common/contracts/tasks.ts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { localDate } from '../../lib/clock.ts';
import { cappedTotal, decodeCursor, encodeCursor } from '../../lib/keyset.ts';
import { containsText } from '../../lib/like.ts';
import { inSubtree, orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { ensureFresh } from './lights.ts';
import { coversAll, taskVisible } from './tasks.policy.ts';
import { coOrgsOf, item, type Row } from './tasks.service.ts';

type Filters = Omit<TaskQuery, 'page' | 'pageSize' | 'cursor'>;

/** The filters on the task's own columns (alias `t`). */
function taskFilters(f: Filters, today: string, path: string) {
  return (eb: ExpressionBuilder<DB & { t: DB['task'] }, any>) => {
    const w: Expression<SqlBool>[] = [];
    if (f.light) w.push(eb('t.light', '=', f.light));
    if (f.status) w.push(eb('t.status', '=', f.status));
    if (f.q) w.push(containsText('t.text', f.q));
    if (f.documentId) w.push(eb('t.document_id', '=', f.documentId));
    if (f.parentId) w.push(eb('t.parent_id', '=', f.parentId));
    if (f.keyProject !== undefined) w.push(eb('t.key_project', '=', f.keyProject ? 1 : 0));
    if (f.lead)
      w.push(eb('t.lead_org_id', 'in', eb.selectFrom('org_unit as o').select('o.id').where(inSubtree('o', path))));
    if (f.overdue !== undefined) w.push(overdueIs(eb, 't', f.overdue, today));
    return eb.and(w);
  };
}

/** Overdue (past the deadline, not handed in) or not, on alias `t` (a task) or `x` (a link's copies). */
function overdueIs(eb: ExpressionBuilder<any, any>, a: 't' | 'x', overdue: boolean, today: string) {
  return overdue
    ? eb.and([eb(`${a}.due_date`, '<', today), eb(`${a}.status`, 'in', ['pending', 'doing'])])
    : eb.or([
        eb(`${a}.due_date`, 'is', null),
        eb(`${a}.due_date`, '>=', today),
        eb(`${a}.status`, 'in', ['requested', 'done']),
      ]);
}

/**
 * The task rows matching the list's filters within the caller's scope (lead or cooperating unit in
 * the subtree; `orgId` narrows to a unit in scope, else 404): the list, the ledgers and their
 * print view share it, so a printed 台账 shows exactly what the filtered list showed.
 */
export async function filtered(ctx: Ctx, actor: Actor, f: Filters) {
  await ensureFresh(ctx);
  const today = localDate(ctx.clock.now());
  const path = f.orgId ? (await orgInScope(ctx.db, actor, f.orgId)).path : actor.scopePath;
  const all = await coversAll(ctx.db, path);
  const q = ctx.db
    .selectFrom('task as t')
    .where(taskVisible(path, all))
    .where(taskFilters(f, today, path));
  return { q, today, path, all };
}

/**
 * The ids of the scope's tasks matching the filters, read from the task–unit links of the subtree:
 * light, status, deadline and lead role come from the links' own copies (the covering index
 * task_org_counts), so only the text, document, parent and key-project filters reach the tasks.
 * A task with two units in the subtree is one id (distinct).
 */
function scopeIds(ctx: Ctx, f: Filters, today: string, path: string) {
  let q = ctx.db.selectFrom('task_org as x').where('x.org_path', '>=', path).where('x.org_path', '<', pathUpper(path));
  if (f.light) q = q.where('x.light', '=', f.light);
  if (f.status) q = q.where('x.status', '=', f.status);
  if (f.lead) q = q.where('x.role', '=', 'lead');
  if (f.overdue !== undefined) q = q.where((eb) => overdueIs(eb, 'x', f.overdue as boolean, today));
  const onTask: Filters = { q: f.q, documentId: f.documentId, parentId: f.parentId, keyProject: f.keyProject };
  if (Object.values(onTask).some((v) => v !== undefined && v !== ''))
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('task as t')
          .select('t.id')
          .whereRef('t.id', '=', 'x.task_id')
          .where(taskFilters(onTask, today, path)),
      ),
    );
  return q.select('x.task_id').distinct();
}

/** The scope's total from its maintained counters (task_count) when the only filters are light and status; else null. */
async function countedTotal(ctx: Ctx, orgId: number, f: Filters): Promise<number | null> {
  if (f.q || f.documentId || f.parentId || f.lead || f.keyProject !== undefined || f.overdue !== undefined) return null;
  let q = ctx.db
    .selectFrom('task_count')
    .select(sql<number>`coalesce(sum(n), 0)`.as('n'))
    .where('org_id', '=', orgId)
    .where('lead', '=', 0);
  if (f.light) q = q.where('light', '=', f.light);
  if (f.status) q = q.where('status', '=', f.status);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * A large scope's page (a county among a province's): the tasks newest first in batches sized by the
 * scope's share of all tasks, kept when a unit lies in the subtree — a few hundred probes for a page
 * instead of sorting the ids of every task in the scope.
 */
async function walkIds(
  ctx: Ctx,
  f: Filters,
  today: string,
  path: string,
  below: number | null,
  want: number,
  share: number,
) {
  const out: number[] = [];
  const size = Math.min(5000, Math.max(200, Math.ceil((want / share) * 1.5)));
  let after = below;
  for (;;) {
    let q = ctx.db
      .selectFrom('task as t')
      .select('t.id')
      .where(taskFilters(f, today, path));
    if (after !== null) q = q.where('t.id', '<', after);
    const batch = (await q.orderBy('t.id', 'desc').limit(size).execute()).map((r) => r.id);
    if (!batch.length) return out;
    // On PostgreSQL the batch is one array parameter: binding 3,000 separate parameters cost as much
    // as the lookup itself (≈ 10 ms each at a county of the province).
    const inScope = await ctx.db
      .selectFrom('task_org as x')
      .select('x.task_id')
      .where(
        ctx.dialect === 'postgres'
          ? sql<boolean>`x.task_id = any(${batch}::int[])`
          : sql<boolean>`x.task_id in (${sql.join(batch)})`,
      )
      .where('x.org_path', '>=', path)
      .where('x.org_path', '<', pathUpper(path))
      .execute();
    const hit = new Set(inScope.map((r) => r.task_id));
    for (const id of batch) if (hit.has(id) && out.push(id) === want) return out;
    after = batch[batch.length - 1];
  }
}

/**
 * Tasks in the caller's scope, filtered, newest first. `cursor` reads on below the last id sent
 * (keyset), `page` still skips (OFFSET). Totals of light/status lists come from the maintained
 * counters (exact, no counting); others are counted (capped, lib/keyset.ts). Below the whole tree
 * the page's ids come either from the links of the subtree (an index range, sorted as integers: a
 * small scope, or a deep page) or from a walk of the newest tasks (a scope holding a large share of
 * all tasks); only the 20 tasks shown are then read. Probing every task of a township for its
 * filters and order cost a township page more than a county one (20 ms SQLite / 29 ms PostgreSQL
 * against 4 / 10).
 */
export async function list(ctx: Ctx, actor: Actor, f: TaskQuery): Promise<TaskPage> {
  const { page = 1, pageSize = 20 } = f;
  const cur = f.cursor ? decodeCursor(f.cursor, 'task.id', 1) : null;
  const { today, q: base, path, all } = await filtered(ctx, actor, f);
  const skip = cur ? 0 : (page - 1) * pageSize;
  const orgId = Number(path.split('/').at(-2));
  const counted = cur ? null : await countedTotal(ctx, orgId, f);
  let total: number;
  let approx: boolean;
  let rows: Row[];
  if (all) {
    // The whole tree: no scope filter at all; the task indexes serve the filters and the order.
    ({ total, approx } = cur
      ? { total: cur.t, approx: cur.a }
      : counted !== null
        ? { total: counted, approx: false }
        : await cappedTotal(ctx.db, ctx.dialect, base));
    rows = await (cur ? base.where('t.id', '<', Number(cur.k[0])) : base)
      .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
      .selectAll('t')
      .select('lo.name as lead_name')
      .orderBy('t.id', 'desc')
      .limit(pageSize)
      .offset(skip)
      .execute();
  } else {
    const ids = scopeIds(ctx, f, today, path);
    ({ total, approx } = cur
      ? { total: cur.t, approx: cur.a }
      : counted !== null
        ? { total: counted, approx: false }
        : await cappedTotal(ctx.db, ctx.dialect, ids));
    // The scope's share of all tasks (with the same light/status filters), from the root's counters.
    const everywhere = await countedTotal(ctx, Number(path.split('/')[1]), { light: f.light, status: f.status });
    const share = everywhere ? Math.min(1, total / everywhere) : 0;
    const want = skip + pageSize;
    // Walking costs ~want / share probes, the link range ~total entries (a probe ≈ 4 entries).
    const walk = share > 0 && (4 * want) / share < total;
    const pageIds = walk
      ? (await walkIds(ctx, f, today, path, cur ? Number(cur.k[0]) : null, want, share)).slice(skip)
      : (
          await (cur ? ids.where('x.task_id', '<', Number(cur.k[0])) : ids)
            .orderBy('x.task_id', 'desc')
            .limit(pageSize)
            .offset(skip)
            .execute()
        ).map((r) => r.task_id);
    rows = pageIds.length
      ? await ctx.db
          .selectFrom('task as t')
          .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
          .selectAll('t')
          .select('lo.name as lead_name')
          .where('t.id', 'in', pageIds)
          .orderBy('t.id', 'desc')
          .execute()
      : [];
  }
  const co = await coOrgsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const nextCursor =
    rows.length === pageSize
      ? encodeCursor({ s: 'task.id', k: [rows[rows.length - 1].id], t: total, a: approx })
      : null;
  return { items: rows.map((r) => item(r, co.get(r.id) ?? [], today)), total, totalApprox: approx, nextCursor };
}
