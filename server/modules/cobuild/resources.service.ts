/**
 * 资源清单: units and members offer resources; the community they are paired with (or reported to)
 * claims them and the owner answers (claims.service.ts).
 */
import type { NewResource, ResourceQuery } from '../../../common/contracts/cobuild.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { canManage, employerOfOrg, managedCommunity, managedUnit, orgName, selfMember, today } from './access.ts';
import { insertClaim } from './claims.service.ts';
import { toMember, toOrg } from './notices.ts';

const staff = (a: Actor) => a.role !== 'member';

const resBase = (db: Executor) =>
  db
    .selectFrom('cobuild_resource as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_org_id')
    .leftJoin('member as m', 'm.id', 's.member_id')
    .selectAll('s')
    .select(['u.name as u_name', 'u.short_name as u_short', 'u.path as u_path', 'm.name as m_name'])
    .select((eb) =>
      eb
        .selectFrom('cobuild_claim as k')
        .select((e) => e.fn.countAll<number>().as('c'))
        .whereRef('k.resource_id', '=', 's.id')
        .where('k.status', 'in', ['pending', 'accepted'])
        .as('claims'),
    );
type ResRow = Awaited<ReturnType<ReturnType<typeof resBase>['executeTakeFirstOrThrow']>>;

/** Communities in the caller's scope, and for each the owners (units, members) it may claim from. */
async function claimableOwners(db: Executor, communityIds: number[]) {
  if (!communityIds.length) return { units: [] as number[], members: [] as number[] };
  const regs = await db
    .selectFrom('cobuild_registration')
    .select(['kind', 'unit_org_id', 'member_id'])
    .where('community_org_id', 'in', communityIds)
    .where('status', '=', 'active')
    .execute();
  return {
    units: regs.filter((r) => r.kind === 'unit').map((r) => r.unit_org_id),
    members: regs.filter((r) => r.kind === 'member').map((r) => r.member_id!),
  };
}

const ownResource = (r: ResRow, a: Actor) =>
  r.owner_kind === 'member' ? r.member_id === a.memberId : staff(a) && canManage(a) && isInPath(r.u_path, a.scopePath);

function resView(r: ResRow, a: Actor) {
  return {
    id: r.id,
    ownerKind: r.owner_kind as 'member' | 'unit',
    owner: r.owner_kind === 'member' ? (r.m_name ?? '') : orgName({ name: r.u_name, short_name: r.u_short }),
    unit: { id: r.unit_org_id, name: orgName({ name: r.u_name, short_name: r.u_short }) },
    title: r.title,
    category: r.category,
    description: r.description,
    availableFrom: r.available_from,
    availableTo: r.available_to,
    contact: r.contact,
    status: r.status as 'available' | 'withdrawn',
    createdAt: r.created_at,
    claims: Number(r.claims ?? 0),
    canManage: ownResource(r, a),
  };
}

