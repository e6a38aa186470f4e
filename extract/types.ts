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
  /** where the units came from: the clause itself, the paragraph, a heading, or a 牵头单位 label */
  unitSource?: 'explicit' | 'paragraph' | 'heading' | 'label' | 'none';
  /** heading (section) under which the task appears, for context */
  heading?: string;
}

export interface ExtractResult {
  tasks: ExtractedTask[];
  warnings: string[];
}

export interface ExtractOptions {
  /** reference date for relative deadlines, YYYY-MM-DD; default: today (UTC+8 calendar date) */
  referenceDate?: string;
  /** known unit names (one per entry), e.g. the organisation tree */
  units?: string[];
}
