/**
 * 回头看: months after 销号 the issuing side checks the problem has not come back. The periodic job
 * (server/jobs.ts) creates the due re-check steps; the issuing side records the result, and a
 * recurrence (反弹) reopens the item and counts it.
 */
import type { RecheckBody } from '../../../common/contracts/rectifications.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError, badRequest, conflict } from '../../lib/errors.ts';
import type { Job } from '../../lib/jobs.ts';
import { pathInSubtree, type Actor } from '../../lib/scope.ts';
import { step } from './closing.service.ts';
import { isIssuer, visible } from './items.service.ts';

/**
 * The 回头看 scheduler tick: for every closed item whose re-check is due (by the server clock) and
 * has no open re-check, create the re-check step. Idempotent; the jobs registry runs it hourly, tests
 * call it after moving a ManualClock. Run by a user (the API), it reaches only the items that user
 * may see (rectifying org or issuing side in their scope): a 书记 cannot act on, or count, another
 * town's items.
 */
export async function runRechecks(ctx: Ctx, actor: Actor | null = null) {
  const today = localDate(ctx.clock.now());
  return ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('rectification_item as r').select(['r.id', 'r.recheck_due_date']);
    if (actor) {
      q = q
        .innerJoin('org_unit as o', 'o.id', 'r.org_id')
        .innerJoin('org_unit as i', 'i.id', 'r.issuer_org_id')
        .where((eb) =>
          eb.or([pathInSubtree('o.path', actor.scopePath)(eb), pathInSubtree('i.path', actor.scopePath)(eb)]),
        );
    }
    const due = await q
      .where('r.status', '=', '已销号')
      .where('r.recheck_due_date', '<=', today)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('rectification_recheck as k')
              .select('k.id')
              .whereRef('k.item_id', '=', 'r.id')
              .where('k.due_date', '=', eb.ref('r.recheck_due_date')),
          ),
        ),
      )
      .execute();
    for (const d of due) {
      await trx
        .insertInto('rectification_recheck')
        .values({
          item_id: d.id,
          due_date: d.recheck_due_date!,
          status: '待回头看',
          note: null,
          done_by: null,
          created_at: nowIso(ctx),
          done_at: null,
        })
        .execute();
      await trx
        .insertInto('rectification_step')
        .values({
          item_id: d.id,
          step: '回头看到期',
          opinion: `应于 ${d.recheck_due_date} 回头看`,
          actor_id: null,
          at: nowIso(ctx),
        })
        .execute();
      await audit(ctx, trx, null, {
        action: 'rectification.recheck_due',
        entity: 'rectification_item',
        entityId: d.id,
        after: { dueDate: d.recheck_due_date },
      });
    }
    return { created: due.length };
  });
}

/** The 回头看 job (registered in server/jobs.ts): hourly, so a re-check appears on its due day. */
export const rechecksJob: Job<{ created: number }> = {
  name: 'rechecks',
  label: '整改回头看到期',
  everyMs: 3600_000,
  run: (ctx) => runRechecks(ctx),
};

/** Records the 回头看 result; if the problem recurred, the item reopens (反弹) and is counted. */
export async function recheck(ctx: Ctx, actor: Actor, id: number, input: RecheckBody) {
  if (!input.note.trim()) throw badRequest('NOTE_REQUIRED', '请填写回头看情况');
  return ctx.db.transaction().execute(async (trx) => {
    const it = await visible(trx, actor, id);
    if (!isIssuer(actor, it))
      throw new AppError('RECTIFICATION_NOT_YOUR_STEP', 403, `回头看由交办方「${it.issuer_name}」组织`);
    const k = await trx
      .selectFrom('rectification_recheck')
      .selectAll()
      .where('item_id', '=', id)
      .where('status', '=', '待回头看')
      .executeTakeFirst();
    if (!k || it.status !== '已销号') throw conflict('RECHECK_NOT_DUE', '该事项当前没有待进行的回头看');
    const now = nowIso(ctx);
    await trx
      .updateTable('rectification_recheck')
      .set({ status: input.recurred ? '反弹' : '未反弹', note: input.note.trim(), done_by: actor.userId, done_at: now })
      .where('id', '=', k.id)
      .execute();
    if (input.recurred) {
      await trx
        .updateTable('rectification_item')
        .set({
          status: '整改中',
          rebound_count: it.rebound_count + 1,
          closed_date: null,
          recheck_due_date: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await step(trx, ctx, actor, id, '回头看:反弹,重新整改', input.note.trim());
    } else {
      await step(trx, ctx, actor, id, '回头看:未反弹', input.note.trim());
    }
    await audit(ctx, trx, actor, {
      action: 'rectification.recheck',
      entity: 'rectification_item',
      entityId: id,
      before: { status: it.status, rebound: it.rebound_count },
      after: { recurred: input.recurred },
    });
    return {
      ok: true,
      status: input.recurred ? ('整改中' as const) : ('已销号' as const),
      reboundCount: it.rebound_count + (input.recurred ? 1 : 0),
    };
  });
}
