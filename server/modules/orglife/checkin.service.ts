/**
 * Check-in: the secretary opens it and shows a QR code (`/checkin?c=CODE`); a member scans it and
 * is checked in with SERVER time, either logged in or with the one-time personal code printed on
 * the sign-in sheet. Only people on the 应到 snapshot or invited as 列席 can check in, only while it
 * is open; a second check-in is a 409. 实到 is derived from these rows, never typed.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { CheckinResult, CheckinState, SigninCodes } from '../../../common/contracts/orglife.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { hit } from '../../lib/counters.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { publicBase } from '../../lib/public-url.ts';
import type { Actor } from '../../lib/scope.ts';
import { qrSvg } from '../reviews/participants.service.ts';
import { normalizeToken, randomCode } from '../reviews/tokens.ts';
import { editableMeeting, inTypeOrder, visibleMeeting, type MeetingRow } from './access.ts';
import { markHeld } from './meetings.service.ts';
import { afterChange, quorumSignature, recount } from './records.ts';

/** Check-in stays open this long after the meeting's end (or 3 h after its start). */
const AFTER_END_MS = 30 * 60_000;
const DEFAULT_LENGTH_MS = 3 * 3600_000;
/** Wrong codes per source in 10 minutes before refusing (guessing personal codes). */
const MAX_WRONG = 30;

export const checkinPath = (code: string) => `/checkin?c=${encodeURIComponent(code)}`;
const personalHash = (meetingId: number, code: string) =>
  createHash('sha256')
    .update(`luoshi-checkin:${meetingId}:${normalizeToken(code)}`)
    .digest('hex');

const meetingEnd = (m: Pick<MeetingRow, 'held_at' | 'end_at'>) =>
  m.end_at ? Date.parse(m.end_at) : Date.parse(m.held_at) + DEFAULT_LENGTH_MS;

/** Opens check-in (idempotent while open) and returns the code and the address in the QR code. */
export async function openCheckin(ctx: Ctx, actor: Actor, id: number, req: FastifyRequest) {
  const now = ctx.clock.now();
  const r = await ctx.db.transaction().execute(async (trx) => {
    const m = await editableMeeting(trx, actor, id);
    if (m.checkin_state === '签到中' && m.checkin_code && Date.parse(m.checkin_closes_at!) > now.getTime())
      return { code: m.checkin_code, closesAt: m.checkin_closes_at! };
    if (now.getTime() > meetingEnd(m) + AFTER_END_MS)
      throw conflict('MEETING_OVER', '会议已经结束,不能再开启签到;未签到的参会党员可由书记「补签」并注明原因');
    if (m.status === '计划') await markHeld(trx, ctx, m);
    const code = randomCode(8);
    const closesAt = new Date(Math.max(meetingEnd(m) + AFTER_END_MS, now.getTime() + AFTER_END_MS)).toISOString();
    await trx
      .updateTable('meeting')
      .set({
        checkin_state: '签到中',
        checkin_code: code,
        checkin_opened_at: now.toISOString(),
        checkin_closes_at: closesAt,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'meeting.checkin_open',
      entity: 'meeting',
      entityId: id,
      after: { closesAt },
    });
    return { code, closesAt };
  });
  return { ...r, url: publicBase(ctx.config, req).base + checkinPath(r.code) };
}

export async function closeCheckin(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await editableMeeting(trx, actor, id);
    if (m.checkin_state !== '签到中') throw conflict('CHECKIN_NOT_OPEN', '签到未开启或已经结束');
    // The code is kept so that a late scan is told "已结束" rather than "无效".
    await trx
      .updateTable('meeting')
      .set({ checkin_state: '已结束', checkin_closes_at: nowIso(ctx), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, { action: 'meeting.checkin_close', entity: 'meeting', entityId: id });
    return { ok: true };
  });
}

