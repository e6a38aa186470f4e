/**
 * The public side (no login): the window's rating form, rating intake with 一次一评 tickets and the
 * throttle, the citizen's follow-up by 复评码 and the re-rating. Nothing personal is ever returned.
 */
import type {
  PublicFollowUp,
  PublicRatingBody,
  PublicRatingCreated,
  PublicRerateBody,
  PublicWindow,
} from '../../../common/contracts/windows.ts';
import { levelName, levelValue, RATING_LEVELS } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { hit } from '../../lib/counters.ts';
import { AppError, badRequest, conflict } from '../../lib/errors.ts';
import { loadSettings, maskPhone, normCode, sha256, today } from './common.ts';
import { openCase } from './cases.service.ts';

const windowNotFound = () => new AppError('WINDOW_NOT_FOUND', 404, '窗口不存在或已停用,请核对窗口码');

async function activeWindow(db: Executor, code: string) {
  const w = await db
    .selectFrom('service_window as w')
    .innerJoin('org_unit as o', 'o.id', 'w.org_id')
    .select(['w.id', 'w.code', 'w.name', 'w.org_id', 'w.active', 'o.name as org_name'])
    .where('w.code', '=', normCode(code))
    .executeTakeFirst();
  if (w?.active !== 1) throw windowNotFound();
  return w;
}

export async function latestContent(db: Executor) {
  const c = await db.selectFrom('rating_content').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  return c ? { version: c.id, questions: JSON.parse(c.questions) as string[] } : null;
}

export async function publicWindow(ctx: Ctx, code: string): Promise<PublicWindow> {
  const w = await activeWindow(ctx.db, code);
  const items = await ctx.db
    .selectFrom('service_item')
    .select(['id', 'name'])
    .where('window_id', '=', w.id)
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute();
  const content = (await latestContent(ctx.db)) ?? { version: 0, questions: [] };
  return { code: w.code, name: w.name, orgName: w.org_name, items, levels: [...RATING_LEVELS], content };
}

/** The local day as the counter's window start, so that a "day" is the Asia/Shanghai day. */
const dayAnchor = (d: string) => new Date(`${d}T00:00:00.000Z`);

/**
 * Takes one rating. Verified ratings (a 一次一评 ticket, flipped by one conditional UPDATE so a
 * ticket counts once even under concurrent submits) are never throttled. Untracked ratings pay a
 * per-minute burst limit per source and window (429, nothing stored: the phone may retry), and past
 * the daily per-source or per-device count they are still stored but marked 待核 and not counted
 * until a supervisor releases them — a hall behind one NAT address loses nothing.
 */
