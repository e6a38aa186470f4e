import type { Executor } from '../db/connect.ts';

/**
 * Figures computed from Luoshi's own records, for modules that score or report on organizations
 * (标准化 checklist items, 指标 with a computed source, 年度考核) — "never typed twice".
 *
 * A provider answers, for each requested org, the figure over the org's WHOLE SUBTREE for a period
 * of local dates [from, to] (inclusive). Providers live beside the records they read
 * (`server/modules/<domain>/<domain>.figures.ts`) and are listed once in `server/modules/figures.ts`.
 * A consumer never queries another module's tables: it asks for a figure by key and shows the
 * value with its `detail` and `link` (the records behind it).
 */
export interface FigureQuery {
  orgIds: number[];
  /** Local dates `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
}

export interface FigureValue {
  /** null when there is nothing to measure (e.g. no task was due): shown as —, never as 0 or NaN. */
  value: number | null;
  numerator?: number;
  denominator?: number;
  /** One Chinese sentence explaining the value, e.g. "应开 4 次,实开 3 次(缺 2026年第二季度)". */
  detail?: string;
  /** A web path listing the records behind the value, e.g. `/tasks?orgId=12&overdue=true`. */
  link?: string;
}

export interface FigureProvider {
  key: string;
  /** Chinese label shown to users. */
  label: string;
  /** '%' (values 0–100), '次', '个', '项', '月', '分' … */
  unit: string;
  /** Which module owns the records. */
  module: string;
  /** How the value is computed, in Chinese (shown beside auto-filled checklist items and indicators). */
  description: string;
  /** Higher is better (true) or worse (false); lets consumers colour and rank consistently. */
  higherIsBetter: boolean;
  compute(db: Executor, q: FigureQuery): Promise<Map<number, FigureValue>>;
}

/** Loads the path of each requested org once (providers aggregate over subtrees). */
export async function orgPaths(db: Executor, orgIds: number[]): Promise<Map<number, string>> {
  if (!orgIds.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'path']).where('id', 'in', orgIds).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}

/** A rate in percent with one decimal, or null when the denominator is 0. */
export const percent = (num: number, den: number): number | null =>
  den > 0 ? Math.round((num / den) * 1000) / 10 : null;
