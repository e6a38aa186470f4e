/**
 * On site: sign-in and sign-out by scanning the activity's QR codes (server time only; the
 * phone's location when it offers one), photo evidence (electronic photos suffice), and the
 * community's verification — only verified service earns points.
 */
import crypto from 'node:crypto';
import { fileTarget, openStored, putFile, removeFile } from '../../lib/files.ts';
import type { PendingQuery, ScanBody, VerifyBody } from '../../../common/contracts/cobuild-service.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { canManage, loadSettings, maskName, orgName, selfMember } from './access.ts';
import { actBase, type ActRow, isManager, visibleActivity } from './activities.service.ts';
import { distance, knownMembers, unitNames } from './participants.ts';
import { toMember } from './notices.ts';
import { credit } from './points.ts';

/** HH:mm in Asia/Shanghai (UTC+8, no DST) of an instant. */
const hhmm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
const HALF_HOUR = 30 * 60_000;

/** Service hours: sign-in to sign-out clipped to the activity, rounded down to half hours. */
export function serviceHours(a: { starts_at: string; ends_at: string }, inAt: string, outAt: string) {
  const from = Math.max(Date.parse(a.starts_at), Date.parse(inAt));
  const to = Math.min(Date.parse(a.ends_at), Date.parse(outAt));
  return to > from ? Math.floor((to - from) / HALF_HOUR) / 2 : 0;
}

export async function scan(ctx: Ctx, actor: Actor, b: ScanBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await actBase(trx)
      .where((eb) => eb.or([eb('a.checkin_token', '=', b.token), eb('a.checkout_token', '=', b.token)]))
      .executeTakeFirst();
    if (!a) throw notFound('签到二维码', 'QR_INVALID');
    const dir = a.checkin_token === b.token ? ('in' as const) : ('out' as const);
    const m = await selfMember(trx, actor);
    if (a.status !== 'open') throw conflict('ACTIVITY_CANCELLED', '活动已取消');
    const g = await trx
      .selectFrom('cobuild_signup')
      .selectAll()
      .where('activity_id', '=', a.id)
      .where('member_id', '=', m.id)
      .executeTakeFirst();
    if (g?.status !== 'signed_up')
      throw badRequest('NOT_SIGNED_UP', `您未报名「${a.title}」,不能${dir === 'in' ? '签到' : '签退'};请先报名`);
    const s = await loadSettings(trx);
    const now = ctx.clock.now();
    const at = now.toISOString();
    const loc = { lat: b.lat ?? null, lng: b.lng ?? null, accuracy: b.accuracy ?? null };
    const opens = new Date(Date.parse(a.starts_at) - s.checkinOpensMin * 60_000).toISOString();
    const closes = new Date(Date.parse(a.ends_at) + s.checkoutGraceMin * 60_000).toISOString();
    let hours: number | null = null;
    if (dir === 'in') {
      if (g.checkin_at) throw conflict('ALREADY_CHECKED_IN', `您已于 ${hhmm(g.checkin_at)} 签到`);
      if (at < opens || at > a.ends_at)
        throw badRequest(
          'OUTSIDE_WINDOW',
          `不在签到时间内:本活动可于 ${a.activity_date} ${hhmm(opens)} 至 ${hhmm(a.ends_at)} 签到`,
        );
      await trx
        .updateTable('cobuild_signup')
        .set({ checkin_at: at, checkin_lat: loc.lat, checkin_lng: loc.lng, checkin_accuracy: loc.accuracy })
        .where('id', '=', g.id)
        .execute();
    } else {
      if (!g.checkin_at) throw badRequest('NOT_CHECKED_IN', '尚未签到,不能签退;请先扫签到码');
      if (g.checkout_at) throw conflict('ALREADY_CHECKED_OUT', `您已于 ${hhmm(g.checkout_at)} 签退`);
      if (at > closes)
        throw badRequest('OUTSIDE_WINDOW', `已超过签退时间(活动结束后 ${s.checkoutGraceMin} 分钟内可签退)`);
      hours = serviceHours(a, g.checkin_at, at);
      await trx
        .updateTable('cobuild_signup')
        .set({ checkout_at: at, checkout_lat: loc.lat, checkout_lng: loc.lng, checkout_accuracy: loc.accuracy, hours })
        .where('id', '=', g.id)
        .execute();
    }
    const distanceM = distance({ lat: a.lat, lng: a.lng }, loc);
    await audit(ctx, trx, actor, {
      action: dir === 'in' ? 'cobuild.activity.checkin' : 'cobuild.activity.checkout',
      entity: 'cobuild_signup',
      entityId: g.id,
      after: { activityId: a.id, at, ...loc, hours },
    });
    return { action: dir, activity: { id: a.id, title: a.title, place: a.place }, at, hours, distanceM };
  });
}

