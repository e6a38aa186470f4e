/** The review table's row operations, as pure functions of the rows and the document text. */
import type { Proposal, PublishRow } from '../../../../common/contracts/documents.ts';
import type { ReviewRow } from './reviewRow.tsx';

let seq = 0;
export const newKey = () => `r${++seq}`;
/** Restored rows keep their keys: new ones must not collide with them. */
export function keysFrom(rows: ReviewRow[]) {
  for (const r of rows) seq = Math.max(seq, Number(/^r(\d+)$/.exec(r.key)?.[1] ?? 0));
}

export const fromProposal = (p: Proposal): ReviewRow => ({
  key: newKey(),
  text: p.text,
  start: p.start,
  end: p.end,
  leadOrgId: p.leadOrgId,
  coOrgIds: p.coOrgIds,
  dueDate: p.dueDate,
  deadlineText: p.deadline?.text ?? null,
  targets: p.targets.map((x) => x.text),
  unmatched: p.unmatched,
  units: p.units,
  confidence: p.confidence,
  reasons: p.reasonLabels,
  origin: {
    text: p.text,
    start: p.start,
    end: p.end,
    leadOrgId: p.leadOrgId,
    unitSource: p.unitSource,
    units: p.units,
    proposalType: p.proposals.find((x) => x.source === 'function')?.type ?? null,
  },
});

/** Row `k` merged with the next row in the text (the table may list low-confidence rows first). */
export function mergeRows(rs: ReviewRow[], k: string, text: string): ReviewRow[] {
  const a = rs.find((r) => r.key === k);
  const b = a && rs.filter((r) => r.start > a.start).sort((x, y) => x.start - y.start)[0];
  if (!a || !b) return rs;
  const start = Math.min(a.start, b.start);
  const end = Math.max(a.end, b.end);
  const m: ReviewRow = {
    ...a,
    start,
    end,
    text: text.slice(start, end),
    coOrgIds: [
      ...new Set([...a.coOrgIds, ...b.coOrgIds, ...(b.leadOrgId && b.leadOrgId !== a.leadOrgId ? [b.leadOrgId] : [])]),
    ].filter((x) => x !== a.leadOrgId),
    targets: [...a.targets, ...b.targets],
    dueDate: a.dueDate ?? b.dueDate,
  };
  return rs.filter((r) => r !== b).map((r) => (r === a ? m : r));
}

/** Row `k` split at the selection inside it, or at the punctuation nearest its middle. */
export function splitRows(
  rs: ReviewRow[],
  k: string,
  text: string,
  sel: { start: number; end: number } | null,
): ReviewRow[] {
  const i = rs.findIndex((r) => r.key === k);
  if (i < 0) return rs;
  const r = rs[i];
  let at = sel && sel.start > r.start && sel.start < r.end ? sel.start : -1;
  if (at < 0) {
    const mid = Math.floor((r.start + r.end) / 2);
    const seg = text.slice(r.start, r.end);
    const cands = [...seg.matchAll(/[,;,;。]/g)].map((m) => r.start + m.index! + 1).filter((x) => x < r.end);
    at = cands.sort((x, y) => Math.abs(x - mid) - Math.abs(y - mid))[0] ?? mid;
  }
  const a = { ...r, end: at, text: text.slice(r.start, at) };
  const b = { ...r, key: newKey(), start: at, text: text.slice(at, r.end) };
  return [...rs.slice(0, i), a, b, ...rs.slice(i + 1)];
}

/** A reviewed row as the publish request takes it. */
export const toPublish = (x: ReviewRow): PublishRow => ({
  text: x.text,
  start: x.start,
  end: x.end,
  leadOrgId: x.leadOrgId ?? 0,
  coOrgIds: x.coOrgIds,
  dueDate: x.dueDate,
  deadlineText: x.deadlineText,
  targets: x.targets,
  leader: x.leader?.trim() || null,
});
