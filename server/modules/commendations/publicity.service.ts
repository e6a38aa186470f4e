/**
 * 公示 and 发布 of a 表彰 (the one window and objection rule of server/lib/publicity.ts): the
 * owner posts every 审定 nomination for N working days once none is left undecided; objections
 * are taken during the window and answered by the owner (an upheld one withdraws the nomination,
 * audited); after the window, with every objection answered, the honours are recorded on the org
 * or the member and the nominating units are told.
 */
import { audit, nowIso, type Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import * as P from '../../lib/publicity.ts';
import { type Actor, isInPath } from '../../lib/scope.ts';
import { loadNomination } from './nominations.service.ts';
import { loadRound, manageableRound } from './rounds.service.ts';

export async function startPublicity(ctx: Ctx, actor: Actor, id: number, startDate?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await manageableRound(trx, actor, id);
    if (r.status !== '推荐中') throw conflict('COMMEND_STATE', '本次表彰已在公示');
    const rows = await trx.selectFrom('commend_nomination').select('status').where('round_id', '=', id).execute();
    const open = rows.filter((x) => x.status === '已报送' || x.status === '已审核').length;
    if (open) throw conflict('NOMINATIONS_OPEN', `还有 ${open} 条推荐未审核或未审定,请先处理`);
    if (!rows.some((x) => x.status === '已审定')) throw conflict('NOTHING_APPROVED', '还没有审定的推荐,无可公示');
    return P.openPosting(trx, ctx, actor, 'commend', r, startDate);
  });
}

/** An objection to one posted nomination, during the window, by anyone who can see it. */
export async function object(ctx: Ctx, actor: Actor, nominationId: number, text: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const { n, r } = await loadNomination(trx, actor, nominationId);
    // outside the window that is the answer, whatever the nomination's state
    P.assertInPublicity(r, localDate(ctx.clock.now()));
    if (n.status !== '已审定') throw conflict('NOMINATION_STATE', '该推荐不在公示名单中');
    return P.raiseObjection(trx, ctx, actor, 'commend', r, { id: n.id, name: n.subject_name, orgId: n.org_id }, text);
  });
}

/** Objections of a round: all for its owner, those on the caller's subtree's nominations otherwise. */
export async function objections(ctx: Ctx, actor: Actor, id: number) {
  const r = await loadRound(ctx.db, actor, id);
  const items = await P.listObjections(ctx.db, 'commend', id, r.canManage ? null : actor.scopePath);
  const ids = [...new Set(items.map((o) => o.subjectId))];
  const noms = ids.length
    ? await ctx.db.selectFrom('commend_nomination').select(['id', 'category']).where('id', 'in', ids).execute()
    : [];
  const cats = new Map(noms.map((n) => [n.id, n.category] as const));
  return { items: items.map((o) => ({ ...o, nominationId: o.subjectId, category: cats.get(o.subjectId)! })) };
}

/** The owner answers; an objection found true withdraws the nomination (已撤销), both audited. */
export async function answer(ctx: Ctx, actor: Actor, objectionId: number, b: { answer: string; upheld: boolean }) {
  return ctx.db.transaction().execute(async (trx) => {
    const o = await P.findObjection(trx, 'commend', objectionId);
    const r = await loadRound(trx, actor, o.posting_id).catch(() => null);
    if (!r?.canManage) throw notFound('异议', 'OBJECTION_NOT_FOUND');
    await manageableRound(trx, actor, o.posting_id);
    await P.answerObjection(trx, ctx, actor, o, b);
    if (b.upheld) {
      const n = await trx
        .selectFrom('commend_nomination')
        .select(['status', 'org_id', 'subject_name', 'category'])
        .where('id', '=', o.subject_id)
        .executeTakeFirstOrThrow();
      if (n.status === '已审定') {
        await trx
          .updateTable('commend_nomination')
          .set({ status: '已撤销', return_reason: `公示异议成立:${b.answer.trim()}`, updated_at: nowIso(ctx) })
          .where('id', '=', o.subject_id)
          .execute();
        await audit(ctx, trx, actor, {
          action: 'commend.nomination.withdraw',
          entity: 'commend_nomination',
          entityId: o.subject_id,
          before: { status: n.status },
          after: { status: '已撤销', objectionId },
        });
        await notify(trx, ctx, {
          orgId: n.org_id,
          taskId: null,
          kind: 'commend',
          message: `${r.name}:「${n.subject_name}(${n.category})」公示异议成立,已撤销`,
          dedupeKey: `commend:withdraw:${o.subject_id}`,
          link: `/assessment/commendations?round=${r.id}`,
        });
      }
    }
    return { ok: true };
  });
}

