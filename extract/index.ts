// Speech / official document → 任务分解表. Pure functions, no I/O: the server and the CLI call extractTasks().
import { type FoundDeadline, findDeadlines, pickDeadline } from './deadline.ts';
import { parseYmd, todayCN, type Ymd } from './calendar.ts';
import { assess } from './confidence.ts';
import { applyCorrections } from './corrections.ts';
import {
  type DocUnits,
  dutyLines,
  leadIns,
  ownProposals,
  readDocumentUnits,
  sectionLabels,
  typed,
} from './docunits.ts';
import { type DocCtx, type Draft, shift } from './draft.ts';
import { defaultFunctions, FunctionIndex } from './functions.ts';
import { detectGenre, detectLevel, ITEM_GENRES, titleLines } from './genre.ts';
import { itemPass } from './items.ts';
import { cjkRatio, garbageRatio, normalizeText } from './normalize.ts';
import { prosePass } from './prose.ts';
import { type Paragraph, segment } from './segment.ts';
import { findTableRows } from './table.ts';
import { findTargets } from './targets.ts';
import type { Deadline, ExtractedTask, ExtractOptions, ExtractResult } from './types.ts';
import { findLabels, type LabelUnits, UnitIndex, type UnitRef, unitList } from './units.ts';

export type { Deadline, ExtractedTask, ExtractOptions, ExtractResult, Target } from './types.ts';
export { parseDeadline, findDeadlines } from './deadline.ts';
export { findTargets } from './targets.ts';

