// Deadline phrases: find them in text and normalise to a local-date interval relative to a reference date.
import type { Deadline, Recurrence } from './types.ts';
import {
  addDays,
  addMonths,
  cmp,
  fmt,
  lastDay,
  lunarToSolar,
  parseYmd,
  solarTerm,
  toDays,
  todayCN,
  type Ymd,
} from './calendar.ts';
import { cnToInt } from './numerals.ts';
import { afterRules } from './after.ts';
import { SEASON_RULES } from './seasons.ts';

const D = '(?:\\d{1,2}|[〇零一二两三四五六七八九十]{1,3})'; // month/day/count numeral
const Y4 = '(?:(?:19|20)\\d{2}|[一二][〇零一二三四五六七八九]{3})';
const YEARP = `(?:(${Y4})年度?|(今年|明年|后年|本年|当年|次年|今明两年))`;
const BEFORE = '(?:之前|以前|前|以内|之内|内|为止|止)';

interface Rule {
  hint?: RegExp;
  re: RegExp;
  make(m: RegExpExecArray, ref: Ymd): Omit<Deadline, 'text'> | null;
}

function yearOf(m: RegExpExecArray, i: number, ref: Ymd): number | null {
  if (m[i]) return cnToInt(m[i]);
  switch (m[i + 1]) {
    case '明年':
    case '次年':
      return ref.y + 1;
    case '后年':
      return ref.y + 2;
    case undefined:
      return null;
    default:
      return ref.y;
  }
}
/** A month/quarter without a year means the next such period: roll forward when it ended over a month ago. */
function resolveYear(explicit: number | null, endMonth: number, ref: Ymd): number {
  if (explicit != null) return explicit;
  const end = { y: ref.y, m: endMonth, d: lastDay(ref.y, endMonth) };
  return cmp(end, addDays(ref, -31)) < 0 ? ref.y + 1 : ref.y;
}
const range = (from: Ymd | null, to: Ymd | null, kind: Deadline['kind']) => ({
  from: from && fmt(from),
  to: to && fmt(to),
  kind,
});
const isBefore = (s?: string) => !!s && /前|内|止/.test(s);
const maxYmd = (a: Ymd, b: Ymd) => (cmp(a, b) >= 0 ? a : b);

const HALF: Record<string, [number, number]> = { 上半年: [1, 6], 下半年: [7, 12] };
const FESTIVALS: Record<string, (y: number) => Ymd | null> = {
  春节: (y) => lunarToSolar(y, 1, 1),
  两节: (y) => lunarToSolar(y, 1, 1),
  除夕: (y) => addDays(lunarToSolar(y, 1, 1), -1),
  元宵: (y) => lunarToSolar(y, 1, 15),
  端午: (y) => lunarToSolar(y, 5, 5),
  七夕: (y) => lunarToSolar(y, 7, 7),
  中秋: (y) => lunarToSolar(y, 8, 15),
  重阳: (y) => lunarToSolar(y, 9, 9),
  清明: (y) => solarTerm(y, '清明'),
  元旦: (y) => ({ y, m: 1, d: 1 }),
  新年: (y) => ({ y, m: 1, d: 1 }),
  五一: (y) => ({ y, m: 5, d: 1 }),
  劳动节: (y) => ({ y, m: 5, d: 1 }),
  七一: (y) => ({ y, m: 7, d: 1 }),
  建党节: (y) => ({ y, m: 7, d: 1 }),
  八一: (y) => ({ y, m: 8, d: 1 }),
  国庆: (y) => ({ y, m: 10, d: 1 }),
  汛期: (y) => ({ y, m: 6, d: 1 }),
  入汛: (y) => ({ y, m: 6, d: 1 }),
  汛: (y) => ({ y, m: 6, d: 1 }),
  // school terms start around 1 September and 1 March
  秋季开学: (y) => ({ y, m: 9, d: 1 }),
  春季开学: (y) => ({ y, m: 3, d: 1 }),
};
const festivalCache = new Map<string, Ymd | null>();
/** Festival date in year y (lunar conversions are slow: cached). */
function festival(name: string, y: number): Ymd | null {
  const k = name + y;
  let v = festivalCache.get(k);
  if (v === undefined) {
    v = FESTIVALS[name](y);
    festivalCache.set(k, v);
  }
  return v;
}
const RECUR: Record<string, Recurrence> = {
  天: 'daily',
  日: 'daily',
  周: 'weekly',
  星期: 'weekly',
  旬: 'monthly',
  月: 'monthly',
  季: 'quarterly',
  季度: 'quarterly',
  半年: 'semiannual',
  年: 'yearly',
  年度: 'yearly',
};

