// The prose pass: paragraph by paragraph, sentence by sentence, find directives and cut them into tasks.
import { findDeadlines, pickDeadline, type FoundDeadline } from './deadline.ts';
import {
  analyseSentence,
  type ClauseInfo,
  isLogistics,
  opensAction,
  RE_METRIC,
  RE_MILESTONE_CLAUSE,
  splitTasks,
} from './detect.ts';
import { applyLabel, type DocCtx, type Draft, shift } from './draft.ts';
import {
  AGENDA_ITEM_RE,
  AGENDA_RE,
  agendaList,
  detectHeading,
  titleFirst,
  narrative,
  type Heading,
  inlineHeading,
} from './headings.ts';
import {
  ACTION_VERBS,
  CONCRETE_RE,
  CONTINUE_RE,
  ENUM_RE,
  IMPERATIVE_ADV,
  MEANS_ONLY,
  PAST_RE,
  RE_LEADIN,
} from './lexicon.ts';
import { actionSubject, addressee, goalLead, partners, ROLE_RE, SANCTION, topicSubject } from './subjects.ts';
import { isUnitLike, subjectBefore, type UnitRef, unitList } from './units.ts';

type Mode = 'neutral' | 'review' | 'directive';
const RE_ADV = new RegExp(`^${IMPERATIVE_ADV}`);
const PAST_RE_G = new RegExp(PAST_RE.source, 'g');
const RE_STRICT = new RegExp(`^(?:${IMPERATIVE_ADV}){0,3}(?:地)?(?:${ACTION_VERBS})`);
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
    if (skip[pi] || (pi > 0 && agendaList(paras[pi - 1].text, para.text))) continue;
    if (governingNext) governing = governingNext;
    else if (!ENUM_RE.test(para.text)) governing = null;
    governingNext = null;
    const label = labels[pi];
    let sentences = para.sentences;
    const head = !label && detectHeading(norm, para, sentences[0], paras[pi + 1], idx);
    if (head) {
      while (headings.length && headings[headings.length - 1].level >= head.level) headings.pop();
      headings.push(head);
      sentences = sentences.slice(1);
    }
    // "本次会议有三项议程:一是…;二是…": the items after a counted agenda in the same paragraph are its steps
    const agenda = sentences.findIndex((s) => AGENDA_RE.test(s.text));
    const analysed = sentences.map((s, i) => ({
      s,
      info: analyseSentence(s, meeting),
      logistics: isLogistics(s) || (agenda >= 0 && i > agenda && AGENDA_ITEM_RE.test(s.text)),
    }));
    const strong = analysed.some(
      ({ logistics, info }) => !logistics && info.some((c) => c.marker && !c.reported && !c.past),
    );
    const masked = analysed.map(({ info }) => info.map((c) => c.masked).join(',')).join('。');
    const pastCount = (masked.match(PAST_RE_G) ?? []).length;
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
    const topicFirst = !label && titleFirst(norm, analysed, idx);
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
        info.slice(tail).filter((c) => c.enumLen > 0).length < 2 && // 一要A,二要B: items of a list, not one title
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
      // (in any genre: a notice or a speech retells its meetings and visits too — "5月10日,李明带队到各乡镇督导…")
      if (
        (meeting ? /召开|举行|主持|作出[^,。]{0,4}部署/.test(s.text) : narrative(s.text)) &&
        !info.some((c) => c.marker && !c.reported)
      )
        continue;
      // "各乡镇党委要重点抓好以下工作:" closing its paragraph: its subject governs the numbered paragraphs below
      if (/:$/.test(s.text) && s.end >= para.end) {
        const mc = info.find((c) => c.marker && !c.reported);
        const u = mc && subjectBefore(norm, mc.clause, mc.clause.start + mc.marker!.at, idx);
        if (Array.isArray(u)) governingNext = u;
        else if (mc && norm[mc.clause.start + mc.marker!.at] === '请')
          governingNext = addressee(norm, mc, s.start, idx); // 请各乡镇、县直各部门做好以下工作:
        else if (mc && info.indexOf(mc) === 1) governingNext = topicSubject(info[0].clause, idx); // 对各镇街来说,要…:
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
      sentSubject = topicSubject(c0.clause, idx); // 作为X, / 对X来说,
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
      let goalAt = -1;
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
      // "结合招商计划,确定优先级,制定工作时序,并确保…按时完成": in directive text a run of imperatives before the
      // sentence's modal clause is asked for too (a lead-in such as 结合…/按照… may open it). One clause before the
      // modal is its topic ("建设“两个样板”,必须…"), not a task of its own.
      else if (first >= 2 && mode === 'directive' && !sentPast) {
        const lead = RE_LEADIN.test(info[0].masked) ? 1 : 0;
        if (
          lead < first &&
          info.slice(lead, first).every(opensAction) &&
          info.slice(0, first).every((c) => !c.reported && !c.exhort && c.enumLen === 0 && !/是|在于/.test(c.masked))
        )
          first = 0;
      }
      if (first < 0) {
        const i0 = info.findIndex((c) => !c.reported && c.masked.length - c.enumLen > 1);
        // "各部门以…为目标,推动…": a goal phrase, then the action (reports and 分工 documents write tasks this way)
        const goal = i0 >= 0 && mode !== 'review' && !sentPast ? goalLead(norm, info, i0, idx) : null;
        if (goal?.units) sentSubject = paraSubject = goal.units;
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
          !info.some((x) => /是|在于|等于/.test(x.masked.slice(x.enumLen))) && // (一是 enumerates)
          !inlineHeading(s, c, next) &&
          (label ||
            mode === 'directive' ||
            (mode === 'neutral' && (c.enumLen > 0 || !!c.subjAction || RE_ADV.test(c.masked.slice(c.enumLen)))));
        if (!ok && !goal && !(label && c)) continue;
        first = i0;
        if (goal) {
          prepended = goal.action - i0;
          goalAt = i0;
        } else if (lead) prepended = info.indexOf(c) - i0;
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
          if (!(role && (sentUnits?.length || paraSubject?.length))) {
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
          : goalAt === a
            ? 'goal'
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
