// Directive detection: which clauses demand an action, and where one task ends and the next begins.
import {
  ACTION_VERBS,
  CONTINUE_RE,
  JIANG_NEXT_RE,
  PAST_ASPECT_RE,
  SPLIT_VERBS,
  ENUM_RE,
  IMPERATIVE_ADV,
  LOGISTICS_RE,
  PAST_RE,
  REPORTED_RE,
  SLOGAN_RE,
  STRONG_RE,
  UNIT_SUFFIX_RE,
  VIRTUE_RE,
} from './lexicon.ts';
import type { Clause, Sentence } from './segment.ts';

const YAO_NEXT_NOT = new Set([...'求素点害务义闻件领冲塞员地么职是']);
const YAO_PREV_NOT = new Set([...'重主需纲首必只摘紧机险显提概简扼将快想纪靠']);

/** Replace quoted content “…” / 《…》 with □ (same length): markers inside quotations are not directives. */
export function maskQuotes(t: string): string {
  return t.replace(
    /“[^“”]{0,200}”|《[^《》]{0,100}》|"[^"]{0,200}"|「[^「」]{0,200}」/g,
    (m) => m[0] + '□'.repeat(m.length - 2) + m[m.length - 1],
  );
}

/** Index of the first directive marker (要 as a modal, 必须, 应当, 负责…) in masked text, or -1. */
export function findMarker(masked: string): { at: number; len: number } | null {
  let best: { at: number; len: number } | null = null;
  for (let i = masked.indexOf('要'); i >= 0; i = masked.indexOf('要', i + 1)) {
    if (YAO_NEXT_NOT.has(masked[i + 1]) || YAO_PREV_NOT.has(masked[i - 1]) || /^紧(?:的|事)/.test(masked.slice(i + 1)))
      continue;
    // 不要…: prohibitions in speeches are exhortation; 而要/但要/若要: "if one wants to"; 是要/就是要: definitions
    // 要特别强调 / 要说明: the speaker's own discourse, not an instruction
    if (/^(?:特别|再|着重|重点)?(?:强调|指出|说明|提醒|讲|谈)/.test(masked.slice(i + 1))) return null;
    // 落实主体责任就要…: "to do X one has to…" — a definition, unless the topic is the audience
    if (masked[i - 1] === '就' && i - 1 >= 4 && !/^(?:我们|咱们|大家|各|全)/.test(masked)) return null;
    if (
      masked[i - 1] === '不' ||
      masked[i - 1] === '路' ||
      /^(?:而|但|若|如)$/.test(masked.slice(0, i)) ||
      /(?<![凡一二三四五六七八九十])是/.test(masked.slice(0, i))
    )
      return null; // (一是要… is an enumerator)
    best = { at: i, len: 1 };
    break;
  }
  const m = STRONG_RE.exec(masked);
  if (m && (!best || m.index < best.at)) best = { at: m.index, len: m[0].length };
  const j = masked.indexOf('将');
  if (
    j >= 2 &&
    j <= 16 &&
    (!best || j < best.at) &&
    !masked.slice(0, j).includes(',') &&
    JIANG_NEXT_RE.test(masked.slice(j + 1))
  )
    best = { at: j, len: 1 };
  return best;
}

const RE_IMPERATIVE_START = new RegExp(`^(?:并|同时|还|也|更|再)?(?:${IMPERATIVE_ADV}){0,3}(?:地)?${ACTION_VERBS}`);
const RE_ADV_START = new RegExp(`^${IMPERATIVE_ADV}`);
const RE_ACTION_START = new RegExp(
  `^(?:并|同时|还|也|再)?(?:(?:每(?:月|季度|半年|年度?|周)|定期)[^,]{0,6}?${ACTION_VERBS}|(?:${IMPERATIVE_ADV}){0,3}(?:地)?${SPLIT_VERBS})`,
);
export const RE_MEANS =
  /^(?:要|必须|我们要)?(?:努力|始终|切实|认真|严格|积极|进一步)?(?:聚焦|瞄准|紧扣|按照|根据|围绕|结合|在[^,]{1,16}(?:基础上|前提下|过程中|框架内|领导下)|对|通过|以|为|紧紧围绕|立足|利用|充分利用|采取|运用|借助|会同|联合|协同|商)/;
