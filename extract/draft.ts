// Internal working types shared by the extraction passes (not part of the public API: see types.ts).
import type { Ymd } from './calendar.ts';
import type { FoundDeadline } from './deadline.ts';
import type { Paragraph } from './segment.ts';
import type { ExtractedTask } from './types.ts';
import type { LabelUnits, UnitIndex, UnitRef } from './units.ts';

/** One proposed task before it is cut out of the original text. */
export interface Draft {
  start: number;
  end: number;
  units: UnitRef[];
  coop: UnitRef[];
  source: ExtractedTask['unitSource'];
  deadline: FoundDeadline | null;
  heading?: string;
  label?: boolean;
}

/** The document as the passes see it. */
export interface DocCtx {
  norm: string;
  paras: Paragraph[];
  ref: Ymd;
  refStr: string;
  idx: UnitIndex;
  /** per paragraph: the 分工 labels it carries (or that follow it on label-only lines) */
  labels: (LabelUnits | null)[];
  /** per paragraph: handled elsewhere (label-only lines, table rows) */
  skip: boolean[];
}

export const shift = (d: FoundDeadline, by: number): FoundDeadline => ({ ...d, start: d.start + by, end: d.end + by });
