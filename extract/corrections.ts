// Learning from corrections: the platform records what reviewers change (a unit re-assigned, a row deleted as "not a
// task") and passes the lessons back in `opts.corrections`. Aliases act while units are read (units.ts); here the
// deleted phrases are dropped and the chosen leads are proposed again for rows on the same topic.
import type { FunctionIndex } from './functions.ts';
import type { Corrections, ExtractedTask, Level, UnitProposal } from './types.ts';

/** Text compared without spaces, quotes or punctuation: a correction survives re-wrapping and full-width commas. */
export const squash = (t: string) => t.replace(/[\s“”"‘’,,。;;::、!?!?()()]/g, '');

/** The function-table words of a text that identify its topic (keywords and indicators, not mere related words). */
export function topicWords(fx: FunctionIndex, text: string, level: Level | null): string[] {
  return [...new Set(fx.propose(text, level, undefined, '', 2).flatMap((p) => p.keywords))];
}

/** Was this row deleted before as "not a task"? Same text, or one containing the other at ≥ 80% of its length. */
function rejected(text: string, phrases: string[]): boolean {
  const t = squash(text);
  return phrases.some((p) => {
    if (p === t) return true;
    const [a, b] = p.length < t.length ? [p, t] : [t, p];
    return a.length >= 8 && a.length >= 0.8 * b.length && b.includes(a);
  });
}

/**
 * Applies the lessons to extracted tasks, in place: drops rejected rows (returns how many) and, for rows whose text
 * names no unit, puts a proposal from a past correction first — a topic match (the same function words) before a
 * department type people re-assigned. `fill` decides whether the proposal becomes the row's units.
 */
export function applyCorrections(
  tasks: ExtractedTask[],
  c: Corrections,
  fx: FunctionIndex,
  level: Level | null,
  textOf: (t: ExtractedTask) => string,
): { tasks: ExtractedTask[]; dropped: number } {
  const phrases = (c.notTasks ?? []).map(squash).filter((p) => p.length >= 4);
  const kept = phrases.length ? tasks.filter((t) => !rejected(t.text, phrases)) : tasks;
  const topics = (c.topics ?? []).filter((x) => x.words.length && x.unit);
  const types = new Map((c.types ?? []).map((x) => [x.type, x.unit]));
  if (topics.length || types.size)
    for (const t of kept) {
      if (t.units.length && t.unitSource !== 'proposal') continue;
      const words = topicWords(fx, textOf(t), level);
      let best: UnitProposal | null = null;
      for (const x of topics) {
        const shared = x.words.filter((w) => words.includes(w));
        // most of the remembered topic is present (one word of one is enough only when it was a one-word topic)
        if (shared.length * 2 < x.words.length || !shared.length) continue;
        const score = shared.length / x.words.length;
        if (!best || score > best.score)
          best = { name: x.unit, type: 'correction', keywords: shared, score, source: 'correction' };
      }
      const type = t.proposals?.[0]?.type;
      if (!best && type && types.has(type))
        best = { name: types.get(type)!, type, keywords: t.proposals![0].keywords, score: 1, source: 'correction' };
      if (!best) continue;
      t.proposals = [best, ...(t.proposals ?? []).filter((p) => p.name !== best.name)].slice(0, 3);
      // a person chose this lead for this kind of row: it fills the row whatever the genre
      t.units = [best.name];
      t.unitSource = 'correction';
    }
  return { tasks: kept, dropped: tasks.length - kept.length };
}
