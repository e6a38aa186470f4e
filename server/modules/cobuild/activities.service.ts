/**
 * Activities: a community turns a need or project (or its own plan) into an activity with a
 * sign-up limit. Sign-up and the QR codes are in signups.service.ts; sign-in/out, photos and
 * verification in attendance.service.ts. Visibility follows the needs: the community's subtree sees everything,
 * members and paired units see the activities of the communities they serve, and a member always
 * sees the activities they signed up for.
 */
import crypto from 'node:crypto';
import type { ActivityQuery, NewActivity } from '../../../common/contracts/cobuild-service.ts';
import type { CobuildVerification } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { canManage, managedCommunity, orgName } from './access.ts';
import { reachOf } from './needs.service.ts';
import { knownMembers, participantView, unitNames } from './participants.ts';

const staff = (a: Actor) => a.role !== 'member';

export const actBase = (db: Executor) =>
  db
    .selectFrom('cobuild_activity as a')
    .innerJoin('org_unit as c', 'c.id', 'a.community_org_id')
    .leftJoin('cobuild_need as n', 'n.id', 'a.need_id')
    .leftJoin('cobuild_project as p', 'p.id', 'a.project_id')
    .selectAll('a')
    .select([
      'c.name as c_name',
      'c.short_name as c_short',
      'c.path as c_path',
      'n.title as n_title',
      'p.title as p_title',
    ])
    .select((eb) => [
      eb
        .selectFrom('cobuild_signup as g')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('g.activity_id', '=', 'a.id')
        .where('g.status', '=', 'signed_up')
        .as('signed'),
      eb
        .selectFrom('cobuild_signup as g')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('g.activity_id', '=', 'a.id')
        .where('g.status', '=', 'signed_up')
        .where('g.verification', '=', 'pending')
        .where('g.checkin_at', 'is not', null)
        .as('to_verify'),
    ]);
export type ActRow = Awaited<ReturnType<ReturnType<typeof actBase>['executeTakeFirstOrThrow']>>;

export const phaseOf = (a: { starts_at: string; ends_at: string }, now: Date) => {
  const t = now.toISOString();
  return t < a.starts_at ? ('upcoming' as const) : t <= a.ends_at ? ('ongoing' as const) : ('ended' as const);
};
export const isManager = (a: ActRow, actor: Actor) =>
  staff(actor) && canManage(actor) && isInPath(a.c_path, actor.scopePath);

type SignupLite = {
  id: number;
  activity_id: number;
  status: string;
  checkin_at: string | null;
  checkout_at: string | null;
  hours: number | null;
  verification: string;
  verified_hours: number | null;
};
async function mySignups(db: Executor, actor: Actor, ids: number[]) {
  if (!actor.memberId || !ids.length) return new Map<number, SignupLite>();
  const rows = await db
    .selectFrom('cobuild_signup')
    .select(['id', 'activity_id', 'status', 'checkin_at', 'checkout_at', 'hours', 'verification', 'verified_hours'])
    .where('member_id', '=', actor.memberId)
    .where('activity_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.activity_id, r]));
}

export function actView(ctx: Ctx, a: ActRow, actor: Actor, mine?: SignupLite) {
  return {
    id: a.id,
    community: { id: a.community_org_id, name: orgName({ name: a.c_name, short_name: a.c_short }) },
    need: a.need_id ? { id: a.need_id, title: a.n_title ?? '' } : null,
    project: a.project_id ? { id: a.project_id, title: a.p_title ?? '' } : null,
    title: a.title,
    category: a.category,
    description: a.description,
    place: a.place,
    lat: a.lat == null ? null : Number(a.lat),
    lng: a.lng == null ? null : Number(a.lng),
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    activityDate: a.activity_date,
    signupLimit: a.signup_limit,
    signedUp: Number(a.signed ?? 0),
    status: a.status as 'open' | 'cancelled',
    cancelReason: a.cancel_reason,
    phase: phaseOf(a, ctx.clock.now()),
    mySignup: mine
      ? {
          id: mine.id,
          status: mine.status as 'signed_up' | 'cancelled',
          checkinAt: mine.checkin_at,
          checkoutAt: mine.checkout_at,
          hours: mine.hours == null ? null : Number(mine.hours),
          verification: mine.verification as CobuildVerification,
          verifiedHours: mine.verified_hours == null ? null : Number(mine.verified_hours),
        }
      : null,
    pendingVerifications: isManager(a, actor) ? Number(a.to_verify ?? 0) : 0,
    canManage: isManager(a, actor),
  };
}

export async function list(ctx: Ctx, actor: Actor, q: ActivityQuery) {
  const reach = await reachOf(ctx.db, actor);
  const p = actor.scopePath;
  const mid = actor.memberId ?? -1;
  let query = actBase(ctx.db).where((eb) =>
    eb.or([
      ...(staff(actor) && !q.mine ? [eb.and([eb('c.path', '>=', p), eb('c.path', '<', pathUpper(p))])] : []),
      ...(!q.mine ? [eb('a.community_org_id', 'in', reach.length ? reach : [-1])] : []),
      eb(
        'a.id',
        'in',
        eb
          .selectFrom('cobuild_signup')
          .select('activity_id')
          .where('member_id', '=', mid)
          .where('status', '=', 'signed_up'),
      ),
    ]),
  );
  if (q.communityId) query = query.where('a.community_org_id', '=', q.communityId);
  if (q.fromDate) query = query.where('a.activity_date', '>=', q.fromDate);
  if (q.toDate) query = query.where('a.activity_date', '<=', q.toDate);
  if (q.upcoming) query = query.where('a.ends_at', '>=', ctx.clock.now().toISOString()).where('a.status', '=', 'open');
  const { n } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const pageSize = q.pageSize ?? 20;
  const rows = await query
    .orderBy('a.starts_at', q.upcoming ? 'asc' : 'desc')
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  const mine = await mySignups(
    ctx.db,
    actor,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => actView(ctx, r, actor, mine.get(r.id))), total: Number(n) };
}

