/**
 * 公示: a result posted for objections before it is final — the 年度综合考核, the 标准化 grades and
 * the 表彰 nominations today, any later posted result tomorrow. One window rule, and one objection
 * table (`publicity_objection`, kind + posting + subject) with the steps every posting shares:
 * raise (in the window), list (the owner all, others their subtree's), answer (once), and refuse
 * publication while any is unanswered. What an upheld objection changes stays with each module.
 */
import type { PublicityObjection } from '../../common/contracts/publicity.ts';
import type { PublicityKind } from '../../common/enums.ts';
import { audit, nowIso, type Ctx } from '../context.ts';
import type { Executor } from '../db/connect.ts';
import type { PublicityObjectionTable } from '../db/schema/publicity.ts';
import { loadRules } from '../modules/tasks/lights.ts';
import { localDate } from './clock.ts';
import { conflict, notFound } from './errors.ts';
import { type Actor, pathInSubtree } from './scope.ts';
import { addWorkdays, isWorkday, type WorkCalendar } from './workdays.ts';

/**
 * The window that starts on `start` (today or later) and lasts `days` working days: a start on a
 * rest day counts from the next working day, so a Friday posting of 5 days is not 3 days long.
 */
export function publicityWindow(start: string, today: string, days: number, cal: WorkCalendar) {
  if (start < today) throw conflict('PUBLICITY_START', '公示开始日期不能早于今天');
  const first = isWorkday(start, cal) ? start : addWorkdays(start, 1, cal);
  return { start, end: addWorkdays(first, days - 1, cal) };
}

/** The window of a posting started now: from `startDate` (today when not given), in the county's calendar. */
export async function postingWindow(ctx: Ctx, db: Executor, days: number, startDate?: string) {
  const today = localDate(ctx.clock.now());
  const { cal } = await loadRules(db);
  return publicityWindow(startDate ?? today, today, days, cal);
}

/** The row of each kind of posting (its status, window and audit entity). */
const POSTING_TABLE = { assessment: 'assessment', standards: 'std_round', commend: 'commend_round' } as const;

/**
 * Opens the 公示 of a posting the module has found ready: the window from `startDate` (today when
 * not given) for its `objection_days` working days, status 公示中, audited as `<kind>.publicity`.
 */
export async function openPosting(
  trx: Executor,
  ctx: Ctx,
  actor: Actor,
  kind: PublicityKind,
  posting: { id: number; objection_days: number },
  startDate?: string,
) {
  const { start, end } = await postingWindow(ctx, trx, posting.objection_days, startDate);
  const set = { status: '公示中', publicity_start_date: start, publicity_end_date: end };
  if (kind === 'standards')
    await trx
      .updateTable('std_round')
      .set({ ...set, updated_at: nowIso(ctx) })
      .where('id', '=', posting.id)
      .execute();
  else await trx.updateTable(POSTING_TABLE[kind]).set(set).where('id', '=', posting.id).execute();
  await audit(ctx, trx, actor, {
    action: `${kind}.publicity`,
    entity: POSTING_TABLE[kind],
    entityId: posting.id,
    after: { start, end },
  });
  return { ok: true };
}

/** A posted result is published only after its window: its last day still takes objections. */
export function assertPublicityOver(endDate: string, today: string) {
  if (today <= endDate) throw conflict('PUBLICITY_OPEN', `公示期至 ${endDate} 结束,期满后才能发布`);
}

/** Objections are taken only while the posting runs, from its first day to its last inclusive. */
type Posting = { id: number; status: string; publicity_start_date: string | null; publicity_end_date: string | null };

export function assertInPublicity(p: Omit<Posting, 'id'>, today: string) {
  const { status, publicity_start_date: from, publicity_end_date: to } = p;
  if (status !== '公示中' || !from || !to || today < from || today > to)
    throw conflict('NOT_IN_PUBLICITY', '不在公示期内,不能提出异议');
}

/**
 * Records an objection to `subject` of a posting that is in its window (the caller has found the
 * subject in the objector's scope). Audited as `<kind>.objection`.
 */
