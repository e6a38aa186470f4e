/**
 * 调研 plans: registering (年度计划 or 临时备案), the conflict check, and the coordinator's answers
 * (confirm with a reason, merge teams, propose other dates or places). A visit is visible to the
 * subtree that registered it and to every host: no visit is hidden from a place it goes to.
 */
import type { CheckResult, Escort, VisitBody, VisitCreated, VisitWarning } from '../../../common/contracts/research.ts';
import { ROLE_PERMISSIONS, type VisitorLevel } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { MAX_VISIT_DAYS, addDays, checkConflicts, townshipOf, type PlaceRef } from './conflicts.ts';
import { loadLimits } from './limits.ts';

export const canCoordinate = (a: Actor) => ROLE_PERMISSIONS[a.role].includes('research.coordinate');
const ACTIVE = ['待统筹', '已确认'];

/** Places must exist, be in service and lie in the caller's subtree (otherwise 404, as for any org). */
export async function loadPlaces(db: Executor, actor: Actor, ids: number[]): Promise<PlaceRef[]> {
  const uniq = [...new Set(ids)];
  const rows = uniq.length
    ? await db
        .selectFrom('org_unit')
        .select(['id', 'name', 'short_name', 'path', 'depth', 'parent_id', 'status'])
        .where('id', 'in', uniq)
        .execute()
    : [];
  const out: PlaceRef[] = [];
  for (const id of uniq) {
    const o = rows.find((r) => r.id === id);
    if (!o || !isInPath(o.path, actor.scopePath)) throw notFound(`调研地点(编号 ${id})`, 'PLACE_NOT_FOUND');
    if (o.status !== '正常') throw badRequest('PLACE_DISSOLVED', `调研地点「${o.name}」已撤销`);
    out.push({
      id: o.id,
      name: o.short_name ?? o.name,
      path: o.path,
      depth: o.depth,
      parentId: o.parent_id,
      townshipId: townshipOf(o.path),
    });
  }
  return out;
}

export function validateDates(startDate: string, endDate: string) {
  if (endDate < startDate)
    throw badRequest('VISIT_DATES_INVALID', `结束日期(${endDate})不能早于开始日期(${startDate})`);
  if (endDate > addDays(startDate, MAX_VISIT_DAYS - 1))
    throw badRequest('VISIT_TOO_LONG', `一次调研不超过 ${MAX_VISIT_DAYS} 天,请分段登记`);
}

const defaultLevel = (a: Actor): VisitorLevel =>
  a.scopePath.split('/').filter(Boolean).length <= 1 ? '县级' : '乡镇级';

interface Normalized {
  title: string;
  leader: string;
  visitorLevel: string;
  members: string[];
  planKind: string;
  startDate: string;
  endDate: string;
  escorts: Escort[];
  escortReason: string | null;
  taskId: number | null;
  places: PlaceRef[];
}

async function normalize(db: Executor, actor: Actor, b: VisitBody): Promise<Normalized> {
  const title = b.title.trim();
  if (!title) throw badRequest('VISIT_TITLE_EMPTY', '调研课题不能为空(禁止无课题调研)');
  validateDates(b.startDate, b.endDate);
  const places = await loadPlaces(db, actor, b.placeOrgIds);
  if (b.taskId) {
    const t = await db
      .selectFrom('task as t')
      .innerJoin('org_unit as o', 'o.id', 't.lead_org_id')
      .select('o.path')
      .where('t.id', '=', b.taskId)
      .executeTakeFirst();
    if (!t || !isInPath(t.path, actor.scopePath)) throw notFound('牵头课题任务', 'TASK_NOT_FOUND');
  }
  return {
    title,
    leader: b.leader?.trim() || actor.displayName,
    visitorLevel: b.visitorLevel ?? defaultLevel(actor),
    members: [...new Set((b.members ?? []).map((m) => m.trim()).filter(Boolean))],
    planKind: b.planKind ?? '临时备案',
    startDate: b.startDate,
    endDate: b.endDate,
    escorts: (b.escorts ?? []).filter((e) => e.count > 0),
    escortReason: b.escortReason?.trim() || null,
    taskId: b.taskId ?? null,
    places,
  };
}

/** Over-limit 陪同 needs a stated reason (八项规定); everything else only warns. */
function requireEscortReason(n: Normalized, warnings: VisitWarning[]) {
  const over = warnings.filter((w) => w.kind === 'escort');
  if (over.length && !n.escortReason)
    throw badRequest('ESCORT_OVER_LIMIT', `${over[0].message};确需超出的,请填写理由`, { warnings: over });
}

async function writePlaces(
  trx: Executor,
  visitId: number,
  n: Pick<Normalized, 'places' | 'startDate' | 'endDate'>,
  active = 1,
) {
  await trx.deleteFrom('research_place').where('visit_id', '=', visitId).execute();
  await trx
    .insertInto('research_place')
    .values(
      n.places.map((p) => ({
        visit_id: visitId,
        org_id: p.id,
        org_path: p.path,
        township_id: p.townshipId,
        start_date: n.startDate,
        end_date: n.endDate,
        active,
      })),
    )
    .execute();
}

