/**
 * 报到: an in-service member reports to the community where they live (one at a time, re-confirmed
 * every N months), a unit reports to a community as a 共建单位; the community accepts or declines
 * with a reason. Who sees a registration: the community's subtree (name; phone while it is live),
 * the member's employer subtree, and the member. Points for reporting are credited on acceptance.
 */
import type { ReportBody, RegistrationQuery, UnitReportBody } from '../../../common/contracts/cobuild.ts';
import type { CobuildRegStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import {
  addMonths,
  canManage,
  employerOfOrg,
  loadCommunity,
  loadSettings,
  managedUnit,
  notRequiredReason,
  orgName,
  selfMember,
  today,
} from './access.ts';
import { isUniqueViolation, toMember, toOrg } from './notices.ts';
import { credit } from './points.ts';

const base = (db: Executor) =>
  db
    .selectFrom('cobuild_registration as r')
    .innerJoin('org_unit as c', 'c.id', 'r.community_org_id')
    .innerJoin('org_unit as u', 'u.id', 'r.unit_org_id')
    .leftJoin('member as m', 'm.id', 'r.member_id')
    .selectAll('r')
    .select(['c.name as c_name', 'c.short_name as c_short', 'c.path as c_path'])
    .select(['u.name as u_name', 'u.short_name as u_short', 'u.path as u_path'])
    .select(['m.name as m_name', 'm.phone as m_phone', 'm.org_path as m_path']);
type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const LIVE = ['pending', 'active'];

/** The registration as this caller may see it (privacy: see the module comment). */
export function view(r: Row, actor: Actor, todayDate: string) {
  const communitySide = actor.role !== 'member' && isInPath(r.c_path, actor.scopePath);
  const employerSide =
    actor.role !== 'member' &&
    (r.kind === 'member' ? isInPath(r.m_path ?? '', actor.scopePath) : isInPath(r.u_path, actor.scopePath));
  const self = r.member_id != null && r.member_id === actor.memberId;
  const live = LIVE.includes(r.status);
  return {
    id: r.id,
    kind: r.kind as 'member' | 'unit',
    community: { id: r.community_org_id, name: orgName({ name: r.c_name, short_name: r.c_short }) },
    unit: { id: r.unit_org_id, name: orgName({ name: r.u_name, short_name: r.u_short }) },
    member:
      r.kind === 'member'
        ? {
            id: r.member_id!,
            name: r.m_name ?? '',
            phone: self || employerSide || (communitySide && live) ? (r.m_phone ?? null) : null,
          }
        : null,
    status: r.status as CobuildRegStatus,
    lapsed: r.status === 'active' && !!r.due_date && r.due_date < todayDate,
    address: r.address,
    skills: r.skills,
    note: r.note,
    reportedDate: r.reported_date,
    acceptedDate: r.accepted_date,
    confirmedDate: r.confirmed_date,
    dueDate: r.due_date,
    declineReason: r.decline_reason,
    endedDate: r.ended_date,
    endReason: r.end_reason,
    canDecide: r.status === 'pending' && communitySide && canManage(actor) && !self,
  };
}

export async function list(ctx: Ctx, actor: Actor, q: RegistrationQuery) {
  const p = actor.scopePath;
  const up = pathUpper(p);
  let query = base(ctx.db);
  if (actor.role === 'member') query = query.where('r.member_id', '=', actor.memberId ?? -1);
  else
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('c.path', '>=', p), eb('c.path', '<', up)]),
        eb.and([eb('r.kind', '=', 'member'), eb('m.org_path', '>=', p), eb('m.org_path', '<', up)]),
        eb.and([eb('r.kind', '=', 'unit'), eb('u.path', '>=', p), eb('u.path', '<', up)]),
      ]),
    );
  if (q.communityId) query = query.where('r.community_org_id', '=', q.communityId);
  if (q.unitId) query = query.where('r.unit_org_id', '=', q.unitId);
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.q) query = query.where('m.name', 'like', `%${q.q}%`);
  const { n } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const pageSize = q.pageSize ?? 20;
  const rows = await query
    .orderBy('r.id', 'desc')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  const d = today(ctx);
  return { items: rows.map((r) => view(r, actor, d)), total: Number(n) };
}

async function visible(db: Executor, actor: Actor, id: number) {
  const r = await base(db).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('报到记录', 'REGISTRATION_NOT_FOUND');
  const sees =
    (r.member_id != null && r.member_id === actor.memberId) ||
    (actor.role !== 'member' &&
      (isInPath(r.c_path, actor.scopePath) ||
        isInPath(r.kind === 'member' ? (r.m_path ?? '') : r.u_path, actor.scopePath)));
  if (!sees) throw notFound('报到记录', 'REGISTRATION_NOT_FOUND');
  return r;
}

export async function get(ctx: Ctx, actor: Actor, id: number) {
  const r = await visible(ctx.db, actor, id);
  const events = await ctx.db
    .selectFrom('cobuild_registration_event as e')
    .leftJoin('app_user as a', 'a.id', 'e.actor_id')
    .select(['e.kind', 'e.note', 'e.at', 'a.display_name'])
    .where('e.registration_id', '=', id)
    .orderBy('e.id')
    .execute();
  return {
    ...view(r, actor, today(ctx)),
    events: events.map((e) => ({ kind: e.kind, note: e.note, actor: e.display_name, at: e.at })),
  };
}

