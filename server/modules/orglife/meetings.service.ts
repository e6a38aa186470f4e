/**
 * Meeting records: one record per meeting, possibly counting as several types (主题党日 + 党课).
 * The held date cannot lie in the future (unless announced as 计划), and a date more than 30 days
 * back needs a reason; the server time of creation is kept and shown beside it.
 */
import type {
  CreateMeetingBody,
  MeetingDetail,
  MeetingListQuery,
  MeetingSummary,
  PatchMeetingBody,
} from '../../../common/contracts/orglife.ts';
import { QUORUM_KINDS } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import { pathUpper, type Actor } from '../../lib/scope.ts';
import {
  editableMeeting,
  inTypeOrder,
  listRoot,
  meetingOrg,
  typesByMeeting,
  visibleMeeting,
  type MeetingRow,
} from './access.ts';
import { quorumMet } from './compliance.ts';
import { cnDate, daysBetween } from './periods.ts';
import {
  afterChange,
  quorumKinds,
  recount,
  requireCommittee,
  rosterFor,
  syncRoster,
  validateTypes,
  type MeetingRef,
} from './records.ts';
import { loadRuleSets } from './rules.service.ts';

/** A meeting may be recorded as held up to this long before its stated start (clocks differ). */
export const GRACE_MS = 15 * 60_000;
export const BACKDATE_DAYS = 30;

function checkHeldAt(now: Date, heldAt: string, planned: boolean, backdateReason?: string | null) {
  const t = Date.parse(heldAt);
  if (Number.isNaN(t)) throw badRequest('HELD_AT_INVALID', `召开时间「${heldAt}」不是有效的时间`);
  const heldDate = localDate(new Date(t));
  const today = localDate(now);
  if (!planned && t > now.getTime() + GRACE_MS)
    throw badRequest(
      'MEETING_IN_FUTURE',
      `召开时间(${cnDate(heldDate)})晚于当前时间,不能记录为已召开的会议;预先安排的会议请选择「计划召开」`,
    );
  if (planned && t < now.getTime() - 86_400_000)
    throw badRequest('PLANNED_IN_PAST', '计划召开的会议时间不能早于当前时间;已经召开的会议请直接记录');
  if (t > now.getTime() + 366 * 86_400_000) throw badRequest('HELD_AT_TOO_FAR', '召开时间不能晚于一年以后');
  if (heldDate < '2000-01-01') throw badRequest('HELD_AT_INVALID', '召开时间不能早于 2000 年');
  if (!planned && daysBetween(heldDate, today) > BACKDATE_DAYS && !backdateReason?.trim())
    throw badRequest(
      'BACKDATE_REASON_REQUIRED',
      `召开日期(${cnDate(heldDate)})距今已超过 ${BACKDATE_DAYS} 天,补录须填写补录原因(记入审计,并与录入时间一并显示)`,
    );
  return { heldAt: new Date(t).toISOString(), heldDate };
}

function checkEnd(heldAt: string, endAt?: string | null) {
  if (!endAt) return null;
  const s = Date.parse(heldAt);
  const e = Date.parse(endAt);
  if (Number.isNaN(e) || e <= s || e - s > 24 * 3600_000)
    throw badRequest('END_AT_INVALID', '结束时间应晚于开始时间,且会议时长不超过 24 小时');
  return new Date(e).toISOString();
}

const clean = (s: string | null | undefined) => (s == null ? null : s.trim() || null);

async function talkRoster(db: Executor, org: { path: string }, ids: number[]) {
  if (ids[0] === ids[1]) throw badRequest('TALK_MEMBERS_INVALID', '谈心谈话须是两个不同的人');
  const ms = await db
    .selectFrom('member')
    .select(['id', 'name', 'member_type', 'org_path', 'status'])
    .where('id', 'in', ids)
    .execute();
  if (ms.length !== 2 || ms.some((m) => m.status !== '正常' || !m.org_path.startsWith(org.path)))
    throw badRequest('TALK_MEMBERS_INVALID', '谈话双方须是本组织的党员');
  return ms.map((m) => ({ memberId: m.id, name: m.name, voting: m.member_type === '正式' }));
}

