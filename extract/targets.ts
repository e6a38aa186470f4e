// Quantitative targets: comparators + numbers (Arabic, Chinese, x placeholders) + measure words / percentages.
import type { Target } from './types.ts';

// A number: 20 / 3.5 / 三十 / 两千 / x / xx / x.x / 300余万 / 3万多 (x is the usual redaction placeholder)
const NUM =
  '(?:\\d+(?:\\.\\d+)?|[xX×]{1,3}(?:\\.[xX]{1,2})?|[零〇一二两三四五六七八九十百千]+)(?:[余多]?[万亿千百]{0,2}[余多]?)';
// physical units read as targets on their own; count words need a verb or comparator around them
const PHYS =
  '(?:个百分点|百分点|亩|公顷|平方公里|平方米|公里|千米|米|万元|亿元|元|美元|吨|千瓦时|千瓦|兆瓦|立方米|标准箱|斤|公斤|千克|倍)';
const COUNT =
  '(?:个|名|人次|人|家|项|件次|件|次|场|所|座|户|台|辆|套|条|处|批|支|类|篇|间|张|部|册|份|栋|幢|床|架次|班|趟|例|头|只|株|棵|天|小时)';
const MEASURE = `(?:${PHYS}|${COUNT})`;
const PCT = '(?:%|％|‰|成)';
// comparators kept in the target text (they carry meaning: 不少于x名); verbs of creation are context only
const CMP_BEFORE =
  '(?:不少于|不低于|不超过|不高于|不多于|不大于|不小于|少于|低于|高于|多于|大于|超过|达到|突破|提高到|提升到|提高至|提升至|降低到|降低至|下降到|下降至|控制在|稳定在|保持在|年均增长|同比增长|增长|增加|提高|提升|下降|降低|减少|增|降|至少|达)';
const CREATE_WORDS =
  '发动|动员|组织|吸引|带动|建设|打造|新建|建成|培育|培树|选聘|选派|招引|引进|储备|完成|实现|做成|抓|策划|改造|新增|发展|争取|创建|举办|开展|组建|招募|吸纳|转移|帮扶|安置|种植|集聚|签约|落地|开工|投产|即|分别|力争|确保|各|每个[^,;。]{0,3}';
const CREATE = new RegExp(`(?:${CREATE_WORDS})$`);
const CREATE_OBJ = new RegExp(`(?:${CREATE_WORDS})[^,;。:、]{1,10}$`);
const CMP_AFTER = '(?:以上|以下|以内|左右|上下|以外|内)';
const MAGNITUDE = '(?:[十百千万]+亿级|[百千万]亿元级|[百千万]亿级|千亿级|万亿级|百亿级|十亿级|亿元级)';

const RE_CMP = new RegExp(`${CMP_BEFORE}?(?:${NUM})(?:${PCT}|${MEASURE})?(?:${CMP_AFTER})?`, 'g');
const RE_LEVEL =
  /(?:超过|高于|达到|恢复到|不低于|接近|赶上)(?:去年同期|上年同期|往年同期|全省平均|全国平均|全市平均|全县平均|上年|去年)水平/g;
const RE_MAG = new RegExp(`(?:[一二三四五两\\dxX]+个)?${MAGNITUDE}[^,;。、:()“”]{0,12}?(?=[,;。、:()“”]|和|$)`, 'g');

/** true when a bare number (no comparator, no %) reads as a quantitative target rather than a description. */
function isTargetish(m: string, before: string, after: string): boolean {
  if (new RegExp(`^${CMP_BEFORE}`).test(m) || new RegExp(`${CMP_AFTER}$`).test(m) || new RegExp(PCT).test(m))
    return true;
  // a count right after a verb of creation/attainment: 建设100个…, 选聘x名…, 抓12个…
  if (CREATE.test(before)) return true;
  // "推动七平方公里棚户区改造", "总投资5亿元的项目": a size that qualifies a noun describes the object, not a result
  if (new RegExp(`${PHYS}$`).test(m)) return !/^[\u4e00-\u9fff]/.test(after) || /^[和及或等]/.test(after);
  // 改造老旧小区20个: a count closing the object of a creation verb in the same clause
  if (CREATE_OBJ.test(before) && /^(?:[,;。]|$)/.test(after)) return true;
  // 10个田园综合体进入… (count followed by an attainment verb)
  if (/^[^,;。]{1,10}?(进入|达到|通过|完成|建成|实现)/.test(after)) return true;
  return false;
}

/** Quantitative targets in text (offsets relative to the string). */
export function findTargets(text: string): Target[] {
  const out: Target[] = [];
  const add = (start: number, end: number) => {
    if (end <= start) return;
    for (const t of out)
      if (start < t.end! && end > t.start!) {
        if (end - start > t.end! - t.start!) {
          t.start = start;
          t.end = end;
          t.text = text.slice(start, end);
        }
        return;
      }
    out.push({ text: text.slice(start, end), start, end });
  };
  for (const re of [RE_LEVEL, RE_MAG]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!m[0]) {
        re.lastIndex++;
        continue;
      }
      add(m.index, m.index + m[0].length);
    }
  }
  RE_CMP.lastIndex = 0;
  for (let m = RE_CMP.exec(text); m; m = RE_CMP.exec(text)) {
    const s = m[0];
    if (!s) {
      RE_CMP.lastIndex++;
      continue;
    }
    const numPart = new RegExp(NUM).exec(s);
    if (!numPart) continue;
    // Reject numbers that are really dates, ordinals, names or parts of words.
    const start = m.index,
      end = start + s.length;
    const prev = text[start - 1] ?? '',
      next = text[end] ?? '';
    // a bare Chinese-numeral count (两头, 三项) is a target only with a comparator or a physical unit
    if (
      /^[零〇一二两三四五六七八九十百千]+$/.test(numPart[0]) &&
      !new RegExp(`^${CMP_BEFORE}|${PCT}|${PHYS}|${CMP_AFTER}$`).test(s)
    )
      continue;
    if (/^[年月日号季度届期次级批]/.test(next) && !/[%个名]$/.test(s)) continue; // 2020年, 3月, 第二批
    if (/[第初前“"《]/.test(prev) || /^[是要]/.test(next)) continue; // 第三, 前三, quoted names
    if (/^[一]$/.test(numPart[0]) && numPart.index === 0) continue; // 一批/一个: indefinite, not a quantity
    if (/^[xX]{1,3}$/.test(s) || /^[a-z]/i.test(next) || /[a-z]$/i.test(prev)) continue; // xx, 'xxx' placeholders for names
    const before = text.slice(Math.max(0, start - 14), start);
    // "下调工伤保险费率50%的政策": a policy rate is what the policy sets, not a result to reach
    if (/(?:费率|税率|利率|补贴标准|补助标准|缴费比例)[^,;。]{0,4}$/.test(before) || /^的政策/.test(text.slice(end)))
      continue;
    const listed = /[、和及]$/.test(before) && out.length > 0 && start - out[out.length - 1].end! < 16; // 建设100个A、1000个B
    if (!listed && !isTargetish(s, before, text.slice(end, end + 14))) continue;
    add(start, end);
  }
  return out.sort((a, b) => a.start! - b.start!);
}