// ── photos ───────────────────────────────────────────────────────────────────
const IMAGE_TYPES: [string, string, (b: Buffer) => boolean][] = [
  ['image/jpeg', '.jpg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', '.png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  [
    'image/webp',
    '.webp',
    (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
];
const MAX_PHOTO = 10 * 1024 * 1024;

/** A photo of the activity, by a manager of its community or by a participant. */
export async function addPhoto(ctx: Ctx, actor: Actor, id: number, file: { filename: string; data: Buffer }) {
  const a = await visibleActivity(ctx.db, actor, id);
  let signupId: number | null = null;
  if (!isManager(a, actor)) {
    const g = actor.memberId
      ? await ctx.db
          .selectFrom('cobuild_signup')
          .select(['id', 'checkin_at'])
          .where('activity_id', '=', id)
          .where('member_id', '=', actor.memberId)
          .where('status', '=', 'signed_up')
          .executeTakeFirst()
      : undefined;
    if (!g?.checkin_at) throw forbidden('只有活动所在社区或已签到的参加人可以上传现场照片');
    signupId = g.id;
  }
  if (!file.data.length) throw badRequest('FILE_EMPTY', '上传的照片为空');
  if (file.data.length > MAX_PHOTO) throw badRequest('FILE_TOO_LARGE', '照片不能超过 10 MB');
  const type = IMAGE_TYPES.find(([, , test]) => test(file.data));
  if (!type) throw badRequest('NOT_A_PHOTO', '只能上传照片(JPG、PNG 或 WEBP 格式)');
  const stored = `${id}/${crypto.randomBytes(12).toString('hex')}${type[1]}`;
  await putFile(fileTarget(ctx), 'cobuild', stored, file.data);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('cobuild_photo')
        .values({
          activity_id: id,
          signup_id: signupId,
          file_name: (file.filename || `照片${type[1]}`).slice(0, 200),
          stored_name: stored,
          mime: type[0],
          size: file.data.length,
          sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
          uploaded_by: actor.userId,
          uploaded_at: nowIso(ctx),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(ctx, trx, actor, {
        action: 'cobuild.activity.photo',
        entity: 'cobuild_photo',
        entityId: r.id,
        after: { activityId: id, fileName: file.filename, size: file.data.length },
      });
      return { id: r.id };
    });
  } catch (e) {
    await removeFile(fileTarget(ctx), 'cobuild', stored);
    throw e;
  }
}

export async function photo(ctx: Ctx, actor: Actor, id: number, photoId: number) {
  await visibleActivity(ctx.db, actor, id);
  const f = await ctx.db
    .selectFrom('cobuild_photo')
    .selectAll()
    .where('id', '=', photoId)
    .where('activity_id', '=', id)
    .executeTakeFirst();
  if (!f) throw notFound('照片', 'PHOTO_NOT_FOUND');
  return { mime: f.mime, data: await openStored(ctx, 'cobuild', f.stored_name) };
}

// ── verification ─────────────────────────────────────────────────────────────
async function verifiable(db: Executor, actor: Actor, signupId: number) {
  const g = await db.selectFrom('cobuild_signup').selectAll().where('id', '=', signupId).executeTakeFirst();
  if (!g) throw notFound('参加记录', 'SIGNUP_NOT_FOUND');
  const a = await actBase(db).where('a.id', '=', g.activity_id).executeTakeFirstOrThrow();
  if (!(actor.role !== 'member' && isInPath(a.c_path, actor.scopePath))) throw notFound('参加记录', 'SIGNUP_NOT_FOUND');
  if (!isManager(a, actor)) throw forbidden('只有活动所在社区可以核验');
  if (g.member_id === actor.memberId) throw forbidden('不能核验本人参加的活动');
  if (g.status !== 'signed_up') throw conflict('SIGNUP_CANCELLED', '该报名已取消');
  if (g.verification !== 'pending') throw conflict('ALREADY_VERIFIED', '该参加记录已核验');
  return { g, a };
}

async function verifyOne(
  ctx: Ctx,
  trx: Executor,
  actor: Actor,
  g: Awaited<ReturnType<typeof verifiable>>['g'],
  a: ActRow,
  b: VerifyBody,
) {
  if (!g.checkin_at) throw badRequest('NOT_CHECKED_IN', '该党员未扫码签到,不能核验');
  const photos = await trx.selectFrom('cobuild_photo').select('id').where('activity_id', '=', a.id).limit(1).execute();
  if (!photos.length) throw badRequest('NO_PHOTO', '活动尚无现场照片,请先上传照片再核验');
  const max = Math.floor((Date.parse(a.ends_at) - Date.parse(a.starts_at)) / HALF_HOUR) / 2;
  if (b.hours === undefined && !g.checkout_at) throw badRequest('HOURS_REQUIRED', '该党员未签退,请填写认定的服务时长');
  const hours = b.hours ?? Number(g.hours ?? 0);
  if (hours > max) throw badRequest('HOURS_TOO_MANY', `认定时长不能超过活动时长(${max} 小时)`);
  await trx
    .updateTable('cobuild_signup')
    .set({
      verification: 'verified',
      verified_hours: hours,
      verified_by: actor.userId,
      verified_at: nowIso(ctx),
      verify_note: b.note?.trim() || null,
    })
    .where('id', '=', g.id)
    .execute();
  const cname = orgName({ name: a.c_name, short_name: a.c_short });
  const p = await credit(ctx, trx, {
    subject: { kind: 'member', id: g.member_id },
    action: 'service',
    entryDate: a.activity_date,
    points: null,
    hours,
    reason: `${cname}「${a.title}」志愿服务 ${hours} 小时(经社区核验)`,
    source: { kind: 'signup', id: g.id },
    actorId: actor.userId,
  });
  await toMember(
    trx,
    ctx,
    g.member_id,
    `「${a.title}」服务 ${hours} 小时已核验,积分 +${p.points}`,
    '/my/cobuild?tab=points',
    `cobuild_verified:${g.id}`,
  );
  await audit(ctx, trx, actor, {
    action: 'cobuild.activity.verify',
    entity: 'cobuild_signup',
    entityId: g.id,
    after: { hours, points: p.points, capped: p.capped, note: b.note ?? null },
  });
  return { hours, points: p.points, capped: p.capped };
}

export async function verify(ctx: Ctx, actor: Actor, signupId: number, b: VerifyBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const { g, a } = await verifiable(trx, actor, signupId);
    return verifyOne(ctx, trx, actor, g, a, b);
  });
}