/** Extract the task decomposition of a speech or document. Never throws on bad text; see `warnings`. */
export function extractTasks(text: string, opts: ExtractOptions = {}): ExtractResult {
  const warnings: string[] = [];
  if (typeof text !== 'string') return { tasks: [], warnings: ['输入不是文本'] };
  const refStr = opts.referenceDate && parseYmd(opts.referenceDate) ? opts.referenceDate : todayCN();
  if (opts.referenceDate && !parseYmd(opts.referenceDate))
    warnings.push(`参考日期无效:${opts.referenceDate},已改用今天 ${refStr}`);
  const ref = parseYmd(refStr)!;
  if (!text.trim()) return { tasks: [], warnings: [...warnings, '输入为空'] };
  if (garbageRatio(text) > 0.1)
    return { tasks: [], warnings: [...warnings, '输入含大量不可见或乱码字符,不像文本文件'] };
  if (cjkRatio(text) < 0.2) warnings.push('输入中汉字很少,可能不是中文讲话或文件');

  const idx = new UnitIndex(opts.units ?? [], opts.corrections?.aliases ?? []);
  const norm = normalizeText(text);
  // abbreviations and leading groups the document defines, before any subject is read
  const own = readDocumentUnits(text, norm, idx);
  const paras = segment(norm);
  let drafts: Draft[] = [];

  // 分工 labels: a label line on its own ("牵头单位:县发改局") belongs to the item above it
  const labels: (LabelUnits | null)[] = paras.map((p) => findLabels(norm, p.start, p.end, idx));
  const labelOnly = paras.map((p, i) => {
    const l = labels[i];
    return !!l && l.end - l.start >= p.end - p.start - 4;
  });
  for (let i = paras.length - 1; i > 0; i--) {
    if (!labelOnly[i]) continue;
    let j = i - 1;
    while (j > 0 && labelOnly[j]) j--;
    if (labelOnly[j]) continue;
    const l = labels[i]!,
      prev = labels[j];
    labels[j] = prev
      ? {
          ...prev,
          lead: prev.lead.length ? prev.lead : l.lead,
          coop: [...prev.coop, ...l.coop],
          due: prev.due ?? l.due,
        }
      : { ...l, start: paras[j].end, end: paras[j].end };
  }

  // 分工 tables: one task per row, units and deadline from their columns
  const tableParas = new Set<number>();
  for (const r of findTableRows(norm, paras)) {
    tableParas.add(r.para);
    const found = r.due
      ? findDeadlines(norm.slice(r.due.start, r.due.end), ref).map((d) => shift(d, r.due!.start))
      : [];
    let deadline = pickDeadline(found);
    if (!deadline && r.due)
      deadline = {
        text: '',
        from: null,
        to: null,
        kind: /长期|持续|常态/.test(norm.slice(r.due.start, r.due.end)) ? 'open' : 'asap',
        start: r.due.start,
        end: r.due.end,
      };
    if (!deadline)
      deadline = pickDeadline(
        findDeadlines(norm.slice(r.task.start, r.task.end), ref).map((d) => shift(d, r.task.start)),
      );
    drafts.push({
      start: r.task.start,
      end: r.task.end,
      deadline,
      label: true,
      units: r.lead ? unitList(norm, r.lead.start, r.lead.end, idx) : [],
      coop: r.coop ? unitList(norm, r.coop.start, r.coop.end, idx) : [],
      source: 'label',
    });
  }
  for (const pi of tableParas) labelOnly[pi] = true; // rows are done; keep them out of the prose pass

  const genre = detectGenre(norm, paras);
  const level = detectLevel(norm, paras);
  const doc: DocCtx = { norm, paras, ref, refStr, idx, labels, skip: labelOnly, genre, level };
  if (genre === 'decomposition' || genre === 'workplan') {
    doc.titleYear = titleYear(norm, paras, ref);
    if (doc.titleYear?.from) doc.planRef = parseYmd(doc.titleYear.from) ?? undefined;
  }
  for (const d of itemPass(doc, prosePass(doc))) drafts.push(d);
  // "加强作风建设,没有休止符,永远在路上" / "做好…工作,责任无比重大": a comment on an action, not a directive
  // "既要挂帅又要出征,既要抓总又要抓细": a run of short paired attitudes, nothing to assign
  drafts = drafts.filter(
    (d) => d.label || !(COMMENT_RE.test(norm.slice(d.start, d.end)) || PAIRS_RE.test(norm.slice(d.start, d.end))),
  );
  drafts = sectionLabels(norm, paras, labels, leadIns(norm, dutyLines(norm, paras, labelOnly, drafts, idx), idx));

  drafts.sort((a, b) => a.start - b.start);
  let tasks = drafts.map((d) => toTask(d, text, norm, idx));
  const fx = opts.functions ? new FunctionIndex(opts.functions) : defaultFunctions();
  propose(tasks, drafts, doc, fx, own);
  if (opts.corrections) {
    const byTask = new Map(tasks.map((t, i) => [t, drafts[i]]));
    const r = applyCorrections(tasks, opts.corrections, fx, level, (t) => norm.slice(t.start, t.end));
    if (r.dropped) warnings.push(`按以往的更正,${r.dropped} 条不再作为任务`);
    tasks = r.tasks;
    drafts = tasks.map((t) => byTask.get(t)!);
    for (const t of tasks) {
      if (t.unitSource === 'correction' && idx.size)
        t.unitsMapped = t.units.map((u) => ({ text: u, name: idx.map(u) ?? u }));
    }
  }
  for (let i = 0; i < tasks.length; i++)
    assess(
      tasks[i],
      drafts[i],
      tasks[i].units.some((u) => idx.isLearnt(u)),
    );
  if (!tasks.length) warnings.push('未识别出任务(文本可能是回顾总结、礼仪性讲话,或没有明确的工作要求)');
  return { tasks, warnings, genre, level };
}

const COMMENT_RE =
  /(?:^|,)[^,]{0,8}(?:没有休止符|永远在路上|只有进行时|没有完成时|根本在于?|关键在于|重在|贵在|责任(?:无比|十分|非常|更加)?重大|意义(?:十分|非常)?重大|任重道远)[^,]{0,8}(?:,|$)/;

const PAIRS_RE = /^(?:[^,]{0,4}既要[^,]{1,8}(?:又|也|更)要[^,]{1,8}(?:,|$))+$/;

/** "泗洲头镇2024年度重点工作计划": the year an annual plan covers. */
function titleYear(norm: string, paras: Paragraph[], ref: Ymd): FoundDeadline | null {
  for (const p of titleLines(norm, paras)) {
    const m = /(?:19|20)\d{2}年度?/.exec(p.text);
    if (!m) continue;
    const d = findDeadlines(m[0], ref)[0];
    if (d) return shift(d, p.start + m.index);
  }
  return null;
}

