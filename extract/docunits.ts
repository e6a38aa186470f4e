// The document's own units. Official documents name their local offices (招商工作部, 乡村振兴办, ××工作领导小组) and
// often carry their own 分工: an abbreviation introduced once ("(以下简称县文旅局)"), a leading group declared in the
// preamble ("成立××工作领导小组,领导小组办公室设在县发改局"), a 牵头 label on a section heading that covers every item
// of the section. These are read before the function table is consulted: a proposal then takes the document's own
// name for a department type, or the leading group whose topic the item is about.
import { findMarker, maskQuotes } from './detect.ts';
import type { Draft } from './draft.ts';
import type { FunctionIndex } from './functions.ts';
import { headingLevel } from './headings.ts';
import { ENUM_RE } from './lexicon.ts';
import type { Paragraph } from './segment.ts';
import type { Level, UnitProposal } from './types.ts';
import { isUnitLike, type LabelUnits, type UnitIndex, unitList } from './units.ts';

/** A leading group (领导小组, 指挥部, 工作专班) the document sets up, with what it is about and where its office sits. */
export interface DocGroup {
  name: string;
  /** the group's subject: 县乡村振兴工作领导小组 → 乡村振兴 */
  topic: string;
  office?: string;
}

export interface DocUnits {
  /** every unit name the document uses, first use first */
  names: string[];
  groups: DocGroup[];
  /** the department types of each name, worked out once per document (see typed()) */
  types?: Map<string, string[]>;
}

/** Fills `types` for the document's names (once: every proposal of the document looks them up). */
export function typed(doc: DocUnits, fx: FunctionIndex): DocUnits {
  const names = [...new Set(doc.names)];
  return { ...doc, names, types: new Map(names.map((n) => [n, GROUP_SUFFIX.test(n) ? [] : unitTypes(n, fx)])) };
}

