/**
 * Auto-filled items: an item bound to a figure (server/lib/figures.ts, keys listed in
 * server/modules/figures.ts) gets its value, detail, link and the points its rule gives. Figures
 * are read ONLY through the providers; a key whose module has not landed yet stays typed by hand.
 */
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { figureByKey } from '../figures.ts';
import { autoPoints, type FlatItem } from './scoring.ts';

export interface AutoValue {
  key: string;
  label: string;
  unit: string;
  value: number | null;
  detail: string | null;
  link: string | null;
  points: number | null;
}

/** The period a round measures: its year, up to today while the year is running. */
export function roundPeriod(ctx: Ctx, year: number) {
  const today = localDate(ctx.clock.now());
  const to = `${year}-12-31` < today ? `${year}-12-31` : today;
  return { from: `${year}-01-01`, to: to < `${year}-01-01` ? `${year}-01-01` : to };
}

/** Per org: item code → the computed value. One provider call per bound key for all orgs. */
export async function computeAuto(
  ctx: Ctx,
  db: Executor,
  items: FlatItem[],
  orgIds: number[],
  year: number,
): Promise<Map<number, Map<string, AutoValue>>> {
  const out = new Map<number, Map<string, AutoValue>>(orgIds.map((id) => [id, new Map()]));
  const bound = items.filter((it) => it.source);
  const period = roundPeriod(ctx, year);
  const byKey = new Map<string, Map<number, { value: number | null; detail?: string; link?: string }>>();
  for (const it of bound) {
    const key = it.source?.key ?? '';
    const p = figureByKey(key);
    if (!p) continue;
    if (!byKey.has(key)) byKey.set(key, await p.compute(db, { orgIds, ...period }));
    const values = byKey.get(key);
    for (const orgId of orgIds) {
      const v = values?.get(orgId) ?? { value: null };
      out.get(orgId)?.set(it.code, {
        key,
        label: p.label,
        unit: p.unit,
        value: v.value,
        detail: v.detail ?? null,
        link: v.link ?? null,
        points: autoPoints(it, v.value),
      });
    }
  }
  return out;
}
