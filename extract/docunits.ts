// The document's own units. Official documents name their local offices (招商工作部, 乡村振兴办, ××工作领导小组) and
// often carry their own 分工: an abbreviation introduced once ("(以下简称县文旅局)"), a leading group declared in the
// preamble ("成立××工作领导小组,领导小组办公室设在县发改局"), a 牵头 label on a section heading that covers every item
// of the section. These are read before the function table is consulted: a proposal then takes the document's own
// name for a department type, or the leading group whose topic the item is about.
import type { Draft } from './draft.ts';
import type { FunctionIndex } from './functions.ts';
import { headingLevel } from './headings.ts';
import { ENUM_RE } from './lexicon.ts';
import type { Paragraph } from './segment.ts';
import type { Level, UnitProposal } from './types.ts';
import { isUnitLike, type LabelUnits, type UnitIndex } from './units.ts';

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
    const topic = stripLevel(name).replace(GROUP_SUFFIX, '');
    if (topic.length < 2) return undefined;
    const g: DocGroup = { name, topic };
    groups.push(g);
    add(name, at);
    return g;
  };
  for (const m of norm.matchAll(GROUP)) addGroup(m[1], m.index + m[0].length - m[1].length);
  for (const m of norm.matchAll(OFFICE)) {
    const g = addGroup(m[1], m.index);
    const office = m[2].trim();
    if (g && isUnitLike(office)) {
      g.office = office;
      add(office, m.index + m[0].length - m[2].length);
    }
  }
  for (const m of norm.matchAll(ABBREV)) {
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
    const own = doc.names.find((n) => !GROUP_SUFFIX.test(n) && unitTypes(n, fx).includes(p.type));
    return own && own !== p.name ? { ...p, name: own, own: true } : p;
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
    if (!l || !l.lead.length) continue;
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
  // the section title itself is not a task
  return drafts.filter((d) => ![...headings].some((pi) => d.start >= paras[pi].start && d.start < paras[pi].end));
}

export type { Level };
