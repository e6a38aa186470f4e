// The prose pass: paragraph by paragraph, sentence by sentence, find directives and cut them into tasks.
import type { Ymd } from './calendar.ts';
import { findDeadlines, pickDeadline, type FoundDeadline } from './deadline.ts';
import {
  analyseSentence,
  findMarker,
  isLogistics,
  maskQuotes,
  RE_METRIC,
  RE_MILESTONE_CLAUSE,
  splitTasks,
  type ClauseInfo,
} from './detect.ts';
import { type DocCtx, type Draft, shift } from './draft.ts';
import { ACTION_VERBS, CONTINUE_RE, ENUM_RE, IMPERATIVE_ADV, PAST_RE } from './lexicon.ts';
import type { Paragraph, Sentence } from './segment.ts';
import { isUnitLike, type LabelUnits, subjectBefore, UnitIndex, type UnitRef, unitList } from './units.ts';

type Mode = 'neutral' | 'review' | 'directive';
const RE_ADV = new RegExp(`^${IMPERATIVE_ADV}`);
const PAST_RE_G = new RegExp(PAST_RE.source, 'g');
const RE_STRICT = new RegExp(`^(?:${IMPERATIVE_ADV}){0,3}(?:地)?(?:${ACTION_VERBS})`);
const RE_LEADIN =
  /^(?:在此基础上|在[^,]{1,12}(?:基础上|过程中|前提下)|同时|此外|另外|为此|对此|与此同时|按照[^,]{1,20}|根据[^,]{1,20}|围绕[^,]{1,20}|结合[^,]{1,20}|针对[^,]{1,20})$/;
const RE_ACTION_HEAD = new RegExp(`^(?:${IMPERATIVE_ADV})*(?:${ACTION_VERBS})`);
const SUBJ_TIME =
  '(?:都|也|还|均|各自?|至少|力争|分别|每个[^,]{1,3}?|每年|每季度|每月|每半年|定期|今年|年内|[\\d一二三四五六七八九十]{1,2}月(?:底|末|份)?(?:前|之前)?|\\s*\\d{1,2}\\s*日(?:前|之前)?)*';
const RE_SUBJ_ACTION = new RegExp(`^(.{2,24}?)${SUBJ_TIME}(?=(?:${IMPERATIVE_ADV})*(?:${ACTION_VERBS}|策划|抓好))`);
/** "党支部每月对党员进行一次打分": subject, time, then 对/向…进行 (tried only when the clause has such a verb) */
const RE_SUBJ_DUI = new RegExp(
  `^(.{2,24}?)${SUBJ_TIME}(?=(?:对|向|按|为)[^,]{1,30}?(?:进行|实行|开展|实施|给予|作出))`,
);
/** "每个基层党委(党组、工委)至少打造x个…" / "xx区、xxx各策划3个": a unit subject directly followed by an action verb. */
function actionSubject(norm: string, c: ClauseInfo, idx: UnitIndex): UnitRef[] | null {
  // "由镇党建办公室每月25日前…考核": 由 introduces the doer
  const by = /^由/.test(c.masked) ? 1 : 0;
  const t = by ? c.masked.slice(1) : c.masked;
  return (
    subjectOf(norm, c, idx, by, RE_SUBJ_ACTION.exec(t)) ??
    (/进行|实行|开展|实施|给予|作出/.test(t) ? subjectOf(norm, c, idx, by, RE_SUBJ_DUI.exec(t)) : null)
  );
}
function subjectOf(
  norm: string,
  c: ClauseInfo,
  idx: UnitIndex,
  by: number,
  m: RegExpExecArray | null,
): UnitRef[] | null {
  // 组织开展…, 取消社区…, 加快出口区…: a phrase opening with a verb or adverb is not a subject
  if (
    !m ||
    RE_ACTION_HEAD.test(m[1]) ||
    RE_ADV.test(m[1]) ||
    /^(?:动员|引导|鼓励|支持|帮助|推动|组织|确保|对|在|把|将|让|使|与|和|同|向|为|从|由|给|跟|于|以|按)/.test(m[1])
  )
    return null;
  if (
    !idx.has(m[1]) &&
    !/^(?:各|每|全|其他|其它|[xX])|(?:局|委|办|部|镇|县|区|乡|街道|中心|公司|集团|党委|党组|政府|单位|部门|办公室|小组|(?<=[县市区省])财政)$/.test(
      m[1].replace(/(?:都|也|还|均|各自?|至少|力争|分别)+$/, ''),
    )
  )
    return null;
  const u = subjectBefore(
    norm,
    { start: c.clause.start + by, end: c.clause.end },
    c.clause.start + by + m[1].length,
    idx,
  );
  return u && u !== 'audience' ? u : null;
}
const ROLE_RE = /^(?:主要|分管|相关)?(?:领导|负责人|负责同志)$|^一把手$|^主要领导同志$/;
const SANCTION = /^(?:对[^,]{0,20})?(?:实行|予以|进行|严肃|给予)?(?:问责|追责|追究|处理|通报批评|约谈|扣分|一票否决)/;