export async function raiseObjection(
  trx: Executor,
  ctx: Ctx,
  actor: Actor,
  kind: PublicityKind,
  posting: Posting,
  subject: { id: number; name: string; orgId: number },
  text: string,
) {
  assertInPublicity(posting, localDate(ctx.clock.now()));
  const { id } = await trx
    .insertInto('publicity_objection')
    .values({
      kind,
      posting_id: posting.id,
      subject_id: subject.id,
      subject_name: subject.name,
      org_id: subject.orgId,
      text: text.trim(),
      created_by: actor.userId,
      created_at: nowIso(ctx),
      answer: null,
      upheld: 0,
      answered_by: null,
      answered_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(ctx, trx, actor, {
    action: `${kind}.objection`,
    entity: 'publicity_objection',
    entityId: id,
    after: { postingId: posting.id, subjectId: subject.id, orgId: subject.orgId },
  });
  return { id };
}

/** A posting's objections in the order raised: all of them (`scopePath` null, its owner) or those about units in a subtree. */
export async function listObjections(
  db: Executor,
  kind: PublicityKind,
  postingId: number,
  scopePath: string | null,
): Promise<PublicityObjection[]> {
  let q = db
    .selectFrom('publicity_objection as x')
    .innerJoin('org_unit as o', 'o.id', 'x.org_id')
    .select(['x.id', 'x.subject_id', 'x.subject_name', 'x.org_id', 'o.name', 'x.text', 'x.answer', 'x.upheld'])
    .select(['x.created_at', 'x.answered_at'])
    .where('x.kind', '=', kind)
    .where('x.posting_id', '=', postingId)
    .orderBy('x.id');
  if (scopePath !== null) q = q.where(pathInSubtree('o.path', scopePath));
  return (await q.execute()).map((x) => ({
    id: x.id,
    kind,
    postingId,
    subjectId: x.subject_id,
    subjectName: x.subject_name,
    orgId: x.org_id,
    orgName: x.name,
    text: x.text,
    answer: x.answer,
    upheld: !!x.upheld,
    createdAt: x.created_at,
    answeredAt: x.answered_at,
  }));
}

/** An objection of this kind (of this posting when given), or 404. */
export async function findObjection(trx: Executor, kind: PublicityKind, id: number, postingId?: number) {
  let q = trx.selectFrom('publicity_objection').selectAll().where('id', '=', id).where('kind', '=', kind);
  if (postingId !== undefined) q = q.where('posting_id', '=', postingId);
  const o = await q.executeTakeFirst();
  if (!o) throw notFound('异议', 'OBJECTION_NOT_FOUND');
  return o;
}

/** The owner's one answer to an objection (409 when already answered); audited as `<kind>.objection.answer`. */
export async function answerObjection(
  trx: Executor,
  ctx: Ctx,
  actor: Actor,
  o: Pick<PublicityObjectionTable, 'kind' | 'answer'> & { id: number },
  b: { answer: string; upheld: boolean },
) {
  if (o.answer) throw conflict('ALREADY_ANSWERED', '该异议已答复');
  const answer = b.answer.trim();
  await trx
    .updateTable('publicity_objection')
    .set({ answer, upheld: b.upheld ? 1 : 0, answered_by: actor.userId, answered_at: nowIso(ctx) })
    .where('id', '=', o.id)
    .execute();
  await audit(ctx, trx, actor, {
    action: `${o.kind}.objection.answer`,
    entity: 'publicity_objection',
    entityId: o.id,
    after: { upheld: b.upheld, answer },
  });
}

/** Publication waits for every objection of the posting to be answered. */
export async function assertObjectionsAnswered(trx: Executor, kind: PublicityKind, postingId: number) {
  const { n } = await trx
    .selectFrom('publicity_objection')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .where('posting_id', '=', postingId)
    .where('answer', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(n)) throw conflict('OBJECTIONS_OPEN', `还有 ${Number(n)} 条异议未答复`);
}

/** How many objections each subject of a posting drew (subject id → count). */
export async function objectionCounts(db: Executor, kind: PublicityKind, postingId: number) {
  const rows = await db
    .selectFrom('publicity_objection')
    .select(['subject_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', kind)
    .where('posting_id', '=', postingId)
    .groupBy('subject_id')
    .execute();
  return new Map(rows.map((r) => [r.subject_id, Number(r.n)]));
}
