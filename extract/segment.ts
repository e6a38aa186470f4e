// Paragraph → sentence → clause segmentation over the normalised text, keeping offsets.
// Punctuation inside quotes/brackets does not split (bounded, so malformed quotes cannot swallow a document).

export interface Span {
  start: number;
  end: number;
}
export interface Clause extends Span {
  text: string;
}
export interface Sentence extends Span {
  text: string;
  clauses: Clause[];
}
export interface Paragraph extends Span {
  text: string;
  sentences: Sentence[];
}

const OPEN = '“‘《("「『[';
const CLOSE = '”’》)"」』]';
// 1 = opener, 2 = closer, 3 = ASCII double quote (toggles); lookup by code unit avoids string scans per char
const KIND = new Uint8Array(0x10000);
for (const c of OPEN) KIND[c.charCodeAt(0)] = 1;
for (const c of CLOSE) KIND[c.charCodeAt(0)] = 2;
KIND[34] = 3;
const MAX_NEST = 300; // chars after which an unclosed quote/bracket is ignored

/** Trimmed span of norm[start,end) without surrounding spaces. */
function trim(norm: string, start: number, end: number): Span {
  while (start < end && /\s/.test(norm[start])) start++;
  while (end > start && /\s/.test(norm[end - 1])) end--;
  return { start, end };
}

const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const SEP_SENTENCE = codes('。!?;…'),
  SEP_CLAUSE = codes(',:'),
  SEP_SPACE = codes(' ');

/** Split [start,end) at chars in `sep` that are outside quotes/brackets. Separators are dropped. */
export function splitAt(norm: string, start: number, end: number, sep: Set<number> | string): Span[] {
  if (typeof sep === 'string') sep = codes(sep);
  const out: Span[] = [];
  let depth = 0,
    openedAt = -1,
    from = start;
  for (let i = start; i < end; i++) {
    const code = norm.charCodeAt(i);
    const k = KIND[code];
    if (k === 3) {
      // ASCII quote: toggles
      if (depth > 0 && norm[openedAt] === '"') depth--;
      else {
        depth++;
        openedAt = i;
      }
      continue;
    }
    if (k === 1) {
      if (depth === 0) openedAt = i;
      depth++;
      continue;
    }
    if (k === 2) {
      if (depth > 0) depth--;
      continue;
    }
    if (depth > 0 && i - openedAt > MAX_NEST) depth = 0;
    if (depth === 0 && sep.has(code)) {
      const s = trim(norm, from, i);
      if (s.end > s.start) out.push(s);
      from = i + 1;
    }
  }
  const s = trim(norm, from, end);
  if (s.end > s.start) out.push(s);
  return out;
}

/** Hard-wrap spans longer than `max` chars at spaces (or every `max` chars) — text without punctuation. */
function wrapLong(norm: string, spans: Span[], max: number): Span[] {
  const out: Span[] = [];
  for (const sp of spans) {
    if (sp.end - sp.start <= max) {
      out.push(sp);
      continue;
    }
    let from = sp.start;
    while (sp.end - from > max) {
      // look back for a space, but only inside this chunk (lastIndexOf would rescan the whole text: quadratic)
      let cut = from + max;
      while (cut > from + max / 4 && norm[cut] !== ' ') cut--;
      if (cut <= from + max / 4) cut = from + max;
      const t = trim(norm, from, cut);
      if (t.end > t.start) out.push(t);
      from = cut;
    }
    const t = trim(norm, from, sp.end);
    if (t.end > t.start) out.push(t);
  }
  return out;
}

const PAR_ADV = '(?:及时|积极|认真|切实|加快|严格|全面|深入|扎实|大力|着力|持续|不断|主动|精准|科学)';
const RE_PAR_ADV = new RegExp(`(?:^|要|必须)${PAR_ADV}`);
const REC = '每(?:月|季度?|半年|年度?|周|旬)[^、,]{0,8}?[一两三]次';
const RE_SPLIT_REC = new RegExp(`、(?=${REC})`, 'g');
const RE_SPLIT_PAR = new RegExp(`、(?=${REC}|${PAR_ADV}[\\u4e00-\\u9fff]{4})`, 'g');
/**
 * "每月研究一次、每季度召开一次…": a 、 before a recurring time word separates actions, not objects; so does a 、
 * between two adverb-led actions ("及时跟踪群众需求、积极探索长效机制").
 */
function splitRecurring(norm: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const sp of spans) {
    let from = sp.start;
    const t = norm.slice(sp.start, sp.end);
    if (!t.includes('、')) {
      out.push(sp);
      continue;
    }
    const re = RE_PAR_ADV.test(t) ? RE_SPLIT_PAR : RE_SPLIT_REC;
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      if (m.index - (from - sp.start) < 6) continue;
      out.push({ start: from, end: sp.start + m.index });
      from = sp.start + m.index + 1;
    }
    out.push({ start: from, end: sp.end });
  }
  return out;
}

// a 分工 label bracket, e.g. "(牵头单位:县发改局;配合单位:…)" or "(县发改局牵头,县财政局配合)"
const LABEL_BRACKET =
  /[(](?:牵头单位|责任单位|牵头部门|责任部门|主责单位|配合单位)[^()]{0,200}(?:[(][^()]{0,20}[)][^()]{0,200})*[)]|[(](?:[^()]|[(][^()]{0,12}[)]){2,80}?(?:牵头|负责)(?:[^()]|[(][^()]{0,12}[)]){0,80}[)]/g;

export function segment(norm: string): Paragraph[] {
  const paras: Paragraph[] = [];
  let pStart = 0;
  for (let i = 0; i <= norm.length; i++) {
    if (i < norm.length && norm[i] !== '\n') continue;
    const line = trim(norm, pStart, i);
    pStart = i + 1;
    if (line.end <= line.start) continue;
    // several 分工 items on one line: each labelled item is its own paragraph
    let from = line.start;
    const text = norm.slice(line.start, line.end);
    if (text.includes('(')) {
      LABEL_BRACKET.lastIndex = 0;
      for (let m = LABEL_BRACKET.exec(text); m; m = LABEL_BRACKET.exec(text)) {
        const e = line.start + m.index + m[0].length;
        if (line.end - e > 4) {
          paras.push(paragraph(norm, trim(norm, from, e)));
          from = e;
        }
      }
    }
    const p = trim(norm, from, line.end);
    if (p.end > p.start) paras.push(paragraph(norm, p));
  }
  return paras;
}

function paragraph(norm: string, p: Span): Paragraph {
  // unpunctuated text: break at runs of spaces, then hard-wrap
  let sents = splitAt(norm, p.start, p.end, SEP_SENTENCE);
  if (
    sents.length === 1 &&
    sents[0].end - sents[0].start > 400 &&
    !/[,、]/.test(norm.slice(sents[0].start, Math.min(sents[0].end, sents[0].start + 400)))
  )
    sents = wrapLong(norm, splitAt(norm, p.start, p.end, SEP_SPACE), 120);
  sents = wrapLong(norm, sents, 1500);
  const sentences: Sentence[] = [];
  for (const s of sents) {
    const clauses: Clause[] = [];
    for (const c of splitRecurring(norm, wrapLong(norm, splitAt(norm, s.start, s.end, SEP_CLAUSE), 300)))
      clauses.push({ start: c.start, end: c.end, text: norm.slice(c.start, c.end) });
    sentences.push({ start: s.start, end: s.end, text: norm.slice(s.start, s.end), clauses });
  }
  return { start: p.start, end: p.end, text: norm.slice(p.start, p.end), sentences };
}
