/** Sign-up (within the limit) and the activity's two QR codes (sign-in, sign-out). */
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { publicBase } from '../../lib/public-url.ts';
import type { Actor } from '../../lib/scope.ts';
import { memberReach, selfMember } from './access.ts';
import { isManager, newSignup, phaseOf, visibleActivity } from './activities.service.ts';
import { isUniqueViolation } from './notices.ts';

/** A member signs up, within the limit (the activity row is locked on PostgreSQL while counting). */
export async function signup(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await selfMember(trx, actor);
    const a = await visibleActivity(trx, actor, id);
    if (!(await memberReach(trx, m)).all.includes(a.community_org_id))
      throw forbidden('只能报名本人报到(或所在)社区、本单位结对社区的活动');
    if (a.status !== 'open') throw conflict('ACTIVITY_CANCELLED', '活动已取消');
    if (phaseOf(a, ctx.clock.now()) === 'ended') throw conflict('ACTIVITY_ENDED', '活动已结束,不能报名');
    if (ctx.dialect === 'postgres')
      await trx.selectFrom('cobuild_activity').select('id').where('id', '=', id).forUpdate().execute();
    const { n } = await trx
      .selectFrom('cobuild_signup')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('activity_id', '=', id)
      .where('status', '=', 'signed_up')
      .executeTakeFirstOrThrow();
    const existing = await trx
      .selectFrom('cobuild_signup')
      .selectAll()
      .where('activity_id', '=', id)
      .where('member_id', '=', m.id)
      .executeTakeFirst();
    if (existing?.status === 'signed_up') throw conflict('ALREADY_SIGNED_UP', '您已报名该活动');
    if (Number(n) >= a.signup_limit) throw conflict('ACTIVITY_FULL', `报名人数已满(上限 ${a.signup_limit} 人)`);
    const now = nowIso(ctx);
    let sid: number;
    if (existing) {
      await trx
        .updateTable('cobuild_signup')
        .set({ status: 'signed_up', signed_up_at: now })
        .where('id', '=', existing.id)
        .execute();
      sid = existing.id;
    } else {
      try {
        sid = (
          await trx
            .insertInto('cobuild_signup')
            .values(newSignup(id, m.id, now))
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('ALREADY_SIGNED_UP', '您已报名该活动');
        throw e;
      }
    }
    await audit(ctx, trx, actor, {
      action: 'cobuild.activity.signup',
      entity: 'cobuild_signup',
      entityId: sid,
      after: { activityId: id },
    });
    return { id: sid };
  });
}

export async function cancelSignup(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await selfMember(trx, actor);
    const g = await trx
      .selectFrom('cobuild_signup')
      .selectAll()
      .where('activity_id', '=', id)
      .where('member_id', '=', m.id)
      .executeTakeFirst();
    if (g?.status !== 'signed_up') throw notFound('报名记录', 'SIGNUP_NOT_FOUND');
    if (g.checkin_at) throw conflict('ALREADY_CHECKED_IN', '已签到,不能取消报名');
    await trx.updateTable('cobuild_signup').set({ status: 'cancelled' }).where('id', '=', g.id).execute();
    await audit(ctx, trx, actor, {
      action: 'cobuild.activity.signup_cancel',
      entity: 'cobuild_signup',
      entityId: g.id,
    });
    return { ok: true };
  });
}

/** The two QR codes to show on site (sign-in and sign-out), managers only. */
export async function qr(ctx: Ctx, actor: Actor, id: number, req: FastifyRequest) {
  const a = await visibleActivity(ctx.db, actor, id);
  if (!isManager(a, actor)) throw forbidden('只有活动所在社区可以查看签到二维码');
  const { base, loopback } = publicBase(ctx.config, req);
  const signInUrl = `${base}/cobuild/scan?t=${a.checkin_token}`;
  const signOutUrl = `${base}/cobuild/scan?t=${a.checkout_token}`;
  const png = (u: string) => QRCode.toDataURL(u, { margin: 1, width: 360, errorCorrectionLevel: 'M' });
  return { signInUrl, signOutUrl, signInQr: await png(signInUrl), signOutQr: await png(signOutUrl), loopback };
}