/**
 * "请以上责任单位加快…" / "请各乡镇…": the units addressed by 请. 以上/上述 refers back to the units named earlier in
 * the sentence ("由县民政局负责的第1件、县发改局负责的第4件…").
 */
function addressee(norm: string, c: ClauseInfo, sentStart: number, idx: UnitIndex): UnitRef[] | null {
  const at = c.clause.start + c.marker!.at;
  if (norm[at] !== '请') return null;
  // the marker spans the addressee (see STRONG_RE), so the exhortation test sees only what is asked
  const m = ['', norm.slice(at + 1, at + c.marker!.len)];
  if (!m[1]) return null;
  if (!/^(?:以上|上述)/.test(m[1])) return unitList(norm, at + 1, at + 1 + m[1].length, idx);
  const out: UnitRef[] = [];
  const before = norm.slice(sentStart, at);
  for (const r of before.matchAll(/([^,、。;由的]{2,16}?)(?:负责|牵头)的/g)) {
    const start = sentStart + r.index! + r[0].indexOf(r[1]);
    if (isUnitLike(r[1], idx)) out.push({ start, end: start + r[1].length });
  }
  return out.length ? out : null;
}

/** Concrete objects: a task that opens with an exhortation but names one of these is still actionable. */
const CONCRETE_RE =
  /制度|机制|清单|办法|方案|规划|计划|平台|项目|工程|台账|专项|活动|行动|检查|督查|考核|会议|培训|资金|设施|队伍|班子|规定|条例|名单|档案|系统/;
const MEANS_ONLY =
  /^(?:[^,]{0,12}?(?:要|必须|应当))?(?:努力|始终|切实|认真|严格|积极|进一步)?(?:按照|根据|围绕|结合|紧紧围绕|立足|会同)[^,]{0,20}$/;
interface Heading {
  level: number;
  units: UnitRef[] | null;
  text: string;
  directive?: boolean;
}