export async function submitRating(ctx: Ctx, b: PublicRatingBody, ip: string): Promise<PublicRatingCreated> {
  const w = await activeWindow(ctx.db, b.windowCode);
  const settings = await loadSettings(ctx.db);
  const day = today(ctx);
  const content = await latestContent(ctx.db);
  let version = content?.version ?? 0;
  let questions = content?.questions ?? [];
  if (b.contentVersion !== undefined && b.contentVersion !== version) {
    const old = await ctx.db
      .selectFrom('rating_content')
      .select(['id', 'questions'])
      .where('id', '=', b.contentVersion)
      .executeTakeFirst();
    if (!old) throw badRequest('CONTENT_VERSION', '评价内容版本不存在,请刷新页面后重新评价');
    version = old.id;
    questions = JSON.parse(old.questions);
  }
  if (b.scores && b.scores.length !== questions.length)
    throw badRequest('SCORES_MISMATCH', `分项评分应有 ${questions.length} 项,实际 ${b.scores.length} 项`);
  if (b.itemId !== undefined) {
    const it = await ctx.db
      .selectFrom('service_item')
      .select('id')
      .where('id', '=', b.itemId)
      .where('window_id', '=', w.id)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!it) throw badRequest('ITEM_NOT_FOUND', '所选服务事项不属于该窗口');
  }
  const comment = b.comment?.trim() || null;
  const source = sha256(`rating-source:${ip}`).slice(0, 24);
  const level = levelValue(b.level);
  const now = nowIso(ctx);

  let suspectReason: string | null = null;
  // One transaction (one commit) per rating; a 429 rolls back, so a refused request stores nothing
  // and the burst count stays at its limit until the minute passes.
  return ctx.db.transaction().execute(async (trx) => {
    if (!b.ticket) {
      const burst = await hit(trx, `wr:b:${source}:${w.id}`, 60, ctx.clock.now());
      if (burst > settings.burstPerMinute) throw new AppError('TOO_MANY_REQUESTS', 429, '评价提交过于频繁,请稍后再试');
    }
    let ticketId: number | null = null;
    if (b.ticket) {
      const t = await trx
        .selectFrom('rating_ticket')
        .select(['id', 'used_at'])
        .where('code', '=', normCode(b.ticket))
        .where('window_id', '=', w.id)
        .executeTakeFirst();
      if (!t) throw badRequest('TICKET_INVALID', '评价码无效,请核对办件回执上的评价码');
      const flipped = await trx
        .updateTable('rating_ticket')
        .set({ used_at: now })
        .where('id', '=', t.id)
        .where('used_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!flipped) throw conflict('TICKET_USED', '该评价码已经评价过(一次一评),不能重复评价');
      ticketId = t.id;
    } else {
      const perSource = await hit(trx, `wr:s:${source}:${w.id}:${day}`, 86_400, dayAnchor(day));
      const perDevice = b.device
        ? await hit(trx, `wr:d:${sha256(b.device)}:${w.id}:${day}`, 86_400, dayAnchor(day))
        : 0;
      if (perSource > settings.untrackedPerSourceDay)
        suspectReason = `同一网络来源当日评价超过 ${settings.untrackedPerSourceDay} 次`;
      else if (perDevice > settings.untrackedPerDeviceDay)
        suspectReason = `同一设备当日评价超过 ${settings.untrackedPerDeviceDay} 次`;
    }
    const r = await trx
      .insertInto('rating')
      .values({
        window_id: w.id,
        org_id: w.org_id,
        item_id: b.itemId ?? null,
        level,
        comment,
        phone_masked: maskPhone(b.phone),
        content_version: version,
        scores: b.scores ? JSON.stringify(b.scores) : null,
        ticket_id: ticketId,
        verified: ticketId ? 1 : 0,
        suspect: suspectReason ? 1 : 0,
        suspect_reason: suspectReason,
        rated_at: now,
        rated_date: day,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A flood does not open cases: a 待核 差评 becomes a case when a supervisor releases it.
    if (level <= 2 && !suspectReason) {
      const c = await openCase(ctx, trx, {
        ratingId: r.id,
        windowId: w.id,
        orgId: w.org_id,
        source: '群众评价',
        level,
        problem: comment ?? `群众评价「${levelName(level)}」(未填写意见)`,
        phone: b.phone ?? null,
        windowName: w.name,
      });
      return { id: r.id, followUpCode: c.followUpCode, dueDate: c.dueDate };
    }
    return { id: r.id };
  });
}

async function caseByCode(db: Executor, code: string) {
  const c = await db
    .selectFrom('rating_case as c')
    .innerJoin('service_window as w', 'w.id', 'c.window_id')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['w.name as window_name', 'o.name as org_name'])
    .where('c.rerate_hash', '=', sha256(normCode(code)))
    .executeTakeFirst();
  if (!c) throw new AppError('FOLLOWUP_NOT_FOUND', 404, '复评码无效,请核对评价后页面显示的复评码');
  return c;
}

export async function followUp(ctx: Ctx, code: string): Promise<PublicFollowUp> {
  const c = await caseByCode(ctx.db, code);
  return {
    windowName: c.window_name,
    orgName: c.org_name,
    status: c.status,
    resolution: c.resolution,
    resolutionNote: c.resolution_note,
    canRerate: c.status === '待复评' && c.rerated_at === null,
    rerated: c.rerated_at !== null,
  };
}

/** The citizen rates the fix once; the case is then closed (an unsatisfied re-rating is kept and counted). */
export async function rerate(ctx: Ctx, b: PublicRerateBody) {
  const c = await caseByCode(ctx.db, b.code);
  if (c.rerated_at) throw conflict('RERATE_USED', '该复评码已经使用过,不能重复评价');
  if (c.status !== '待复评') throw conflict('RERATE_NOT_READY', '单位尚未反馈整改或说明结果,请收到回访后再评价');
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('rating_case')
      .set({
        rerate_level: levelValue(b.level),
        rerated_at: now,
        status: '已办结',
        closed_at: now,
        closed_date: today(ctx),
        updated_at: now,
      })
      .where('id', '=', c.id)
      .where('rerated_at', 'is', null)
      .where('status', '=', '待复评')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw conflict('RERATE_USED', '该复评码已经使用过,不能重复评价');
    await trx
      .insertInto('rating_case_step')
      .values({
        case_id: c.id,
        step: '群众复评',
        note: `${b.level}${b.comment?.trim() ? `:${b.comment.trim()}` : ''}`,
        reached: null,
        actor_id: null,
        at: now,
      })
      .execute();
    await audit(ctx, trx, null, {
      action: 'rating_case.rerate',
      entity: 'rating_case',
      entityId: c.id,
      before: { status: c.status },
      after: { status: '已办结', rerateLevel: b.level },
    });
    return { ok: true, status: '已办结' };
  });
}