/** Content of a task so far, without enumerator, subject and modal: too short or only a means phrase → incomplete. */
function incomplete(info: ClauseInfo[], from: number, to: number): boolean {
  const first = info[from];
  if (first.marker && MILESTONE_RE.test(first.masked.slice(0, first.marker.at))) return false;
  const content = first.marker
    ? first.masked.slice(first.marker.at + first.marker.len)
    : first.masked.slice(first.enumLen);
  // means/manner clauses (按照…, 会同…, 利用…) do not make an action by themselves
  const len =
    (RE_MEANS.test(content) ? 0 : content.length) +
    info
      .slice(from + 1, to + 1)
      .reduce(
        (n, c) => n + (RE_MEANS.test(c.masked) || /^(?:尤其是|特别是|其中|包括)/.test(c.masked) ? 0 : c.masked.length),
        0,
      );
  // …,细化任务: a short clause of verb + object still completes the means before it
  const last = info[to];
  if (to > from && len >= 4 && (RE_BARE_LED.test(last.masked) || RE_ADV_LED.test(last.masked))) return false;
  return len < 6;
}

/** A date before the modal makes a short clause a milestone (华侨城项目4月底要开工), not an aphorism. */
const MILESTONE_RE = /\d+月|[一二三四五六七八九十]+月|[上下]半年|年底|年内|季度|春节|\d{4}年/;

const RE_STRONG_SPLIT = new RegExp(
  `^(?:并|同时|还|也|再)?(?:(?:每(?:月|季度|半年|年度?|周)|定期)|(?:${IMPERATIVE_ADV}){0,3}(?:地)?(?:建立|健全|完善|推行|实行|制定|出台|取消|设置|开设|调整|查处|落实|开辟|组建|成立|设立|选拔|拍摄|签订|整合|召开|汇总|报送|收集|摸清|紧盯|识别|细化|督促|明确))`,
);
const RE_MEANS_FOR =
  /^(?:以[^,]{1,20}为(?:重点|抓手|突破口|主线|核心|契机|引领|导向|目标|载体|切入点)|按照[^,]{1,24}|结合[^,]{1,20}|围绕[^,]{1,20})$/;
/** Does an action clause follow the run of means clauses starting at i? */
function nextAction(info: ClauseInfo[], i: number): boolean {
  let j = i;
  while (j < info.length && RE_MEANS_FOR.test(info[j].masked)) j++;
  return (
    j < info.length &&
    (RE_ACTION_START.test(info[j].masked) || RE_BARE_LED.test(info[j].masked) || RE_ADV_LED.test(info[j].masked))
  );
}
const EXTRA_VERBS =
  '整合|摸清|识别|办好|争跑|汇总|报送|收集|整理|归类|确定|细化|学习|传达|总结|探索|消除|紧盯|摸排|盘活|培树|执行|督促|提出|对接|跟踪|监测|储备|演练|宣传|治理|监管|招商引资|落地';
const ADV_LEAD =
  '(?:加快|严格|认真|积极|扎实|全力|大力|深入|全面|进一步|稳步|有序|统筹|充分|主动|及时|精准|广泛|科学|合理|有效|尽快|提前|切实|不断|着力|持续)';
// result verbs (提高/提升/实现/确保…) after an adverb state what the action achieves, not a new action
const RE_ADV_LED = new RegExp(
  `^(?:并|同时|还|也|再)?${ADV_LEAD}{1,3}地?(?!提高|提升|增强|实现|确保|形成|达到)(?:${ACTION_VERBS}|${EXTRA_VERBS}|${SPLIT_VERBS})`,
);
const RE_BARE_LED = new RegExp(`^(?:并|同时|还|也|再)?(?:${SPLIT_VERBS}|${EXTRA_VERBS}|紧盯|压紧|压实)`);
/** The clause opens with an action: an imperative, or a bare action verb (确定优先级, 制定时序). */
export const opensAction = (c: ClauseInfo) =>
  c.imperative || RE_BARE_LED.test(c.masked.slice(c.enumLen)) || RE_ADV_LED.test(c.masked.slice(c.enumLen));