/** The check-in screen: QR code, live counts and the latest arrivals. */
export async function checkinState(ctx: Ctx, actor: Actor, id: number, req: FastifyRequest): Promise<CheckinState> {
  const m = await visibleMeeting(ctx.db, actor, id);
  const types = await ctx.db.selectFrom('meeting_type').select('type').where('meeting_id', '=', id).execute();
  const recent = await ctx.db
    .selectFrom('meeting_attendee as a')
    .innerJoin('member as p', 'p.id', 'a.member_id')
    .select(['p.name', 'a.at', 'a.via'])
    .where('a.meeting_id', '=', id)
    .where('a.status', 'in', ['出席', '补签'])
    .orderBy('a.at', 'desc')
    .limit(30)
    .execute();
  const { base, loopback } = publicBase(ctx.config, req);
  const open = m.checkin_state === '签到中' && !!m.checkin_code;
  const url = open ? base + checkinPath(m.checkin_code!) : null;
  return {
    meetingId: m.id,
    topic: m.topic,
    orgName: m.org_name,
    types: inTypeOrder(types.map((t) => t.type)),
    heldAt: m.held_at,
    state: open && Date.parse(m.checkin_closes_at!) <= ctx.clock.now().getTime() ? '已结束' : m.checkin_state,
    code: open ? m.checkin_code : null,
    url,
    qr: url ? await qrSvg(url) : null,
    loopback,
    closesAt: m.checkin_closes_at,
    expected: m.expected,
    present: m.present,
    leave: m.leave_count,
    recent: recent.map((r) => ({ name: r.name, at: r.at ?? '', via: r.via })),
  };
}

/** The meeting behind a check-in code, only while its check-in accepts arrivals. */
async function openMeetingByCode(db: Executor, now: Date, code: string) {
  const m = await db
    .selectFrom('meeting as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select(['o.name as org_name', 'o.path as org_path', 'o.type as org_type', 'o.parent_id as org_parent_id'])
    .where('m.checkin_code', '=', normalizeToken(code))
    .executeTakeFirst();
  if (!m) throw notFound('签到码对应的会议', 'CHECKIN_CODE_INVALID');
  if (m.status === '已作废') throw conflict('CHECKIN_CLOSED', '该会议记录已作废,不能签到');
  if (m.checkin_state !== '签到中' || Date.parse(m.checkin_closes_at!) <= now.getTime())
    throw conflict('CHECKIN_CLOSED', `「${m.topic}」的签到已经结束,未签到的请向支部书记说明情况`);
  return m;
}

/** Public: what a scanned code is about (shown before logging in). */
export async function checkinInfo(ctx: Ctx, code: string) {
  const m = await ctx.db
    .selectFrom('meeting as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.topic',
      'm.held_at',
      'm.checkin_state',
      'm.checkin_closes_at',
      'm.status',
      'o.name as org_name',
    ])
    .where('m.checkin_code', '=', normalizeToken(code))
    .executeTakeFirst();
  if (!m || m.status === '已作废') throw notFound('签到码对应的会议', 'CHECKIN_CODE_INVALID');
  const types = await ctx.db.selectFrom('meeting_type').select('type').where('meeting_id', '=', m.id).execute();
  const open = m.checkin_state === '签到中' && Date.parse(m.checkin_closes_at!) > ctx.clock.now().getTime();
  return {
    topic: m.topic,
    orgName: m.org_name,
    types: inTypeOrder(types.map((t) => t.type)),
    heldAt: m.held_at,
    state: open ? '签到中' : '已结束',
  };
}

async function arrive(
  ctx: Ctx,
  trx: Executor,
  m: Awaited<ReturnType<typeof openMeetingByCode>>,
  memberId: number,
  via: '扫码' | '签到码',
  actor: Actor | null,
): Promise<CheckinResult> {
  const row = await trx
    .selectFrom('meeting_attendee as a')
    .innerJoin('member as p', 'p.id', 'a.member_id')
    .select(['a.status', 'a.at', 'p.name'])
    .where('a.meeting_id', '=', m.id)
    .where('a.member_id', '=', memberId)
    .executeTakeFirst();
  if (!row)
    throw new AppError(
      'NOT_ON_ROSTER',
      403,
      '您不在本次会议的应到或列席名单中,不能签到(其他支部的党员列席须由会议所在支部书记邀请)',
    );
  if (row.status === '出席' || row.status === '补签')
    throw conflict('ALREADY_CHECKED_IN', `${row.name},您已签到,无需重复签到`);
  const before = quorumSignature({
    expected: m.expected,
    expectedVoting: m.expected_voting,
    present: m.present,
    presentVoting: m.present_voting,
  });
  const at = nowIso(ctx);
  // Conditional: of two simultaneous scans exactly one flips the row.
  const flipped = await trx
    .updateTable('meeting_attendee')
    .set({ status: '出席', via, at, by_user: actor?.userId ?? null, reason: null })
    .where('meeting_id', '=', m.id)
    .where('member_id', '=', memberId)
    .where('status', 'in', ['缺席', '请假'])
    .executeTakeFirst();
  if (Number(flipped.numUpdatedRows) !== 1) throw conflict('ALREADY_CHECKED_IN', `${row.name},您已签到,无需重复签到`);
  const counts = await recount(trx, m.id);
  // Compliance only changes when the meeting crosses a quorum line; the streak of this member always.
  const flips = quorumSignature(counts) !== before;
  await afterChange(trx, ctx.clock.now(), m, flips ? [Number(m.held_date.slice(0, 4))] : [], [memberId]);
  await audit(ctx, trx, actor, {
    action: 'meeting.checkin',
    entity: 'meeting',
    entityId: m.id,
    after: { memberId, via, from: row.status },
  });
  return { meetingId: m.id, topic: m.topic, orgName: m.org_name, name: row.name, checkedAt: at };
}