const RULES: Rule[] = [
  ...SEASON_RULES,
  {
    hint: /月/, // 2024年3月15日前 / 3月15日 / 三月十五日之前
    re: new RegExp(`(?:${YEARP})?(?<![\\d〇零一二两三四五六七八九十个])(${D})月(${D})[日号](${BEFORE})?`, 'g'),
    make(m, ref) {
      const mo = cnToInt(m[3]),
        da = cnToInt(m[4]);
      if (!mo || !da || mo > 12 || da > 31) return null;
      const y = resolveYear(yearOf(m, 1, ref), mo, ref);
      const day = { y, m: mo, d: Math.min(da, lastDay(y, mo)) };
      return isBefore(m[5]) ? range(ref, day, 'date') : range(day, day, 'date');
    },
  },
  {
    hint: /月/, // 3月底前 / 三月份 / 4月上旬 / 2024年6月 / 6月前
    re: new RegExp(
      `(?:${YEARP})?(?<![\\d〇零一二两三四五六七八九十个第])(${D})月(份)?(上旬|中旬|下旬|初|中旬前|末|底)?(${BEFORE})?`,
      'g',
    ),
    make(m, ref) {
      const mo = cnToInt(m[3]);
      if (!mo || mo > 12) return null;
      const y = resolveYear(yearOf(m, 1, ref), mo, ref);
      const part = m[5],
        before = m[6];
      if (part === '上旬' || part === '初')
        return isBefore(before)
          ? range(ref, { y, m: mo, d: 10 }, 'date')
          : range({ y, m: mo, d: 1 }, { y, m: mo, d: 10 }, 'period');
      if (part === '中旬' || part === '中旬前') return range({ y, m: mo, d: 11 }, { y, m: mo, d: 20 }, 'period');
      if (part === '下旬') return range({ y, m: mo, d: 21 }, { y, m: mo, d: lastDay(y, mo) }, 'period');
      const end = { y, m: mo, d: lastDay(y, mo) };
      if (part === '末' || part === '底') return range(ref, end, 'date');
      if (before && /前/.test(before)) return range(ref, addDays({ y, m: mo, d: 1 }, -1), 'date');
      return range({ y, m: mo, d: 1 }, end, 'period');
    },
  },
  {
    hint: /季/, // 第一季度 / 一季度末 / 2024年第三季度前 / 前三季度
    re: new RegExp(`(?:${YEARP})?(前)?第?([一二三四1-4])季度(末|底)?(${BEFORE})?`, 'g'),
    make(m, ref) {
      const q = cnToInt(m[4])!;
      if (q < 1 || q > 4) return null;
      const y = resolveYear(yearOf(m, 1, ref), q * 3, ref);
      const end = { y, m: q * 3, d: lastDay(y, q * 3) };
      if (m[3]) return range({ y, m: 1, d: 1 }, end, 'period');
      if (m[5] || isBefore(m[6])) return range(ref, end, 'date');
      return range({ y, m: q * 3 - 2, d: 1 }, end, 'period');
    },
  },
  {
    hint: /半年/, // 今年上半年 / 下半年 / 2024年上半年前
    re: new RegExp(`(?:${YEARP})?(上半年|下半年)(末|底)?(${BEFORE})?`, 'g'),
    make(m, ref) {
      const [a, b] = HALF[m[3]];
      const y = resolveYear(yearOf(m, 1, ref), b, ref);
      const end = { y, m: b, d: lastDay(y, b) };
      return m[4] || isBefore(m[5]) ? range(ref, end, 'date') : range({ y, m: a, d: 1 }, end, 'period');
    },
  },
  {
    hint: /年/, // 年底前 / 今年底 / 2025年底 / 年内 / 全年 / 今年 / 2020年 / 2025年前
    re: new RegExp(`(?:${YEARP}(年底|年末|底|末|年内|内|全年|年中|初)?|(年底|年末|年内|全年|年中))(${BEFORE})?`, 'g'),
    make(m, ref) {
      const y0 = yearOf(m, 1, ref);
      if (m[2] === '今明两年') return range(ref, { y: ref.y + 1, m: 12, d: 31 }, 'date');
      const y = y0 ?? ref.y;
      const part = m[3] ?? m[4];
      const end = { y, m: 12, d: 31 };
      if (part === '年中') return range(ref, { y, m: 6, d: 30 }, 'date');
      if (part === '初') return range({ y, m: 1, d: 1 }, { y, m: 3, d: 31 }, 'period');
      if (part === '全年') return range({ y, m: 1, d: 1 }, end, 'period');
      if (part === '年内' || part === '内') return range(maxYmd(ref, { y, m: 1, d: 1 }), end, 'date');
      if (part || isBefore(m[5])) return range(ref, end, 'date');
      return range({ y, m: 1, d: 1 }, end, 'period');
    },
  },
  {
    hint: /内/, // 三年内 / 6个月内 / 30个工作日内 / 两周内
    re: new RegExp(`(${D}|半)(?:个)?(年|月|周|星期|天|日|工作日|小时)(?:之内|以内|内)`, 'g'),
    make(m, ref) {
      const n = m[1] === '半' ? 0.5 : cnToInt(m[1]);
      if (!n) return null;
      const u = m[2];
      let to: Ymd;
      if (u === '年') to = addMonths(ref, Math.round(n * 12));
      else if (u === '月') to = n < 1 ? addDays(ref, 15) : addMonths(ref, n);
      else if (u === '周' || u === '星期') to = addDays(ref, n * 7);
      else if (u === '工作日') to = addDays(ref, Math.ceil((n * 7) / 5));
      else if (u === '小时')
        to = addDays(ref, Math.floor(n / 24) + 1); // 48小时内: by the end of the second day
      else to = addDays(ref, n);
      return range(ref, addDays(to, -1), 'date');
    },
  },
  {
    hint: /五/, // “十四五”期末 / 十四五期间 / “十四五”时期
    re: /[“"‘]?十([一二三四五六七八九])五[”"’]?(?:规划)?(期末|末期|末|期间|时期|期内|规划期内|期)/g,
    make(m, ref) {
      const n = 10 + cnToInt(m[1])!;
      const start = 1966 + 5 * (n - 3),
        end = { y: start + 4, m: 12, d: 31 };
      if (/末/.test(m[2])) return range(maxYmd(ref, { y: start, m: 1, d: 1 }), end, 'date');
      return range({ y: start, m: 1, d: 1 }, end, 'period');
    },
  },
  {
    hint: /春节|两节|除夕|元宵|端午|七夕|中秋|重阳|清明|元旦|新年|五一|劳动节|七一|建党节|八一|国庆|汛|开学/, // 春节前 / 中秋节 / 国庆节前后 / 元旦春节期间
    re: /(今年|明年)?(春节|两节|除夕|元宵|端午|七夕|中秋|重阳|清明|元旦|新年|五一|劳动节|七一|建党节|八一|国庆|汛期|入汛|汛(?=前)|秋季开学|春季开学)(?:节|假期|长假)?(之前|以前|前后|前|期间|来临|到来)?/g,
    make(m, ref) {
      let y = m[1] === '明年' ? ref.y + 1 : ref.y;
      let day = festival(m[2], y);
      if (!day) return null;
      if (!m[1] && cmp(day, ref) < 0) {
        y += 1;
        day = festival(m[2], y);
        if (!day) return null;
      }
      return /前/.test(m[3] ?? '') && m[3] !== '前后' ? range(ref, addDays(day, -1), 'date') : range(ref, day, 'date');
    },
  },
  {
    hint: /本|下|月底|月末|季度末/, // 本月底 / 下个月 / 本季度末 / 月底前 / 本周
    re: /(本月|当月|下个?月|本季度?|下个?季度|本周|下周|本年度)(底|末|内)?(之前|以前|前)?|(?<![\d〇零一二两三四五六七八九十])(月底|月末|季度末)(?:之前|以前|前)?/g,
    make(m, ref) {
      const w = m[1] ?? m[4];
      if (/周/.test(w)) {
        const mon = addDays(ref, -((dow(ref) + 6) % 7));
        const s = w === '下周' ? addDays(mon, 7) : mon;
        return range(w === '本周' ? ref : s, addDays(s, 6), 'date');
      }
      if (w === '本年度') return range(ref, { y: ref.y, m: 12, d: 31 }, 'date');
      if (/季/.test(w)) {
        const q = Math.ceil(ref.m / 3) + (/下/.test(w) ? 1 : 0);
        const b = addMonths({ y: ref.y, m: 1, d: 1 }, q * 3 - 1);
        return range(ref, { y: b.y, m: b.m, d: lastDay(b.y, b.m) }, 'date');
      }
      const b = /下/.test(w) ? addMonths({ y: ref.y, m: ref.m, d: 1 }, 1) : { y: ref.y, m: ref.m, d: 1 };
      return range(/下/.test(w) && !m[2] ? b : ref, { y: b.y, m: b.m, d: lastDay(b.y, b.m) }, 'date');
    },
  },
  ...afterRules(festival),
  {
    // 抓紧 and 迅速 say "hurry", not "by when"; 定期 has no period; 长效(机制) is not a time at all
    // (及时间节点: "部门及时间节点" is 及 + 时间节点, not 及时)
    re: /尽快|尽早|及早|及时(?!间)|适时|如期|按时|按期|立即|马上|第一时间|限期|从速|近期|最短时间内|第一时间内|(?:规定|限定|约定)?时间节点内|规定时限内|规定时间内|限定时间内|黄金(?:时节|时期|期)/g,
    make: () => range(null, null, 'asap'),
  },
  {
    re: /长期坚持|长期保持|长期推进|长期抓|持续推进|常态化|常抓不懈|久久为功|坚持不懈|持之以恒/g,
    make: () => range(null, null, 'open'),
  },
  {
    // 每月25日前 / 每月 25 日前: a recurring due day
    re: /每(?:一)?(?:(月|季度)\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号](?:之前|以前|前)?|(天|日|周|星期|旬|月|季度|季|半年|年度|年))|(?:按月|按季|按年|逐月|逐季)/g,
    make: (m) => {
      const unit =
        m[1] ?? m[2] ?? (/月/.test(m[0]) ? '月' : /季/.test(m[0]) ? '季' : /年/.test(m[0]) ? '年' : undefined);
      return { ...range(null, null, 'recurring'), ...(unit ? { recurring: RECUR[unit] } : {}) };
    },
  },
];

