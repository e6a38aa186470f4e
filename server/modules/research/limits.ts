/** The configurable limits of the 调研 conflict check, kept in the settings table. */
import type { Limits } from '../../../common/contracts/research.ts';
import type { Executor } from '../../db/connect.ts';

export const LIMITS_KEY = 'research.limits';

/**
 * Defaults after the 八项规定 细则 (lower levels send ONE escort for a visitor from above) and the
 * province rule against teams converging: a place is not revisited within a week, hosts at most
 * four teams a month, and five visits a year make a "经典路线".
 */
export const DEFAULT_LIMITS: Limits = {
  windowDays: 7,
  monthlyMax: 4,
  classicRouteMax: 5,
  escortLimits: {
    省级: { 县级: 1, 乡镇级: 1, 村级: 1 },
    市级: { 县级: 1, 乡镇级: 1, 村级: 1 },
    县级: { 县级: 2, 乡镇级: 1, 村级: 1 },
    乡镇级: { 县级: 0, 乡镇级: 2, 村级: 1 },
  },
};

export async function loadLimits(db: Executor): Promise<Limits> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', LIMITS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_LIMITS;
  const v = JSON.parse(row.value) as Partial<Limits>;
  return { ...DEFAULT_LIMITS, ...v, escortLimits: { ...DEFAULT_LIMITS.escortLimits, ...(v.escortLimits ?? {}) } };
}

export async function saveLimits(db: Executor, limits: Limits, now: string) {
  await db
    .insertInto('setting')
    .values({ key: LIMITS_KEY, value: JSON.stringify(limits), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(limits), updated_at: now }))
    .execute();
}