/** The words before a clause's modal name a party of their own (县生态环境局要…, 各村也要…). */
function namedSubject(c: ClauseInfo): boolean {
  const before = c.masked.slice(c.enumLen, c.marker!.at).replace(/(?:也|还|都|更|则|同时|一定|务必|均)+$/, '');
  return before.length >= 2 && before.length <= 20 && !/[,、]/.test(before) && UNIT_SUFFIX_RE.test(before);
}

/** "各主要责任单位要主动协调,其他责任单位要积极配合,…": a division of roles, not an action of its own. */
const roleOnly = (c: ClauseInfo) =>
  !!c.marker &&
  /^(?:主动|积极|密切|全力|通力|紧密|大力|认真|切实)?(?:协调|配合|协作|支持|参与|对接|衔接|负责)$/.test(
    c.masked.slice(c.marker.at + c.marker.len),
  );

/** "要摸清底数" / "一是加强巡查": a 4–5 character verb + object after the modal (not a means or an attitude). */
function shortAction(c: ClauseInfo): boolean {
  // (负责/牵头 X, …: the clauses after a responsibility spell out what it covers)
  if (c.marker && /负责|牵头/.test(c.masked.slice(c.marker.at, c.marker.at + c.marker.len))) return false;
  const content = c.marker ? c.masked.slice(c.marker.at + c.marker.len) : c.masked.slice(c.enumLen);
  return content.length >= 4 && !RE_MEANS.test(content) && (RE_BARE_LED.test(content) || RE_ADV_LED.test(content));
}

/** Parallel clauses with the same leading verb (抓好A,抓好B) are separate actions. */
const RE_ADV_RUN = new RegExp(`^(?:${IMPERATIVE_ADV})+`);
function stripModal(t: string): string {
  return t.replace(/^(?:[^,]{0,12}?要|必须)/, '').replace(RE_ADV_RUN, '');
}
function sameVerb(prev: string, cur: string): boolean {
  const a = stripModal(prev),
    b = stripModal(cur);
  return a.length >= 2 && b.length >= 2 && a.slice(0, 2) === b.slice(0, 2) && /^[\u4e00-\u9fff]{2}/.test(b);
}

/** A clause that states a quantified goal for its own subject: 规上工业增加值增长10%以上. */
export const RE_METRIC = /^[^,]{2,14}?(?:增长|提高到|提升到|达到|控制在|下降|突破|超过|稳定在)[^,]{0,6}?(?:\d|[xX])/;
/** A milestone without a modal: 晶科能源3月份完成土地摘牌. */
export const RE_MILESTONE_CLAUSE = new RegExp(
  `^[^,]{0,14}?(?:\\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份|底|末|上旬|中旬|下旬|\\d{1,2}日)?(?:前|之前)?(?:${IMPERATIVE_ADV})?${ACTION_VERBS}`,
);

export interface ClauseInfo {
  clause: Clause;
  masked: string;
  enumLen: number;
  marker: { at: number; len: number } | null; // relative to clause start
  past: boolean;
  reported: boolean;
  imperative: boolean; // opens with (adverb +) action verb
  condition: boolean; // "…的," — a conditional subject (违法违纪的,要…)
  exhort: boolean;
  /** opens with an explicit unit subject followed by an action verb (set by the caller, which knows the units list) */
  subjAction?: boolean;
}

const RE_SUMUP = /(?:要|必须)?(?:认真|全面|系统|及时|深入)?(?:总结|梳理|回顾|盘点)/y;

