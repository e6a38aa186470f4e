/**
 * The reporting grid: one unit fills its figures for one month in one table, submits it, and its
 * superior approves or returns it (approval per data set, period and unit, as DHIS2). Entry locks
 * after the deadline (次月 N 日); a late entry needs an audited unlock by the superior.
 */
import type { Grid, GridSave } from '../../../common/contracts/indicators.ts';
import type { INDICATOR_REPORT_STATUSES } from '../../../common/enums.ts';
import { audit, nowIso, type Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError, badRequest, conflict, forbidden } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { orgInScope, type Actor } from '../../lib/scope.ts';
import { isManual, settings } from './registry.service.ts';
import { COUNTED, dueIn, ids, recomputeWithDependents } from './rollup.ts';

type Status = (typeof INDICATOR_REPORT_STATUSES)[number];
const pad = (m: number) => String(m).padStart(2, '0');
export const fmtPeriod = (p: string) => `${p.slice(0, 4)}年${p.slice(5, 7)}月`;

/** The deadline of a month's grid: day N of the next month. */
export function deadlineOf(period: string, day: number) {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-${pad(day)}` : `${y}-${pad(m + 1)}-${pad(day)}`;
}

/** The month before (for the jump check and rank change). */
export function prevPeriod(p: string) {
  const [y, m] = p.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** Manual indicators the org reports that are due in the month. */
export async function dueIndicators(db: Executor, orgId: number, period: string) {
  const rows = await db
    .selectFrom('indicator_reporter as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .where('r.org_id', '=', orgId)
    .selectAll('i')
    .orderBy('i.id')
    .execute();
  return rows.filter((i) => isManual(i) && dueIn(i.frequency, period));
}

/**
 * The unit's months open for late entry today (period → 补报截止日). One unlock opens the unit's
 * month for every figure it reports, its grid and its 重点项目 investment alike (projects module).
 */
export async function openUnlocks(db: Executor, orgId: number, periods: string[], today: string) {
  if (!periods.length) return new Map<string, string>();
  const rows = await db
    .selectFrom('indicator_unlock')
    .select(['period', 'until_date'])
    .where('org_id', '=', orgId)
    .where('period', 'in', periods)
    .where('until_date', '>=', today)
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if ((out.get(r.period) ?? '') < r.until_date) out.set(r.period, r.until_date);
  return out;
}

async function state(db: Executor, ctx: Ctx, orgId: number, period: string) {
  const conf = await settings(db);
  const report = await db
    .selectFrom('indicator_report')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('period', '=', period)
    .executeTakeFirst();
  const deadline = report?.deadline_date ?? deadlineOf(period, conf.deadlineDay);
  const today = localDate(ctx.clock.now());
  const unlock = await db
    .selectFrom('indicator_unlock')
    .select('until_date')
    .where('org_id', '=', orgId)
    .where('period', '=', period)
    .where('until_date', '>=', today)
    .orderBy('until_date', 'desc')
    .executeTakeFirst();
  const status = (report?.status ?? '填报中') as Status;
  // A returned grid can always be corrected: the return itself asks for it.
  const locked = today > deadline && status !== '已退回' && !unlock;
  return { report, deadline, today, unlock: unlock?.until_date ?? null, status, locked };
}

export async function grid(ctx: Ctx, actor: Actor, orgId: number, period: string): Promise<Grid> {
  const org = await orgInScope(ctx.db, actor, orgId);
  const s = await state(ctx.db, ctx, orgId, period);
  const inds = await dueIndicators(ctx.db, orgId, period);
  const ids = inds.map((i) => i.id);
  const values = ids.length
    ? await ctx.db
        .selectFrom('indicator_value')
        .select(['indicator_id', 'period', 'value', 'note'])
        .where('org_id', '=', orgId)
        .where('indicator_id', 'in', ids)
        .where('period', 'in', [period, prevPeriod(period)])
        .execute()
    : [];
  const at = (id: number, p: string) => values.find((v) => v.indicator_id === id && v.period === p);
  return {
    orgId,
    orgName: org.name,
    period,
    status: s.status,
    deadlineDate: s.deadline,
    locked: s.locked,
    unlockedUntilDate: s.unlock,
    submittedAt: s.report?.submitted_at ?? null,
    reason: s.report?.reason ?? null,
    rows: inds.map((i) => ({
      indicatorId: i.id,
      name: i.name,
      unit: i.unit,
      value: at(i.id, period)?.value ?? null,
      note: at(i.id, period)?.note ?? null,
      lastValue: at(i.id, prevPeriod(period))?.value ?? null,
      minValue: i.min_value,
      maxValue: i.max_value,
      jumpPercent: i.jump_percent,
    })),
  };
}

/** "1,234.5", "１２３", " 12 " → number; "", "—" → null; anything else is refused by the caller. */
export function parseCell(v: number | string | null): number | null | 'NaN' {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'NaN';
  const t = v.replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  if (t === '' || t === '—' || t === '-' || t === '--') return null;
  if (!/^-?\d+(\.\d+)?$/.test(t)) return 'NaN';
  return Number(t);
}

function assertEditable(s: Awaited<ReturnType<typeof state>>, period: string) {
  if (s.status === '已报送' || s.status === '已通过')
    throw conflict(
      'REPORT_SUBMITTED',
      `${fmtPeriod(period)}的数据${s.status === '已通过' ? '已审核通过' : '已报送'},如需修改请由上级退回`,
    );
  if (s.locked)
    throw conflict(
      'PERIOD_LOCKED',
      `${fmtPeriod(period)}的填报已于${s.deadline.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日')}截止,需上级解锁后补报`,
    );
}

