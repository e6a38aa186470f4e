// Responsible units: subjects before the modal verb, coordinated lists with a shared head, 会同/配合 partners,
// 牵头单位/配合单位 labels of 分工 documents, and mapping of aliases to an optional list of known names.
import { AUDIENCE_RE, ENUM_RE, UNIT_SUFFIX_RE } from './lexicon.ts';
import type { Span } from './segment.ts';

/** A unit found in the text: offsets into the document plus an optional completed head (财政 + 部门). */
export interface UnitRef extends Span {
  head?: string;
}

const NOT_UNIT_END =
  /(?:全部|内部|外部|局部|东部|西部|南部|北部|中部|底部|顶部|大部|场所|住所|之处|好处|长处|怎么办|重组|项目|工作|活动|问题|能力|水平|体系|机制|制度|精神)$/;
const LEAD_STRIP =
  /^(?:同时|此外|另外|因此|为此|所以|对此|当前|目前|现在|今后|下一步|今年|明年|近期|特别是|尤其是|其中|而且|并且|但是|但|而|就是|即|还有|再就是|那么|作为|由|请|希望|对于)+/;
const TAIL_STRIP =
  /(?:都|也|还|仍然|仍|就|一定|务必|更加|更|首先|又|均|则|应|继续|切实|进一步|同样|一律|必须|将|会|等|同志们|亦|另|分别|各自|要)+$/;
const GENERIC_HEADS = [
  '部门',
  '单位',
  '党组织',
  '党委',
  '系统',
  '机关',
  '企业',
  '局',
  '委',
  '办',
  '镇',
  '乡',
  '街道',
  '社区',
  '村',
  '学校',
  '医院',
];