/** Verifies every signed-out, pending participation of an activity (not the verifier's own). */
export async function verifyAll(ctx: Ctx, actor: Actor, activityId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await visibleActivity(trx, actor, activityId);
    if (!isManager(a, actor)) throw forbidden('只有活动所在社区可以核验');
    const rows = await trx
      .selectFrom('cobuild_signup')
      .selectAll()
      .where('activity_id', '=', activityId)
      .where('status', '=', 'signed_up')
      .where('verification', '=', 'pending')
      .where('checkout_at', 'is not', null)
      .where('member_id', '!=', actor.memberId ?? -1)
      .orderBy('id')
      .execute();
    let points = 0;
    let capped = 0;
    for (const g of rows) {
      const r = await verifyOne(ctx, trx, actor, g, a, {});
      points += r.points;
      capped += r.capped;
    }
    return { count: rows.length, points, capped };
  });
}

export async function reject(ctx: Ctx, actor: Actor, signupId: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const { g, a } = await verifiable(trx, actor, signupId);
    await trx
      .updateTable('cobuild_signup')
      .set({
        verification: 'rejected',
        verified_by: actor.userId,
        verified_at: nowIso(ctx),
        verify_note: reason.trim(),
      })
      .where('id', '=', g.id)
      .execute();
    await toMember(
      trx,
      ctx,
      g.member_id,
      `「${a.title}」的参加记录未通过核验:${reason.trim()}`,
      '/my/cobuild?tab=activities',
      `cobuild_rejected:${g.id}`,
    );
    await audit(ctx, trx, actor, {
      action: 'cobuild.activity.reject',
      entity: 'cobuild_signup',
      entityId: g.id,
      after: { reason },
    });
    return { ok: true };
  });
}

