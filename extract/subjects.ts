// Who is asked: unit subjects before an action verb (每个基层党委至少打造…, 由镇党建办…考核), the addressees of 请, and
// 会同/配合 partners.
import { ACTION_VERBS, IMPERATIVE_ADV } from './lexicon.ts';
import type { ClauseInfo } from './detect.ts';
import { isUnitLike, subjectBefore, type UnitIndex, type UnitRef, unitList } from './units.ts';

const RE_ADV = new RegExp(`^${IMPERATIVE_ADV}`);
const RE_ACTION_HEAD = new RegExp(`^(?:${IMPERATIVE_ADV})*(?:${ACTION_VERBS})`);
const SUBJ_TIME =
  '(?:都|也|还|均|各自?|至少|力争|分别|每个[^,]{1,3}?|每年|每季度|每月|每半年|定期|今年|年内|[\\d一二三四五六七八九十]{1,2}月(?:底|末|份)?(?:前|之前)?|\\s*\\d{1,2}\\s*日(?:前|之前)?)*';
const RE_SUBJ_ACTION = new RegExp(`^(.{2,24}?)${SUBJ_TIME}(?=(?:${IMPERATIVE_ADV})*(?:${ACTION_VERBS}|策划|抓好))`);
/** "党支部每月对党员进行一次打分": subject, time, then 对/向…进行 (tried only when the clause has such a verb) */
const RE_SUBJ_DUI = new RegExp(
  `^(.{2,24}?)${SUBJ_TIME}(?=(?:对|向|按|为)[^,]{1,30}?(?:进行|实行|开展|实施|给予|作出))`,
);
/** "每个基层党委(党组、工委)至少打造x个…" / "xx区、xxx各策划3个": a unit subject directly followed by an action verb. */
export function actionSubject(norm: string, c: ClauseInfo, idx: UnitIndex): UnitRef[] | null {
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
/** People in the units already named (their leaders, their cadres): a subject for one clause, not for what follows. */
export const ROLE_RE = /^(?:主要|分管|相关)?(?:领导|负责人|负责同志)$|^一把手$|^主要领导同志$|^各级领导干部$/;
export const SANCTION =
  /^(?:对[^,]{0,20})?(?:实行|予以|进行|严肃|给予)?(?:问责|追责|追究|处理|通报批评|约谈|扣分|一票否决)/;

/**
 * "请以上责任单位加快…" / "请各乡镇…": the units addressed by 请. 以上/上述 refers back to the units named earlier in
 * the sentence ("由县民政局负责的第1件、县发改局负责的第4件…").
 */
export function addressee(norm: string, c: ClauseInfo, sentStart: number, idx: UnitIndex): UnitRef[] | null {
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

/** 会同/联合/配合 partners right after the modal: 县委组织部要会同县委政研室、县扶贫办,研究… */
export function partners(norm: string, c: ClauseInfo, idx: UnitIndex): UnitRef[] {
  const after = c.clause.start + c.marker!.at + c.marker!.len;
  // 协调/商 are verbs of their own (统筹协调全县…), so only 会同/联合/协同/配合 introduce partners
  const m = /^(?:[^,;]{0,4}?)(会同|联合|协同|配合)/.exec(norm.slice(after, c.clause.end));
  if (!m) return [];
  const from = after + m[0].length;
  return unitList(norm, from, c.clause.end, idx);
}

/**
 * A topic clause that names who the sentence is about: "作为县直部门," / "对各镇街来说," / "对于村两委而言,".
 * (A bare "对X," is an object or a condition — 对查实的问题, — not a topic.)
 */
export function topicSubject(clause: { start: number; text: string }, idx: UnitIndex): UnitRef[] | null {
  const m = /^(?:作为(.{2,16})|对于?(.{2,16}?)(?:来说|而言))$/.exec(clause.text);
  const name = m && (m[1] ?? m[2]);
  if (!name || !isUnitLike(name, idx)) return null;
  const at = clause.start + clause.text.indexOf(name);
  return [{ start: at, end: at + name.length }];
}

// "以…为目标," / "以…为抓手,": a goal or means stated first, then the action (推动…, 加快…)
const GOAL_END = /为(?:目标|重点|抓手|突破口|主线|核心|契机|引领|导向|载体|切入点|牵引|方向|主攻方向|落脚点|着力点)$/;

/**
 * "各部门以解决…为目标,推动棚户区改造" / "(三)以创建国家卫生县城为目标,推进城乡环境整治": a goal or means phrase (one to three
 * clauses, opening with 以 after an optional unit subject) and then an action, with no modal verb — the way reports
 * and 分工 documents state a task. Counts only when a unit is its subject or the sentence opens a numbered item:
 * an unnumbered "以…为牵引,推进…" under a section heading is the section's orientation, its items say the work.
 * Returns the action clause and the subject (null when none is written).
 */
export function goalLead(
  norm: string,
  info: ClauseInfo[],
  i0: number,
  idx: UnitIndex,
): { action: number; units: UnitRef[] | null } | null {
  const c0 = info[i0];
  const body = c0.masked.slice(c0.enumLen);
  const at = body.search(/以(?!上|下|便|免|及|来|后|前|往|外|内|致|至|为)/);
  if (at < 0 || at > 20) return null;
  let units: UnitRef[] | null = null;
  if (at > 0) {
    const s = c0.clause.start + c0.enumLen;
    if (!isUnitLike(norm.slice(s, s + at), idx)) return null;
    const u = subjectBefore(norm, { start: s, end: c0.clause.end }, s + at, idx);
    if (!Array.isArray(u) || !u.length) return null;
    units = u;
  } else if (c0.enumLen === 0) return null;
  for (let j = i0; j <= i0 + 2 && j + 1 < info.length; j++) {
    if (info[j].marker || info[j].past || info[j].reported) return null;
    // the clause after "以A为B," carries the main verb, whatever it is (推动, 加快, 拓宽…); another means or a purpose
    // (以…, 为…, 使…) is not an action
    const act = info[j + 1];
    if (GOAL_END.test(info[j].masked))
      return !act.past && !act.reported && act.masked.length >= 4 && !/^(?:以|为|使|让|从而)/.test(act.masked)
        ? { action: j + 1, units }
        : null;
  }
  return null;
}
