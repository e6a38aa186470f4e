/**
 * 需求清单: a community publishes needs; members (of that community, or reported there, or of a
 * paired unit) and paired units claim them; the community answers every claim, closes the need or
 * marks it fulfilled — which credits the accepted claimants (认领需求完成).
 *
 * Visibility: the community's subtree sees all its needs; paired units and members who may serve
 * there see its open needs. Nobody else learns a need exists (404).
 */
import { sql } from 'kysely';
import type { ClaimBody, NeedQuery, NewNeed, UpdateNeed } from '../../../common/contracts/cobuild.ts';
import type { CobuildClaimStatus, CobuildNeedStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { canManage, managedCommunity, managedUnit, memberReach, orgName, selfMember, today } from './access.ts';
import { insertClaim } from './claims.service.ts';
import { toMember, toOrg } from './notices.ts';
import { credit } from './points.ts';

/** Communities whose open needs (and activities) the caller may see without managing them. */
export async function reachOf(db: Executor, actor: Actor): Promise<number[]> {
  const out = new Set<number>();
  if (actor.role !== 'member') {
    const paired = await db
      .selectFrom('cobuild_registration as r')
      .innerJoin('org_unit as u', 'u.id', 'r.unit_org_id')
      .select('r.community_org_id')
      .where('r.kind', '=', 'unit')
      .where('r.status', '=', 'active')
      .where('u.path', '>=', actor.scopePath)
      .where('u.path', '<', pathUpper(actor.scopePath))
      .execute();
    for (const p of paired) out.add(p.community_org_id);
  }
  if (actor.memberId) {
    const m = await db
      .selectFrom('member')
      .select(['id', 'org_id', 'org_path'])
      .where('id', '=', actor.memberId)
      .executeTakeFirst();
    if (m) for (const c of (await memberReach(db, m)).all) out.add(c);
  }
  return [...out];
}

const needBase = (db: Executor) =>
  db
    .selectFrom('cobuild_need as n')
    .innerJoin('org_unit as c', 'c.id', 'n.community_org_id')
    .selectAll('n')
    .select(['c.name as c_name', 'c.short_name as c_short', 'c.path as c_path'])
    .select((eb) => [
      eb
        .selectFrom('cobuild_claim as k')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('k.headcount'), e.val(0)).as('s'))
        .whereRef('k.need_id', '=', 'n.id')
        .where('k.status', 'in', ['accepted', 'fulfilled'])
        .as('claimed'),
      eb
        .selectFrom('cobuild_claim as k')
        .select((e) => e.fn.countAll<number>().as('c'))
        .whereRef('k.need_id', '=', 'n.id')
        .where('k.status', '=', 'pending')
        .as('pending'),
    ]);
type NeedRow = Awaited<ReturnType<ReturnType<typeof needBase>['executeTakeFirstOrThrow']>>;

function needView(n: NeedRow, actor: Actor, mine: Map<number, { id: number; status: string }>) {
  return {
    id: n.id,
    community: { id: n.community_org_id, name: orgName({ name: n.c_name, short_name: n.c_short }) },
    title: n.title,
    category: n.category,
    description: n.description,
    place: n.place,
    startDate: n.start_date,
    endDate: n.end_date,
    headcount: n.headcount,
    claimedCount: Number(n.claimed ?? 0),
    pendingClaims: Number(n.pending ?? 0),
    skills: n.skills,
    status: n.status as CobuildNeedStatus,
    closeReason: n.close_reason,
    doneDate: n.done_date,
    createdAt: n.created_at,
    myClaim: (mine.get(n.id) as { id: number; status: CobuildClaimStatus } | undefined) ?? null,
    canManage: canManage(actor) && isInPath(n.c_path, actor.scopePath),
  };
}

async function myClaims(db: Executor, actor: Actor, needIds: number[]) {
  if (!actor.memberId || !needIds.length) return new Map<number, { id: number; status: string }>();
  const rows = await db
    .selectFrom('cobuild_claim')
    .select(['id', 'need_id', 'status'])
    .where('claimant', '=', 'member')
    .where('member_id', '=', actor.memberId)
    .where('need_id', 'in', needIds)
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.need_id!, { id: r.id, status: r.status }]));
}

export async function list(ctx: Ctx, actor: Actor, q: NeedQuery) {
  const reach = await reachOf(ctx.db, actor);
  const own = actor.role !== 'member';
  let query = needBase(ctx.db).where((eb) =>
    eb.or([
      ...(own ? [eb.and([eb('c.path', '>=', actor.scopePath), eb('c.path', '<', pathUpper(actor.scopePath))])] : []),
      eb.and([eb('n.community_org_id', 'in', reach.length ? reach : [-1]), eb('n.status', '=', 'open')]),
    ]),
  );
  if (q.communityId) query = query.where('n.community_org_id', '=', q.communityId);
  if (q.status) query = query.where('n.status', '=', q.status);
  if (q.category) query = query.where('n.category', '=', q.category);
  if (q.q) query = query.where('n.title', 'like', `%${q.q}%`);
  const { c } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('c'))
    .executeTakeFirstOrThrow();
  const pageSize = q.pageSize ?? 20;
  const rows = await query
    .orderBy(sql`case when n.status = 'open' then 0 else 1 end`)
    .orderBy('n.start_date', 'desc')
    .orderBy('n.id', 'desc')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  const mine = await myClaims(
    ctx.db,
    actor,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => needView(r, actor, mine)), total: Number(c) };
}

