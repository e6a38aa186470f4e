// Document-structure rules for 分工方案 / 实施方案 / 工作要点: tasks that are stated without any modal verb.
// - a numbered item whose text names no unit is ONE task (its lead is given by a label, a table column, or a proposal);
// - "攻坚目标任务:…" / "第二季度工作任务安排:…" rows of a plan rendered as lines are tasks, "完成情况:…" rows are not;
// - under 目标任务 / 主要目标 headings each sentence with a quantified goal is a task and its own target;
// - under 指导思想 / 基本原则 headings nothing is a task.
import { findDeadlines, type FoundDeadline, pickDeadline } from './deadline.ts';
import { findMarker, maskQuotes } from './detect.ts';
import { type DocCtx, type Draft, shift } from './draft.ts';
import { ITEM_GENRES } from './genre.ts';
import { findTargets } from './targets.ts';
import { subjectBefore } from './units.ts';

const ITEM_ENUM =
  /^(?:[一二三四五六七八九十]{1,3}、|[(][一二三四五六七八九十\d]{1,3}[)]|\d{1,3}(?:\.(?!\d)|、|\))|[①-⑳])\s*/;
const FIELD = /^([^:,。;()\d]{2,16}):\s*(?=\S)/;
const FIELD_TASK = /(?:目标|任务|安排|措施|举措|内容|计划|重点)$/;
const FIELD_DONE = /(?:情况|成效|进展|问题|说明|备注|结果|完成率|进度)$/;
const ORIENTATION = /指导思想|总体要求|基本原则|工作原则|总体思路|重要意义|编制依据|适用范围/;
const GOALS = /目标任务|主要目标|工作目标|发展目标|预期目标|总体目标|任务目标/;

/** Text ending without its closing punctuation. */
function trimEnd(norm: string, start: number, end: number): number {
  while (end > start && /[。;.!\s]/.test(norm[end - 1])) end--;
  return end;
}

function inSpan(d: Draft, start: number, end: number): boolean {
  return d.start >= start && d.start < end;
}

/**
 * Rewrites the prose drafts of an item-structured document. `titleYear` is the year in the title of an annual plan
 * (2024年度重点工作计划): items without a time limit of their own are due within it.
 */
export function itemPass(doc: DocCtx, prose: Draft[]): Draft[] {
  const { norm, paras, skip, genre } = doc;
  if (!genre || !ITEM_GENRES.has(genre)) return prose;
  let drafts = prose;
  const remove = (start: number, end: number) => {
    drafts = drafts.filter((d) => d.label || !inSpan(d, start, end));
  };
  const ownDeadline = (start: number, end: number): FoundDeadline | null =>
    pickDeadline(
      findDeadlines(norm.slice(start, end), doc.planRef ?? doc.ref)
        .filter((d) => !policyDate(norm, start, d))
        .map((d) => shift(d, start)),
    );
  const fieldRows = paras.filter((p) => FIELD.test(p.text) && FIELD_TASK.test(FIELD.exec(p.text)![1])).length;

  let section: 'orientation' | 'goals' | null = null;
  let rowTitle: string | undefined; // "1.白仙山水库工程政策处理": the row its field lines belong to
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi];
    if (skip[pi] || doc.labels[pi]) continue;
    const e = ITEM_ENUM.exec(p.text);
    const body = e ? p.text.slice(e[0].length) : p.text;
    const headingOnly = !/[。;!?]/.test(body) && body.length <= 50;
    if (headingOnly) {
      if (e) {
        remove(p.start, p.end); // "(一)减轻企业负担,稳定就业岗位": an item title, not an item
        rowTitle = body;
      }
      // a heading sets what the paragraphs below it are
      if (ORIENTATION.test(body)) section = 'orientation';
      else if (GOALS.test(body)) section = 'goals';
      else if (e) section = null;
      continue;
    }
    // "攻坚目标任务:…" rows (a plan table rendered as lines); only when the document has several such rows
    const f = FIELD.exec(p.text);
    if (f && fieldRows >= 2 && (FIELD_TASK.test(f[1]) || FIELD_DONE.test(f[1]))) {
      remove(p.start, p.end);
      if (FIELD_DONE.test(f[1])) continue;
      const start = p.start + f[0].length,
        end = trimEnd(norm, start, p.end);
      const labelDl = ownDeadline(p.start, p.start + f[1].length);
      drafts.push({
        start,
        end,
        units: [],
        coop: [],
        source: 'none',
        deadline: labelDl ?? ownDeadline(start, end) ?? doc.titleYear ?? null,
        heading: rowTitle,
        kind: 'field',
      });
      continue;
    }
    if (!e && section === 'orientation') {
      remove(p.start, p.end);
      continue;
    }
    if (!e && section === 'goals') {
      // each sentence with a quantified goal is a task; the paragraph's opening time phrase ("2023年,") covers all
      remove(p.start, p.end);
      const lead = findDeadlines(p.sentences[0]?.clauses[0]?.text ?? '', doc.ref);
      const paraDl = lead.length ? shift(lead[0], p.sentences[0].clauses[0].start) : null;
      for (const s of p.sentences) {
        if (!findTargets(s.text).length) continue;
        drafts.push({
          start: s.start,
          end: trimEnd(norm, s.start, s.end),
          units: [],
          coop: [],
          source: 'none',
          deadline: ownDeadline(s.start, s.end) ?? paraDl,
          kind: 'target',
        });
      }
      continue;
    }
    if (!e) continue;
    // a numbered item: one task unless its own text names who does what (then the clause-level tasks stand)
    const inside = drafts.filter((d) => inSpan(d, p.start, p.end));
    if (inside.some((d) => d.source === 'explicit' || d.label)) continue;
    const start = p.start + e[0].length,
      end = trimEnd(norm, start, p.end);
    if (end - start < 6) continue;
    let inherited = inside.find((d) => d.units.length)?.units ?? [];
    let source: Draft['source'] = inherited.length ? inside.find((d) => d.units.length)!.source : 'none';
    if (!inherited.length) {
      // "(五)县振兴组要统筹推进…": a short item read as a title still names its own subject
      const c0 = p.sentences[0]?.clauses[0];
      const m = c0 && findMarker(maskQuotes(c0.text));
      const u = m && subjectBefore(norm, c0, c0.start + m.at, doc.idx);
      if (u && u !== 'audience') {
        inherited = u;
        source = 'explicit';
      }
    }
    remove(p.start, p.end);
    drafts.push({
      start,
      end,
      units: inherited,
      coop: [],
      source,
      deadline: ownDeadline(start, end) ?? doc.titleYear ?? null,
      heading: inside[0]?.heading,
      kind: 'item',
    });
  }
  return drafts.sort((a, b) => a.start - b.start);
}

/** Dates that bound a policy rather than a task: 实施期限至2021年12月31日, 延长至…, 2021年5月1日起. */
function policyDate(norm: string, offset: number, d: FoundDeadline): boolean {
  const before = norm.slice(Math.max(0, offset + d.start - 6), offset + d.start);
  const after = norm[offset + d.end] ?? '';
  // …至2021年12月31日 (a validity), 2021年5月1日起/至…, 不高于2017年征收标准 (a baseline)
  return (
    /(?:期限|实施|延长|有效期|执行|截)(?:至|到)$|[日月年]至$|起止$|(?:所属期|期限|期)为$|(?:不高于|不低于|高于|低于|按照?|参照|比|较|同比|相比)$/.test(
      before,
    ) ||
    after === '起' ||
    after === '至'
  );
}
