// Confidence and reasons per task row: why the extractor took it, where its unit came from, and how sure it is.
// The review screen shows the least sure rows first, so that people spend their attention where it is needed.
import type { Draft } from './draft.ts';
import type { ExtractedTask, TaskReason } from './types.ts';

/** How reliable each way of finding a task has been (dev and dev2 precision, rounded down). */
const BASE: Record<TaskReason, number> = {
  label: 0.95,
  modal: 0.85,
  item: 0.85,
  field: 0.8,
  subject: 0.8,
  target: 0.75,
  milestone: 0.7,
  numbered: 0.65,
  goal: 0.65,
  imperative: 0.6,
  inherited: 0,
  heading: 0,
  proposal: 0,
  correction: 0,
  own: 0,
  noUnit: 0,
};

/** Fills `reasons` and `confidence` (0–1, two decimals) of a task from the draft it was cut from. */
export function assess(t: ExtractedTask, d: Draft, learnt = false): void {
  const how: TaskReason =
    d.label || t.unitSource === 'label'
      ? 'label'
      : d.kind === 'item' || d.kind === 'field' || d.kind === 'target'
        ? d.kind
        : (d.why ?? 'imperative');
  const reasons: TaskReason[] = [how];
  let c = BASE[how];
  if (t.targets.length && how !== 'target') reasons.push('target');
  switch (t.unitSource) {
    case 'paragraph':
      reasons.push('inherited');
      c -= 0.05;
      break;
    case 'heading':
      reasons.push('heading');
      c -= 0.1;
      break;
    case 'proposal':
      reasons.push('proposal');
      // the document's own office or leading group, rather than a standard name
      if (t.proposals?.[0]?.own) {
        reasons.push('own');
        c += 0.05;
      }
      // a proposal from one weak word is a guess
      c -= (t.proposals?.[0]?.score ?? 0) >= 4 ? 0.1 : 0.2;
      break;
    case 'correction':
      reasons.push('correction');
      break;
    case 'none':
    case undefined:
      reasons.push('noUnit');
      c -= 0.05;
      break;
  }
  // a unit as written that people taught the extractor to read ("城管" → 县综合行政执法局)
  if (learnt && !reasons.includes('correction')) reasons.push('correction');
  // very long rows may hold several actions; very short ones may be a fragment
  const len = t.end - t.start;
  if (len > 120) c -= 0.1;
  else if (len < 8) c -= 0.1;
  t.reasons = reasons;
  t.confidence = Math.round(Math.max(0.05, Math.min(0.99, c)) * 100) / 100;
}