/** A need the caller may see (see the module comment); otherwise 404. */
export async function visibleNeed(db: Executor, actor: Actor, id: number) {
  const n = await needBase(db).where('n.id', '=', id).executeTakeFirst();
  if (!n) throw notFound('需求', 'NEED_NOT_FOUND');
  if (actor.role !== 'member' && isInPath(n.c_path, actor.scopePath)) return n;
  if (n.status === 'open' && (await reachOf(db, actor)).includes(n.community_org_id)) return n;
  throw notFound('需求', 'NEED_NOT_FOUND');
}

export async function get(ctx: Ctx, actor: Actor, id: number) {
  const n = await visibleNeed(ctx.db, actor, id);
  return needView(n, actor, await myClaims(ctx.db, actor, [id]));
}

async function managedNeed(db: Executor, actor: Actor, id: number) {
  const n = await visibleNeed(db, actor, id);
  if (!canManage(actor) || !isInPath(n.c_path, actor.scopePath)) throw forbidden('只有发布需求的社区可以修改');
  return n;
}

const checkDates = (ctx: Ctx, start: string, end: string) => {
  if (end < start) throw badRequest('DATES_INVALID', '结束日期不能早于开始日期');
  if (end < today(ctx)) throw badRequest('DATES_PAST', '结束日期不能早于今天');
};