// verbs that introduce a unit in a declaration ("成立…", "由…负责"): not part of its name
const INTRO = /^(?:[^,。;:、]*?(?:成立|组建|设立|建立|调整|充实|明确|确定|由|经|请|将|把|对|是|为))(?=.{2,})/;
const ABBREV = /([^\s,。;:、()“”]{2,40}?)[(](?:以下简称|以下称|下称|简称)[“"]?([^()“”"]{1,16}?)[”"]?[)]/g;
const GROUP_SUFFIX = /(?:工作)?(?:领导小组|工作小组|指挥部|工作专班|专班)$/;
const GROUP =
  /(?:成立|组建|设立|建立|调整充实|调整)(?:了)?(?:以[^,。;]{1,40}?为(?:组长|指挥长|主任|召集人)[^,。;]{0,40}?的)?([^,。;:、()“”]{2,40}?(?:领导小组|工作小组|指挥部|工作专班|专班))/g;
const OFFICE =
  /([^,。;:、()“”]{2,40}?(?:领导小组|工作小组|指挥部|专班))(?:下设)?办公室(?:设在|设于|由)([^,。;:()“”]{2,24}?)(?=[,。;]|承担|负责|具体|$)/g;
const LEVEL_PREFIX = /^(?:中共)?(?:全?[省市县区镇乡]|[^省市县区镇乡,。]{1,8}?(?:省|市|县|区|镇|乡))(?=.{2,})/;

/** The name without the level/place prefix: 县发展和改革局 → 发展和改革局. */
export const stripLevel = (name: string) => name.replace(LEVEL_PREFIX, '');

/**
 * Reads abbreviations and leading-group declarations from the normalised text. Abbreviations are registered in `idx`
 * so that "县振兴组要…" reads as a unit; `used` are the units the extraction already found in the text.
 */
export function readDocumentUnits(orig: string, norm: string, idx: UnitIndex): DocUnits {
  const names: string[] = [];
  // names are found in the normalised text and given in the original's writing (same offsets)
  const add = (n: string, at: number) => {
    const o = orig.slice(at, at + n.length);
    if (n && !names.includes(o)) names.push(o);
  };
  const groups: DocGroup[] = [];
  const addGroup = (raw: string, at: number) => {
    const name = raw.replace(INTRO, '');
    at += raw.length - name.length;
    const known = groups.find((g) => g.name === name);
    if (known || !GROUP_SUFFIX.test(name)) return known;
    // 农村供水保障工作专班 → 农村供水: the generic tail words (保障, 建设, 管理 …) do not make the topic
    const topic = stripLevel(name)
      .replace(GROUP_SUFFIX, '')
      .replace(/(?:(?:保障|建设|管理|推进|治理|整治|发展|服务|专项|工作|攻坚|行动)+)$/, (t, i) => (i >= 2 ? '' : t));
    if (topic.length < 2) return undefined;
    const g: DocGroup = { name, topic };
    groups.push(g);
    add(name, at);
    return g;
  };
  for (const m of norm.matchAll(GROUP)) addGroup(m[1], m.index + m[0].length - m[1].length);
  for (const m of norm.includes('办公室') ? norm.matchAll(OFFICE) : []) {
    const g = addGroup(m[1], m.index);
    const office = m[2].trim();
    if (g && isUnitLike(office)) {
      g.office = office;
      add(office, m.index + m[0].length - m[2].length);
    }
  }
  // "…工作专班,专班办公室设在县水利局": the office of the group just declared
  for (const m of norm.matchAll(
    /(?<![^,。;\s])(?:领导小组|指挥部|专班)(?:下设)?办公室(?:设在|设于)([^,。;:()“”]{2,24}?)(?=[,。;]|承担|负责|具体|$)/g,
  )) {
    const g = [...groups].reverse().find((x) => norm.lastIndexOf(x.name, m.index) >= 0);
    if (g && !g.office && isUnitLike(m[1])) {
      g.office = m[1];
      add(m[1], m.index + m[0].length - m[1].length);
    }
  }
  for (const m of norm.includes('称') ? norm.matchAll(ABBREV) : []) {
    const full = m[1].replace(INTRO, '');
    const short = m[2].trim();
    if (!isUnitLike(full) || short.length < 2 || short.length >= full.length) continue;
    const at = m.index + m[1].length - full.length;
    idx.define(short, orig.slice(at, at + full.length));
    add(full, at);
    if (GROUP_SUFFIX.test(full)) addGroup(full, at);
  }
  return { names, groups };
}

/**
 * Department types a unit name stands for: an alias of the type in the function table (县发改局 → 发展改革), or a
 * name that contains every part of the type (县文化广电体育和旅游局 → 文化和旅游 and 体育: a merged bureau serves both).
 */
export function unitTypes(name: string, fx: FunctionIndex): string[] {
  const core = stripLevel(name);
  return fx
    .types()
    .filter((t) => {
      if (t.aliases.includes(core) || t.aliases.includes(name)) return true;
      const parts = t.type.split('和').filter((x) => x.length >= 2);
      return parts.length > 0 && parts.every((x) => core.includes(x));
    })
    .map((t) => t.type);
}

const SPECIAL =
  /^([^,。;:、]{2,24}?(?:工程|项目|地块|片区|小区|园区|线|路))(政策处理|征地拆迁|征迁|拆迁安置|拆迁|房屋征收|征收|征地)(?:工作)?$/;

/**
 * Rewrites function proposals with the document's own names: a leading group whose topic the task (or its heading)
 * is about comes first; a department type the document names a unit of takes that unit's name.
 */
export function ownProposals(
  props: UnitProposal[],
  text: string,
  heading: string,
  doc: DocUnits,
  fx: FunctionIndex,
): UnitProposal[] {
  const out = props.map((p) => {
    const own = doc.names.find((n) => (doc.types?.get(n) ?? unitTypes(n, fx)).includes(p.type));
    return own && own !== p.name ? { ...p, name: own, own: true } : p;
  });
  // "1.白仙山水库工程政策处理": land acquisition and relocation for a named project is run by its own leading group
  const special = SPECIAL.exec(heading.replace(ENUM_RE, '').trim());
  if (special && !doc.groups.some((g) => heading.includes(g.topic)))
    out.unshift({
      name: `${special[0].replace(/工作$/, '')}工作领导小组`,
      type: out[0]?.type ?? '领导小组',
      keywords: [special[2]],
      score: Math.max(4, out[0]?.score ?? 0),
      source: 'function',
    });
  const group = doc.groups.find((g) => text.includes(g.topic) || (g.topic.length >= 4 && heading.includes(g.topic)));
  if (group)
    out.unshift({
      name: group.name,
      type: out[0]?.type ?? '领导小组',
      keywords: [group.topic],
      score: Math.max(5, (out[0]?.score ?? 0) + 1),
      source: 'function',
      own: true,
    });
  return out;
}

/**
 * "一、强化科技创新(区科技局牵头)": a 牵头 label on a section heading assigns every item of the section that names
 * no unit of its own, down to the next heading of the same or a higher level.
 */
export function sectionLabels(
  norm: string,
  paras: Paragraph[],
  labels: (LabelUnits | null)[],
  drafts: Draft[],
): Draft[] {
  const headings = new Set<number>();
  for (let pi = 0; pi < paras.length; pi++) {
    const l = labels[pi];
    if (!l?.lead.length) continue;
    const p = paras[pi];
    const e = ENUM_RE.exec(p.text);
    if (!e) continue;
    const body = norm.slice(p.start + e[0].length, l.start);
    // a heading: short, no sentence of its own before the label
    if (body.length > 40 || /[。;!?]/.test(body)) continue;
    const level = headingLevel(e[0]);
    // it heads something only if numbered items of a lower level follow ("1.加快…(县发改局牵头)" lines are items)
    const next = paras[pi + 1] && ENUM_RE.exec(paras[pi + 1].text);
    if (!next || headingLevel(next[0]) <= level) continue;
    headings.add(pi);
    let end = norm.length;
    for (let k = pi + 1; k < paras.length; k++) {
      const ek = ENUM_RE.exec(paras[k].text);
      if (ek && headingLevel(ek[0]) <= level) {
        end = paras[k].start;
        break;
      }
    }
    for (const d of drafts)
      if (d.start >= p.end && d.start < end && !d.units.length && !d.label) {
        d.units = l.lead;
        d.coop = l.coop;
        d.source = 'label';
      }
  }
  // the section title itself is not a task; nor is a declaration of the document's bodies without a modal verb
  // ("县政府成立××专班,专班办公室设在县水利局": it says how the work is organised, nobody is asked to do anything)
  return drafts.filter(
    (d) =>
      ![...headings].some((pi) => d.start >= paras[pi].start && d.start < paras[pi].end) &&
      (d.label ||
        !DECLARATION.test(norm.slice(d.start, d.end)) ||
        !!findMarker(maskQuotes(norm.slice(d.start, d.end)))),
  );
}

// "由县财政局牵头,县发改委、县水利局配合," / "县政府督查室会同县水利局,": a clause that only says who leads and who helps
const LEAD_IN =
  /^(?:由)?([^,。;:]{2,60}?)(?:牵头(?:负责|组织)?)(?:[,、]([^,。;:]{2,80}?)(?:等(?:有关|相关)?(?:部门|单位))?(?:配合|参与|协助|协同配合))?$/;
const WITH_IN = /^(?:由)?([^,。;:]{2,30}?)会同([^,。;:]{2,80}?)(?:等(?:有关|相关)?(?:部门|单位))?$/;

/**
 * A lead-in clause naming the lead and the cooperating units opens the task that follows it in the same sentence:
 * it is not a task of its own, and every task of the sentence after it has those units (and cooperating units).
 */
export function leadIns(norm: string, drafts: Draft[], idx: UnitIndex): Draft[] {
  drafts.sort((a, b) => a.start - b.start);
  const drop = new Set<Draft>();
  for (let i = 0; i < drafts.length - 1; i++) {
    const d = drafts[i];
    if (d.label) continue;
    const t = norm.slice(d.start, d.end);
    const m = LEAD_IN.exec(t) ?? WITH_IN.exec(t);
    if (!m) continue;
    const at = (g: string, from: number) => d.start + t.indexOf(g, from);
    const lead = unitList(norm, at(m[1], 0), at(m[1], 0) + m[1].length, idx);
    if (!lead.length || norm.slice(lead[lead.length - 1].end, at(m[1], 0) + m[1].length).trim()) continue;
    const coop = m[2] ? unitList(norm, at(m[2], m[1].length), at(m[2], m[1].length) + m[2].length, idx) : [];
    let first = true;
    for (let j = i + 1; j < drafts.length; j++) {
      const n = drafts[j];
      // same sentence only
      if (/[。;!?\n]/.test(norm.slice(drafts[j - 1].end, n.start)) || n.label) break;
      if (n.units.length && !sameUnits(n.units, d.units)) break;
      n.units = lead;
      n.coop = [...coop, ...n.coop];
      n.source = 'explicit';
      if (first) n.start = d.start;
      first = false;
    }
    if (!first) drop.add(d);
  }
  return drafts.filter((d) => !drop.has(d));
}

const sameUnits = (a: { start: number; end: number }[], b: { start: number; end: number }[]) =>
  a.length === b.length && a.every((u, i) => u.start === b[i].start && u.end === b[i].end);

const DECLARATION = /办公室(?:设在|设于)|[(](?:以下简称|以下称|下称|简称)/;
const DUTY = /^([^:,。;]{2,40}):(?=\S)/;

/**
 * A 职责分工 list: "(一)县水利局:负责…" / "(三)各乡镇(街道):落实属地管理责任,组织…" on consecutive lines. Each line's
 * duties are tasks of the unit before its colon, whether or not they carry a modal verb.
 */
export function dutyLines(norm: string, paras: Paragraph[], skip: boolean[], drafts: Draft[], idx: UnitIndex): Draft[] {
  const duty = paras.map((p, pi) => {
    // "牵头单位:…" label lines and table rows are read elsewhere
    if (skip[pi] || /^(?:牵头|责任|配合|主责|协办|参与|承办|实施|落实)(?:单位|部门)/.test(p.text)) return null;
    const e = ENUM_RE.exec(p.text);
    const off = e ? e[0].length : 0;
    const m = DUTY.exec(p.text.slice(off));
    if (!m) return null;
    const s = p.start + off;
    const units = unitList(norm, s, s + m[1].length, idx);
    // the whole part before the colon must be units: "工作目标:…" is a field, not a duty
    if (!units.length || norm.slice(units[units.length - 1].end, s + m[1].length).trim()) return null;
    return { units, start: s + m[0].length };
  });
  const out = [...drafts];
  for (let pi = 0; pi < paras.length; pi++) {
    const d = duty[pi];
    if (!d || !(duty[pi - 1] || duty[pi + 1])) continue;
    const p = paras[pi];
    const inside = out.filter((x) => x.start >= p.start && x.start < p.end);
    for (const x of inside)
      if (!x.units.length) {
        x.units = d.units;
        x.source = 'explicit';
      }
    if (inside.length) continue;
    for (const s of p.sentences) {
      const start = Math.max(s.start, d.start);
      let end = s.end;
      while (end > start && /[。;.!\s]/.test(norm[end - 1])) end--;
      if (end - start >= 4) out.push({ start, end, units: d.units, coop: [], source: 'explicit', deadline: null });
    }
  }
  return out;
}

export type { Level };