export class UnitIndex {
  private names: string[];
  private alias = new Map<string, string | null>();
  /** `learnt`: aliases people taught by correcting a unit ("城管" → 县综合行政执法局); they win over derived ones */
  constructor(names: string[] = [], learnt: { text: string; unit: string }[] = []) {
    this.names = [...new Set([...names, ...learnt.map((l) => l.unit)].map((n) => n.trim()).filter(Boolean))];
    for (const n of this.names) {
      this.addAlias(n, n);
      // 县委组织部 → 组织部, 县财政局 → 财政局, 市发展改革委 → 发展改革委
      const short = n.replace(/^(?:中共)?[^省市县区镇乡]{0,8}?(?:省委|市委|县委|区委|省|市|县|区|镇|乡)(?=.{2,})/, '');
      if (short !== n) this.addAlias(short, n);
    }
    for (const l of learnt) {
      const t = l.text.replace(/[“”"‘’\s]/g, '');
      if (t.length >= 2 && l.unit.trim()) {
        this.alias.set(t, l.unit.trim());
        this.learnt.add(t);
      }
    }
  }
  private learnt = new Set<string>();
  /** Was this unit text mapped by an alias people taught (rather than derived from the list)? */
  isLearnt(text: string): boolean {
    return this.learnt.has(text.replace(/[“”"‘’\s]/g, ''));
  }
  /** abbreviations the document itself introduces ("县文化广电体育和旅游局(以下简称县文旅局)"): short → full */
  private defined = new Map<string, string>();
  /** Registers an abbreviation the text defines; it reads as a unit from then on, without making a units list. */
  define(short: string, full: string) {
    const t = short.replace(/[“”"‘’\s]/g, '');
    if (t.length >= 2 && t !== full) {
      this.defined.set(t, full);
      this.cache.clear();
    }
  }
  /** The full name behind an abbreviation the document defined, or null. */
  expand(text: string): string | null {
    return this.defined.get(text.replace(/[“”"‘’\s]/g, '')) ?? null;
  }
  get hasDefined() {
    return this.defined.size > 0;
  }
  private addAlias(a: string, n: string) {
    if (this.alias.has(a) && this.alias.get(a) !== n)
      this.alias.set(a, null); // ambiguous alias
    else this.alias.set(a, n);
  }
  get size() {
    return this.names.length;
  }
  private cache = new Map<string, string | null>();
  /** Canonical name for a unit as written, or null. (Cached: called for every candidate subject.) */
  map(text: string): string | null {
    if (!this.names.length) return null;
    let v = this.cache.get(text);
    if (v !== undefined) return v;
    const t = text.replace(/[“”"‘’\s]/g, '');
    const a = this.alias.get(t);
    if (a !== undefined) v = a;
    else {
      const ends = t.length >= 2 ? this.names.filter((n) => n.endsWith(t)) : [];
      v = ends.length === 1 ? ends[0] : null;
    }
    this.cache.set(text, v);
    return v;
  }
  has(text: string): boolean {
    return this.map(text) != null || (this.defined.size > 0 && this.expand(text) != null);
  }
}

/** Is this noun phrase a plausible responsible party? */
export function isUnitLike(s: string, idx?: UnitIndex): boolean {
  if (idx?.has(s)) return true;
  if (s.length < 2 || s.length > 24 || /[,;。:!?]/.test(s) || /^(?:这|那|该|此|本|其(?![他它]))/.test(s)) return false;
  const core = s.replace(/\([^)]*\)$/, '').replace(/[”"]$/, '');
  if (NOT_UNIT_END.test(core)) return false;
  if (/(?:要|是|把|将|对|在|的话)$/.test(core)) return false;
  // 以县委开展…为契机, 于3月15日前报县政府, 县政府重点工作实行县政府分线领导: a phrase, not a unit
  if (
    /^(?:以|于|在|对|按|按照|根据|围绕|通过|为|从|向|与|把|将|经)/.test(core) ||
    /实行|实施|推行|作为|进行/.test(core)
  )
    return false;
  return (
    UNIT_SUFFIX_RE.test(core) ||
    /^(?:各级各部门|各地各部门|各地|各级|各单位|各部门)$/.test(core) ||
    /^[xX]{1,3}$/.test(core)
  );
}

/** Trim connective/adverb words from both ends of [start,end) in norm. */
export function cleanSpan(norm: string, start: number, end: number): Span {
  let s = norm.slice(start, end);
  const e = ENUM_RE.exec(s);
  if (e && e[0].length < s.length) {
    start += e[0].length;
    s = s.slice(e[0].length);
  }
  const l = LEAD_STRIP.exec(s);
  if (l && l[0].length < s.length) {
    start += l[0].length;
    s = s.slice(l[0].length);
  }
  const t = TAIL_STRIP.exec(s);
  if (t && t.index > 0) {
    end -= t[0].length;
    s = s.slice(0, t.index);
  }
  while (start < end && /[\s,、]/.test(norm[start])) start++;
  while (end > start && /[\s,、]/.test(norm[end - 1])) end--;
  return { start, end };
}

/**
 * Split a subject phrase into units: 、 always; 和/及/与/以及 only between unit-like parts
 * (so 住房和城乡建设局 stays whole). Bare heads are completed: 财政、民政、发改、建设部门 → 财政部门…
 */
export function splitUnits(norm: string, span: Span, idx?: UnitIndex): UnitRef[] {
  const whole = norm.slice(span.start, span.end);
  if (idx?.has(whole)) return [span];
  const parts: Span[] = [];
  let from = span.start;
  let depth = 0;
  for (let i = span.start; i < span.end; i++) {
    if (norm[i] === '(') depth++;
    else if (norm[i] === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue; // 基层党委(党组、工委) is one unit
    if (norm[i] === '、') {
      parts.push({ start: from, end: i });
      from = i + 1;
      continue;
    }
    const conj = /^(?:以及|和|及|与|同)/.exec(norm.slice(i, i + 2));
    if (conj && i > from && isUnitLike(norm.slice(from, i), idx)) {
      parts.push({ start: from, end: i });
      from = i + conj[0].length;
      i = from - 1;
    }
  }
  parts.push({ start: from, end: span.end });
  const cleaned = parts.map((p) => cleanSpan(norm, p.start, p.end)).filter((p) => p.end > p.start);
  if (!cleaned.length) return [];
  const last = norm.slice(cleaned[cleaned.length - 1].start, cleaned[cleaned.length - 1].end);
  const head = GENERIC_HEADS.find((h) => last.endsWith(h) && last.length > h.length);
  const out: UnitRef[] = [];
  for (const p of cleaned) {
    const t = norm.slice(p.start, p.end);
    if (isUnitLike(t, idx)) out.push(p);
    else if (head && cleaned.length > 1 && t.length <= 4 && !/[的地]/.test(t)) out.push({ ...p, head });
  }
  // a list in which no element is a genuine unit is not a list of units (义乌的生产、生活、生态)
  return out.some((u) => !u.head) ? out : [];
}

/** Subject of a clause: the unit phrase before its modal marker at `markerAt` (absolute offset). */
export function subjectBefore(
  norm: string,
  clause: Span,
  markerAt: number,
  idx?: UnitIndex,
): UnitRef[] | 'audience' | null {
  if (markerAt <= clause.start) return null;
  const sp = cleanSpan(norm, clause.start, markerAt);
  if (sp.end <= sp.start) return null;
  const t = norm.slice(sp.start, sp.end);
  if (AUDIENCE_RE.test(t) || /^(?:我们|咱们|大家)/.test(t)) return 'audience';
  const units = splitUnits(norm, sp, idx);
  return units.length ? units : null;
}

/** Units in a list written after a label or 会同: "县财政局、县自然资源局等" (stops at the first non-unit). */
export function unitList(norm: string, start: number, end: number, idx?: UnitIndex): UnitRef[] {
  const out: UnitRef[] = [];
  // split at 、 , ; 和 及 与 以及 等 and spaces, but not inside brackets: 各县(市、区)人民政府 is one unit
  const pieces: Span[] = [];
  let from = start,
    depth = 0;
  for (let i = start; i < end; i++) {
    const ch = norm[i];
    if (ch === '(') {
      depth++;
      continue;
    }
    if (ch === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    const sep = /^(?:以及|[、,;和及与\s/]|等)/.exec(norm.slice(i, i + 2));
    if (!sep) continue;
    // 和/及/与 join two units only when the left part is one: 县发展和改革局 is one name
    if (/^(?:以及|[和及与])/.test(sep[0]) && !isUnitLike(norm.slice(from, i).trim(), idx)) continue;
    pieces.push({ start: from, end: i });
    from = i + sep[0].length;
    i = from - 1;
  }
  pieces.push({ start: from, end });
  for (const p of pieces) {
    const c = cleanSpan(norm, p.start, p.end);
    if (c.end <= c.start) continue;
    const t = norm.slice(c.start, c.end);
    if (isUnitLike(t, idx) || (idx?.size && idx.has(t))) {
      out.push(c);
      continue;
    }
    // 县财政局制定… → take the longest unit-like prefix
    let cut = -1;
    for (let k = Math.min(t.length, 16); k >= 2; k--)
      if (isUnitLike(t.slice(0, k), idx)) {
        cut = k;
        break;
      }
    if (cut > 0) out.push({ start: c.start, end: c.start + cut });
    if (cut < 0 || cut < t.length) break;
  }
  return out;
}

export interface LabelUnits {
  lead: UnitRef[];
  coop: UnitRef[];
  start: number;
  end: number;
  due?: Span;
}
const LABEL_RE =
  /(牵头单位|牵头部门|责任单位|责任部门|主责单位|负责单位|主办单位|承办单位|落实单位|实施单位|配合单位|配合部门|协办单位|参与单位|协同单位|协助单位|完成时限|完成时间|时间节点|时限要求|完成期限)\s*[:]\s*/g;

/**
 * 分工-document labels inside [start,end): "(牵头单位:县发改局;配合单位:县财政局、县自然资源局)",
 * "责任单位:…", and bracketed "(县发改局牵头,县财政局配合)" / "(县发改局负责)".
 */
export function findLabels(norm: string, start: number, end: number, idx?: UnitIndex): LabelUnits | null {
  const text = norm.slice(start, end);
  const lead: UnitRef[] = [],
    coop: UnitRef[] = [],
    resp: UnitRef[] = [];
  let first = -1,
    last = -1,
    sawLead = false;
  let due: Span | undefined;
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(text); m; m = LABEL_RE.exec(text)) {
    const vStart = m.index + m[0].length;
    // the value ends at ; 。 a newline, the next label, or the ")" closing the bracket the label is in
    let vEnd = text.length,
      depth = 0;
    for (let k = vStart; k < text.length; k++) {
      const ch = text[k];
      if (ch === '(') depth++;
      else if (ch === ')') {
        if (depth === 0) {
          vEnd = k;
          break;
        }
        depth--;
      } else if (
        ch === ';' ||
        ch === '\n' ||
        ch === '。' ||
        /^(?:牵头单位|配合单位|责任单位|协办单位|牵头领导|责任领导|完成时限|时间节点)/.test(text.slice(k, k + 4))
      ) {
        vEnd = k;
        break;
      }
    }
    if (/时限|时间|节点|期限/.test(m[1])) {
      // 完成时限:2024年6月底前 — the time limit of the item
      due = { start: start + vStart, end: start + vEnd };
      if (first < 0) first = m.index;
      last = vEnd;
      continue;
    }
    const list = unitList(norm, start + vStart, start + vEnd, idx);
    // "责任单位:县发改局(牵头)、县财政局": the marked unit leads, the others cooperate
    const marked = list.filter(
      (u) => /^[(]牵头[)]/.test(norm.slice(u.end, u.end + 4)) || /[(]牵头[)]$/.test(norm.slice(u.start, u.end)),
    );
    if (marked.length && !/配合|协办|参与|协同|协助/.test(m[1])) {
      for (const u of marked) {
        if (/[(]牵头[)]$/.test(norm.slice(u.start, u.end))) u.end -= 4;
      }
      lead.push(...marked);
      sawLead = true;
      coop.push(...list.filter((u) => !marked.includes(u)));
    } else if (/配合|协办|参与|协同|协助/.test(m[1])) coop.push(...list);
    else if (/牵头|主责|主办/.test(m[1])) {
      lead.push(...list);
      sawLead = true;
    } else resp.push(...list);
    if (first < 0) first = m.index;
    last = vEnd;
  }
  if (first >= 0) {
    if (sawLead) coop.push(...resp);
    else lead.push(...resp);
    let s = first;
    while (s > 0 && /[(\s]/.test(text[s - 1])) s--;
    return { lead, coop, start: start + s, end: start + last, due };
  }
  // (县发改局牵头,县财政局、县住建局配合) / (县发改局负责) / (各乡镇按职责分工负责)
  const br =
    /[(]((?:[^()]|[(][^()]{0,12}[)]){2,80}?)(牵头|负责|按职责分工负责)(?:[,;、]((?:[^()]|[(][^()]{0,12}[)]){2,80}?)(?:配合|参与|协助|负责|落实))?[)]\s*$/.exec(
      text,
    );
  if (br) {
    const bStart = start + br.index + 1;
    const l = unitList(norm, bStart, bStart + br[1].length, idx);
    if (!l.length) return null;
    const c = br[3]
      ? (() => {
          const cs = start + br.index + br[0].indexOf(br[3], 1 + br[1].length);
          return unitList(norm, cs, cs + br[3].length, idx);
        })()
      : [];
    return { lead: l, coop: c, start: start + br.index, end: start + br.index + br[0].length };
  }
  return null;
}
