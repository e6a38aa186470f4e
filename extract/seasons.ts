// Seasonal time limits of county work: the farming calendar (麦收前, 秋收前, 春耕前), the weather (雨季前, 入冬前) and
// services (供暖季前, 高考前). The dates are the usual start of each season in the plains of north and central China,
// where most county texts come from; a text that means another region's season still gets a limit in the right month.
// A season word alone is usually the work itself ("抓好秋收秋种", "做好麦收工作"), so only "X前 / X期间 / X到来之前"
// is a time limit. Vague urgent times ("当前正值…的关键时节") say "now", without a date.
import type { Deadline } from './types.ts';
import { addDays, addMonths, cmp, fmt, lastDay, type Ymd } from './calendar.ts';
import { cnToInt } from './numerals.ts';

const SEASONS: Record<string, [month: number, day: number]> = {
  春耕: [3, 15],
  春播: [4, 1],
  麦收: [6, 1],
  夏收: [6, 1],
  三夏: [6, 1],
  雨季: [6, 1],
  主汛期: [7, 1],
  高考: [6, 7],
  秋收: [9, 20],
  三秋: [9, 20],
  秋播: [10, 1],
  秋冬种: [10, 1],
  入冬: [11, 1],
  冬季: [12, 1],
  供暖季: [11, 15],
  采暖季: [11, 15],
  供暖: [11, 15],
  汛期结束: [9, 30],
  汛期过后: [9, 30],
};

interface SeasonRule {
  hint: RegExp;
  re: RegExp;
  make(m: RegExpExecArray, ref: Ymd): Omit<Deadline, 'text'> | null;
}

export const SEASON_RULES: SeasonRule[] = [
  {
    hint: /春耕|春播|麦收|夏收|三夏|雨季|主汛期|高考|秋收|三秋|秋播|秋冬种|入冬|冬季|供暖|采暖|汛期结束/,
    re: /(今年|明年)?(春耕|春播|麦收|夏收|三夏|雨季|主汛期|高考|秋收|三秋|秋播|秋冬种|入冬|冬季|供暖季|采暖季|供暖|汛期结束)(?:开始|来临|到来|结束)?(之前|以前|前|期间)/g,
    make(m, ref) {
      const [mo, d] = SEASONS[m[2]];
      let day: Ymd = { y: m[1] === '明年' ? ref.y + 1 : ref.y, m: mo, d };
      // "麦收前" said in July means next year's harvest
      if (!m[1] && cmp(day, ref) < 0) day = { ...day, y: day.y + 1 };
      const before = m[3] !== '期间';
      const to = before ? addDays(day, -1) : day;
      return { from: fmt(ref), to: fmt(to), kind: 'date' };
    },
  },
  {
    // "当前正值小麦收获的关键时节," / "当前正是…的黄金时期": now, while the season lasts
    hint: /时节|时期|季节|窗口期/,
    re: /(?:当前|目前|眼下|现在)(?:正值|正是|正处于|正处在|处于)[^,。;]{0,20}?(?:关键|黄金|重要|有利|最佳)?(?:时节|时期|季节|窗口期)|(?:关键|最佳)(?:时节|窗口期)/g,
    make: () => ({ from: null, to: null, kind: 'asap' }),
  },
  {
    // "本月20日前" / "下月10日前": a day of this or next month (本月 alone is the rest of the month)
    hint: /本月|当月|下个?月/,
    re: /(本月|当月|下个?月)(\d{1,2}|[一二三四五六七八九十]{1,3})[日号](之前|以前|前)?/g,
    make(m, ref) {
      const d = cnToInt(m[2]);
      const month = /下/.test(m[1]) ? addMonths({ ...ref, d: 1 }, 1) : { ...ref, d: 1 };
      if (!d || d > lastDay(month.y, month.m)) return null;
      const day = { ...month, d };
      return { from: m[3] ? fmt(ref) : fmt(day), to: fmt(day), kind: 'date' };
    },
  },
  {
    // "开学前": the next term, 1 March or 1 September
    hint: /开学/,
    re: /(?<![秋春]季)开学(之前|以前|前)/g,
    make(_m, ref) {
      let day: Ymd = cmp(ref, { y: ref.y, m: 3, d: 1 }) < 0 ? { y: ref.y, m: 3, d: 1 } : { y: ref.y, m: 9, d: 1 };
      if (cmp(ref, { y: ref.y, m: 9, d: 1 }) >= 0) day = { y: ref.y + 1, m: 3, d: 1 };
      return { from: fmt(ref), to: fmt(addDays(day, -1)), kind: 'date' };
    },
  },
  {
    // "今冬明春": from November to the end of next March (the winter-spring campaigns: 火灾防控, 水利冬修)
    hint: /今冬明春/,
    re: /今冬明春/g,
    make: (_m, ref) => ({
      from: fmt({ y: ref.y, m: 11, d: 1 }),
      to: fmt({ y: ref.y + 1, m: 3, d: 31 }),
      kind: 'period',
    }),
  },
];