/** A logged-in member checks in with the code of the QR code. */
export async function checkin(ctx: Ctx, actor: Actor, code: string): Promise<CheckinResult> {
  if (!actor.memberId)
    throw new AppError('NOT_A_MEMBER', 403, '当前账号没有关联党员档案,不能签到;请使用签到表上的个人签到码');
  const now = ctx.clock.now();
  try {
    return await ctx.db
      .transaction()
      .execute(async (trx) =>
        arrive(ctx, trx, await openMeetingByCode(trx, now, code), actor.memberId!, '扫码', actor),
      );
  } catch (e) {
    // Unknown codes count against the account (after the transaction: one connection on SQLite).
    if (e instanceof AppError && e.code === 'CHECKIN_CODE_INVALID') await throttle(ctx, `checkin-user:${actor.userId}`);
    throw e;
  }
}

/** Without an account: the meeting code plus the personal one-time code from the sign-in sheet. */
export async function checkinWithCode(ctx: Ctx, code: string, personalCode: string, ip: string) {
  const now = ctx.clock.now();
  const key = `checkin-ip:${ip}`;
  const result = await ctx.db.transaction().execute(async (trx) => {
    const m = await openMeetingByCode(trx, now, code).catch(() => null);
    if (!m) return null;
    const row = await trx
      .selectFrom('meeting_attendee')
      .select('member_id')
      .where('meeting_id', '=', m.id)
      .where('code_hash', '=', personalHash(m.id, personalCode))
      .executeTakeFirst();
    if (!row) return null;
    return arrive(ctx, trx, m, row.member_id, '签到码', null);
  });
  if (result) return result;
  await throttle(ctx, key);
  // Re-run the lookup for a precise message (closed vs unknown) without revealing which code is wrong.
  await openMeetingByCode(ctx.db, now, code);
  throw new AppError('PERSONAL_CODE_INVALID', 400, '个人签到码不正确,请核对签到表上您名字后面的签到码');
}

async function throttle(ctx: Ctx, key: string) {
  const n = await hit(ctx.db, key, 600, ctx.clock.now());
  if (n > MAX_WRONG) throw new AppError('TOO_MANY_REQUESTS', 429, '签到码错误次数过多,请 10 分钟后再试');
}

/**
 * One-time personal codes for the printed sign-in sheet (应到 and invited 列席 members). Shown
 * once: only hashes are kept, and printing again replaces the earlier codes.
 */
export async function signinCodes(ctx: Ctx, actor: Actor, id: number, req: FastifyRequest): Promise<SigninCodes> {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await editableMeeting(trx, actor, id);
    const people = await trx
      .selectFrom('meeting_attendee as a')
      .innerJoin('member as p', 'p.id', 'a.member_id')
      .select(['a.member_id', 'p.name'])
      .where('a.meeting_id', '=', id)
      .orderBy('a.role', 'desc')
      .orderBy('p.name_pinyin')
      .execute();
    const items = people.map((p) => ({ memberId: p.member_id, name: p.name, code: randomCode(6) }));
    for (const it of items)
      await trx
        .updateTable('meeting_attendee')
        .set({ code_hash: personalHash(id, it.code) })
        .where('meeting_id', '=', id)
        .where('member_id', '=', it.memberId)
        .execute();
    await audit(ctx, trx, actor, {
      action: 'meeting.signin_codes',
      entity: 'meeting',
      entityId: id,
      after: { count: items.length },
    });
    return {
      topic: m.topic,
      orgName: m.org_name,
      heldAt: m.held_at,
      url: `${publicBase(ctx.config, req).base}/checkin`,
      items,
    };
  });
}