/** An activity the caller may see; otherwise 404. */
export async function visibleActivity(db: Executor, actor: Actor, id: number) {
  const a = await actBase(db).where('a.id', '=', id).executeTakeFirst();
  if (!a) throw notFound('活动', 'ACTIVITY_NOT_FOUND');
  if (staff(actor) && isInPath(a.c_path, actor.scopePath)) return a;
  if ((await reachOf(db, actor)).includes(a.community_org_id)) return a;
  if ((await mySignups(db, actor, [id])).get(id)?.status === 'signed_up') return a;
  throw notFound('活动', 'ACTIVITY_NOT_FOUND');
}

export async function detail(ctx: Ctx, actor: Actor, id: number) {
  const a = await visibleActivity(ctx.db, actor, id);
  const mine = (await mySignups(ctx.db, actor, [id])).get(id);
  const manager = isManager(a, actor);
  let participants: ReturnType<typeof participantView>[] = [];
  if (manager) {
    const rows = await ctx.db
      .selectFrom('cobuild_signup as g')
      .innerJoin('member as m', 'm.id', 'g.member_id')
      .selectAll('g')
      .select(['m.name', 'm.phone', 'm.org_id'])
      .where('g.activity_id', '=', id)
      .orderBy('g.id')
      .execute();
    const known = await knownMembers(
      ctx.db,
      a.community_org_id,
      a.c_path,
      rows.map((r) => r.member_id),
    );
    const units = await unitNames(
      ctx.db,
      rows.map((r) => r.org_id),
    );
    participants = rows.map((r) => participantView(r, a, known.has(r.member_id), units.get(r.org_id) ?? ''));
  }
  const photos = await ctx.db
    .selectFrom('cobuild_photo as f')
    .leftJoin('app_user as u', 'u.id', 'f.uploaded_by')
    .select(['f.id', 'f.file_name', 'f.uploaded_at', 'u.display_name'])
    .where('f.activity_id', '=', id)
    .orderBy('f.id')
    .execute();
  return {
    ...actView(ctx, a, actor, mine),
    participants,
    photos: photos.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      uploadedAt: f.uploaded_at,
      uploader: f.display_name ?? '',
    })),
  };
}

const token = () => crypto.randomBytes(18).toString('base64url');

