/**
 * 申诉复核: the unit appeals a malicious or mistaken 差评 within the appeal limit; a supervisor
 * decides. Upheld: the case closes and the rating is excluded from statistics (kept, never deleted).
 * Also the release of a 待核 rating (held back by the throttle) by a supervisor.
 */
import { levelName } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { conflict } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { addWorkdays } from '../../lib/workdays.ts';
import { advance, caseInScope, openCase } from './cases.service.ts';
import { calendar, loadSettings, today } from './common.ts';
import { ratingInScope } from './windows.service.ts';

export async function appeal(ctx: Ctx, actor: Actor, id: number, reason: string) {
  const c = await caseInScope(ctx.db, actor, id);
  if (c.appeal_at) throw conflict('APPEAL_DONE', '该工单已申诉过,不能重复申诉');
  if (!c.rating_id) throw conflict('APPEAL_SOURCE', '暗访发现的问题不适用申诉复核');
  const deadline = addWorkdays(c.opened_date, (await loadSettings(ctx.db)).appealWorkdays, await calendar(ctx.db));
  if (today(ctx) > deadline) throw conflict('APPEAL_LATE', `已超过申诉时限(${deadline} 前),不能申诉`);
  return advance(ctx, actor, id, ['待核实', '待回访', '待处置', '待复评'], async (cc) => ({
    status: '申诉中',
    set: { prev_status: cc.status, appeal_reason: reason, appeal_at: nowIso(ctx) },
    step: '申诉',
    note: reason,
  }));
}

export const decideAppeal = (ctx: Ctx, actor: Actor, id: number, b: { upheld: boolean; opinion: string }) =>
  advance(ctx, actor, id, ['申诉中'], async (c, trx, now) => {
    if (b.upheld && c.rating_id)
      await trx.updateTable('rating').set({ excluded: 1 }).where('id', '=', c.rating_id).execute();
    return {
      status: b.upheld ? '申诉成立' : (c.prev_status ?? '待核实'),
      set: {
        appeal_opinion: b.opinion,
        appeal_upheld: b.upheld ? 1 : 0,
        ...(b.upheld ? { closed_at: now, closed_date: today(ctx) } : {}),
      },
      step: b.upheld ? '申诉成立' : '申诉驳回',
      note: b.opinion,
      audit: { upheld: b.upheld, ratingExcluded: b.upheld },
    };
  });

/** A supervisor counts a 待核 rating after all (e.g. a hall's busy day); a 差评 then opens its case. */
export async function releaseRating(ctx: Ctx, actor: Actor, id: number) {
  const r = await ratingInScope(ctx.db, actor, id);
  if (r.suspect !== 1) throw conflict('RATING_NOT_SUSPECT', '该评价已计入统计,无需确认');
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('rating').set({ suspect: 0 }).where('id', '=', id).execute();
    await audit(ctx, trx, actor, {
      action: 'rating.release',
      entity: 'rating',
      entityId: id,
      before: { suspect: true, reason: r.suspect_reason },
      after: { suspect: false },
    });
    let caseId: number | null = null;
    if (r.level <= 2) {
      const w = await trx
        .selectFrom('service_window')
        .select('name')
        .where('id', '=', r.window_id)
        .executeTakeFirstOrThrow();
      caseId = (
        await openCase(
          ctx,
          trx,
          {
            ratingId: id,
            windowId: r.window_id,
            orgId: r.org_id,
            source: '群众评价',
            level: r.level,
            problem: r.comment ?? `群众评价「${levelName(r.level)}」(未填写意见)`,
            phone: null,
            windowName: w.name,
          },
          actor,
        )
      ).id;
    }
    return { caseId, rectificationId: null, noticeNo: null };
  });
}