/** Records a meeting (held, or 计划 when `planned`); 应到 is the roster on its date. */
export async function createMeeting(ctx: Ctx, actor: Actor, b: CreateMeetingBody) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const org = await meetingOrg(trx, actor, b.orgId);
    validateTypes(org.type, b.types);
    const topic = b.topic.trim();
    if (!topic) throw badRequest('TOPIC_EMPTY', '议题不能为空');
    const planned = b.planned === true;
    const { heldAt, heldDate } = checkHeldAt(now, b.heldAt, planned, b.backdateReason);
    const endAt = checkEnd(heldAt, b.endAt);
    if (b.types.includes('支部委员会')) await requireCommittee(trx, org, heldDate);
    const talk = b.types.includes('谈心谈话');
    if (talk && (!b.talkMemberIds || !b.talkMode))
      throw badRequest('TALK_MEMBERS_REQUIRED', '谈心谈话须选择谈话双方和谈话方式');
    const talkers = talk ? await talkRoster(trx, org, b.talkMemberIds!) : null;
    const stamp = nowIso(ctx);
    const m = await trx
      .insertInto('meeting')
      .values({
        org_id: org.id,
        status: planned ? '计划' : '已召开',
        held_at: heldAt,
        held_date: heldDate,
        end_at: endAt,
        place: clean(b.place),
        topic,
        host: clean(b.host),
        recorder: clean(b.recorder),
        lecturer: clean(b.lecturer),
        lecture_title: clean(b.lectureTitle),
        talk_mode: talk ? (b.talkMode ?? null) : null,
        minutes_text: clean(b.minutes),
        backdate_reason: clean(b.backdateReason),
        void_reason: null,
        checkin_state: '未开始',
        checkin_code: null,
        checkin_opened_at: null,
        checkin_closes_at: null,
        created_by: actor.userId,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('meeting_type')
      .values(b.types.map((type) => ({ meeting_id: m.id, type })))
      .execute();
    const ref: MeetingRef = {
      id: m.id,
      org_id: org.id,
      org_type: org.type,
      org_path: org.path,
      org_parent_id: org.parent_id,
      held_date: heldDate,
    };
    const roster = talkers ?? (await rosterFor(trx, ref, b.types)) ?? [];
    const touched = await syncRoster(trx, m.id, roster);
    if (talkers && !planned)
      await trx
        .updateTable('meeting_attendee')
        .set({ status: '出席', via: '谈话记录', at: heldAt, by_user: actor.userId })
        .where('meeting_id', '=', m.id)
        .execute();
    await recount(trx, m.id);
    if (!planned) await afterChange(trx, now, ref, [Number(heldDate.slice(0, 4))], touched);
    await audit(ctx, trx, actor, {
      action: 'meeting.create',
      entity: 'meeting',
      entityId: m.id,
      after: { orgId: org.id, types: b.types, heldAt, topic, planned, backdateReason: clean(b.backdateReason) },
    });
    return { id: m.id };
  });
}

const refOf = (m: MeetingRow): MeetingRef => ({
  id: m.id,
  org_id: m.org_id,
  org_type: m.org_type,
  org_path: m.org_path,
  org_parent_id: m.org_parent_id,
  held_date: m.held_date,
});

const typesOf = async (db: Executor, id: number) =>
  inTypeOrder(
    (await db.selectFrom('meeting_type').select('type').where('meeting_id', '=', id).execute()).map((r) => r.type),
  );

/** Edits a meeting; a new date or new types re-take the roster of that date. */
export async function patchMeeting(ctx: Ctx, actor: Actor, id: number, b: PatchMeetingBody) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const m = await editableMeeting(trx, actor, id);
    const oldTypes = await typesOf(trx, id);
    const types = b.types ?? oldTypes;
    if (b.types) validateTypes(m.org_type, types);
    if (b.types && oldTypes.includes('谈心谈话') !== types.includes('谈心谈话'))
      throw badRequest('MEETING_TYPE_INVALID', '谈心谈话与其他会议不能互相改记,请作废后重新记录');
    const set: Record<string, unknown> = {};
    let heldAt = m.held_at;
    let heldDate = m.held_date;
    if (b.heldAt !== undefined) {
      const r = checkHeldAt(now, b.heldAt, m.status === '计划', b.backdateReason ?? m.backdate_reason);
      heldAt = r.heldAt;
      heldDate = r.heldDate;
      set.held_at = heldAt;
      set.held_date = heldDate;
    }
    if (b.endAt !== undefined || b.heldAt !== undefined)
      set.end_at = checkEnd(heldAt, b.endAt === undefined ? m.end_at : b.endAt);
    if (b.topic !== undefined) {
      const topic = b.topic.trim();
      if (!topic) throw badRequest('TOPIC_EMPTY', '议题不能为空');
      set.topic = topic;
    }
    const texts = {
      place: 'place',
      host: 'host',
      recorder: 'recorder',
      lecturer: 'lecturer',
      lectureTitle: 'lecture_title',
      minutes: 'minutes_text',
      backdateReason: 'backdate_reason',
    } as const;
    for (const [k, col] of Object.entries(texts)) {
      const v = b[k as keyof typeof texts];
      if (v !== undefined) set[col] = clean(v);
    }
    if (b.talkMode !== undefined) set.talk_mode = types.includes('谈心谈话') ? b.talkMode : null;
    if (types.includes('支部委员会') && (b.types || b.heldAt))
      await requireCommittee(trx, { id: m.org_id, type: m.org_type, name: m.org_name }, heldDate);
    set.updated_at = nowIso(ctx);
    await trx.updateTable('meeting').set(set).where('id', '=', id).execute();
    if (b.types) {
      await trx.deleteFrom('meeting_type').where('meeting_id', '=', id).execute();
      await trx
        .insertInto('meeting_type')
        .values(types.map((type) => ({ meeting_id: id, type })))
        .execute();
    }
    let touched: number[] = [];
    if (b.types || heldDate !== m.held_date) {
      const roster = await rosterFor(trx, { ...refOf(m), held_date: heldDate }, types);
      if (roster) touched = await syncRoster(trx, id, roster);
      await recount(trx, id);
    }
    if (m.status === '已召开')
      await afterChange(trx, now, m, [Number(m.held_date.slice(0, 4)), Number(heldDate.slice(0, 4))], touched);
    const before: Record<string, unknown> = {};
    for (const k of Object.keys(set)) if (k !== 'updated_at') before[k] = (m as Record<string, unknown>)[k];
    await audit(ctx, trx, actor, {
      action: 'meeting.update',
      entity: 'meeting',
      entityId: id,
      before: { ...before, ...(b.types ? { types: oldTypes } : {}) },
      after: { ...set, updated_at: undefined, ...(b.types ? { types } : {}) },
    });
    return { ok: true };
  });
}

