/**
 * A member absent 6 consecutive months without a valid reason opens a case for the branch (党章:
 * 自行脱党 is a decision of the 支部大会, after talking to the member and notifying them). The
 * system records each step and reminds; it decides nothing: the decision is whatever the 支部党员大会
 * decided, linked to that meeting's record.
 */
import type { CaseQuery, CaseView } from '../../../common/contracts/orglife-work.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { isValidDate } from '../../lib/workdays.ts';
import { listRoot } from './access.ts';
import { cnDate } from './periods.ts';

const loadCase = (db: Executor) =>
  db
    .selectFrom('orglife_case as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .leftJoin('orglife_absence as a', 'a.member_id', 'c.member_id')
    .leftJoin('meeting as d', 'd.id', 'c.decision_meeting_id')
    .selectAll('c')
    .select([
      'm.name as member_name',
      'm.category',
      'o.name as org_name',
      'o.path as org_path',
      'a.months as current_months',
      'd.held_date as decision_meeting_date',
    ]);
type Row = Awaited<ReturnType<ReturnType<typeof loadCase>['execute']>>[number];

function view(r: Row): CaseView {
  return {
    id: r.id,
    member: { id: r.member_id, name: r.member_name, category: r.category },
    org: { id: r.org_id, name: r.org_name },
    sinceMonth: r.since_month,
    monthsAtOpen: r.months_at_open,
    currentMonths: r.current_months ?? 0,
    status: r.status,
    openedDate: r.opened_date,
    talk: r.talk_date ? { date: r.talk_date, by: r.talk_by ?? '', content: r.talk_content ?? '' } : null,
    notified: r.notified_date ? { date: r.notified_date, method: r.notify_method ?? '', note: r.notify_note } : null,
    decision:
      r.decision && r.decision_meeting_id
        ? {
            meetingId: r.decision_meeting_id,
            meetingDate: r.decision_meeting_date ?? '',
            decision: r.decision,
            note: r.decision_note,
            date: r.decided_date ?? '',
          }
        : null,
  };
}

export async function listCases(ctx: Ctx, actor: Actor, q: CaseQuery) {
  const root = await listRoot(ctx.db, actor, q.orgId);
  const page = q.page ?? 1;
  const size = q.pageSize ?? 20;
  const { n } = await ctx.db
    .selectFrom('orglife_case as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .where('o.path', '>=', root.path)
    .where('o.path', '<', pathUpper(root.path))
    .$if(!!q.status, (y) => y.where('c.status', '=', q.status!))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await loadCase(ctx.db)
    .where('o.path', '>=', root.path)
    .where('o.path', '<', pathUpper(root.path))
    .$if(!!q.status, (y) => y.where('c.status', '=', q.status!))
    .orderBy('c.status', 'desc')
    .orderBy('c.opened_date', 'desc')
    .orderBy('c.id', 'desc')
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  return { total: Number(n), items: rows.map(view) };
}

async function visibleCase(db: Executor, actor: Actor, id: number) {
  const r = await loadCase(db).where('c.id', '=', id).executeTakeFirst();
  if (!r || !isInPath(r.org_path, actor.scopePath)) throw notFound('处置事项', 'CASE_NOT_FOUND');
  return r;
}

export async function getCase(ctx: Ctx, actor: Actor, id: number) {
  return view(await visibleCase(ctx.db, actor, id));
}

function checkDate(ctx: Ctx, d: string, what: string) {
  if (!isValidDate(d)) throw badRequest('DATE_INVALID', `${what}「${d}」不是有效日期`);
  if (d > localDate(ctx.clock.now())) throw badRequest('DATE_IN_FUTURE', `${what}不能晚于今天`);
}

async function openCase(db: Executor, actor: Actor, id: number) {
  const r = await visibleCase(db, actor, id);
  if (r.status !== '处理中') throw conflict('CASE_CLOSED', '该事项已办结');
  return r;
}

/** Step 1: the branch talked with the member (谈话记录). */
export async function recordTalk(
  ctx: Ctx,
  actor: Actor,
  id: number,
  b: { talkDate: string; talkBy: string; content: string },
) {
  checkDate(ctx, b.talkDate, '谈话日期');
  if (!b.talkBy.trim() || !b.content.trim()) throw badRequest('TALK_EMPTY', '请填写谈话人和谈话记录');
  return ctx.db.transaction().execute(async (trx) => {
    const r = await openCase(trx, actor, id);
    if (b.talkDate < `${r.since_month}-01`) throw badRequest('DATE_INVALID', '谈话日期早于缺席开始的月份');
    await trx
      .updateTable('orglife_case')
      .set({ talk_date: b.talkDate, talk_by: b.talkBy.trim(), talk_content: b.content.trim(), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, { action: 'orglife.case_talk', entity: 'orglife_case', entityId: id, after: b });
    return { ok: true };
  });
}

/**
 * Step 2: the member was notified (and told they may attend the 支部大会 and speak). A member with
 * an account also gets an in-app notification.
 */
export async function recordNotice(
  ctx: Ctx,
  actor: Actor,
  id: number,
  b: { notifiedDate: string; method: string; note?: string },
) {
  checkDate(ctx, b.notifiedDate, '通知日期');
  return ctx.db.transaction().execute(async (trx) => {
    const r = await openCase(trx, actor, id);
    await trx
      .updateTable('orglife_case')
      .set({
        notified_date: b.notifiedDate,
        notify_method: b.method,
        notify_note: b.note?.trim() || null,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    const user = await trx
      .selectFrom('app_user')
      .select('id')
      .where('member_id', '=', r.member_id)
      .where('disabled', '=', 0)
      .executeTakeFirst();
    if (user)
      await notify(trx, ctx, {
        orgId: r.org_id,
        taskId: null,
        kind: 'orglife_case',
        userId: user.id,
        message: `${r.member_name}同志:您自 ${r.since_month} 起连续未参加组织生活,${r.org_name}将召开支部党员大会研究,请按通知参加并可发表意见。`,
        dedupeKey: `orglife_case_member:${id}`,
        link: '/org-life/my',
      });
    await audit(ctx, trx, actor, { action: 'orglife.case_notify', entity: 'orglife_case', entityId: id, after: b });
    return { ok: true };
  });
}

/** Step 3: the 支部党员大会's decision, linked to that meeting's record; closes the case. */
export async function recordDecision(
  ctx: Ctx,
  actor: Actor,
  id: number,
  b: { meetingId: number; decision: string; note?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await openCase(trx, actor, id);
    if (!r.talk_date || !r.notified_date)
      throw badRequest('CASE_STEPS_MISSING', '作出决定前须先记录与本人谈话和通知本人的情况');
    const m = await trx
      .selectFrom('meeting as m')
      .innerJoin('meeting_type as t', 't.meeting_id', 'm.id')
      .select(['m.id', 'm.held_date', 'm.status', 'm.org_id'])
      .where('m.id', '=', b.meetingId)
      .where('t.type', '=', '支部党员大会')
      .executeTakeFirst();
    if (!m || m.org_id !== r.org_id || m.status !== '已召开')
      throw badRequest('DECISION_MEETING_INVALID', `请选择${r.org_name}已召开的支部党员大会记录`);
    if (m.held_date < r.notified_date)
      throw badRequest('DECISION_MEETING_INVALID', `支部党员大会(${cnDate(m.held_date)})早于通知本人的日期`);
    await trx
      .updateTable('orglife_case')
      .set({
        decision_meeting_id: m.id,
        decision: b.decision,
        decision_note: b.note?.trim() || null,
        decided_date: m.held_date,
        status: '已办结',
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, { action: 'orglife.case_decision', entity: 'orglife_case', entityId: id, after: b });
    return { ok: true };
  });
}
