/**
 * What the review screen teaches the extractor: rows deleted as not tasks, splits and merges, and the lead units
 * people chose instead of the proposed ones. Sent after a successful publish (the moment the review is final), so
 * that the next extraction in this county does not repeat the same mistakes.
 */
import type { RecordCorrectionsBody, RecordCorrectionsResult } from '../../../../common/contracts/corrections.ts';
import { api } from '../../api/client.ts';
import type { ReviewRow } from './reviewRow.tsx';

export type CorrectionInput = RecordCorrectionsBody['corrections'][number];

export const rowCorrection = (kind: 'not_task' | 'split' | 'merge', r: ReviewRow): CorrectionInput | null =>
  r.origin ? { kind, text: r.origin.text, start: r.origin.start, end: r.origin.end } : null;

/** Lead units people changed on rows the extractor proposed. */
export function unitCorrections(rows: ReviewRow[]): CorrectionInput[] {
  const out: CorrectionInput[] = [];
  for (const r of rows) {
    const o = r.origin;
    if (!o || !r.leadOrgId || r.leadOrgId === o.leadOrgId) continue;
    out.push({
      kind: 'unit',
      text: o.text,
      start: o.start,
      end: o.end,
      unitText: o.unitSource === 'explicit' && o.units.length === 1 ? o.units[0] : null,
      unitSource: o.unitSource,
      proposalType: o.proposalType,
      leadOrgId: r.leadOrgId,
    });
  }
  return out;
}

export function sendCorrections(documentId: string | number, corrections: CorrectionInput[]) {
  return api.post<RecordCorrectionsResult>(`/api/documents/${documentId}/corrections`, { corrections });
}
