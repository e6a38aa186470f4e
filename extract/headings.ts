// Titles: numbered headings that set context (and sometimes the subject) for the paragraphs below them.
import { analyseSentence, type ClauseInfo, findMarker, maskQuotes } from './detect.ts';
import { ENUM_RE } from './lexicon.ts';
import type { Paragraph, Sentence } from './segment.ts';
import { isUnitLike, subjectBefore, UnitIndex, type UnitRef, unitList } from './units.ts';

export interface Heading {
  level: number;
  units: UnitRef[] | null;
  text: string;
  directive?: boolean;
}

export function headingLevel(e: string): number {
  if (/^[一二三四五六七八九十]+、/.test(e)) return 1;
  if (/^\(/.test(e)) return 2;
  if (/^\d/.test(e)) return 3;
  return 4;
}

/** "一是全力争创全国文明城x。" inside a paragraph: an enumerated short sentence without commas is a heading. */
export function inlineHeading(s: Sentence, c0: ClauseInfo | undefined, next: Sentence | undefined): boolean {
  return (
    !!c0 &&
    c0.enumLen > 0 &&
    s.clauses.length === 1 &&
    s.text.length - c0.enumLen <= 24 &&
    !/^(?:首先|其次|再次|最后|此外|另外|同时)/.test(s.text) &&
    // a numbered line alone in its paragraph that detectHeading left as a leaf ("1.开展排查。" then "2.…")
    !(!next && LIST_ENUM.test(s.text)) &&
    // a title heads something: the last sentence of its paragraph, or one followed by its next sibling
    // ("二要严格落实“三会一课”制度;三要…"), is an item of a list
    // ("一是要配强村级班子;二是要…" likewise: an item of a run of siblings heads nothing)
    !(
      s.clauses.length === 1 &&
      /^[一二三四五六七八九十](?:是要|要|是)/.test(s.text) &&
      (!next || /^[一二三四五六七八九十](?:要|是)/.test(next.text))
    )
  );
}

export function detectHeading(
  norm: string,
  para: Paragraph,
  s0: Sentence | undefined,
  nextPara?: Paragraph,
  idx: UnitIndex = new UnitIndex(),
): Heading | false {
  if (!s0) return false;
  const e = ENUM_RE.exec(s0.text);
  const rest = e ? s0.text.slice(e[0].length) : s0.text;
  const closed = norm[s0.end] === '。' || norm[s0.end] === ';';
  const single = para.sentences.length === 1;
  const short = rest.length <= 40 && !/[,;]/.test(rest) && !/:.{4,}/.test(rest); // "县发改局:负责…" is a duty, not a title
  // "二要严格落实“三会一课”制度。" on its own line, followed by its sibling (or nothing), is an item of a list;
  // followed by paragraphs that develop it, it is their title
  // "一是要配强班子;二是要…" in one paragraph: followed by its sibling, it is an item as well
  const sibling = /^[一二三四五六七八九十](?:要|是)/;
  const modalItem =
    !!e &&
    /^[一二三四五六七八九十](?:是)?$/.test(e[0].trim()) &&
    closed &&
    (single ? !nextPara || sibling.test(nextPara.text) : sibling.test(para.sentences[1].text));
  // "1.开展矛盾纠纷排查化解。" followed by "2.…" (or by a higher heading, or by nothing): a title heads paragraphs that
  // develop it; a numbered line with nothing under it is a leaf — an item of the list
  const leaf = !!e && closed && single && leafItem(e[0], nextPara?.text);
  const isHead =
    (e && !/^(?:首先|其次|再次|最后|此外|另外|同时)/.test(e[0]) && short && !modalItem && !leaf) ||
    (single &&
      !closed &&
      rest.length <= 30 &&
      !/[,;:]/.test(rest) &&
      !/[。!?]$/.test(para.text) &&
      !findMarker(maskQuotes(rest)));
  if (!isHead) return false;
  const info = analyseSentence({ ...s0, clauses: [{ start: s0.start, end: s0.end, text: s0.text }] })[0];
  let units: UnitRef[] | null = null;
  if (info.marker) {
    const u = subjectBefore(norm, s0, s0.start + info.marker.at, idx);
    if (u && u !== 'audience') units = u;
  }
  // "一、各乡镇人民政府" / "二、县水利局": a section addressed to a party — what follows is theirs
  const bare = rest.replace(/[:。]$/, '');
  if (!units && e && isUnitLike(bare, idx)) {
    const at = s0.start + e[0].length;
    units = unitList(norm, at, at + bare.length, idx);
  }
  return { level: e ? headingLevel(e[0]) : 1, units, text: s0.text, directive: !!info.marker };
}

/**
 * "今天的会议有四项议程。" / "会议共三个环节:" followed by "一是大会述职;二是大会测评;…": the enumerated paragraph lists
 * the meeting's agenda, not work to assign (even an item with a subject and a verb, "三是市委领导讲话").
 */
export function agendaList(prev: string, text: string): boolean {
  return AGENDA_RE.test(prev) && AGENDA_ITEM_RE.test(text);
}
// a counted agenda ("四项议程", "三个环节") — a bare "环节" is as often a weak link ("薄弱环节") as a meeting step
export const AGENDA_RE =
  /(?:[一二三四五六七八九十两几\d]+(?:项|个)|以下|下列)(?:议程|议题|环节)|(?:会议|大会)议程|议程(?:如下|是|为)/;
export const AGENDA_ITEM_RE = /^(?:[一二三四五六七八九十](?:是|、)|[(][一二三四五六七八九十][)]|\d[.、])/;

const EVENT_DATE =
  /^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|近日|日前|连日来|今天|昨天)/;
