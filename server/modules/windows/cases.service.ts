/**
 * 差评工单: 核实 → 回访 (call records) → 处置 (整改 through the rectification ledger, or 解释说明)
 * → the citizen's re-rating (or the unit's close once 回访 and 处置 are on record). 申诉复核 is decided
 * by a supervisor; an upheld appeal closes the case and excludes the rating from statistics (kept).
 */
import type { CaseDetail, CaseList, CaseListQuery, ResolveBody } from '../../../common/contracts/windows.ts';
import { levelName } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { type Actor, isInPath, pathInSubtree } from '../../lib/scope.ts';
import { addWorkdays } from '../../lib/workdays.ts';
import { addItem } from '../rectifications/items.service.ts';
import {
  calendar,
  caseLight,
  isOpen,
  loadSettings,
  OPEN_STATUSES,
  randomCode,
  scopePathFor,
  sha256,
  today,
} from './common.ts';

export interface NewCase {
  ratingId: number | null;
  windowId: number | null;
  orgId: number;
  source: '群众评价' | '暗访';
  level: number | null;
  problem: string;
  phone: string | null;
  windowName: string | null;
}

/** Opens a case inside the caller's transaction; the deadline counts working days of the 督查 calendar. */
export async function openCase(ctx: Ctx, trx: Executor, n: NewCase, actor: Actor | null = null) {
  const settings = await loadSettings(trx);
  const cal = await calendar(trx);
  const day = today(ctx);
  const dueDate = addWorkdays(day, settings.caseWorkdays, cal);
  const followUpCode = randomCode(8);
  const now = nowIso(ctx);
  const c = await trx
    .insertInto('rating_case')
    .values({
      rating_id: n.ratingId,
      window_id: n.windowId,
      org_id: n.orgId,
      source: n.source,
      problem: n.problem,
      level: n.level,
      status: '待核实',
      prev_status: null,
      opened_at: now,
      opened_date: day,
      due_date: dueDate,
      contact_phone: n.phone,
      phone_masked: n.phone ? `${n.phone.slice(0, 3)}****${n.phone.slice(-4)}` : null,
      first_response_at: null,
      resolution: null,
      resolution_note: null,
      rectification_id: null,
      rerate_hash: sha256(followUpCode),
      rerate_level: null,
      rerated_at: null,
      appeal_reason: null,
      appeal_at: null,
      appeal_opinion: null,
      appeal_upheld: null,
      closed_at: null,
      closed_date: null,
      phone_purged_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await step(
    trx,
    c.id,
    '立案',
    `${n.source}${n.level ? `「${levelName(n.level)}」` : ''},${settings.caseWorkdays} 个工作日内办结(${dueDate})`,
    actor,
    now,
  );
  await audit(ctx, trx, actor, {
    action: 'rating_case.open',
    entity: 'rating_case',
    entityId: c.id,
    after: { orgId: n.orgId, windowId: n.windowId, source: n.source, level: n.level, dueDate },
  });
  await notify(trx, ctx, {
    orgId: n.orgId,
    taskId: null,
    kind: 'rating_case',
    message: `${n.windowName ? `窗口「${n.windowName}」` : ''}收到${n.source === '暗访' ? '暗访发现问题' : '差评'},请于 ${dueDate} 前核实、回访并处置`,
    dedupeKey: `rating_case:${c.id}`,
    link: `/rating-cases/${c.id}`,
  });
  return { id: c.id, dueDate, followUpCode };
}

function step(
  trx: Executor,
  caseId: number,
  s: string,
  note: string | null,
  actor: Actor | null,
  at: string,
  reached: number | null = null,
) {
  return trx
    .insertInto('rating_case_step')
    .values({ case_id: caseId, step: s, note, reached, actor_id: actor?.userId ?? null, at })
    .execute();
}

export async function caseInScope(db: Executor, actor: Actor, id: number) {
  const c = await db
    .selectFrom('rating_case as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .leftJoin('service_window as w', 'w.id', 'c.window_id')
    .selectAll('c')
    .select(['o.name as org_name', 'o.path as org_path', 'o.parent_id as org_parent', 'w.name as window_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!c || !isInPath(c.org_path, actor.scopePath)) throw notFound('差评工单', 'CASE_NOT_FOUND');
  return c;
}

export async function list(ctx: Ctx, actor: Actor, q: CaseListQuery): Promise<CaseList> {
  const path = await scopePathFor(ctx.db, actor, q.orgId);
  const cal = await calendar(ctx.db);
  const day = today(ctx);
  const soon = addWorkdays(day, 1, cal);
  let base = ctx.db
    .selectFrom('rating_case as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .where(pathInSubtree('o.path', path));
  if (q.windowId) base = base.where('c.window_id', '=', q.windowId);
  if (q.status === 'open') base = base.where('c.status', 'in', OPEN_STATUSES);
  else if (q.status) base = base.where('c.status', '=', q.status);
  const lightRows = await base
    .where('c.status', 'in', OPEN_STATUSES)
    .select((eb) => [
      eb.fn.sum(eb.case().when('c.due_date', '<', day).then(1).else(0).end()).as('red'),
      eb.fn
        .sum(
          eb
            .case()
            .when(eb.and([eb('c.due_date', '>=', day), eb('c.due_date', '<=', soon)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('yellow'),
      eb.fn.sum(eb.case().when('c.due_date', '>', soon).then(1).else(0).end()).as('green'),
    ])
    .executeTakeFirstOrThrow();
  if (q.light === 'none') base = base.where('c.status', 'not in', OPEN_STATUSES);
  else if (q.light) {
    base = base.where('c.status', 'in', OPEN_STATUSES);
    if (q.light === 'red') base = base.where('c.due_date', '<', day);
    if (q.light === 'yellow') base = base.where('c.due_date', '>=', day).where('c.due_date', '<=', soon);
    if (q.light === 'green') base = base.where('c.due_date', '>', soon);
  }
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = q.pageSize ?? 20;
  const rows = await base
    .leftJoin('service_window as w', 'w.id', 'c.window_id')
    .select([
      'c.id',
      'c.window_id',
      'w.name as window_name',
      'c.org_id',
      'o.name as org_name',
      'c.source',
      'c.level',
      'c.problem',
      'c.status',
      'c.opened_date',
      'c.due_date',
      'c.phone_masked',
    ])
    .orderBy('c.due_date')
    .orderBy('c.id')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  return {
    total,
    lights: {
      red: Number(lightRows.red ?? 0),
      yellow: Number(lightRows.yellow ?? 0),
      green: Number(lightRows.green ?? 0),
    },
    items: rows.map((r) => ({
      id: r.id,
      windowId: r.window_id,
      windowName: r.window_name,
      orgId: r.org_id,
      orgName: r.org_name,
      source: r.source,
      level: r.level ? levelName(r.level) : null,
      problem: r.problem,
      status: r.status,
      openedDate: r.opened_date,
      dueDate: r.due_date,
      light: caseLight(r.status, r.due_date, day, cal),
      phoneMasked: r.phone_masked,
    })),
  };
}

export async function get(ctx: Ctx, actor: Actor, id: number): Promise<CaseDetail> {
  const c = await caseInScope(ctx.db, actor, id);
  const cal = await calendar(ctx.db);
  const settings = await loadSettings(ctx.db);
  const rating = c.rating_id
    ? await ctx.db
        .selectFrom('rating as r')
        .leftJoin('service_item as i', 'i.id', 'r.item_id')
        .select(['r.comment', 'r.rated_at', 'r.verified', 'r.excluded', 'i.name as item_name'])
        .where('r.id', '=', c.rating_id)
        .executeTakeFirst()
    : undefined;
  const steps = await ctx.db
    .selectFrom('rating_case_step as s')
    .leftJoin('app_user as u', 'u.id', 's.actor_id')
    .select(['s.step', 's.note', 's.reached', 's.at', 'u.display_name'])
    .where('s.case_id', '=', id)
    .orderBy('s.id')
    .execute();
  return {
    id: c.id,
    windowId: c.window_id,
    windowName: c.window_name,
    orgId: c.org_id,
    orgName: c.org_name,
    source: c.source,
    level: c.level ? levelName(c.level) : null,
    problem: c.problem,
    status: c.status,
    openedDate: c.opened_date,
    dueDate: c.due_date,
    light: caseLight(c.status, c.due_date, today(ctx), cal),
    phoneMasked: c.phone_masked,
    comment: rating?.comment ?? null,
    itemName: rating?.item_name ?? null,
    ratedAt: rating?.rated_at ?? null,
    verified: rating?.verified === 1,
    hasPhone: c.contact_phone !== null,
    phonePurged: c.phone_purged_at !== null,
    callbackDone: c.callback_done === 1,
    resolution: c.resolution,
    resolutionNote: c.resolution_note,
    rectificationId: c.rectification_id,
    rerateLevel: c.rerate_level ? levelName(c.rerate_level) : null,
    reratedAt: c.rerated_at,
    appealReason: c.appeal_reason,
    appealAt: c.appeal_at,
    appealDeadlineDate: addWorkdays(c.opened_date, settings.appealWorkdays, cal),
    canAppeal:
      !c.appeal_at &&
      c.rating_id !== null &&
      isOpen(c.status) &&
      c.status !== '申诉中' &&
      today(ctx) <= addWorkdays(c.opened_date, settings.appealWorkdays, cal),
    appealOpinion: c.appeal_opinion,
    appealUpheld: c.appeal_upheld === null ? null : c.appeal_upheld === 1,
    closedAt: c.closed_at,
    excluded: rating?.excluded === 1,
    steps: steps.map((s) => ({
      step: s.step,
      note: s.note,
      reached: s.reached === null ? null : s.reached === 1,
      actorName: s.display_name,
      at: s.at,
    })),
  };
}

/** The full number, for the 回访 call only: each reveal is audited. */
export async function phone(ctx: Ctx, actor: Actor, id: number) {
  const c = await caseInScope(ctx.db, actor, id);
  if (!c.contact_phone) throw conflict('NO_PHONE', c.phone_purged_at ? '联系电话已按规定删除' : '群众未留联系电话');
  if (!['待回访', '待处置', '待复评'].includes(c.status)) throw conflict('CASE_STATE', `工单${c.status},无需回访`);
  await ctx.db
    .transaction()
    .execute((trx) =>
      audit(ctx, trx, actor, { action: 'rating_case.phone_reveal', entity: 'rating_case', entityId: id }),
    );
  return { phone: c.contact_phone };
}

/** Moves a case on in one transaction: checks the expected status, writes the step and the audit row. */
export async function advance(
  ctx: Ctx,
  actor: Actor,
  id: number,
  expect: readonly string[],
  change: (
    c: Awaited<ReturnType<typeof caseInScope>>,
    trx: Executor,
    now: string,
  ) => Promise<{
    status: string;
    set?: Record<string, unknown>;
    step: string;
    note: string | null;
    reached?: number | null;
    audit?: Record<string, unknown>;
  }>,
) {
  const c = await caseInScope(ctx.db, actor, id);
  if (!expect.includes(c.status)) throw conflict('CASE_STATE', `工单当前为「${c.status}」,不能执行此操作`);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const r = await change(c, trx, now);
    const upd = await trx
      .updateTable('rating_case')
      .set({ ...r.set, status: r.status, first_response_at: c.first_response_at ?? now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', c.status)
      .returning('id')
      .executeTakeFirst();
    if (!upd) throw conflict('CASE_STATE', '工单已被他人处理,请刷新后重试');
    await step(trx, id, r.step, r.note, actor, now, r.reached ?? null);
    await audit(ctx, trx, actor, {
      action: `rating_case.${r.step}`,
      entity: 'rating_case',
      entityId: id,
      before: { status: c.status },
      after: { status: r.status, ...r.audit },
    });
    return { ok: true, status: r.status };
  });
}

export const verify = (ctx: Ctx, actor: Actor, id: number, note: string) =>
  advance(ctx, actor, id, ['待核实'], async (c) => ({
    // Without a phone there is nobody to call: the case goes straight to 处置, and says so.
    status: c.contact_phone ? '待回访' : '待处置',
    step: '核实',
    note: c.contact_phone ? note : `${note}(群众未留联系电话,无法回访)`,
  }));

export const callback = (ctx: Ctx, actor: Actor, id: number, b: { reached: boolean; words: string }) =>
  advance(ctx, actor, id, ['待回访', '待处置', '待复评'], async (c) => {
    if (!c.contact_phone)
      throw conflict('NO_PHONE', c.phone_purged_at ? '联系电话已按规定删除' : '群众未留联系电话,无法回访');
    return {
      status: c.status === '待回访' ? '待处置' : c.status,
      set: b.reached ? { callback_done: 1 } : {},
      step: '回访',
      note: `${b.reached ? '已接通' : '未接通'}:${b.words}`,
      reached: b.reached ? 1 : 0,
      audit: { reached: b.reached },
    };
  });

export const resolve = (ctx: Ctx, actor: Actor, id: number, b: ResolveBody) =>
  advance(ctx, actor, id, ['待处置'], async (c, trx) => {
    let rectificationId: number | null = null;
    if (b.resolution === '整改') {
      if (b.deadlineDate && b.deadlineDate < today(ctx)) throw conflict('DEADLINE_PAST', '整改时限不能早于今天');
      rectificationId = await addItem(trx, ctx, actor, {
        orgId: c.org_id,
        // The superior issues the item: the unit cannot 销号 its own 差评 整改.
        issuerOrgId: c.org_parent ?? c.org_id,
        problem: `${c.window_name ? `窗口「${c.window_name}」` : ''}${c.source === '暗访' ? '暗访发现' : '差评'}:${c.problem}`,
        source: '好差评',
        sourceRef: `rating_case:${c.id}`,
        measures: b.note,
        owner: b.owner ?? null,
        deadlineDate: b.deadlineDate ?? c.due_date,
      });
    }
    return {
      status: '待复评',
      set: { resolution: b.resolution, resolution_note: b.note, rectification_id: rectificationId },
      step: b.resolution,
      note: b.note,
      audit: { resolution: b.resolution, rectificationId },
    };
  });

export const close = (ctx: Ctx, actor: Actor, id: number, note?: string) =>
  advance(ctx, actor, id, ['待核实', '待回访', '待处置', '待复评'], async (c, trx) => {
    if (c.status === '待核实' || c.status === '待回访' || (c.contact_phone && !(await hasCallback(trx, id))))
      throw conflict('CALLBACK_REQUIRED', '尚未回访群众,不能办结(实名差评须 100% 回访)');
    if (c.status !== '待复评') throw conflict('RESOLUTION_REQUIRED', '尚未整改或解释说明,不能办结');
    return {
      status: '已办结',
      set: { closed_at: nowIso(ctx), closed_date: today(ctx) },
      step: '办结',
      note: note?.trim() || '群众未复评,单位办结',
    };
  });

const hasCallback = async (db: Executor, id: number) =>
  !!(await db
    .selectFrom('rating_case_step')
    .select('id')
    .where('case_id', '=', id)
    .where('step', '=', '回访')
    .executeTakeFirst());