/** Clause facts; `exhort` is computed on first use because most clauses never need it. */
class Info implements ClauseInfo {
  past: boolean;
  reported: boolean;
  imperative: boolean;
  condition: boolean;
  subjAction?: boolean;
  private ex: boolean | undefined;
  constructor(
    public clause: Clause,
    public masked: string,
    public enumLen: number,
    public marker: { at: number; len: number } | null,
    reported: boolean,
    last: boolean,
  ) {
    const body = masked.slice(enumLen);
    // after a modal, 取得/去年 name a goal or a baseline (要取得…, 超过去年同期水平); only aspect markers stay past
    this.past = marker
      ? PAST_RE.test(masked.slice(0, marker.at)) || PAST_ASPECT_RE.test(masked.slice(marker.at))
      : PAST_RE.test(masked);
    // "认真总结2022年…取得的典型经验": summing up the past is a task about the future
    if (this.past) {
      RE_SUMUP.lastIndex = marker ? marker.at + marker.len : enumLen;
      if (RE_SUMUP.test(masked) && !PAST_ASPECT_RE.test(masked)) this.past = false;
    }
    this.reported = reported || /^[“"「][^“”]*[”"」]$/.test(clause.text.slice(enumLen));
    this.imperative = RE_IMPERATIVE_START.test(body) || RE_ADV_START.test(body);
    this.condition =
      (/的$/.test(body) && !last) ||
      /^[^,的]{1,12}的(?:要|必须|应当|一律|都要)/.test(body) ||
      /^(?:该|凡)[^,的]{1,8}的[^,]{2,}/.test(body);
  }
  get exhort(): boolean {
    if (this.ex === undefined) {
      const { masked, marker, enumLen, clause } = this;
      const body = masked.slice(enumLen);
      const shortRule =
        marker &&
        !MILESTONE_RE.test(masked.slice(0, marker.at)) &&
        !/^(?:负责|牵头)/.test(masked.slice(marker.at)) &&
        !/^[^,的]{1,12}的/.test(body);
      const raw = marker
        ? clause.text.slice(enumLen, marker.at) + clause.text.slice(marker.at + marker.len)
        : clause.text.slice(enumLen);
      this.ex =
        isExhortation(body, shortRule ? masked.slice(marker.at + marker.len) : undefined, raw) ||
        (/^希望/.test(masked.slice(marker?.at ?? 0)) && masked.length - (marker?.at ?? 0) < 14);
    }
    return this.ex;
  }
  set exhort(v: boolean) {
    this.ex = v;
  }
}

/** Speakers whose words a meeting report quotes as justification rather than as its own decisions. */
const HIGHER_SPEAKER = /总书记|习近平|中央|国务院|省委[^,]{0,8}书记|省长|上级|领导人|党章/;

/**
 * Clause facts of a sentence. In a meeting report (`meeting`), "X强调/指出/要求," introduces the meeting's own
 * directives; only words of higher authorities stay quotations.
 */
export function analyseSentence(s: Sentence, meeting = false): ClauseInfo[] {
  let reported = false;
  const out: ClauseInfo[] = [];
  for (let i = 0; i < s.clauses.length; i++) {
    const clause = s.clauses[i];
    const masked = maskQuotes(clause.text);
    const e = ENUM_RE.exec(masked);
    const enumLen = e ? e[0].length : 0;
    const body = masked.slice(enumLen);
    const marker = findMarker(masked);
    // a reporting verb (…书记指出,) makes the rest of the sentence reported, until "我们要…" takes the floor again;
    // a modal before the leader's name ("要贯彻总书记…讲话精神") is this text's own instruction
    const lead = marker ? masked.slice(0, marker.at) : masked;
    // "按照旗政府主要领导指示批示要求,…": following what a leader asked is a means of this text's own instruction
    if (
      REPORTED_RE.test(lead) &&
      !(marker && /^(?:我们|咱们|各|全)/.test(body)) &&
      !(meeting && !HIGHER_SPEAKER.test(lead)) &&
      !/^(?:按照|根据|遵照|依照|对照|落实|贯彻)/.test(body)
    )
      reported = true;
    // "…主要基于两方面考虑,一是确保…": an enumeration of reasons, not of tasks
    else if (
      i > 0 &&
      /(?:考虑|原因|因素|考量|表现在|体现在|特点|意义)$/.test(out[i - 1].masked) &&
      ENUM_RE.test(masked)
    )
      reported = true;
    else if (reported && /^(?:我们|咱们|我)/.test(body)) reported = false;
    out.push(new Info(clause, masked, enumLen, marker, reported, i === s.clauses.length - 1));
  }
  return out;
}

/**
 * Work about the work: "全力抓好各项任务落实", "切实把会议确定的目标任务抓紧抓好、落实落细", "突出工作重点",
 * "全面提升…水平", "确保全县安全生产形势持续平稳" — the object is the doing itself, a level or a situation.
 */