export async function create(ctx: Ctx, actor: Actor, b: NewActivity) {
  if (!canManage(actor)) throw forbidden();
  const start = new Date(b.startsAt);
  const end = new Date(b.endsAt);
  if (!(end > start)) throw badRequest('TIMES_INVALID', '结束时间应晚于开始时间');
  if (end.getTime() - start.getTime() > 24 * 3600_000) throw badRequest('TIMES_INVALID', '单次活动不能超过 24 小时');
  if (end <= ctx.clock.now()) throw badRequest('TIMES_PAST', '结束时间已过:活动须现场扫码签到,不能补录已结束的活动');
  if ((b.lat == null) !== (b.lng == null)) throw badRequest('LOCATION_INVALID', '经度和纬度须同时填写');
  return ctx.db.transaction().execute(async (trx) => {
    const c = await managedCommunity(trx, actor, b.communityId);
    if (b.needId) {
      const n = await trx
        .selectFrom('cobuild_need')
        .select(['community_org_id', 'status'])
        .where('id', '=', b.needId)
        .executeTakeFirst();
      if (!n || n.community_org_id !== c.id) throw badRequest('NEED_INVALID', '所选需求不属于本社区');
      if (n.status === 'closed') throw conflict('NEED_CLOSED', '所选需求已关闭');
    }
    if (b.projectId) {
      const p = await trx
        .selectFrom('cobuild_project')
        .select(['community_org_id', 'status'])
        .where('id', '=', b.projectId)
        .executeTakeFirst();
      if (!p || p.community_org_id !== c.id) throw badRequest('PROJECT_INVALID', '所选项目不属于本社区');
      if (p.status !== 'active') throw conflict('PROJECT_NOT_ACTIVE', '所选项目已完成或已取消');
    }
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('cobuild_activity')
      .values({
        community_org_id: c.id,
        need_id: b.needId ?? null,
        project_id: b.projectId ?? null,
        title: b.title.trim(),
        category: b.category,
        description: b.description?.trim() || null,
        place: b.place.trim(),
        lat: b.lat ?? null,
        lng: b.lng ?? null,
        starts_at: start.toISOString(),
        ends_at: end.toISOString(),
        activity_date: localDate(start),
        signup_limit: b.signupLimit,
        status: 'open',
        cancel_reason: null,
        checkin_token: token(),
        checkout_token: token(),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Members whose claim on the need was accepted are signed up (they already said they come).
    let auto = 0;
    if (b.needId) {
      const claimants = await trx
        .selectFrom('cobuild_claim')
        .select('member_id')
        .where('need_id', '=', b.needId)
        .where('claimant', '=', 'member')
        .where('status', '=', 'accepted')
        .orderBy('id')
        .limit(b.signupLimit)
        .execute();
      for (const k of claimants) {
        await trx
          .insertInto('cobuild_signup')
          .values(newSignup(r.id, k.member_id!, now))
          .execute();
        auto++;
      }
    }
    await audit(ctx, trx, actor, {
      action: 'cobuild.activity.create',
      entity: 'cobuild_activity',
      entityId: r.id,
      after: { ...b, autoSignups: auto },
    });
    return { id: r.id };
  });
}

export const newSignup = (activityId: number, memberId: number, now: string) => ({
  activity_id: activityId,
  member_id: memberId,
  status: 'signed_up',
  signed_up_at: now,
  checkin_at: null,
  checkin_lat: null,
  checkin_lng: null,
  checkin_accuracy: null,
  checkout_at: null,
  checkout_lat: null,
  checkout_lng: null,
  checkout_accuracy: null,
  hours: null,
  verification: 'pending',
  verified_hours: null,
  verified_by: null,
  verified_at: null,
  verify_note: null,
});

export async function cancel(ctx: Ctx, actor: Actor, id: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await visibleActivity(trx, actor, id);
    if (!isManager(a, actor)) throw forbidden('只有活动所在社区可以取消活动');
    if (a.status !== 'open') throw conflict('ACTIVITY_CANCELLED', '活动已取消');
    const verified = await trx
      .selectFrom('cobuild_signup')
      .select('id')
      .where('activity_id', '=', id)
      .where('verification', '=', 'verified')
      .executeTakeFirst();
    if (verified) throw conflict('ACTIVITY_VERIFIED', '活动已有核验记录,不能取消');
    await trx
      .updateTable('cobuild_activity')
      .set({ status: 'cancelled', cancel_reason: reason.trim(), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'cobuild.activity.cancel',
      entity: 'cobuild_activity',
      entityId: id,
      after: { reason },
    });
    return { ok: true };
  });
}