/** Day of week, 0 = Sunday (1970-01-01 was a Thursday). */
const dow = (a: Ymd): number => (((toDays(a) + 4) % 7) + 7) % 7;

export interface FoundDeadline extends Deadline {
  start: number;
  end: number;
}

/**
 * "各相关部门2018年目标任务完成情况", "为2019年经济运行开好局": a bare year inside a noun phrase describes what,
 * not by when. A year counts when it opens its clause, follows 到/至/在/于, or ends the phrase.
 */
function attributeYear(text: string, d: FoundDeadline): boolean {
  if (!/^(?:(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})年度?$/.test(d.text)) return false;
  const prev = text[d.start - 1] ?? '',
    next = text[d.end] ?? '';
  return (
    /[\u4e00-\u9fff]/.test(prev) &&
    !/[到至在于截从自]/.test(prev) &&
    /[\u4e00-\u9fff]/.test(next) &&
    !/[前底内末]/.test(next)
  );
}

/** Inside 《…》 a date is part of a document's name (《2022年<政府工作报告>重点任务落实推进情况表》). */
function inTitle(text: string, at: number): boolean {
  const open = text.lastIndexOf('《', at);
  return open >= 0 && text.lastIndexOf('》', at) < open && text.indexOf('》', at) >= 0;
}