/** Voids a record (kept, with the reason): it no longer counts anywhere. */
export async function voidMeeting(ctx: Ctx, actor: Actor, id: number, reason: string) {
  const r = reason.trim();
  if (!r) throw badRequest('REASON_REQUIRED', '请填写作废原因');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await editableMeeting(trx, actor, id);
    await trx
      .updateTable('meeting')
      .set({ status: '已作废', void_reason: r, checkin_state: '已结束', updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    const people = await trx.selectFrom('meeting_attendee').select('member_id').where('meeting_id', '=', id).execute();
    await afterChange(
      trx,
      ctx.clock.now(),
      m,
      [Number(m.held_date.slice(0, 4))],
      people.map((p) => p.member_id),
    );
    await audit(ctx, trx, actor, {
      action: 'meeting.void',
      entity: 'meeting',
      entityId: id,
      before: { status: m.status },
      after: { status: '已作废', reason: r },
    });
    return { ok: true };
  });
}

/**
 * A 计划 meeting becomes 已召开 (also done by opening check-in): its roster is re-taken for the
 * date, since members may have moved since it was announced.
 */
export async function markHeld(trx: Executor, ctx: Ctx, m: MeetingRow) {
  const now = ctx.clock.now();
  if (Date.parse(m.held_at) > now.getTime() + 60 * 60_000)
    throw conflict('MEETING_NOT_STARTED', `会议定于 ${cnDate(m.held_date)} 召开,开始前 1 小时内才能确认召开或开启签到`);
  await trx
    .updateTable('meeting')
    .set({ status: '已召开', updated_at: nowIso(ctx) })
    .where('id', '=', m.id)
    .execute();
  const roster = await rosterFor(trx, refOf(m), await typesOf(trx, m.id));
  const touched = roster ? await syncRoster(trx, m.id, roster) : [];
  await recount(trx, m.id);
  await afterChange(trx, now, m, [Number(m.held_date.slice(0, 4))], touched);
}

export async function confirmMeeting(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await editableMeeting(trx, actor, id);
    if (m.status !== '计划') throw conflict('MEETING_ALREADY_HELD', '该会议已确认召开');
    await markHeld(trx, ctx, m);
    await audit(ctx, trx, actor, {
      action: 'meeting.confirm',
      entity: 'meeting',
      entityId: id,
      after: { status: '已召开' },
    });
    return { ok: true };
  });
}

type SummaryRow = MeetingRow;
function summary(m: SummaryRow, types: string[], quorum: boolean): MeetingSummary {
  return {
    id: m.id,
    org: { id: m.org_id, name: m.org_name },
    types,
    status: m.status,
    heldAt: m.held_at,
    heldDate: m.held_date,
    endAt: m.end_at,
    place: m.place,
    topic: m.topic,
    host: m.host,
    expected: m.expected,
    present: m.present,
    leave: m.leave_count,
    quorum,
    checkinState: m.checkin_state,
    createdAt: m.created_at,
    backdated: daysBetween(m.held_date, localDate(new Date(m.created_at))) > BACKDATE_DAYS,
  };
}
const counts = (m: SummaryRow) => ({
  expected: m.expected,
  expectedVoting: m.expected_voting,
  present: m.present,
  presentVoting: m.present_voting,
});