function headingLevel(e: string): number {
  if (/^[一二三四五六七八九十]+、/.test(e)) return 1;
  if (/^\(/.test(e)) return 2;
  if (/^\d/.test(e)) return 3;
  return 4;
}

/** Directives found in running text (everything except 分工 table rows and label-only lines). */
export function prosePass(doc: DocCtx): Draft[] {
  const { norm, paras, ref, refStr, idx, labels, skip } = doc;
  const meeting = doc.genre === 'minutes';
  const drafts: Draft[] = [];
  const headings: Heading[] = [];
  let mode: Mode = 'neutral';
  // "各乡镇党委要重点抓好以下工作:" on a line of its own gives its units to the numbered paragraphs below it
  let governing: UnitRef[] | null = null;
  let governingNext: UnitRef[] | null = null;
  for (let pi = 0; pi < paras.length; pi++) {
    const para = paras[pi];
    if (skip[pi]) continue;
    if (governingNext) governing = governingNext;
    else if (!ENUM_RE.test(para.text)) governing = null;
    governingNext = null;
    const label = labels[pi];
    let sentences = para.sentences;
    const head = !label && detectHeading(norm, para, sentences[0], paras[pi + 1]);
    if (head) {
      while (headings.length && headings[headings.length - 1].level >= head.level) headings.pop();
      headings.push(head);
      sentences = sentences.slice(1);
    }
    const analysed = sentences.map((s) => ({ s, info: analyseSentence(s, meeting), logistics: isLogistics(s) }));
    const strong = analysed.some(
      ({ logistics, info }) => !logistics && info.some((c) => c.marker && !c.reported && !c.past),
    );
    const pastCount = (maskAll(analysed).match(PAST_RE_G) ?? []).length;
    const strongCount = analysed.reduce(
      (n, { logistics, info }) => n + (logistics ? 0 : info.filter((c) => c.marker && !c.reported && !c.past).length),
      0,
    );
    const review = pastCount >= 3 && pastCount >= 2 * strongCount; // narrative of past work, even if a 要 slips in
    if ((strong && !review) || (head !== false && head.directive)) mode = 'directive';
    else if (pastCount >= 2) mode = 'review';

    const headingUnits = [...headings].reverse().find((h) => h.units)?.units ?? null;
    const headingText = headings.map((h) => h.text).join(' / ') || undefined;
    let paraSubject: UnitRef[] | null = null;
    let paraDeadline: FoundDeadline | null = null;
    let prevQuestion = false;
    // enumerated items (一是/二是, 一要/二要) each inherit the subject that preceded the enumeration, not each other's
    let enumBase: UnitRef[] | null | undefined;
    // "一要咬定目标不放松,完美收官。县政府目标办要…": an enumerated opening sentence whose paragraph then assigns
    // the work to named units is the point's title
    const topicFirst =
      !label &&
      analysed.length > 1 &&
      analysed[0].info[0].enumLen > 0 &&
      !analysed[0].info.some((c) => c.clause !== analysed[0].info[0].clause && c.marker) &&
      analysed
        .slice(1)
        .some(({ info }) =>
          info.some(
            (c) =>
              c.marker &&
              !c.reported &&
              Array.isArray(subjectBefore(norm, c.clause, c.clause.start + c.marker.at, idx)),
          ),
        );
    for (let si = 0; si < analysed.length; si++) {
      const { s, info, logistics } = analysed[si];
      const next = analysed[si + 1]?.s;
      if (topicFirst && si === 0) continue;
      // "…并要求:1.定机制,明目标。" / "冉德龙强调,一要聚焦主导产业。": a run of short enumerated phrases closing a sentence
      // is a point's title; the subject said before it does not carry into the point
      const tail = info.findIndex((c) => c.enumLen > 0);
      const phrase = (c: ClauseInfo) =>
        !/[“"《]/.test(c.masked) && c.masked.slice(c.enumLen).replace(/^要/, '').length <= 6;
      if (
        tail >= 0 &&
        info.length - tail <= 3 &&
        info.slice(tail).every(phrase) &&
        (tail > 0 || (next !== undefined && !ENUM_RE.test(next.text)))
      ) {
        for (const c of info.slice(tail)) c.reported = true;
        paraSubject = null;
        enumBase = undefined;
        if (tail === 0) continue;
      }
      if (/^(?:[一二三四五六七八九十](?:是|要)|[(][一二三四五六七八九十][)]|第[一二三四五六七八九十])/.test(s.text)) {
        if (enumBase === undefined) enumBase = paraSubject;
        else paraSubject = enumBase;
      }
      // "人生地不熟怎么办?发动一切资源对接…": the answer to a rhetorical question narrates, it does not instruct
      const answer = prevQuestion;
      prevQuestion = norm[s.end] === '?';
      if (answer && !info.some((c) => c.marker && !c.reported)) continue;
      // "做好安全防范工作…,对…大局意义重大": a statement of importance, not an instruction
      if (!info.some((c) => c.marker) && /(?:意义重大|至关重要|十分重要|尤为重要|极为重要|关系重大)$/.test(s.text))
        continue;
      // a meeting report narrates its meeting ("4月22日,县政府召开专题会议,就…进行督办"): no directive, no deadline
      if (meeting && /召开|举行|主持|作出[^,。]{0,4}部署/.test(s.text) && !info.some((c) => c.marker && !c.reported))
        continue;
      // "各乡镇党委要重点抓好以下工作:" closing its paragraph: its subject governs the numbered paragraphs below
      if (/:$/.test(s.text) && s.end >= para.end) {
        const mc = info.find((c) => c.marker && !c.reported);
        const u = mc && subjectBefore(norm, mc.clause, mc.clause.start + mc.marker!.at, idx);
        if (Array.isArray(u)) governingNext = u;
      }
      // "(一)夯实数字基础设施。加快推进…" — an item title is context even in a labelled item (unless it is the whole item)
      if (
        logistics ||
        (inlineHeading(s, info[0], next) &&
          (!label || analysed.some((x) => x.s.start > s.end && x.s.start < label.start)))
      )
        continue;
      // a question ends the sentence: its last clause is not an instruction (…收入怎么用?)
      if (norm[s.end] === '?') {
        if (info.length === 1) continue;
        info[info.length - 1].reported = true;
      }
      // sentence-level subject from "作为X," or "X是…"
      let sentSubject: UnitRef[] | null | 'audience' = null;
      const c0 = info[0];
      // "就创建国家义务教育均衡发展县,叶庆隆要求,…": a new topic; the subject of the last one does not carry over
      if (/^就[^,]{2,40}$/.test(c0.masked) && !c0.marker) {
        paraSubject = null;
        enumBase = undefined;
      }
      const asRole = /^作为(.{2,16})$/.exec(c0.clause.text);
      if (asRole && isUnitLike(asRole[1], idx)) sentSubject = [{ start: c0.clause.start + 2, end: c0.clause.end }];
      const isX = /^(.{2,16}?)是/.exec(c0.masked);
      if (
        !sentSubject &&
        isX &&
        /^(?:各|全|每|所有)/.test(isX[1]) &&
        isUnitLike(isX[1], idx) &&
        info.some((c) => c.marker)
      )
        sentSubject = [{ start: c0.clause.start, end: c0.clause.start + isX[1].length }];
      // "(一)县发改局:负责统筹协调…" — a unit followed by a colon is the subject of what follows
      const colon = c0.clause.text.slice(c0.enumLen);
      if (!sentSubject && info.length > 1 && norm[c0.clause.end] === ':' && isUnitLike(colon, idx))
        sentSubject = [{ start: c0.clause.start + c0.enumLen, end: c0.clause.end }];
      if (sentSubject) paraSubject = sentSubject;

      // a sentence-initial time clause ("春节即将来临," "今年上半年,") sets the time context
      const dl0 = findDeadlines(c0.clause.text, ref);
      let sentDeadline: FoundDeadline | null = null;
      if (dl0.length && c0.clause.text.length - (dl0[0].end - dl0[0].start) <= 6 && !c0.marker) {
        sentDeadline = shift(dl0[0], c0.clause.start);
        if (s === analysed[0]?.s) paraDeadline = sentDeadline;
      }

      if (mode !== 'review')
        for (const c of info) if (!c.marker && !c.past && !c.reported) c.subjAction = !!actionSubject(norm, c, idx);
      let prepended: boolean | number = false;
      let first = info.findIndex((c) => c.marker && !c.reported && !(c.past && !/^要/.test(c.masked.slice(c.enumLen))));
      const sentPast = info.some((c) => c.past);
      // "…的乡镇,县人民政府将实行问责": a sanction announced for a condition is a consequence, not an assignment
      const fm = first >= 0 ? info[first] : null;
      if (fm?.marker && fm.masked[fm.marker.at] === '将' && SANCTION.test(fm.masked.slice(fm.marker.at + 1))) continue;
      // "到2025年,全县…覆盖率达到80%以上": a dated quantified goal is a task even without a modal
      if (
        first < 0 &&
        !sentPast &&
        sentDeadline &&
        (sentDeadline.to ?? '') >= refStr &&
        info.some((c) => RE_METRIC.test(c.masked))
      )
        first = info.findIndex((c) => RE_METRIC.test(c.masked));
      // a past-tense clause after the directive one: a narrative (…应该区别对待,…就组织了高铁专列)
      if (first >= 0 && info.slice(first + 1).some((c) => c.past && !c.marker)) continue;
      if (first > 0 && RE_MILESTONE_CLAUSE.test(info[0].masked) && !info[0].past) first = 0;
      if (first < 0) {
        const i0 = info.findIndex((c) => !c.reported && c.masked.length - c.enumLen > 1);
        // 在此基础上,区分轻重缓急,统筹考虑… / 对查实…的,依纪依法严肃处理: the imperative may follow a lead-in,
        // a condition, an object clause or a short clause; the task still starts at the first clause
        let lead = false;
        const isAct = (c: ClauseInfo) => c.imperative || !!c.subjAction;
        if (i0 >= 0 && !isAct(info[i0])) {
          const k = info.findIndex((c, j) => j > i0 && j <= i0 + 2 && isAct(c));
          lead =
            k > 0 &&
            info
              .slice(i0, k)
              .every(
                (c) =>
                  !c.past &&
                  !c.reported &&
                  (c.condition ||
                    RE_LEADIN.test(c.masked.slice(c.enumLen)) ||
                    /^对/.test(c.masked) ||
                    c.masked.length <= 8),
              );
        }
        const c = lead ? info.find((x, j) => j > i0 && isAct(x))! : info[i0];
        const ok =
          c &&
          !sentPast &&
          isAct(c) &&
          !info.some((x) => /是|在于|等于/.test(x.masked)) &&
          !inlineHeading(s, c, next) &&
          (label ||
            mode === 'directive' ||
            (mode === 'neutral' && (c.enumLen > 0 || !!c.subjAction || RE_ADV.test(c.masked.slice(c.enumLen)))));
        if (!ok && !(label && c)) continue;
        first = i0;
        if (lead) prepended = info.indexOf(c) - i0;
      }
      if (label)
        first = Math.max(
          0,
          info.findIndex((c) => !c.reported),
        );
      while (
        first > 0 &&
        /^(?:对|针对)/.test(info[first - 1].masked) &&
        !/是/.test(info[first - 1].masked) &&
        !info[first - 1].past &&
        !info[first - 1].reported
      ) {
        first--;
        prepended = true;
      }

      // "今年,要在…全面推开": a bare time clause before a subjectless modal opens the task
      if (
        first === 1 &&
        sentDeadline &&
        info[1].marker &&
        !subjectBefore(norm, info[1].clause, info[1].clause.start + info[1].marker.at, idx)
      ) {
        first = 0;
        prepended = true;
      }
      let sentUnits: UnitRef[] | null = sentSubject;
      let lastDeadline: FoundDeadline | null = sentDeadline;
      for (const [a, b] of splitTasks(info, first, prepended)) {
        const cls = info.slice(a, b + 1);
        // numbering ("3." "(三)" "二、") is structure, not part of the task text; 一要/首先要 carry the modal and stay
        const num =
          /^(?:\d{1,2}[.、)]|[(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十]{1,3}、|[①-⑳])\s*/.exec(
            cls[0].clause.text,
          );
        const start = cls[0].clause.start + (num && num[0].length < cls[0].clause.text.length ? num[0].length : 0),
          end = cls[cls.length - 1].clause.end;
        if (label && start >= label.start) continue;
        // units: explicit subject of the first clause with a marker, 会同 partners, "X负责"
        let units: UnitRef[] = [],
          coop: UnitRef[] = [],
          source: Draft['source'] = 'none';
        const mc = cls.find((c) => c.marker);
        const subj = mc
          ? (addressee(norm, mc, s.start, idx) ?? subjectBefore(norm, mc.clause, mc.clause.start + mc.marker!.at, idx))
          : null;
        const sa = cls.find((c) => c.subjAction);
        const subjA = !mc && !subj && sa ? actionSubject(norm, sa, idx) : null;
        if (subjA) {
          units = subjA;
          sentUnits = subjA;
          source = 'explicit';
        } else if (subj === 'audience') {
          sentUnits = [];
          paraSubject = [];
          source = 'explicit';
        } else if (subj) {
          units = subj;
          // "各地区、各部门要…,主要领导要亲自抓": the leaders of the units named are not a new subject for what follows
          const role = subj.every((u) => ROLE_RE.test(norm.slice(u.start, u.end)));
          if (!(role && sentUnits?.length)) {
            sentUnits = subj;
            paraSubject = subj;
          }
          source = 'explicit';
        }
        if (mc) coop = partners(norm, mc, idx);
        // "县发改局牵头,县财政局、县自然资源局配合,…": a clause naming the cooperating units
        for (const c of cls) {
          const m = /^([^,]{2,60}?)(?:等(?:有关)?(?:部门|单位))?(?:配合|协助|参与|协同配合|共同参与)$/.exec(c.masked);
          if (m) coop = [...coop, ...unitList(norm, c.clause.start, c.clause.start + m[1].length, idx)];
        }
        // 规上工业增加值增长10%以上: a metric clause has its own topic and inherits no unit
        if (source === 'none' && !cls[0].marker && RE_METRIC.test(cls[0].masked)) source = 'none';
        else if (source === 'none') {
          if (sentUnits) {
            units = sentUnits;
            source = units.length ? 'explicit' : 'none';
          } else if (paraSubject) {
            units = paraSubject;
            source = units.length ? 'paragraph' : 'none';
          } else if (governing && cls[0].enumLen > 0) {
            units = governing;
            source = 'paragraph';
          } else if (headingUnits) {
            units = headingUnits;
            source = 'heading';
          }
        }
        // "我们需要做的就是坚定信心、下定决心,持续抓好…": drop the exhortation, keep the imperative after it
        let body = cls,
          tStart = start;
        if (
          cls.length > 1 &&
          cls[0].exhort &&
          RE_STRICT.test(cls[1].masked) &&
          !cls[1].exhort &&
          !CONTINUE_RE.test(cls[1].masked)
        ) {
          body = cls.slice(1);
          tStart = body[0].clause.start;
        }
        // the clause that carries the action: skip conditions, lead-ins and means-only clauses (各级各部门要按照…要求,)
        // ("对合作意向不强的要抓紧转换思路": a condition clause that goes on to the action carries it)
        const carries = (c: ClauseInfo) =>
          (!c.condition || (!!c.marker && c.masked.length - c.marker.at - c.marker.len >= 4)) &&
          !RE_LEADIN.test(c.masked) &&
          !MEANS_ONLY.test(c.masked);
        const lead =
          body.find((c) => c.marker && carries(c)) ?? body.find((c) => carries(c) && c.masked.length > 4) ?? body[0];
        const exhort =
          body.every((c) => c.exhort || (c.condition && /的$/.test(c.masked))) ||
          (lead.exhort && !body.some((c) => c !== lead && CONCRETE_RE.test(c.masked)));
        // only idioms or means: 站在高处,想在远处,干在实处 / 以结果论英雄,以效能见高下
        const content = (c: ClauseInfo) =>
          c.marker ? c.masked.slice(c.marker.at + c.marker.len) : c.masked.slice(c.enumLen);
        const hollow =
          body.length >= 3 &&
          body.every((c) => c.exhort || content(c).length <= 4 || /^以[^,]{1,12}[为见论]/.test(content(c)));
        // "全县组织系统要在三个方面下功夫:一要…": the lead-in of a list governs it and is not a task of its own
        const leadIn =
          norm[end] === ':' && (ENUM_RE.test(norm.slice(end + 1, end + 4).trimStart()) || end + 1 >= para.end);
        if (leadIn && units.length && end + 1 >= para.end) governingNext = units;
        if (exhort || hollow || leadIn || end - tStart < 4) continue;
        // deadline: own phrase, else inherited from earlier in the sentence or the paragraph's time clause
        const own = pickDeadline(findDeadlines(norm.slice(tStart, end), ref).map((d) => shift(d, tStart)));
        const deadline = own ?? lastDeadline ?? paraDeadline;
        if (own && own.kind !== 'asap' && own.kind !== 'open') lastDeadline = own;
        const why: Draft['why'] = mc
          ? 'modal'
          : subjA
            ? 'subject'
            : RE_MILESTONE_CLAUSE.test(body[0].masked)
              ? 'milestone'
              : RE_METRIC.test(body[0].masked)
                ? 'target'
                : body[0].enumLen > 0
                  ? 'numbered'
                  : 'imperative';
        const d: Draft = {
          start: tStart,
          end,
          units,
          coop,
          source,
          deadline,
          heading: headingText,
          kind: 'prose',
          why,
        };
        if (label) applyLabel(d, label, ref, norm);
        drafts.push(d);
      }
    }
  }
  return drafts;
}

/** "一是全力争创全国文明城x。" inside a paragraph: an enumerated short sentence without commas is a heading. */
function inlineHeading(s: Sentence, c0: ClauseInfo | undefined, next: Sentence | undefined): boolean {
  return (
    !!c0 &&
    c0.enumLen > 0 &&
    s.clauses.length === 1 &&
    s.text.length - c0.enumLen <= 24 &&
    !/^(?:首先|其次|再次|最后|此外|另外|同时)/.test(s.text) &&
    // a title heads something: the last sentence of its paragraph, or one followed by its next sibling
    // ("二要严格落实“三会一课”制度;三要…"), is an item of a list
    !(
      s.clauses.length === 1 &&
      /^[一二三四五六七八九十]要/.test(s.text) &&
      (!next || /^[一二三四五六七八九十](?:要|是)/.test(next.text))
    )
  );
}

function maskAll(analysed: { info: ClauseInfo[] }[]): string {
  return analysed.map(({ info }) => info.map((c) => c.masked).join(',')).join('。');
}

function applyLabel(d: Draft, l: LabelUnits, ref: Ymd, norm: string) {
  if (l.lead.length) {
    d.units = l.lead;
    d.source = 'label';
  }
  if (l.coop.length) d.coop = l.coop;
  if (l.due) {
    // the item's 完成时限 label outranks time words inside the task text
    const due = l.due;
    const dl = pickDeadline(findDeadlines(norm.slice(due.start, due.end), ref));
    d.deadline = dl
      ? shift(dl, due.start)
      : { text: '', from: null, to: null, kind: 'asap', start: due.start, end: due.end };
  }
  d.label = true;
}

/** 会同/联合/配合 partners right after the modal: 县委组织部要会同县委政研室、县扶贫办,研究… */
function partners(norm: string, c: ClauseInfo, idx: UnitIndex): UnitRef[] {
  const after = c.clause.start + c.marker!.at + c.marker!.len;
  // 协调/商 are verbs of their own (统筹协调全县…), so only 会同/联合/协同/配合 introduce partners
  const m = /^(?:[^,;]{0,4}?)(会同|联合|协同|配合)/.exec(norm.slice(after, c.clause.end));
  if (!m) return [];
  const from = after + m[0].length;
  return unitList(norm, from, c.clause.end, idx);
}

function detectHeading(norm: string, para: Paragraph, s0: Sentence | undefined, nextPara?: Paragraph): Heading | false {
  if (!s0) return false;
  const e = ENUM_RE.exec(s0.text);
  const rest = e ? s0.text.slice(e[0].length) : s0.text;
  const closed = norm[s0.end] === '。' || norm[s0.end] === ';';
  const single = para.sentences.length === 1;
  const short = rest.length <= 40 && !/[,;]/.test(rest) && !/:.{4,}/.test(rest); // "县发改局:负责…" is a duty, not a title
  // "二要严格落实“三会一课”制度。" on its own line, followed by its sibling (or nothing), is an item of a list;
  // followed by paragraphs that develop it, it is their title
  const modalItem =
    !!e &&
    /^[一二三四五六七八九十]$/.test(e[0].trim()) &&
    closed &&
    single &&
    (!nextPara || /^[一二三四五六七八九十](?:要|是)/.test(nextPara.text));
  const isHead =
    (e && !/^(?:首先|其次|再次|最后|此外|另外|同时)/.test(e[0]) && short && !modalItem) ||
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
    const u = subjectBefore(norm, s0, s0.start + info.marker.at, new UnitIndex());
    if (u && u !== 'audience') units = u;
  }
  return { level: e ? headingLevel(e[0]) : 1, units, text: s0.text, directive: !!info.marker };
}
