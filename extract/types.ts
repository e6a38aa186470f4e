import type { FunctionTable } from './functions.ts';
// Public types of the task extractor. The server imports these; fields may be added, never removed.

export type DeadlineKind = 'date' | 'period' | 'asap' | 'open' | 'recurring';
export type Recurrence = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'semiannual' | 'yearly';

export interface Deadline {
  /** exact phrase as written in the document */
  text: string;
  /** first day of the interval (YYYY-MM-DD, local calendar date) or null when undetermined */
  from: string | null;
  /** last day of the interval (inclusive) or null when open-ended / undated */
  to: string | null;
  kind: DeadlineKind;
  recurring?: Recurrence;
  /** offsets of the phrase in the original document, when it comes from one */
  start?: number;
  end?: number;
}

export interface Target {
  text: string;
  start?: number;
  end?: number;
}

export interface ExtractedTask {
  /** exact substring of the original document */
  text: string;
  /** character offsets (JS string indices) into the original document */
  start: number;
  end: number;
  /** responsible (lead) units, in the form the text uses */
  units: string[];
  /** cooperating units (配合/会同/协助) */
  cooperating: string[];
  deadline: Deadline | null;
  targets: Target[];
  /** units mapped to canonical names of the optional units list (alias → full name) */
  unitsMapped?: { text: string; name: string | null }[];
  cooperatingMapped?: { text: string; name: string | null }[];
  /**
   * where the units came from: the clause itself, the paragraph, a heading, a 牵头单位 label, or — when the text
   * names none — a proposal from government functions or from a past correction (see `proposals`)
   */
  unitSource?: 'explicit' | 'paragraph' | 'heading' | 'label' | 'proposal' | 'correction' | 'none';
  /** lead units suggested from the task's functions (best first); in `units` only when unitSource is 'proposal' */
  proposals?: UnitProposal[];
  /** 0–1: how sure the extractor is that this row is a task as cut; the review screen shows low ones first */
  confidence?: number;
  /** why this row is a task and where its unit came from (codes, see TASK_REASONS) */
  reasons?: TaskReason[];
  /** heading (section) under which the task appears, for context */
  heading?: string;
}

export interface ExtractResult {
  tasks: ExtractedTask[];
  warnings: string[];
  genre?: Genre;
  level?: Level | null;
}

/** A lead unit suggested for a task whose text names none. */
export interface UnitProposal {
  /** the standard name at the document's level (县发改委), or the learnt unit of a past correction */
  name: string;
  /** department type in the function table (发展改革), or 'correction' */
  type: string;
  /** the words in the task that triggered the proposal */
  keywords: string[];
  score: number;
  source: 'function' | 'correction';
  /** the real unit of the units list / org tree it maps to, when a list was given */
  mapped?: string | null;
  /** named as the document itself names the unit (its own office, leading group, or abbreviation's full name) */
  own?: boolean;
}

export interface ExtractOptions {
  /** reference date for relative deadlines, YYYY-MM-DD; default: today (UTC+8 calendar date) */
  referenceDate?: string;
  /** known unit names (one per entry), e.g. the organisation tree */
  units?: string[];
  /** a county's own function table (same shape as extract/functions.json); default: the built-in table */
  functions?: FunctionTable;
  /** what people taught this deployment by correcting earlier extractions (see extract/corrections.ts) */
  corrections?: Corrections;
}

/** Lessons from the corrections people made in the review screen, as unit names (the platform resolves them). */
export interface Corrections {
  /** a unit as documents write it → the real unit ("城管" → "县综合行政执法局") */
  aliases?: { text: string; unit: string }[];
  /** rows people deleted as not being tasks (their text) */
  notTasks?: string[];
  /** the lead people chose for a row that named none, keyed by the row's function words */
  topics?: { words: string[]; unit: string }[];
  /** a department type people re-assigned every time (投资促进 → 招商工作部) */
  types?: { type: string; unit: string }[];
}

/** Document genre: decides which detection rules apply (see docs/EXTRACTOR.md). */
export type Genre = 'speech' | 'minutes' | 'notice' | 'decomposition' | 'workplan' | 'implementation';
/** Administrative level of the issuing body: decides how proposed units are named. */
export type Level = '省' | '市' | '县' | '区' | '镇' | '开发区';

/** Why a row is a task, and where its unit came from. Labels in Chinese for the review screen. */
export const TASK_REASONS = {
  modal: '情态词(要/必须/确保…)',
  imperative: '祈使句(加快/严格…开头)',
  subject: '单位主语 + 行动动词',
  numbered: '编号条目',
  item: '分工条目(整条)',
  field: '表格栏目(目标任务/工作安排)',
  target: '量化目标',
  milestone: '时间节点',
  goal: '目标 + 行动(以…为目标,推动…)',
  label: '分工标签/表格',
  inherited: '单位承接上文',
  heading: '单位来自小标题',
  proposal: '按职能建议的牵头单位',
  correction: '按以往更正建议',
  own: '按文件自己的部门/领导小组',
  noUnit: '未写明责任单位',
} as const;
export type TaskReason = keyof typeof TASK_REASONS;