/** All deadline phrases in `text`, non-overlapping, in order; longest match wins on overlap. */
export function findDeadlines(text: string, referenceDate: string | Ymd): FoundDeadline[] {
  const ref = typeof referenceDate === 'string' ? (parseYmd(referenceDate) ?? parseYmd(todayCN())!) : referenceDate;
  const all: FoundDeadline[] = [];
  for (const rule of RULES) {
    if (rule.hint && !rule.hint.test(text)) continue; // cheap pre-check: most clauses have no time phrase
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (!m[0]) {
        rule.re.lastIndex++;
        continue;
      }
      const v = safe(() => rule.make(m!, ref));
      // "今年的各项发展目标", "2020年的工作": a year used as an attribute is not a time limit
      if (v && v.kind === 'period' && text[m.index + m[0].length] === '的' && /年度?$/.test(m[0])) continue;
      if (v) all.push({ text: m[0], ...v, start: m.index, end: m.index + m[0].length });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: FoundDeadline[] = [];
  for (const d of all) {
    const last = out[out.length - 1];
    if (last && d.start < last.end) {
      if (d.end - d.start > last.end - last.start) out[out.length - 1] = d;
      continue;
    }
    out.push(d);
  }
  // "从2022年3月起", "自2024年7月1日起施行", "春节后", "汛期结束后": where something starts is not when it is due
  // (checked after the longest match is chosen, so that a shorter reading of the same date cannot slip through;
  // "春节后一周内" is a limit counted from the festival, read by afterRules as one phrase)
  const refStr = fmt(ref);
  return out.filter(
    (d) =>
      !((d.kind === 'date' || d.kind === 'period') && !/前$/.test(d.text) && START_AFTER.test(text.slice(d.end))) &&
      // "不按时报送的", "未及时整改": a failure described (a condition for a sanction), not a time asked for
      !(d.kind === 'asap' && /[不未没]$/.test(text.slice(Math.max(0, d.start - 1), d.start))) &&
      // a period that ended before the reference date is the past (认真总结2022年…的经验), not a time limit
      !(
        d.to &&
        d.to < refStr &&
        d.kind === 'period' &&
        /(?:19|20)\d{2}年|[一二][〇零一二三四五六七八九]{3}年/.test(d.text)
      ) &&
      !attributeYear(text, d) &&
      !inTitle(text, d.start),
  );
}

const START_AFTER =
  /^(?:起(?!草|步|点|来)|(?:节|假期|长假)?(?:结束)?(?:之后|以后|过后|后)(?!果|续|期|备|劲|盾|援|方|台))/;

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

const RANK: Record<Deadline['kind'], number> = { date: 0, period: 0, recurring: 1, asap: 2, open: 3 };
// "及时上报,确保按时完成": 按时/按期/如期/限期/时间节点内 point to a time already set (the deadline); 及时/尽快/立即 say how
// promptly to act (the manner). Both are undated; the set time describes the task's deadline better.
const SET_TIME = /按时|按期|如期|限期|时间节点|时限内|时间内/;
const rank = (d: FoundDeadline) => RANK[d.kind] + (d.kind === 'asap' && !SET_TIME.test(d.text) ? 0.5 : 0);
/** The deadline that best describes a task: a dated one first, then recurring, asap, open; earliest on ties. */
export function pickDeadline(found: FoundDeadline[]): FoundDeadline | null {
  let best: FoundDeadline | null = null;
  for (const d of found) if (!best || rank(d) < rank(best)) best = d;
  return best;
}

/** Parse one deadline phrase (e.g. "今年底前", "春节前", "二〇二四年三月底") relative to referenceDate (YYYY-MM-DD). */
export function parseDeadline(phrase: string, referenceDate: string = todayCN()): Deadline | null {
  const d = pickDeadline(findDeadlines(phrase, referenceDate));
  if (!d) return null;
  const { start: _s, end: _e, ...rest } = d;
  return rest;
}
