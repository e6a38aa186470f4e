/**
 * Grading and 公示: ranks and bands from the manual (quotas enforced or warned, ties kept whole,
 * vetoes, direct grades for recorded honours), then a 公示 whose objection window is N working
 * days from the calendar settings; objections are recorded and answered (a change of score or
 * grade is audited with before/after); results are published only after the window.
 */
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import * as P from '../../lib/publicity.ts';
import { type Actor, pathInSubtree } from '../../lib/scope.ts';
import { loadManual } from './manuals.service.ts';
import { loadRound, ownsRound, type RoundRow } from './rounds.service.ts';
import { loadEntry } from './sheet.service.ts';
import { directQuotaProblem, gradeEntries } from './scoring.ts';

function assertOwner(r: RoundRow, actor: Actor) {
  if (!ownsRound(r, actor)) throw forbidden('只有组织本轮评定的组织部可以操作');
}

/** Grades every approved entry; refuses while entries are not yet 审定. */
export async function grade(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await loadRound(trx, actor, id);
    assertOwner(r, actor);
    if (r.status !== '评分中') throw conflict('ROUND_CLOSED', '公示开始后不能重新评定等次');
    const entries = await trx.selectFrom('std_entry').selectAll().where('round_id', '=', id).execute();
    const open = entries.filter((e) => e.status !== '已审定').length;
    if (open) throw conflict('ENTRIES_OPEN', `尚有 ${open} 个支部未审定,不能评定等次`);
    const m = await loadManual(trx, r.manual_id);
    const { out, warnings } = gradeEntries(
      entries.map((e) => ({ id: e.id, total: e.total, vetoed: !!e.vetoed, directGrade: e.direct_grade })),
      m.bands,
    );
    for (const o of out)
      await trx.updateTable('std_entry').set({ rank: o.rank, grade: o.grade }).where('id', '=', o.id).execute();
    await trx
      .updateTable('std_round')
      .set({ graded_at: nowIso(ctx), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    const counts: Record<string, number> = {};
    for (const o of out) if (o.grade) counts[o.grade] = (counts[o.grade] ?? 0) + 1;
    await audit(ctx, trx, actor, {
      action: 'standards.grade',
      entity: 'std_round',
      entityId: id,
      after: { counts, warnings },
    });
    return { graded: out.length, warnings };
  });
}

/** 直接定级 for a recorded honour; an enforced quota that is already full refuses it. */
export async function directGrade(ctx: Ctx, actor: Actor, entryId: number, b: { grade: string; reason: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const e = await loadEntry(trx, actor, entryId);
    const r = await loadRound(trx, actor, e.round_id);
    assertOwner(r, actor);
    if (r.status !== '评分中') throw conflict('ROUND_CLOSED', '公示开始后不能直接定级');
    const m = await loadManual(trx, r.manual_id);
    const all = await trx
      .selectFrom('std_entry')
      .select(['id', 'direct_grade', 'grade'])
      .where('round_id', '=', r.id)
      .execute();
    const inBand = all.filter((x) => x.id !== entryId && x.direct_grade === b.grade).length;
    const p = directQuotaProblem(m.bands, b.grade, inBand, all.length);
    if (p) throw p.startsWith('手册') ? badRequest('GRADE_UNKNOWN', p) : conflict('QUOTA_EXCEEDED', p);
    await trx
      .updateTable('std_entry')
      .set({ direct_grade: b.grade, direct_reason: b.reason.trim(), updated_at: nowIso(ctx) })
      .where('id', '=', entryId)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'standards.grade.direct',
      entity: 'std_entry',
      entityId: entryId,
      before: { grade: e.direct_grade },
      after: { grade: b.grade, reason: b.reason },
    });
    return { ok: true };
  });
}