/**
 * Unit proposals from government functions for every task; they become the task's units only where the document
 * itself assigns nothing — an item-structured document (分工方案, 实施方案, 工作要点) in which at most a quarter of the
 * tasks name a unit: its labels were left out or live in another column, and the office expects a lead per item.
 */
function propose(tasks: ExtractedTask[], drafts: Draft[], doc: DocCtx, fx: FunctionIndex, own: DocUnits) {
  // rows assigned by a 分工 label show the document is a decomposition: the rows without one are gaps to fill
  const named = tasks.filter((t) => t.units.length && t.unitSource !== 'label').length;
  const fill = !!doc.genre && ITEM_GENRES.has(doc.genre) && named * 4 <= tasks.length;
  // the units the text itself assigns anywhere are its own names for its departments
  const mine = typed(
    {
      names: [...own.names, ...tasks.flatMap((t) => (t.units.length ? [...t.units, ...t.cooperating] : []))],
      groups: own.groups,
    },
    fx,
  );
  // the field rows of one plan-table row ("攻坚目标任务:…" / "第二季度工作任务安排:…") share one label: one proposal
  const rowText = new Map<string, string>();
  tasks.forEach((t, i) => {
    const d = drafts[i];
    if (d.kind !== 'field' || !d.heading || t.units.length) return;
    rowText.set(d.heading, `${rowText.get(d.heading) ?? ''}${doc.norm.slice(t.start, t.end)};`);
  });
  tasks.forEach((t, i) => {
    // the text's own unit is never replaced: only rows without one need a suggestion
    if (t.units.length) return;
    const d = drafts[i];
    const context = d.heading ?? '';
    const body = (d.kind === 'field' && d.heading && rowText.get(d.heading)) || doc.norm.slice(t.start, t.end);
    const found = fx.propose(body, doc.level ?? null, doc.idx, context);
    const props = ownProposals(found, body, context, mine, fx);
    if (!props.length) return;
    t.proposals = props.slice(0, 3);
    if (fill && !t.units.length) {
      const p = props[0];
      t.units = [p.mapped ?? p.name];
      t.unitSource = 'proposal';
      if (doc.idx.size) t.unitsMapped = [{ text: t.units[0], name: p.mapped ?? null }];
    }
  });
}

function toTask(d: Draft, orig: string, norm: string, idx: UnitIndex): ExtractedTask {
  // "县文化广电体育和旅游局(以下简称县文旅局)": the unit is the name, not its abbreviation note
  const unitText = (u: UnitRef) =>
    orig.slice(u.start, u.end).replace(/[((](?:以下简称|以下称|下称|简称)[^()()]*[))]$/, '') + (u.head ?? '');
  const uniq = (xs: string[]) => [...new Set(xs.filter(Boolean))];
  const units = uniq(d.units.map(unitText));
  const cooperating = uniq(d.coop.map(unitText)).filter((c) => !units.includes(c));
  let deadline: Deadline | null = null;
  if (d.deadline) {
    const { start, end, ...rest } = d.deadline;
    deadline = { ...rest, text: orig.slice(start, end), start, end };
  }
  const targets = findTargets(norm.slice(d.start, d.end)).map((t) => ({
    text: orig.slice(d.start + t.start!, d.start + t.end!),
    start: d.start + t.start!,
    end: d.start + t.end!,
  }));
  const task: ExtractedTask = {
    text: orig.slice(d.start, d.end),
    start: d.start,
    end: d.end,
    units,
    cooperating,
    deadline,
    targets,
    unitSource: units.length ? d.source : 'none',
  };
  if (d.heading) task.heading = d.heading;
  if (idx.size) {
    task.unitsMapped = units.map((u) => ({ text: u, name: idx.map(u) ?? idx.expand(u) }));
    task.cooperatingMapped = cooperating.map((u) => ({ text: u, name: idx.map(u) ?? idx.expand(u) }));
  } else if (idx.hasDefined && [...units, ...cooperating].some((u) => idx.expand(u))) {
    // an abbreviation the document defined: give its full name
    task.unitsMapped = units.map((u) => ({ text: u, name: idx.expand(u) }));
    task.cooperatingMapped = cooperating.map((u) => ({ text: u, name: idx.expand(u) }));
  }
  return task;
}