const META_RE =
  /^(?:抓好|做好|抓|推动|确保|提高|提升|强化|全面提升|加强|狠抓|突出)?(?:[^,]{0,10}(?:确定|部署|安排|交办)的)?(?:各项|全部|一切|所有)?(?:工作|任务|目标任务|任务落实|整改落实|工作落实|各项工作落实|落实|部署|要求|工作重点|先进经验)$|抓紧抓[实好细]|抓实抓细|落实落细|抓紧抓好|不折不扣|(?:建设|工作|服务|治理|管理|发展)水平$|^(?:全力)?(?:确保)?[^,]{0,16}(?:形势|局势|大局)[^,]{0,8}(?:稳定|平稳|向好)$|^(?:全面|圆满)完成[^,]{0,12}任务$|学习借鉴[^,]{0,8}经验$|^(?:夯实|压实|落实|明确)(?:工作)?责任$|狠抓落实$|^(?:准确|深刻|全面)?(?:把握|领会|理解)[^,]{0,30}(?:要求|精神|部署|内涵)$|^(?:担负起|肩负起|扛起|履行好?)[^,]{0,20}(?:第一责任人职责|第一责任|主体责任)$|(?:贯彻|抓好)落实$|^(?:提高|提升|增强)[^,、]{0,8}(?:水平|实效|质量|效能|能力|实力|效率)$/;

/** Exhortation without actionable content: slogans, "增强…意识", "既要挂帅又要出征". */
/** Quoted content counts as one word: 强化“…”的观念 → 强化□的观念. */
function collapseQuotes(t: string): string {
  return t.includes('“') || t.includes('"') ? t.replace(/[“"][□]*[”"]/g, '□') : t;
}
function isShortItem(x: string): boolean {
  return x.replace(/[“”□]/g, '').length <= 4;
}

