/** The working-day calendar (per year) and traffic-light thresholds, edited by the administrator. */
import type { Calendar, CalendarBody, ThresholdsBody } from '../../../common/contracts/supervision.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { DEFAULT_THRESHOLDS, validateThresholds, type LightThresholds } from '../../lib/traffic-light.ts';
import { validateYear } from '../../lib/workdays.ts';
import { CALENDAR_KEY, markStale, putSetting, THRESHOLDS_KEY } from './lights.ts';

export async function getCalendar(ctx: Ctx, year: number): Promise<Calendar> {
  const row = await ctx.db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', CALENDAR_KEY(year))
    .executeTakeFirst();
  const v = row ? JSON.parse(row.value) : { holidays: [], workdays: [] };
  return { year, holidays: v.holidays as string[], workdays: v.workdays as string[], weekendsOff: true };
}

export async function putCalendar(ctx: Ctx, actor: Actor, year: number, input: CalendarBody) {
  const y = { year, holidays: [...new Set(input.holidays)].sort(), workdays: [...new Set(input.workdays)].sort() };
  const errors = validateYear(y);
  if (errors.length) throw badRequest('CALENDAR_INVALID', errors[0], errors);
  const before = await getCalendar(ctx, year);
  return ctx.db.transaction().execute(async (trx) => {
    await putSetting(trx, CALENDAR_KEY(year), y, nowIso(ctx));
    await markStale(trx);
    await audit(ctx, trx, actor, {
      action: 'settings.calendar',
      entity: 'setting',
      entityId: CALENDAR_KEY(year),
      before: { holidays: before.holidays, workdays: before.workdays },
      after: y,
    });
    return { ok: true };
  });
}

export async function getThresholds(ctx: Ctx): Promise<LightThresholds> {
  const row = await ctx.db.selectFrom('setting').select('value').where('key', '=', THRESHOLDS_KEY).executeTakeFirst();
  return { ...DEFAULT_THRESHOLDS, ...(row ? JSON.parse(row.value) : {}) };
}

export async function putThresholds(ctx: Ctx, actor: Actor, input: ThresholdsBody) {
  const before = await getThresholds(ctx);
  const th = { ...before, ...input };
  const errors = validateThresholds(th);
  if (errors.length) throw badRequest('THRESHOLDS_INVALID', errors[0], errors);
  return ctx.db.transaction().execute(async (trx) => {
    await putSetting(trx, THRESHOLDS_KEY, th, nowIso(ctx));
    await markStale(trx);
    await audit(ctx, trx, actor, {
      action: 'settings.thresholds',
      entity: 'setting',
      entityId: THRESHOLDS_KEY,
      before,
      after: th,
    });
    return { ok: true };
  });
}