const event = (trx: Executor, ctx: Ctx, actor: Actor, id: number, kind: string, note: string | null = null) =>
  trx
    .insertInto('cobuild_registration_event')
    .values({ registration_id: id, kind, note, actor_id: actor.userId, at: nowIso(ctx) })
    .execute();

/** The community named by the caller, with a clear answer when the node is not one. */
async function communityFor(db: Executor, id: number) {
  const c = await loadCommunity(db, id);
  if (c) return c;
  const o = await db.selectFrom('org_unit').select(['name', 'short_name']).where('id', '=', id).executeTakeFirst();
  if (o) throw badRequest('NOT_A_COMMUNITY', `「${orgName(o)}」不是已登记的村/社区,不能向其报到`);
  throw notFound('社区', 'COMMUNITY_NOT_FOUND');
}

const describeLive = async (db: Executor, where: { member?: number; unit?: number; community?: number }) => {
  let q = db
    .selectFrom('cobuild_registration as r')
    .innerJoin('org_unit as c', 'c.id', 'r.community_org_id')
    .select(['r.status', 'c.name', 'c.short_name'])
    .where('r.status', 'in', LIVE);
  if (where.member) q = q.where('r.kind', '=', 'member').where('r.member_id', '=', where.member);
  if (where.unit) q = q.where('r.kind', '=', 'unit').where('r.unit_org_id', '=', where.unit);
  if (where.community) q = q.where('r.community_org_id', '=', where.community);
  return q.executeTakeFirst();
};

async function insert(ctx: Ctx, trx: Executor, actor: Actor, v: Record<string, unknown>) {
  const now = nowIso(ctx);
  try {
    return await trx
      .insertInto('cobuild_registration')
      .values({
        kind: v.kind as string,
        member_id: (v.member_id as number) ?? null,
        unit_org_id: v.unit_org_id as number,
        community_org_id: v.community_org_id as number,
        status: 'pending',
        address: (v.address as string) ?? null,
        skills: (v.skills as string) ?? null,
        note: (v.note as string) ?? null,
        reported_date: today(ctx),
        accepted_date: null,
        confirmed_date: null,
        due_date: null,
        decided_by: null,
        decline_reason: null,
        ended_date: null,
        end_reason: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('ALREADY_REPORTED', '已有进行中的报到,同一时间只能在一个社区报到');
    throw e;
  }
}

/** A member reports (self-service). One community at a time; only members who must report. */
export async function report(ctx: Ctx, actor: Actor, b: ReportBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await selfMember(trx, actor);
    const why = await notRequiredReason(trx, m);
    if (why) throw badRequest('REPORT_NOT_REQUIRED', `无需到社区报到:${why}`);
    const c = await communityFor(trx, b.communityId);
    const live = await describeLive(trx, { member: m.id });
    if (live)
      throw conflict(
        'ALREADY_REPORTED',
        `您已向「${orgName(live)}」报到(${live.status === 'active' ? '已报到' : '待社区确认'}),同一时间只能在一个社区报到;如需变更,请先结束当前报到`,
      );
    const employer = await employerOfOrg(trx, m.org_id);
    const r = await insert(ctx, trx, actor, {
      kind: 'member',
      member_id: m.id,
      unit_org_id: employer.id,
      community_org_id: c.id,
      address: b.address?.trim() || null,
      skills: b.skills?.trim() || null,
    });
    await event(trx, ctx, actor, r.id, 'reported');
    await toOrg(
      trx,
      ctx,
      c.id,
      'cobuild_todo',
      `在职党员 ${m.name}(${employer.name})申请到${orgName(c)}报到,请确认`,
      `/cobuild/community?communityId=${c.id}&tab=registrations`,
      `cobuild_reg:${r.id}`,
    );
    await audit(ctx, trx, actor, {
      action: 'cobuild.registration.report',
      entity: 'cobuild_registration',
      entityId: r.id,
      after: { memberId: m.id, communityId: c.id, unitId: employer.id },
    });
    return { id: r.id };
  });
}

