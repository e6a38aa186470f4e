// Internal working types shared by the extraction passes (not part of the public API: see types.ts).
import type { Ymd } from './calendar.ts';
import { findDeadlines, type FoundDeadline, pickDeadline } from './deadline.ts';
import type { Paragraph } from './segment.ts';
import type { ExtractedTask, Genre, Level, TaskReason } from './types.ts';
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
  /** which rule made it: a directive in prose, a numbered item taken whole, a plan-table field row, a goal sentence */
  kind?: 'prose' | 'item' | 'field' | 'target' | 'table';
  /** why the prose pass took it (modal, imperative, subject, milestone, target, numbered) */
  why?: TaskReason;
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
  genre?: Genre;
  level?: Level | null;
  /** the year in the title of an annual plan ("2024年度重点工作计划"), as a deadline its items inherit */
  titleYear?: FoundDeadline | null;
  /** 1 January of that year: quarters and months in the plan are read in that year, not rolled forward */
  planRef?: Ymd;
}

export const shift = (d: FoundDeadline, by: number): FoundDeadline => ({ ...d, start: d.start + by, end: d.end + by });

/** A 分工 label on the item's paragraph: its lead, partners and 完成时限 override what the prose says. */
export function applyLabel(d: Draft, l: LabelUnits, ref: Ymd, norm: string) {
  if (l.lead.length) {
    d.units = l.lead;
    d.source = 'label';
  }
  if (l.coop.length) d.coop = l.coop;
  if (l.due) {
    // the item's 完成时限 label outranks time words inside the task text
    const due = l.due;
    const dl = pickDeadline(findDeadlines(norm.slice(due.start, due.end), ref));
    d.deadline = dl
      ? shift(dl, due.start)
      : { text: '', from: null, to: null, kind: 'asap', start: due.start, end: due.end };
  }
  d.label = true;
}