export async function create(ctx: Ctx, actor: Actor, b: NewNeed) {
  if (!canManage(actor)) throw forbidden();
  checkDates(ctx, b.startDate, b.endDate);
  return ctx.db.transaction().execute(async (trx) => {
    const c = await managedCommunity(trx, actor, b.communityId);
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('cobuild_need')
      .values({
        community_org_id: c.id,
        title: b.title.trim(),
        category: b.category,
        description: b.description?.trim() || null,
        place: b.place?.trim() || null,
        start_date: b.startDate,
        end_date: b.endDate,
        headcount: b.headcount,
        skills: b.skills?.trim() || null,
        status: 'open',
        close_reason: null,
        done_date: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // 需求清单 goes to the paired units (共建单位) as it is published.
    const units = await trx
      .selectFrom('cobuild_registration')
      .select('unit_org_id')
      .where('kind', '=', 'unit')
      .where('status', '=', 'active')
      .where('community_org_id', '=', c.id)
      .execute();
    for (const u of units)
      await toOrg(
        trx,
        ctx,
        u.unit_org_id,
        'cobuild_todo',
        `结对社区${orgName(c)}发布需求:${b.title}`,
        `/cobuild/unit?tab=needs`,
        `cobuild_need:${r.id}:${u.unit_org_id}`,
      );
    await audit(ctx, trx, actor, { action: 'cobuild.need.create', entity: 'cobuild_need', entityId: r.id, after: b });
    return { id: r.id };
  });
}

export async function update(ctx: Ctx, actor: Actor, id: number, b: UpdateNeed) {
  return ctx.db.transaction().execute(async (trx) => {
    const n = await managedNeed(trx, actor, id);
    if (n.status !== 'open') throw conflict('NEED_NOT_OPEN', '需求已关闭或已完成,不能修改');
    const next = {
      title: b.title?.trim() ?? n.title,
      category: b.category ?? n.category,
      description: b.description !== undefined ? b.description?.trim() || null : n.description,
      place: b.place !== undefined ? b.place?.trim() || null : n.place,
      start_date: b.startDate ?? n.start_date,
      end_date: b.endDate ?? n.end_date,
      headcount: b.headcount ?? n.headcount,
      skills: b.skills !== undefined ? b.skills?.trim() || null : n.skills,
    };
    checkDates(ctx, next.start_date, next.end_date);
    if (next.headcount < Number(n.claimed ?? 0))
      throw badRequest('HEADCOUNT_BELOW_CLAIMED', `已接受认领 ${n.claimed} 人,需要人数不能少于此数`);
    await trx
      .updateTable('cobuild_need')
      .set({ ...next, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, { action: 'cobuild.need.update', entity: 'cobuild_need', entityId: id, after: b });
    return { ok: true };
  });
}

/** Declines the claims still waiting when a need stops taking them. */
async function declinePending(ctx: Ctx, trx: Executor, actor: Actor, needId: number, reason: string) {
  await trx
    .updateTable('cobuild_claim')
    .set({ status: 'declined', reason, decided_by: actor.userId, decided_at: nowIso(ctx) })
    .where('need_id', '=', needId)
    .where('status', '=', 'pending')
    .execute();
}

export async function close(ctx: Ctx, actor: Actor, id: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const n = await managedNeed(trx, actor, id);
    if (n.status !== 'open') throw conflict('NEED_NOT_OPEN', '需求已关闭或已完成');
    await trx
      .updateTable('cobuild_need')
      .set({ status: 'closed', close_reason: reason.trim(), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await declinePending(ctx, trx, actor, id, `需求已关闭:${reason.trim()}`);
    await audit(ctx, trx, actor, {
      action: 'cobuild.need.close',
      entity: 'cobuild_need',
      entityId: id,
      after: { reason },
    });
    return { ok: true };
  });
}

/** The need is met: accepted claims become fulfilled and their claimants are credited. */
export async function fulfil(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const n = await managedNeed(trx, actor, id);
    if (n.status !== 'open') throw conflict('NEED_NOT_OPEN', '需求已关闭或已完成');
    const d = today(ctx);
    await trx
      .updateTable('cobuild_need')
      .set({ status: 'done', done_date: d, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    const accepted = await trx
      .selectFrom('cobuild_claim')
      .select(['id', 'claimant', 'member_id', 'org_id'])
      .where('need_id', '=', id)
      .where('status', '=', 'accepted')
      .execute();
    for (const k of accepted) {
      await trx.updateTable('cobuild_claim').set({ status: 'fulfilled' }).where('id', '=', k.id).execute();
      await credit(ctx, trx, {
        subject: k.claimant === 'member' ? { kind: 'member', id: k.member_id! } : { kind: 'unit', id: k.org_id! },
        action: 'needFulfilled',
        entryDate: d,
        points: null,
        reason: `认领的需求「${n.title}」已完成`,
        source: { kind: 'claim', id: k.id },
        actorId: actor.userId,
      });
      if (k.claimant === 'member')
        await toMember(
          trx,
          ctx,
          k.member_id!,
          `您认领的需求「${n.title}」已完成`,
          '/my/cobuild?tab=points',
          `cobuild_need_done:${k.id}`,
        );
    }
    await declinePending(ctx, trx, actor, id, '需求已完成');
    await audit(ctx, trx, actor, {
      action: 'cobuild.need.fulfil',
      entity: 'cobuild_need',
      entityId: id,
      after: { claims: accepted.map((k) => k.id) },
    });
    return { ok: true };
  });
}

/** A member (for themselves) or a paired unit claims an open need. */
export async function claim(ctx: Ctx, actor: Actor, id: number, b: ClaimBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const n = await visibleNeed(trx, actor, id);
    if (n.status !== 'open')
      throw conflict('NEED_CLOSED', `该需求${n.status === 'done' ? '已完成' : '已关闭'},不能认领`);
    if (n.end_date < today(ctx)) throw conflict('NEED_EXPIRED', '该需求已过截止日期,不能认领');
    const headcount = b.unitId ? (b.headcount ?? 1) : 1;
    let who: { claimant: 'member' | 'unit'; member_id: number | null; org_id: number | null; name: string };
    if (b.unitId) {
      if (!canManage(actor)) throw forbidden('只有单位党组织书记(管理员)可以代表单位认领');
      const u = await managedUnit(trx, actor, b.unitId);
      const paired = await trx
        .selectFrom('cobuild_registration')
        .select('id')
        .where('kind', '=', 'unit')
        .where('unit_org_id', '=', u.id)
        .where('community_org_id', '=', n.community_org_id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (!paired) throw badRequest('NOT_PAIRED', `${orgName(u)}尚未与该社区结对,请先作为共建单位报到`);
      who = { claimant: 'unit', member_id: null, org_id: u.id, name: orgName(u) };
    } else {
      const m = await selfMember(trx, actor);
      if (!(await memberReach(trx, m)).all.includes(n.community_org_id))
        throw forbidden('只能认领本人报到(或所在)社区、本单位结对社区的需求');
      who = { claimant: 'member', member_id: m.id, org_id: null, name: m.name };
    }
    if (Number(n.claimed ?? 0) + headcount > n.headcount)
      throw conflict('NEED_FULL', `该需求需要 ${n.headcount} 人,已认领 ${n.claimed} 人,名额不足`);
    const r = await insertClaim(
      trx,
      ctx,
      actor,
      { target: 'need', need_id: id, claimant: who.claimant, member_id: who.member_id, org_id: who.org_id, headcount },
      b.note,
      '已认领过该需求',
    );
    await toOrg(
      trx,
      ctx,
      n.community_org_id,
      'cobuild_todo',
      `${who.claimant === 'unit' ? who.name : '党员'}认领了需求「${n.title}」,请答复`,
      `/cobuild/community?communityId=${n.community_org_id}&tab=needs`,
      `cobuild_claim:${r.id}`,
    );
    await audit(ctx, trx, actor, {
      action: 'cobuild.need.claim',
      entity: 'cobuild_claim',
      entityId: r.id,
      after: { needId: id, claimant: who.claimant, unitId: who.org_id, memberId: who.member_id, headcount },
    });
    return { id: r.id };
  });
}