/** A unit (机关/单位党组织 in scope) reports to a community as a 共建单位 (结对). */
export async function reportUnit(ctx: Ctx, actor: Actor, b: UnitReportBody) {
  if (!canManage(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (trx) => {
    const u = await managedUnit(trx, actor, b.unitId);
    const c = await communityFor(trx, b.communityId);
    const live = await describeLive(trx, { unit: u.id, community: c.id });
    if (live) throw conflict('ALREADY_PAIRED', `${orgName(u)}已与「${orgName(live)}」结对(或待确认)`);
    const r = await insert(ctx, trx, actor, {
      kind: 'unit',
      unit_org_id: u.id,
      community_org_id: c.id,
      note: b.note?.trim() || null,
    });
    await event(trx, ctx, actor, r.id, 'reported', b.note ?? null);
    await toOrg(
      trx,
      ctx,
      c.id,
      'cobuild_todo',
      `${orgName(u)}申请作为共建单位到${orgName(c)}报到,请确认`,
      `/cobuild/community?communityId=${c.id}&tab=registrations`,
      `cobuild_reg:${r.id}`,
    );
    await audit(ctx, trx, actor, {
      action: 'cobuild.registration.report_unit',
      entity: 'cobuild_registration',
      entityId: r.id,
      after: { unitId: u.id, communityId: c.id },
    });
    return { id: r.id };
  });
}

async function decidable(trx: Executor, actor: Actor, id: number) {
  const r = await visible(trx, actor, id);
  if (!canManage(actor) || !isInPath(r.c_path, actor.scopePath))
    throw forbidden('只有所报到社区的党组织可以确认或退回');
  if (r.member_id != null && r.member_id === actor.memberId) throw forbidden('不能确认或退回本人的报到');
  if (r.status !== 'pending') throw conflict('REGISTRATION_DECIDED', '该报到已处理');
  return r;
}

/** The community accepts: the member is reported from today, due for re-confirmation in N months. */
export async function accept(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await decidable(trx, actor, id);
    const d = today(ctx);
    const { reconfirmMonths } = await loadSettings(trx);
    await trx
      .updateTable('cobuild_registration')
      .set({
        status: 'active',
        accepted_date: d,
        confirmed_date: d,
        due_date: r.kind === 'member' ? addMonths(d, reconfirmMonths) : null,
        decided_by: actor.userId,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await event(trx, ctx, actor, id, 'accepted');
    const cname = orgName({ name: r.c_name, short_name: r.c_short });
    const p = await credit(ctx, trx, {
      subject: r.kind === 'member' ? { kind: 'member', id: r.member_id! } : { kind: 'unit', id: r.unit_org_id },
      action: 'report',
      entryDate: d,
      points: null,
      reason: r.kind === 'member' ? `到${cname}报到` : `作为共建单位到${cname}报到`,
      source: { kind: 'registration', id },
      actorId: actor.userId,
    });
    if (r.kind === 'member')
      await toMember(trx, ctx, r.member_id!, `${cname}已确认您的报到`, '/my/cobuild', `cobuild_reg_ok:${id}`);
    await audit(ctx, trx, actor, {
      action: 'cobuild.registration.accept',
      entity: 'cobuild_registration',
      entityId: id,
      after: { points: p.points, capped: p.capped },
    });
    return { ok: true };
  });
}

export async function decline(ctx: Ctx, actor: Actor, id: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await decidable(trx, actor, id);
    await trx
      .updateTable('cobuild_registration')
      .set({ status: 'declined', decline_reason: reason.trim(), decided_by: actor.userId, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await event(trx, ctx, actor, id, 'declined', reason.trim());
    if (r.kind === 'member')
      await toMember(trx, ctx, r.member_id!, `报到被退回:${reason.trim()}`, '/my/cobuild', `cobuild_reg_no:${id}`);
    await audit(ctx, trx, actor, {
      action: 'cobuild.registration.decline',
      entity: 'cobuild_registration',
      entityId: id,
      after: { reason },
    });
    return { ok: true };
  });
}

/** The member re-confirms where they live: the next due date moves N months from today. */
export async function confirm(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await visible(trx, actor, id);
    if (r.member_id == null || r.member_id !== actor.memberId) throw forbidden('只能由党员本人复核报到');
    if (r.status !== 'active') throw conflict('REGISTRATION_NOT_ACTIVE', '只有已报到的记录需要复核');
    const d = today(ctx);
    const { reconfirmMonths } = await loadSettings(trx);
    const due = addMonths(d, reconfirmMonths);
    await trx
      .updateTable('cobuild_registration')
      .set({ confirmed_date: d, due_date: due, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await event(trx, ctx, actor, id, 'confirmed');
    await audit(ctx, trx, actor, {
      action: 'cobuild.registration.confirm',
      entity: 'cobuild_registration',
      entityId: id,
      before: { dueDate: r.due_date },
      after: { dueDate: due },
    });
    return { ok: true };
  });
}

/** Ends a live registration (moved away, withdrawn): the member, the community or the unit side. */
export async function end(ctx: Ctx, actor: Actor, id: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await visible(trx, actor, id);
    const self = r.member_id != null && r.member_id === actor.memberId;
    const side =
      canManage(actor) &&
      (isInPath(r.c_path, actor.scopePath) || (r.kind === 'unit' && isInPath(r.u_path, actor.scopePath)));
    if (!self && !side) throw forbidden('只能由党员本人、所报到社区或共建单位结束报到');
    if (!LIVE.includes(r.status)) throw conflict('REGISTRATION_NOT_LIVE', '该报到已结束或被退回');
    await trx
      .updateTable('cobuild_registration')
      .set({ status: 'ended', ended_date: today(ctx), end_reason: reason.trim(), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await event(trx, ctx, actor, id, 'ended', reason.trim());
    await audit(ctx, trx, actor, {
      action: 'cobuild.registration.end',
      entity: 'cobuild_registration',
      entityId: id,
      after: { reason },
    });
    return { ok: true };
  });
}