/** Participations waiting for verification in the communities the caller manages. */
export async function pending(ctx: Ctx, actor: Actor, q: PendingQuery) {
  if (!canManage(actor) || actor.role === 'member') return { items: [], total: 0 };
  let query = ctx.db
    .selectFrom('cobuild_signup as g')
    .innerJoin('cobuild_activity as a', 'a.id', 'g.activity_id')
    .innerJoin('org_unit as c', 'c.id', 'a.community_org_id')
    .innerJoin('member as m', 'm.id', 'g.member_id')
    .where('c.path', '>=', actor.scopePath)
    .where('c.path', '<', pathUpper(actor.scopePath))
    .where('g.status', '=', 'signed_up')
    .where('g.verification', '=', 'pending')
    .where('g.checkin_at', 'is not', null)
    .where('g.member_id', '!=', actor.memberId ?? -1);
  if (q.communityId) query = query.where('a.community_org_id', '=', q.communityId);
  if (q.activityId) query = query.where('a.id', '=', q.activityId);
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const pageSize = q.pageSize ?? 20;
  const rows = await query
    .select(['g.id', 'g.member_id', 'g.checkin_at', 'g.checkout_at', 'g.hours', 'g.checkin_lat', 'g.checkin_lng'])
    .select(['a.id as a_id', 'a.title', 'a.activity_date', 'a.lat', 'a.lng', 'a.community_org_id', 'c.name as c_name'])
    .select(['c.short_name as c_short', 'c.path as c_path', 'm.name', 'm.phone', 'm.org_id'])
    .select((eb) =>
      eb
        .selectFrom('cobuild_photo as f')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('f.activity_id', '=', 'a.id')
        .as('photos'),
    )
    .orderBy('a.activity_date')
    .orderBy('g.id')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  const units = await unitNames(
    ctx.db,
    rows.map((r) => r.org_id),
  );
  const known = new Set<number>();
  for (const c of new Set(rows.map((r) => r.community_org_id))) {
    const r0 = rows.find((r) => r.community_org_id === c)!;
    for (const k of await knownMembers(
      ctx.db,
      c,
      r0.c_path,
      rows.filter((r) => r.community_org_id === c).map((r) => r.member_id),
    ))
      known.add(k);
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      activity: { id: r.a_id, title: r.title, activityDate: r.activity_date },
      community: { id: r.community_org_id, name: orgName({ name: r.c_name, short_name: r.c_short }) },
      member: {
        id: r.member_id,
        name: known.has(r.member_id) ? r.name : maskName(r.name),
        phone: known.has(r.member_id) ? r.phone : null,
      },
      unit: units.get(r.org_id) ?? '',
      checkinAt: r.checkin_at,
      checkoutAt: r.checkout_at,
      hours: r.hours == null ? null : Number(r.hours),
      distanceM: distance({ lat: r.lat, lng: r.lng }, { lat: r.checkin_lat, lng: r.checkin_lng }),
      photos: Number(r.photos ?? 0),
    })),
    total: Number(n),
  };
}