/** After the window, every objection answered: records each 审定 nomination as an honour. */
export async function publish(ctx: Ctx, actor: Actor, id: number, docNo?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await manageableRound(trx, actor, id);
    if (r.status !== '公示中' || !r.publicity_end_date) throw conflict('COMMEND_STATE', '请先公示');
    const today = localDate(ctx.clock.now());
    P.assertPublicityOver(r.publicity_end_date, today);
    await P.assertObjectionsAnswered(trx, 'commend', id);
    const rows = await trx
      .selectFrom('commend_nomination as n')
      .leftJoin('org_unit as s', 's.id', 'n.subject_org_id')
      .leftJoin('member as m', 'm.id', 'n.member_id')
      .select(['n.id', 'n.category', 'n.org_id', 'n.subject_org_id', 'n.member_id', 's.path', 'm.org_path'])
      .where('n.round_id', '=', id)
      .where('n.status', '=', '已审定')
      .orderBy('n.id')
      .execute();
    const now = nowIso(ctx);
    const doc = docNo?.trim() || null;
    if (rows.length)
      await trx
        .insertInto('honour')
        .values(
          rows.map((n) => ({
            round_id: id,
            nomination_id: n.id,
            org_id: n.subject_org_id,
            member_id: n.member_id,
            org_path: (n.path ?? n.org_path)!,
            year: r.year,
            level: r.level,
            category: n.category,
            title: `${r.year}年度${n.category}`,
            granted_by: r.owner_name,
            doc_no: doc,
            granted_date: today,
            created_at: now,
          })),
        )
        .execute();
    await trx
      .updateTable('commend_round')
      .set({ status: '已发布', published_at: now, doc_no: doc })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'commend.publish',
      entity: 'commend_round',
      entityId: id,
      after: { honours: rows.length, docNo: doc },
    });
    for (const orgId of new Set(rows.map((n) => n.org_id)))
      await notify(trx, ctx, {
        orgId,
        taskId: null,
        kind: 'commend',
        message: `${r.name}已发布表彰名单`,
        dedupeKey: `commend:publish:${id}:${orgId}`,
        link: `/assessment/commendations?round=${id}`,
      });
    return { ok: true };
  });
}

const honourCols = [
  'h.id',
  'h.year',
  'h.level',
  'h.category',
  'h.title',
  'h.granted_by',
  'h.doc_no',
  'h.granted_date',
  'h.round_id',
] as const;
type HonourRow = {
  id: number;
  year: number;
  level: string;
  category: string;
  title: string;
  granted_by: string;
  doc_no: string | null;
  granted_date: string;
  round_id: number | null;
  holder: string;
};
const toHonour = (h: HonourRow) => ({
  id: h.id,
  year: h.year,
  level: h.level,
  category: h.category,
  title: h.title,
  grantedBy: h.granted_by,
  docNo: h.doc_no,
  grantedDate: h.granted_date,
  holderName: h.holder,
  roundId: h.round_id,
});

/** Honours recorded on an org (先进集体), for its page. */
export async function orgHonours(ctx: Ctx, actor: Actor, orgId: number) {
  const org = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'path', 'name'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org || !isInPath(org.path, actor.scopePath)) throw notFound('组织', 'ORG_NOT_FOUND');
  const rows = await ctx.db
    .selectFrom('honour as h')
    .select(honourCols)
    .where('h.org_id', '=', orgId)
    .orderBy('h.granted_date', 'desc')
    .execute();
  return { items: rows.map((h) => toHonour({ ...h, holder: org.name })) };
}

/** Honours recorded on a member, for 党员档案: in scope, and a 党员 only their own. */
export async function memberHonours(ctx: Ctx, actor: Actor, memberId: number) {
  const m = await ctx.db
    .selectFrom('member')
    .select(['id', 'name', 'org_path'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!m || !isInPath(m.org_path, actor.scopePath) || (actor.role === 'member' && actor.memberId !== m.id))
    throw notFound('党员', 'MEMBER_NOT_FOUND');
  const rows = await ctx.db
    .selectFrom('honour as h')
    .select(honourCols)
    .where('h.member_id', '=', memberId)
    .orderBy('h.granted_date', 'desc')
    .execute();
  return { items: rows.map((h) => toHonour({ ...h, holder: m.name })) };
}