/** Saves a grid (all rows or none): numbers, ranges and jumps are checked first. */
export async function save(ctx: Ctx, actor: Actor, orgId: number, period: string, b: GridSave) {
  await orgInScope(ctx.db, actor, orgId);
  return ctx.db.transaction().execute(async (trx) => {
    const s = await state(trx, ctx, orgId, period);
    assertEditable(s, period);
    const inds = await dueIndicators(trx, orgId, period);
    const prev = await trx
      .selectFrom('indicator_value')
      .select(['indicator_id', 'value'])
      .where('org_id', '=', orgId)
      .where('period', '=', prevPeriod(period))
      .execute();
    const errors: string[] = [];
    const rows: { indicator_id: number; value: number | null; note: string | null }[] = [];
    const seen = new Set<number>();
    for (const v of b.values) {
      const ind = inds.find((i) => i.id === v.indicatorId);
      if (!ind) {
        const other = await trx
          .selectFrom('indicator')
          .select('name')
          .where('id', '=', v.indicatorId)
          .executeTakeFirst();
        errors.push(other ? `本单位本期不填报指标「${other.name}」` : `指标(编号 ${v.indicatorId})不存在`);
        continue;
      }
      if (seen.has(ind.id)) {
        errors.push(`指标「${ind.name}」重复填写`);
        continue;
      }
      seen.add(ind.id);
      const n = parseCell(v.value);
      if (n === 'NaN') {
        errors.push(`「${ind.name}」的数值「${String(v.value)}」不是数字`);
        continue;
      }
      const note = v.note?.trim() || null;
      if (n !== null) {
        if (ind.min_value !== null && n < ind.min_value)
          errors.push(`「${ind.name}」不能小于 ${ind.min_value}${ind.unit}`);
        if (ind.max_value !== null && n > ind.max_value)
          errors.push(`「${ind.name}」不能大于 ${ind.max_value}${ind.unit}`);
        const last = prev.find((p) => p.indicator_id === ind.id)?.value;
        if (ind.jump_percent !== null && last != null && last !== 0 && !note) {
          const jump = Math.abs((n - last) / last) * 100;
          if (jump > ind.jump_percent)
            errors.push(`「${ind.name}」比上期变化 ${Math.round(jump)}%,超过 ${ind.jump_percent}%,请填写说明`);
        }
      }
      rows.push({ indicator_id: ind.id, value: n, note });
    }
    if (errors.length)
      throw new AppError(
        'GRID_INVALID',
        400,
        `有 ${errors.length} 处需要修改:${errors.slice(0, 3).join(';')}${errors.length > 3 ? '……' : ''}`,
        { errors },
      );
    const at = nowIso(ctx);
    if (rows.length) {
      await trx
        .deleteFrom('indicator_value')
        .where('org_id', '=', orgId)
        .where('period', '=', period)
        .where(
          'indicator_id',
          'in',
          rows.map((r) => r.indicator_id),
        )
        .execute();
      await trx
        .insertInto('indicator_value')
        .values(rows.map((r) => ({ ...r, org_id: orgId, period, updated_by: actor.userId, updated_at: at })))
        .execute();
    }
    if (!s.report)
      await trx
        .insertInto('indicator_report')
        .values({
          org_id: orgId,
          period,
          status: '填报中',
          deadline_date: s.deadline,
          submitted_at: null,
          on_time: null,
          decided_at: null,
          decided_by: null,
          reason: null,
          updated_at: at,
        })
        .execute();
    await audit(ctx, trx, actor, {
      action: 'indicator.grid.save',
      entity: 'indicator_report',
      entityId: `${orgId}:${period}`,
      after: rows,
    });
    return { ok: true };
  });
}