/** Starts the 公示: the window ends N working days after its first day. */
export async function startPublicity(ctx: Ctx, actor: Actor, id: number, startDate?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await loadRound(trx, actor, id);
    assertOwner(r, actor);
    if (r.status !== '评分中') throw conflict('ROUND_STATE', '本轮已在公示或已发布');
    if (!r.graded_at) throw conflict('NOT_GRADED', '请先评定等次再公示');
    return P.openPosting(trx, ctx, actor, 'standards', r, startDate);
  });
}

/** An objection to a branch's result, during the window, by anyone whose scope holds that branch. */
export async function object(ctx: Ctx, actor: Actor, id: number, b: { orgId: number; text: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await loadRound(trx, actor, id);
    const e = await trx
      .selectFrom('std_entry as e')
      .innerJoin('org_unit as o', 'o.id', 'e.org_id')
      .select(['e.id', 'e.org_id', 'o.name'])
      .where('e.round_id', '=', id)
      .where('e.org_id', '=', b.orgId)
      .where(pathInSubtree('e.org_path', actor.scopePath))
      .executeTakeFirst();
    if (!e) throw notFound('参评支部', 'ENTRY_NOT_FOUND');
    return P.raiseObjection(trx, ctx, actor, 'standards', r, { id: e.id, name: e.name, orgId: e.org_id }, b.text);
  });
}

/** The objections about branches in the caller's subtree (the county's 组织部 sees them all). */
export async function objections(ctx: Ctx, actor: Actor, id: number) {
  await loadRound(ctx.db, actor, id);
  const items = await P.listObjections(ctx.db, 'standards', id, actor.scopePath);
  return { items: items.map((o) => ({ ...o, changed: o.upheld })) };
}

/** Answers an objection; an upheld one may correct the total and/or grade (audited before/after). */
export async function answer(
  ctx: Ctx,
  actor: Actor,
  id: number,
  objectionId: number,
  b: { answer: string; newTotal?: number; newGrade?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await loadRound(trx, actor, id);
    assertOwner(r, actor);
    const o = await P.findObjection(trx, 'standards', objectionId, id);
    // a correction is what makes an objection upheld here
    const changed = b.newTotal !== undefined || b.newGrade !== undefined;
    await P.answerObjection(trx, ctx, actor, o, { answer: b.answer, upheld: changed });
    if (r.status === '已发布') throw conflict('ROUND_CLOSED', '结果已发布');
    const e = await trx.selectFrom('std_entry').selectAll().where('id', '=', o.subject_id).executeTakeFirstOrThrow();
    if (b.newGrade !== undefined) {
      const m = await loadManual(trx, r.manual_id);
      if (!m.bands.some((x) => x.grade === b.newGrade))
        throw badRequest('GRADE_UNKNOWN', `手册中没有等次「${b.newGrade}」`);
    }
    if (changed) {
      await trx
        .updateTable('std_entry')
        .set({ total: b.newTotal ?? e.total, grade: b.newGrade ?? e.grade, updated_at: nowIso(ctx) })
        .where('id', '=', e.id)
        .execute();
      await audit(ctx, trx, actor, {
        action: 'standards.objection.change',
        entity: 'std_entry',
        entityId: e.id,
        before: { total: e.total, grade: e.grade },
        after: { total: b.newTotal ?? e.total, grade: b.newGrade ?? e.grade, objectionId },
      });
    }
    return { ok: true };
  });
}

/** Publishes after the window, once every objection is answered. */
export async function publish(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await loadRound(trx, actor, id);
    assertOwner(r, actor);
    if (r.status !== '公示中' || !r.publicity_end_date) throw conflict('ROUND_STATE', '请先公示');
    P.assertPublicityOver(r.publicity_end_date, localDate(ctx.clock.now()));
    await P.assertObjectionsAnswered(trx, 'standards', id);
    await trx
      .updateTable('std_round')
      .set({ status: '已发布', updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, { action: 'standards.publish', entity: 'std_round', entityId: id, after: {} });
    return { ok: true };
  });
}
