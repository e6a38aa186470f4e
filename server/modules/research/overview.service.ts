/** Reading 调研: the list/calendar, one visit with its warnings and other visits, the heat table and the places nobody visited. */
import type {
  Heat,
  Limits,
  Unvisited,
  VisitDetail,
  VisitList,
  VisitQuery,
} from '../../../common/contracts/research.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest } from '../../lib/errors.ts';
import { containsText } from '../../lib/like.ts';
import { orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { findingsFor } from './findings.service.ts';
import { loadLimits, saveLimits } from './limits.ts';
import {
  access,
  canCoordinate,
  currentWarnings,
  otherIds,
  SUMMARY_COLUMNS,
  summaries,
  withPlaces,
} from './visits.service.ts';

/** Visits the caller registered (its subtree) or hosts, filtered; date order (the calendar reads a range). */
export async function list(ctx: Ctx, actor: Actor, f: VisitQuery): Promise<VisitList> {
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const hostIds = (path: string) =>
    ctx.db
      .selectFrom('research_place as hp')
      .select('hp.visit_id')
      .where('hp.org_path', '>=', path)
      .where('hp.org_path', '<', pathUpper(path));
  let q = ctx.db
    .selectFrom('research_visit as v')
    .innerJoin('org_unit as o', 'o.id', 'v.owner_org_id')
    .where((eb) => {
      const own = eb.and([
        eb('v.owner_path', '>=', actor.scopePath),
        eb('v.owner_path', '<', pathUpper(actor.scopePath)),
      ]);
      const host = eb('v.id', 'in', hostIds(actor.scopePath));
      return f.side === 'owner' ? own : f.side === 'host' ? host : eb.or([own, host]);
    });
  if (f.from) q = q.where('v.end_date', '>=', f.from);
  if (f.to) q = q.where('v.start_date', '<=', f.to);
  if (f.status) q = q.where('v.status', '=', f.status);
  if (f.leader) q = q.where('v.leader', '=', f.leader);
  if (f.q) q = q.where(containsText('v.title', f.q));
  if (f.placeOrgId) {
    const org = await orgInScope(ctx.db, actor, f.placeOrgId);
    q = q.where('v.id', 'in', hostIds(org.path));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(SUMMARY_COLUMNS)
    .orderBy('v.start_date')
    .orderBy('v.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await withPlaces(ctx.db, rows), total: Number(total.n) };
}

/** Distinct leaders in scope (the calendar's "per leader" picker). */
export async function leaders(ctx: Ctx, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('research_visit')
    .select('leader')
    .distinct()
    .where('owner_path', '>=', actor.scopePath)
    .where('owner_path', '<', pathUpper(actor.scopePath))
    .orderBy('leader')
    .limit(500)
    .execute();
  return { items: rows.map((r) => r.leader) };
}

export async function get(ctx: Ctx, actor: Actor, id: number): Promise<VisitDetail> {
  const db = ctx.db;
  const { v, owner, host } = await access(db, actor, id);
  const warnings = await currentWarnings(db, v);
  const [summary] = await summaries(db, [id]);
  const others = (await summaries(db, otherIds(warnings))).filter((o) => o.id !== id);
  const proposals = await db
    .selectFrom('research_proposal')
    .selectAll()
    .where('visit_id', '=', id)
    .orderBy('id')
    .execute();
  const placeIds = [
    ...new Set(proposals.flatMap((p) => (p.place_ids_json ? (JSON.parse(p.place_ids_json) as number[]) : []))),
  ];
  const names = placeIds.length
    ? await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', placeIds).execute()
    : [];
  const flags = await db
    .selectFrom('research_flag as f')
    .innerJoin('org_unit as o', 'o.id', 'f.org_id')
    .select(['f.id', 'f.note', 'f.created_at', 'o.id as org_id', 'o.name'])
    .where('f.visit_id', '=', id)
    .orderBy('f.id')
    .execute();
  const into = v.merged_into_id
    ? await db
        .selectFrom('research_visit')
        .select(['id', 'title'])
        .where('id', '=', v.merged_into_id)
        .executeTakeFirst()
    : null;
  const from = await db
    .selectFrom('research_visit')
    .select(['id', 'title', 'leader'])
    .where('merged_into_id', '=', id)
    .orderBy('id')
    .execute();
  const placePaths = await db.selectFrom('research_place').select('org_path').where('visit_id', '=', id).execute();
  const active = v.status === '待统筹' || v.status === '已确认';
  const started = v.start_date <= localDate(ctx.clock.now());
  return {
    ...summary,
    warningCount: warnings.length,
    members: JSON.parse(v.members_json),
    escorts: JSON.parse(v.escorts_json),
    escortReason: v.escort_reason,
    taskId: v.task_id,
    confirmReason: v.confirm_reason,
    mergedInto: into ?? null,
    mergedFrom: from,
    warnings,
    others,
    proposals: proposals.map((p) => ({
      id: p.id,
      startDate: p.start_date,
      endDate: p.end_date,
      places: p.place_ids_json
        ? (JSON.parse(p.place_ids_json) as number[]).map((pid) => ({
            id: pid,
            name: names.find((n) => n.id === pid)?.name ?? '',
          }))
        : null,
      note: p.note,
      status: p.status,
      createdAt: p.created_at,
    })),
    flags: flags.map((f) => ({ id: f.id, org: { id: f.org_id, name: f.name }, note: f.note, createdAt: f.created_at })),
    findings: await findingsFor(db, actor, { visitId: id }),
    previousFindings: await findingsFor(db, actor, { paths: placePaths.map((p) => p.org_path), notVisitId: id }),
    can: {
      edit: owner && v.status === '待统筹',
      coordinate: canCoordinate(actor) && v.status === '待统筹',
      flag: host && active,
      record: owner && active && started,
    },
    createdAt: v.created_at,
  };
}

const TOWNSHIP_TYPES = ['党委', '党工委'];
/** Places a team goes to: party organizations of villages, communities, enterprises (not offices). */
const PLACE_TYPES = ['党委', '党工委', '党总支', '党支部', '网格'];

/** Visits per township (the children of the caller's scope node) per month of a year. */
export async function heat(ctx: Ctx, actor: Actor, year: number): Promise<Heat> {
  const scope = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('id', '=', actor.scopeOrgId)
    .executeTakeFirstOrThrow();
  const towns = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'path', 'type'])
    .select((eb) => eb.fn.coalesce('short_name', 'name').as('name'))
    .where('parent_id', '=', scope.id)
    .where('status', '=', '正常')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const places = await ctx.db
    .selectFrom('research_place')
    .select(['visit_id', 'org_path', 'start_date'])
    .where('org_path', '>=', scope.path)
    .where('org_path', '<', pathUpper(scope.path))
    .where('active', '=', 1)
    .where('start_date', '>=', `${year}-01-01`)
    .where('start_date', '<=', `${year}-12-31`)
    .execute();
  const byTown = new Map<string, { visits: Set<number>[] }>();
  for (const t of towns) byTown.set(t.path, { visits: Array.from({ length: 12 }, () => new Set<number>()) });
  for (const p of places) {
    const segs = p.org_path.split('/').filter(Boolean);
    const depth = scope.path.split('/').filter(Boolean).length;
    if (segs.length <= depth) continue; // a visit to the scope node itself counts for no township
    const townPath = `/${segs.slice(0, depth + 1).join('/')}/`;
    byTown.get(townPath)?.visits[Number(p.start_date.slice(5, 7)) - 1].add(p.visit_id);
  }
  const rows = towns
    .map((t) => {
      const months = byTown.get(t.path)!.visits.map((s) => s.size);
      const all = new Set(byTown.get(t.path)!.visits.flatMap((s) => [...s]));
      return { orgId: t.id, name: t.name, type: t.type, months, total: all.size };
    })
    // Townships always show (an empty row is the point); departments only when visited.
    .filter((r) => r.total > 0 || TOWNSHIP_TYPES.includes(r.type))
    .map(({ type: _t, ...r }) => r);
  return { year, rows, max: Math.max(0, ...rows.flatMap((r) => r.months)) };
}

/** Places (townships, or villages/communities one level below) that no team visited this year. */
export async function unvisited(
  ctx: Ctx,
  actor: Actor,
  year: number,
  level: 'township' | 'village',
): Promise<Unvisited> {
  const depth = actor.scopePath.split('/').filter(Boolean).length - 1 + (level === 'township' ? 1 : 2);
  const rows = await ctx.db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.type', 'o.path'])
    .select((eb) => [
      eb.fn.coalesce('o.short_name', 'o.name').as('name'),
      eb.fn.coalesce('p.short_name', 'p.name').as('parent_name'),
    ])
    .where('o.path', '>=', actor.scopePath)
    .where('o.path', '<', pathUpper(actor.scopePath))
    .where('o.depth', '=', depth)
    .where('o.status', '=', '正常')
    .where('o.type', 'in', PLACE_TYPES)
    .where('o.name', 'not like', '%机关%')
    .orderBy('o.path')
    .execute();
  const visited = await ctx.db
    .selectFrom('research_place')
    .select('org_path')
    .distinct()
    .where('org_path', '>=', actor.scopePath)
    .where('org_path', '<', pathUpper(actor.scopePath))
    .where('active', '=', 1)
    .where('start_date', '>=', `${year}-01-01`)
    .where('start_date', '<=', `${year}-12-31`)
    .execute();
  // A place counts as visited when a team went to it or below it: every prefix of a visited path.
  const covered = new Set<string>();
  for (const { org_path } of visited) {
    const segs = org_path.split('/').filter(Boolean);
    for (let i = 1; i <= segs.length; i++) covered.add(`/${segs.slice(0, i).join('/')}/`);
  }
  const items = rows.filter((r) => !covered.has(r.path)).slice(0, 1000);
  return { items: items.map((r) => ({ id: r.id, name: r.name, parentName: r.parent_name, type: r.type })) };
}
export const getLimits = (ctx: Ctx) => loadLimits(ctx.db);

export async function putLimits(ctx: Ctx, actor: Actor, limits: Limits) {
  for (const [visitor, hosts] of Object.entries(limits.escortLimits))
    if (
      !['省级', '市级', '县级', '乡镇级'].includes(visitor) ||
      Object.keys(hosts).some((h) => !['县级', '乡镇级', '村级'].includes(h))
    )
      throw badRequest('LIMITS_INVALID', `陪同上限的层级「${visitor}」不正确`);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadLimits(trx);
    await saveLimits(trx, limits, nowIso(ctx));
    await audit(ctx, trx, actor, {
      action: 'research.limits',
      entity: 'setting',
      entityId: 'research.limits',
      before,
      after: limits,
    });
    return limits;
  });
}