export function isExhortation(body: string, afterMarker?: string, raw = body): boolean {
  const b = (afterMarker ?? body).replace(/^(?:要|也要|还要|更要|都要|必须|始终|一定要|我们要|我们必须)+/, '');
  if (afterMarker !== undefined && afterMarker.replace(/[“”"]/g, '').length <= 3) return true; // 权责要对等, 落实必须求实
  if (SLOGAN_RE.test(raw)) return true; // slogans are often quoted: “四个意识”
  if (VIRTUE_RE.test(collapseQuotes(body)) || VIRTUE_RE.test(collapseQuotes(b))) return true;
  if (b.includes('性、') && /(?:[^、,]{1,4}性、){2,}[^、,]{1,4}性$/.test(b)) return true; // 增强统筹性、科学性、紧迫性
  // vague action: the content ends in a bare verb (要为发展干, 更快更准“抢”)
  if (b.length <= 12 && /(?:“[^”]”|干)$/.test(b.replace(/□/g, 'x'))) return true;
  if (/^既要.{1,4}又要.{1,4}$/.test(body)) return true;
  if (META_RE.test(b.replace(RE_ADV_RUN, ''))) return true;
  // rhetorical runs of short parallel phrases: 集思广益、集合资源、集中力量 / 干在前、冲在前、闯在前
  if (b.includes('、')) {
    const items = b.replace(/^(?:始终|切实|自觉|真正|坚决|努力|更加|更|进一步|不断)+/, '').split('、');
    if (items.every(isShortItem)) return true;
  }
  return b.length <= 2;
}

export const isLogistics = (s: Sentence) => LOGISTICS_RE.test(s.text);

/**
 * Group the clauses of a sentence into tasks. `first` is the clause where the directive region begins.
 * Returns [startClause, endClause] index pairs (inclusive).
 */
export function splitTasks(info: ClauseInfo[], first: number, prepended: boolean | number = false): [number, number][] {
  const out: [number, number][] = [];
  // `prepended` lead clauses (对…, 在此基础上, …) are absorbed by the action that follows them
  const absorbUntil = first + (prepended === true ? 1 : prepended || 0);
  let cur = first,
    condOpened = !!info[first]?.condition && /的$/.test(info[first].masked);
  for (let i = first + 1; i < info.length; i++) {
    const c = info[i];
    if (c.reported || (c.past && !c.marker)) {
      // the directive region is interrupted
      if (cur >= 0) out.push([cur, i - 1]);
      cur = -1;
      condOpened = false;
      continue;
    }
    const body = c.masked.slice(c.enumLen);
    // prohibitions (不得/严禁/一律) qualify the action before them rather than start a new one
    const markerEarly =
      c.marker != null &&
      c.marker.at - c.enumLen <= 14 &&
      !/^(?:使|让|为|以|确保|从而)/.test(body) &&
      !CONTINUE_RE.test(body) &&
      !/^以[^,]{1,16}为/.test(c.masked.slice(c.marker.at + c.marker.len)) && // 要以提升组织力为重点: the means of the action before
      !(cur >= 0 && /^(?:不得|严禁|禁止|一律)/.test(c.masked.slice(c.marker.at)));
    let start = false;
    if (i <= absorbUntil) start = false;
    else if (cur < 0) start = markerEarly || c.condition;
    else if (/(?:后|之后|以后|的同时)$/.test(info[i - 1].masked))
      start = false; // …报县政府分管领导审查签字后,于3月15日前报督查室: one action in two steps
    else if (condOpened)
      start = false; // 违法违纪的,要坚决处理 — the clause after a condition belongs to it
    else if (roleOnly(info[i - 1]))
      start = false; // 牵头单位要主动协调,配合单位要积极配合,对…要…: the roles preface the work that follows
    else if (c.condition) start = true;
    else if (c.subjAction)
      start = true; // a new subject is a new task: …,其他县每个县策划2个
    else if (c.enumLen > 0 && (info[cur].enumLen > 0 || /^(?:一|1[.、]|[(][一1][)])/.test(c.masked)))
      start = true; // 一要聚焦主责主业,二要严查…: the next item of a list, however short the one before
    else if (markerEarly && namedSubject(c) && !roleOnly(info[cur]) && !roleOnly(c))
      start = true; // 各乡镇要加强巡查,县生态环境局要开展执法检查: another party, another task, however short the first
    else if (RE_ACTION_START.test(body) && sameVerb(info[i - 1].masked, body))
      start = true; // 依托A主攻X,依托B主攻Y
    else if (RE_STRONG_SPLIT.test(body) && shortAction(info[cur]) && i === cur + 1)
      start = true; // 要摸清底数,建立台账: a short verb-object is already an action; an institution set up next is another
    else if (incomplete(info, cur, i - 1))
      start = false; // 一要安全防疫, 必须按照x委部署要求,…
    else if (markerEarly) start = true;
    else if (
      (RE_ACTION_START.test(body) && !CONTINUE_RE.test(body)) ||
      RE_ADV_LED.test(body) ||
      RE_STRONG_SPLIT.test(body)
    ) {
      // the clause right after the modal clause usually elaborates it (要深化改革,打造…) unless it sets up
      // an institution (建立/推行/制定…) or repeats the previous verb (谋划A,谋划B)
      start =
        i > cur + 1 ||
        !info[cur].marker ||
        RE_STRONG_SPLIT.test(body) ||
        sameVerb(info[i - 1].masked, body) ||
        RE_ADV_LED.test(body);
    }
    // "…,以校舍调整为重点,以硬件补短板为抓手,细化任务": means clauses that open the next action start its task
    else if (RE_MEANS_FOR.test(body) && !incomplete(info, cur, i - 1) && nextAction(info, i)) start = true;
    // …,规上工业增加值增长10%以上: in a list of indicators each metric is its own task; but a metric right
    // after a modal directive measures that directive (要完成排查整顿,整顿率达到100%) and stays its target
    else if (RE_METRIC.test(body) && !CONTINUE_RE.test(body))
      start = !(
        i === cur + 1 &&
        info[cur].marker != null &&
        !RE_METRIC.test(info[cur].masked.slice(info[cur].enumLen))
      );
    if (start) {
      if (cur >= 0) out.push([cur, i - 1]);
      cur = i;
      condOpened = c.condition && /的$/.test(body); // only a bare "…的," clause needs the next clause
    } else if (condOpened && !c.condition) condOpened = false;
  }
  if (cur >= 0) out.push([cur, info.length - 1]);
  return out;
}
