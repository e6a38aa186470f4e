// Replaying a reviewer: from a document's gold table and the extractor's rows, the corrections a person would make in
// the review screen (delete a row that is no task, change a lead unit), expressed as the lessons the platform keeps.
// Used by the eval ("the same mistakes do not recur") and by the tests.
import { squash, topicWords } from './corrections.ts';
import type { FunctionIndex } from './functions.ts';
import type { Corrections, ExtractedTask, Level } from './types.ts';

export interface GoldTask {
  text: string;
  units?: string[];
}

/** One-to-one matching by span overlap (at least half of the shorter span), as the corpus scorer does. */
export function matchTasks(doc: string, gold: GoldTask[], pred: ExtractedTask[]): Map<number, number> {
  let from = 0;
  const spans = gold.map((g) => {
    let i = doc.indexOf(g.text, from);
    if (i < 0) i = doc.indexOf(g.text);
    from = i + 1;
    return i < 0 ? null : ([i, i + g.text.length] as const);
  });
  const pairs: [number, number, number][] = [];
  pred.forEach((p, i) => {
    spans.forEach((s, j) => {
      if (!s) return;
      const ov = Math.min(p.end, s[1]) - Math.max(p.start, s[0]);
      if (ov > 0 && ov >= Math.min(p.end - p.start, s[1] - s[0]) / 2) pairs.push([ov, i, j]);
    });
  });
  pairs.sort((a, b) => b[0] - a[0]);
  const byPred = new Map<number, number>(),
    usedGold = new Set<number>();
  for (const [, i, j] of pairs)
    if (!byPred.has(i) && !usedGold.has(j)) {
      byPred.set(i, j);
      usedGold.add(j);
    }
  return byPred;
}

const sameUnits = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => squash(x) === squash(y)));

/**
 * What a reviewer teaches by fixing this extraction: rows with no gold counterpart are deleted as not tasks; a row
 * whose text names one unit the wrong way gives an alias; a row that named none gives its topic (and the type of its
 * proposal) to the lead chosen. Inherited units that are wrong teach nothing reusable and are left out.
 */
export function deriveCorrections(
  doc: string,
  gold: GoldTask[],
  pred: ExtractedTask[],
  fx: FunctionIndex,
  level: Level | null,
): Corrections {
  const m = matchTasks(doc, gold, pred);
  const c: Required<Corrections> = { aliases: [], notTasks: [], topics: [], types: [] };
  pred.forEach((p, i) => {
    const j = m.get(i);
    if (j === undefined) {
      c.notTasks.push(p.text);
      return;
    }
    const want = gold[j].units ?? [];
    if (!want.length || sameUnits(p.units, want)) return;
    if (p.unitSource === 'explicit' && p.units.length === 1 && want.length === 1) {
      c.aliases.push({ text: p.units[0], unit: want[0] });
    } else if (p.unitSource === 'proposal' || p.unitSource === 'none' || !p.units.length) {
      const words = topicWords(fx, doc.slice(p.start, p.end), level);
      if (words.length) c.topics.push({ words, unit: want[0] });
      const type = p.proposals?.find((x) => x.source === 'function')?.type;
      if (type) c.types.push({ type, unit: want[0] });
    }
  });
  return c;
}

/** The mistakes a set of corrections is about that are still made: rejected rows still there, wrong units still wrong. */
export function remainingMistakes(doc: string, gold: GoldTask[], pred: ExtractedTask[], c: Corrections) {
  const m = matchTasks(doc, gold, pred);
  const rejected = new Set((c.notTasks ?? []).map(squash));
  let notTasks = 0,
    units = 0;
  pred.forEach((p, i) => {
    const j = m.get(i);
    if (j === undefined) {
      if (rejected.has(squash(p.text))) notTasks++;
      return;
    }
    const want = gold[j].units ?? [];
    if (want.length && !sameUnits(p.units, want)) units++;
  });
  return { notTasks, units };
}