export async function submit(ctx: Ctx, actor: Actor, orgId: number, period: string) {
  await orgInScope(ctx.db, actor, orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await state(trx, ctx, orgId, period);
    assertEditable(s, period);
    const inds = await dueIndicators(trx, orgId, period);
    if (!inds.length) throw badRequest('NOTHING_TO_REPORT', `本单位${fmtPeriod(period)}没有需要填报的指标`);
    const vals = await trx
      .selectFrom('indicator_value')
      .select(['indicator_id', 'value'])
      .where('org_id', '=', orgId)
      .where('period', '=', period)
      .execute();
    const missing = inds.filter((i) => vals.find((v) => v.indicator_id === i.id)?.value == null);
    if (missing.length)
      throw badRequest(
        'GRID_INCOMPLETE',
        `还有 ${missing.length} 项指标未填:${missing
          .slice(0, 5)
          .map((i) => i.name)
          .join('、')}`,
      );
    const at = nowIso(ctx);
    const onTime = s.today <= s.deadline ? 1 : 0;
    // on_time is set by the first submission: a correction after a return does not make it late.
    const firstOnTime = s.report?.on_time ?? onTime;
    await trx
      .updateTable('indicator_report')
      .set({
        status: '已报送',
        submitted_at: s.report?.submitted_at ?? at,
        on_time: firstOnTime,
        reason: null,
        updated_at: at,
      })
      .where('org_id', '=', orgId)
      .where('period', '=', period)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'indicator.grid.submit',
      entity: 'indicator_report',
      entityId: `${orgId}:${period}`,
      after: { onTime: !!firstOnTime },
    });
    await recomputeWithDependents(
      trx,
      inds.map((i) => i.id),
      Number(period.slice(0, 4)),
      s.today,
      await lineOf(trx, orgId),
    );
  });
  return { ok: true };
}

/** The unit and its ancestors: the roll-up rows a change of its figures can move. */
async function lineOf(db: Executor, orgId: number) {
  const o = await db.selectFrom('org_unit').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  return ids(o.path);
}

/** The superior of a unit: the caller's scope strictly contains it. */
async function asSuperior(db: Executor, actor: Actor, orgId: number) {
  const org = await orgInScope(db, actor, orgId);
  if (org.path === actor.scopePath) throw forbidden('本单位的填报由上级审核,不能自己审核或解锁');
  return org;
}

export async function approve(ctx: Ctx, actor: Actor, orgId: number, period: string) {
  await asSuperior(ctx.db, actor, orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await state(trx, ctx, orgId, period);
    if (s.status !== '已报送')
      throw conflict(
        'REPORT_NOT_SUBMITTED',
        `${fmtPeriod(period)}的数据${s.status === '已通过' ? '已审核通过' : '尚未报送'}`,
      );
    await trx
      .updateTable('indicator_report')
      .set({ status: '已通过', decided_at: nowIso(ctx), decided_by: actor.userId, updated_at: nowIso(ctx) })
      .where('org_id', '=', orgId)
      .where('period', '=', period)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'indicator.grid.approve',
      entity: 'indicator_report',
      entityId: `${orgId}:${period}`,
    });
  });
  return { ok: true };
}

export async function returnGrid(ctx: Ctx, actor: Actor, orgId: number, period: string, reason: string) {
  await asSuperior(ctx.db, actor, orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await state(trx, ctx, orgId, period);
    if (!COUNTED.includes(s.status))
      throw conflict('REPORT_NOT_SUBMITTED', `${fmtPeriod(period)}的数据尚未报送,无需退回`);
    const at = nowIso(ctx);
    await trx
      .updateTable('indicator_report')
      .set({ status: '已退回', reason: reason.trim(), decided_at: at, decided_by: actor.userId, updated_at: at })
      .where('org_id', '=', orgId)
      .where('period', '=', period)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'indicator.grid.return',
      entity: 'indicator_report',
      entityId: `${orgId}:${period}`,
      after: { reason },
    });
    await notify(trx, ctx, {
      orgId,
      taskId: null,
      kind: 'indicator_returned',
      message: `${fmtPeriod(period)}指标填报被退回:${reason.trim()}`,
      dedupeKey: `indicator_returned:${orgId}:${period}:${at}`,
      link: `/indicators/report?orgId=${orgId}&period=${period}`,
    });
    const inds = await dueIndicators(trx, orgId, period);
    await recomputeWithDependents(
      trx,
      inds.map((i) => i.id),
      Number(period.slice(0, 4)),
      s.today,
      await lineOf(trx, orgId),
    );
  });
  return { ok: true };
}

/** Opens a locked month for late entry until a date (audited; the grid's on-time flag stays false). */
export async function unlock(
  ctx: Ctx,
  actor: Actor,
  orgId: number,
  period: string,
  b: { reason: string; untilDate: string },
) {
  await asSuperior(ctx.db, actor, orgId);
  const today = localDate(ctx.clock.now());
  if (b.untilDate < today) throw badRequest('UNLOCK_INVALID', '补报截止日期不能早于今天');
  const { id } = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('indicator_unlock')
      .values({
        org_id: orgId,
        period,
        until_date: b.untilDate,
        reason: b.reason.trim(),
        actor_id: actor.userId,
        at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'indicator.grid.unlock',
      entity: 'indicator_report',
      entityId: `${orgId}:${period}`,
      after: b,
    });
    return r;
  });
  return { id };
}