/**
 * "4月22日,县政府召开专题会议,就…进行督办" / "5月10日上午,李明带队到各乡镇督导夏粮收购": the text retells a meeting or
 * a visit — what happened, on the day it happened; its date is not a time limit for what follows.
 */
export function narrative(text: string): boolean {
  return (
    /(?:主持)?召开[^,。;]{0,24}会|举行[^,。;]{0,24}(?:会|仪式)/.test(text) ||
    (EVENT_DATE.test(text) && /带队|率队|深入|莅临|调研|视察|督导|走访|察看|实地查看|检查指导/.test(text))
  );
}

const LIST_ENUM =
  /^(?:[一二三四五六七八九十]{1,3}、|[(][一二三四五六七八九十]{1,3}[)]|\d{1,3}(?:[.．](?!\d)|、)|[(]\d{1,2}[)]|[①-⑳])/;
function listLevel(e: string): number {
  if (/^[一二三四五六七八九十]/.test(e)) return 1;
  if (/^[(][一二三四五六七八九十]/.test(e)) return 2;
  if (/^\d/.test(e)) return 3;
  return 4; // (1) ①
}
/** Is a numbered line whose next paragraph is `next` a leaf (next is its sibling or a higher heading, or none)? */
function leafItem(e: string, next: string | undefined): boolean {
  const m = LIST_ENUM.exec(e);
  if (!m) return false;
  if (next === undefined) return true;
  const n = LIST_ENUM.exec(next);
  return !!n && listLevel(n[0]) <= listLevel(m[0]);
}

/**
 * "一要咬定目标不放松,完美收官。县政府目标办要…": an enumerated opening sentence whose paragraph then assigns the work to
 * named units is the point's title (not when its sibling follows: then it is an item of a list).
 */
export function titleFirst(norm: string, analysed: { s: Sentence; info: ClauseInfo[] }[], idx: UnitIndex): boolean {
  return (
    analysed.length > 1 &&
    analysed[0].info[0].enumLen > 0 &&
    !/^[一二三四五六七八九十](?:要|是)/.test(analysed[1].s.text) &&
    !analysed[0].info.some((c) => c.clause !== analysed[0].info[0].clause && c.marker) &&
    analysed
      .slice(1)
      .some(({ info }) =>
        info.some(
          (c) =>
            c.marker &&
            !c.reported &&
            c.marker.at >= 2 &&
            Array.isArray(subjectBefore(norm, c.clause, c.clause.start + c.marker.at, idx)),
        ),
      )
  );
}