/** The conflict check without saving anything (the form shows it while the plan is typed). */
export async function check(ctx: Ctx, actor: Actor, b: VisitBody): Promise<CheckResult> {
  const n = await normalize(ctx.db, actor, b);
  const warnings = await checkConflicts(ctx.db, { ...n, visitId: null }, await loadLimits(ctx.db));
  return { warnings, others: await summaries(ctx.db, otherIds(warnings)) };
}

export const otherIds = (ws: VisitWarning[]) => [
  ...new Set(ws.flatMap((w) => (w.otherVisitId ? [w.otherVisitId] : []))),
];

/** Registers a 调研 (status 待统筹) and returns the warnings found; only over-limit 陪同 without a reason is refused. */
export async function create(ctx: Ctx, actor: Actor, b: VisitBody): Promise<VisitCreated> {
  return ctx.db.transaction().execute(async (trx) => {
    const n = await normalize(trx, actor, b);
    const warnings = await checkConflicts(trx, { ...n, visitId: null }, await loadLimits(trx));
    requireEscortReason(n, warnings);
    const now = nowIso(ctx);
    const owner = await trx
      .selectFrom('org_unit')
      .select('path')
      .where('id', '=', actor.scopeOrgId)
      .executeTakeFirstOrThrow();
    const r = await trx
      .insertInto('research_visit')
      .values({
        title: n.title,
        leader: n.leader,
        visitor_level: n.visitorLevel,
        members_json: JSON.stringify(n.members),
        owner_org_id: actor.scopeOrgId,
        owner_path: owner.path,
        plan_kind: n.planKind,
        start_date: n.startDate,
        end_date: n.endDate,
        escorts_json: JSON.stringify(n.escorts),
        escort_reason: n.escortReason,
        task_id: n.taskId,
        status: '待统筹',
        warnings_json: JSON.stringify(warnings),
        confirm_reason: null,
        merged_into_id: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePlaces(trx, r.id, n);
    await audit(ctx, trx, actor, {
      action: 'research.create',
      entity: 'research_visit',
      entityId: r.id,
      after: {
        title: n.title,
        leader: n.leader,
        startDate: n.startDate,
        endDate: n.endDate,
        places: n.places.map((p) => p.id),
        warnings: warnings.map((w) => w.kind),
      },
    });
    return { id: r.id, warnings };
  });
}

export async function loadVisit(db: Executor, id: number) {
  return db
    .selectFrom('research_visit as v')
    .innerJoin('org_unit as o', 'o.id', 'v.owner_org_id')
    .selectAll('v')
    .select('o.name as owner_name')
    .where('v.id', '=', id)
    .executeTakeFirst();
}
export type VisitRow = NonNullable<Awaited<ReturnType<typeof loadVisit>>>;

/** How the caller relates to a visit: its registering side (owner), a host, or neither (404). */
export async function access(db: Executor, actor: Actor, id: number) {
  const v = await loadVisit(db, id);
  if (!v) throw notFound('调研', 'VISIT_NOT_FOUND');
  const owner = isInPath(v.owner_path, actor.scopePath);
  const hostPlaces = await db
    .selectFrom('research_place')
    .select(['org_id', 'org_path'])
    .where('visit_id', '=', id)
    .where('org_path', '>=', actor.scopePath)
    .where('org_path', '<', pathUpper(actor.scopePath))
    .execute();
  if (!owner && !hostPlaces.length) throw notFound('调研', 'VISIT_NOT_FOUND');
  return { v, owner, host: hostPlaces.length > 0, hostPlaces };
}

/** The owning side (or a coordinator who sees it) may change it; a host alone may only flag. */
export async function owned(db: Executor, actor: Actor, id: number) {
  const a = await access(db, actor, id);
  if (!a.owner) throw notFound('调研', 'VISIT_NOT_FOUND');
  return a.v;
}

export function assertActive(v: VisitRow, what: string) {
  if (!ACTIVE.includes(v.status)) throw badRequest('VISIT_WRONG_STATUS', `调研当前为「${v.status}」,不能${what}`);
}

/** Changes a visit still being coordinated (dates, places, team, 陪同); the check runs again. */
export async function update(ctx: Ctx, actor: Actor, id: number, patch: Partial<VisitBody>): Promise<VisitCreated> {
  return ctx.db.transaction().execute(async (trx) => {
    const v = await owned(trx, actor, id);
    if (v.status !== '待统筹') throw badRequest('VISIT_WRONG_STATUS', `调研当前为「${v.status}」,不能修改`);
    const places = await trx.selectFrom('research_place').select('org_id').where('visit_id', '=', id).execute();
    const merged: VisitBody = {
      title: patch.title ?? v.title,
      startDate: patch.startDate ?? v.start_date,
      endDate: patch.endDate ?? v.end_date,
      placeOrgIds: patch.placeOrgIds ?? places.map((p) => p.org_id),
      leader: patch.leader ?? v.leader,
      visitorLevel: (patch.visitorLevel ?? v.visitor_level) as VisitorLevel,
      members: patch.members ?? JSON.parse(v.members_json),
      planKind: (patch.planKind ?? v.plan_kind) as VisitBody['planKind'],
      escorts: patch.escorts ?? JSON.parse(v.escorts_json),
      escortReason: patch.escortReason !== undefined ? patch.escortReason : v.escort_reason,
      taskId: patch.taskId !== undefined ? patch.taskId : v.task_id,
    };
    const n = await normalize(trx, actor, merged);
    const warnings = await checkConflicts(trx, { ...n, visitId: id }, await loadLimits(trx));
    requireEscortReason(n, warnings);
    await trx
      .updateTable('research_visit')
      .set({
        title: n.title,
        leader: n.leader,
        visitor_level: n.visitorLevel,
        members_json: JSON.stringify(n.members),
        plan_kind: n.planKind,
        start_date: n.startDate,
        end_date: n.endDate,
        escorts_json: JSON.stringify(n.escorts),
        escort_reason: n.escortReason,
        task_id: n.taskId,
        warnings_json: JSON.stringify(warnings),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await writePlaces(trx, id, n);
    await audit(ctx, trx, actor, {
      action: 'research.update',
      entity: 'research_visit',
      entityId: id,
      before: { startDate: v.start_date, endDate: v.end_date, places: places.map((p) => p.org_id) },
      after: { startDate: n.startDate, endDate: n.endDate, places: n.places.map((p) => p.id) },
    });
    return { id, warnings };
  });
}

export async function placesOf(db: Executor, visitId: number): Promise<PlaceRef[]> {
  const rows = await db
    .selectFrom('research_place as rp')
    .innerJoin('org_unit as o', 'o.id', 'rp.org_id')
    .select(['o.id', 'o.path', 'o.depth', 'o.parent_id', 'rp.township_id'])
    .select((eb) => eb.fn.coalesce('o.short_name', 'o.name').as('name'))
    .where('rp.visit_id', '=', visitId)
    .execute();
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    path: o.path,
    depth: o.depth,
    parentId: o.parent_id,
    townshipId: o.township_id,
  }));
}

/** The warnings of a stored visit, computed now (others may have registered since). */
export async function currentWarnings(db: Executor, v: VisitRow) {
  if (!ACTIVE.includes(v.status)) return JSON.parse(v.warnings_json) as VisitWarning[];
  return checkConflicts(
    db,
    {
      visitId: v.id,
      leader: v.leader,
      visitorLevel: v.visitor_level,
      startDate: v.start_date,
      endDate: v.end_date,
      places: await placesOf(db, v.id),
      escorts: JSON.parse(v.escorts_json),
    },
    await loadLimits(db),
  );
}

/** What a visit's line in a list shows (research_visit as v, its owner org as o). */
export const SUMMARY_COLUMNS = [
  'v.id',
  'v.title',
  'v.leader',
  'v.visitor_level',
  'v.plan_kind',
  'v.start_date',
  'v.end_date',
  'v.status',
  'v.owner_org_id',
  'o.name as owner_name',
  'v.warnings_json',
] as const;

/** Summaries of visits by id (for the warnings' "other visits"), in date order. */
export async function summaries(db: Executor, ids: number[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('research_visit as v')
    .innerJoin('org_unit as o', 'o.id', 'v.owner_org_id')
    .select(SUMMARY_COLUMNS)
    .where('v.id', 'in', ids)
    .orderBy('v.start_date')
    .orderBy('v.id')
    .execute();
  return withPlaces(db, rows);
}

type SummaryRow = {
  id: number;
  title: string;
  leader: string;
  visitor_level: string;
  plan_kind: string;
  start_date: string;
  end_date: string;
  status: string;
  owner_org_id: number;
  owner_name: string;
  warnings_json: string;
};

export async function withPlaces(db: Executor, rows: SummaryRow[]) {
  const ids = rows.map((r) => r.id);
  const places = ids.length
    ? await db
        .selectFrom('research_place as rp')
        .innerJoin('org_unit as o', 'o.id', 'rp.org_id')
        .leftJoin('org_unit as t', (j) => j.onRef('t.id', '=', 'rp.township_id').onRef('t.id', '!=', 'rp.org_id'))
        .select([
          'rp.visit_id',
          'o.id',
          'o.name',
          'o.short_name',
          't.name as township',
          't.short_name as township_short',
        ])
        .where('rp.visit_id', 'in', ids)
        .execute()
    : [];
  const flags = ids.length
    ? await db
        .selectFrom('research_flag')
        .select(['visit_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('visit_id', 'in', ids)
        .groupBy('visit_id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    leader: r.leader,
    visitorLevel: r.visitor_level,
    planKind: r.plan_kind,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    ownerOrg: { id: r.owner_org_id, name: r.owner_name },
    places: places
      .filter((p) => p.visit_id === r.id)
      .map((p) => ({ id: p.id, name: p.short_name ?? p.name, townshipName: p.township_short ?? p.township ?? null })),
    warningCount: (JSON.parse(r.warnings_json) as unknown[]).length,
    flagCount: Number(flags.find((f) => f.visit_id === r.id)?.n ?? 0),
  }));
}