/** Meetings of the caller's subtree (or of one org's subtree), newest first. */
export async function listMeetings(ctx: Ctx, actor: Actor, q: MeetingListQuery) {
  const root = await listRoot(ctx.db, actor, q.orgId);
  const page = q.page ?? 1;
  const size = q.pageSize ?? 20;
  const base = ctx.db
    .selectFrom('meeting as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .where('o.path', '>=', root.path)
    .where('o.path', '<', pathUpper(root.path))
    .$if(!!q.from, (x) => x.where('m.held_date', '>=', q.from!))
    .$if(!!q.to, (x) => x.where('m.held_date', '<=', q.to!))
    .$if(!!q.status, (x) => x.where('m.status', '=', q.status!))
    .$if(!!q.type, (x) =>
      x.where('m.id', 'in', (eb) => eb.selectFrom('meeting_type').select('meeting_id').where('type', '=', q.type!)),
    );
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('m')
    .select(['o.name as org_name', 'o.path as org_path', 'o.type as org_type', 'o.parent_id as org_parent_id'])
    .orderBy('m.held_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  const types = await typesByMeeting(
    ctx.db,
    rows.map((r) => r.id),
  );
  const sets = await loadRuleSets(ctx.db);
  return {
    total: Number(n),
    items: rows.map((m) => {
      const ts = types.get(m.id) ?? [];
      const ok = quorumKinds(sets, m.org_type, m.held_date, ts).every((k) => quorumMet(k.quorum, counts(m)));
      return summary(m, ts, ok);
    }),
  };
}

export async function getMeeting(ctx: Ctx, actor: Actor, id: number): Promise<MeetingDetail> {
  const m = await visibleMeeting(ctx.db, actor, id);
  const types = await typesOf(ctx.db, id);
  const kinds = quorumKinds(await loadRuleSets(ctx.db), m.org_type, m.held_date, types);
  const quorumByType = kinds.map((k) => ({
    type: k.type,
    met: quorumMet(k.quorum, counts(m)),
    rule: QUORUM_KINDS[k.quorum],
  }));
  const attendees = await ctx.db
    .selectFrom('meeting_attendee as a')
    .innerJoin('member as p', 'p.id', 'a.member_id')
    .select(['a.member_id', 'p.name', 'a.role', 'a.voting', 'a.status', 'a.reason', 'a.via', 'a.at'])
    .where('a.meeting_id', '=', id)
    .orderBy('a.role', 'desc')
    .orderBy('p.name_pinyin')
    .execute();
  const guests = await ctx.db
    .selectFrom('meeting_guest')
    .selectAll()
    .where('meeting_id', '=', id)
    .orderBy('id')
    .execute();
  const resolutions = await ctx.db
    .selectFrom('meeting_resolution')
    .selectAll()
    .where('meeting_id', '=', id)
    .orderBy('id')
    .execute();
  const attachments = await ctx.db
    .selectFrom('meeting_attachment')
    .select(['id', 'kind', 'file_name', 'size', 'uploaded_at'])
    .where('meeting_id', '=', id)
    .orderBy('id')
    .execute();
  const creator = m.created_by
    ? await ctx.db.selectFrom('app_user').select('display_name').where('id', '=', m.created_by).executeTakeFirst()
    : undefined;
  return {
    ...summary(
      m,
      types,
      quorumByType.every((q) => q.met),
    ),
    orgType: m.org_type,
    recorder: m.recorder,
    lecturer: m.lecturer,
    lectureTitle: m.lecture_title,
    talkMode: m.talk_mode,
    minutes: m.minutes_text,
    backdateReason: m.backdate_reason,
    voidReason: m.void_reason,
    expectedVoting: m.expected_voting,
    presentVoting: m.present_voting,
    quorumByType,
    attendees: attendees.map((a) => ({
      memberId: a.member_id,
      name: a.name,
      role: a.role,
      voting: a.voting === 1,
      status: a.status,
      reason: a.reason,
      via: a.via,
      at: a.at,
    })),
    guests: guests.map((g) => ({ id: g.id, name: g.name, unit: g.unit })),
    resolutions: resolutions.map((r) => ({ id: r.id, text: r.text, taskId: r.task_id })),
    attachments: attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      fileName: a.file_name,
      size: a.size,
      uploadedAt: a.uploaded_at,
    })),
    createdBy: creator?.display_name ?? null,
    checkinOpenedAt: m.checkin_opened_at,
    checkinClosesAt: m.checkin_closes_at,
  };
}