async function managedCommunityIds(db: Executor, a: Actor, only?: number) {
  if (!staff(a)) return [];
  if (only) return [(await managedCommunity(db, a, only)).id];
  const rows = await db
    .selectFrom('cobuild_community as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .select('o.id')
    .where('o.path', '>=', a.scopePath)
    .where('o.path', '<', pathUpper(a.scopePath))
    .execute();
  return rows.map((r) => r.id);
}

export async function listResources(ctx: Ctx, actor: Actor, q: ResourceQuery) {
  const owners = await claimableOwners(ctx.db, await managedCommunityIds(ctx.db, actor, q.forCommunityId));
  const p = actor.scopePath;
  let query = resBase(ctx.db).where((eb) => {
    const offered = eb.and([
      eb('s.status', '=', 'available'),
      eb.or([
        eb.and([eb('s.owner_kind', '=', 'unit'), eb('s.unit_org_id', 'in', owners.units.length ? owners.units : [-1])]),
        eb.and([
          eb('s.owner_kind', '=', 'member'),
          eb('s.member_id', 'in', owners.members.length ? owners.members : [-1]),
        ]),
      ]),
    ]);
    if (q.forCommunityId) return offered;
    const own = [eb('s.member_id', '=', actor.memberId ?? -1)];
    if (staff(actor)) own.push(eb.and([eb('u.path', '>=', p), eb('u.path', '<', pathUpper(p))]));
    return eb.or([...own, offered]);
  });
  if (q.unitId) query = query.where('s.unit_org_id', '=', q.unitId);
  if (q.q) query = query.where('s.title', 'like', `%${q.q}%`);
  const rows = await query.orderBy('s.id', 'desc').execute();
  const pageSize = q.pageSize ?? 20;
  const page = rows.slice(((q.page ?? 1) - 1) * pageSize, (q.page ?? 1) * pageSize);
  return { items: page.map((r) => resView(r, actor)), total: rows.length };
}

const checkDates = (ctx: Ctx, from: string, to: string, what = '') => {
  if (to < from) throw badRequest('DATES_INVALID', `${what}结束日期不能早于开始日期`);
  if (to < today(ctx)) throw badRequest('DATES_PAST', `${what}结束日期不能早于今天`);
};

export async function createResource(ctx: Ctx, actor: Actor, b: NewResource) {
  checkDates(ctx, b.availableFrom, b.availableTo, '可提供');
  return ctx.db.transaction().execute(async (trx) => {
    let owner: { owner_kind: string; member_id: number | null; unit_org_id: number };
    if (b.unitId) {
      if (!canManage(actor)) throw forbidden('只有单位党组织书记(管理员)可以代表单位提供资源');
      owner = { owner_kind: 'unit', member_id: null, unit_org_id: (await managedUnit(trx, actor, b.unitId)).id };
    } else {
      const m = await selfMember(trx, actor);
      owner = { owner_kind: 'member', member_id: m.id, unit_org_id: (await employerOfOrg(trx, m.org_id)).id };
    }
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('cobuild_resource')
      .values({
        ...owner,
        title: b.title.trim(),
        category: b.category,
        description: b.description?.trim() || null,
        available_from: b.availableFrom,
        available_to: b.availableTo,
        contact: b.contact?.trim() || null,
        status: 'available',
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'cobuild.resource.create',
      entity: 'cobuild_resource',
      entityId: r.id,
      after: b,
    });
    return { id: r.id };
  });
}

async function visibleResource(db: Executor, actor: Actor, id: number) {
  const r = await resBase(db).where('s.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('资源', 'RESOURCE_NOT_FOUND');
  if (ownResource(r, actor) || (staff(actor) && isInPath(r.u_path, actor.scopePath))) return r;
  const owners = await claimableOwners(db, await managedCommunityIds(db, actor));
  if (
    r.status === 'available' &&
    (r.owner_kind === 'unit' ? owners.units.includes(r.unit_org_id) : owners.members.includes(r.member_id!))
  )
    return r;
  throw notFound('资源', 'RESOURCE_NOT_FOUND');
}

export async function withdrawResource(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await visibleResource(trx, actor, id);
    if (!ownResource(r, actor)) throw forbidden('只有资源提供方可以撤回');
    if (r.status !== 'available') throw conflict('RESOURCE_WITHDRAWN', '该资源已撤回');
    await trx
      .updateTable('cobuild_resource')
      .set({ status: 'withdrawn', updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('cobuild_claim')
      .set({ status: 'declined', reason: '资源已撤回', decided_by: actor.userId, decided_at: nowIso(ctx) })
      .where('resource_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    await audit(ctx, trx, actor, { action: 'cobuild.resource.withdraw', entity: 'cobuild_resource', entityId: id });
    return { ok: true };
  });
}

/** The community claims a resource offered by a unit paired with it or a member reported to it. */
export async function claimResource(
  ctx: Ctx,
  actor: Actor,
  id: number,
  b: { communityId: number; note?: string | null },
) {
  if (!canManage(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (trx) => {
    const c = await managedCommunity(trx, actor, b.communityId);
    const r = await resBase(trx).where('s.id', '=', id).executeTakeFirst();
    const owners = await claimableOwners(trx, [c.id]);
    const related =
      r && (r.owner_kind === 'unit' ? owners.units.includes(r.unit_org_id) : owners.members.includes(r.member_id!));
    if (!r || !related) throw notFound('资源', 'RESOURCE_NOT_FOUND');
    if (r.status !== 'available') throw conflict('RESOURCE_WITHDRAWN', '该资源已撤回,不能认领');
    if (r.available_to < today(ctx)) throw conflict('RESOURCE_EXPIRED', '该资源已过可提供期限');
    const k = await insertClaim(
      trx,
      ctx,
      actor,
      { target: 'resource', resource_id: id, claimant: 'community', member_id: null, org_id: c.id, headcount: 1 },
      b.note,
      '本社区已认领过该资源',
    );
    const text = `${orgName(c)}认领了您提供的资源「${r.title}」,请答复`;
    if (r.owner_kind === 'member')
      await toMember(trx, ctx, r.member_id!, text, '/my/cobuild?tab=needs', `cobuild_claim:${k.id}`);
    else
      await toOrg(
        trx,
        ctx,
        r.unit_org_id,
        'cobuild_todo',
        text,
        '/cobuild/unit?tab=resources',
        `cobuild_claim:${k.id}`,
      );
    await audit(ctx, trx, actor, {
      action: 'cobuild.resource.claim',
      entity: 'cobuild_claim',
      entityId: k.id,
      after: { resourceId: id, communityId: c.id },
    });
    return { id: k.id };
  });
}
