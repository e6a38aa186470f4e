// Limits counted from a holiday: "春节后一周内", "节后3个工作日内", "国庆假期结束后5天内". A bare "春节后" / "节后" /
// "汛期结束后" is where the work starts, not when it is due (findDeadlines drops it); with a count it is due that many
// days after the break ends. A break ends when the statutory holiday does: 春节 on 正月初六 (除夕 to 初六), 国庆 on
// 10月7日, 五一 on 5月5日; the others are breaks of a day to three, counted from the day itself. "节后" without a
// name is the next holiday whose break has not ended on the reference date (a notice sent before a holiday).
import { addDays, addMonths, cmp, fmt, type Ymd } from './calendar.ts';
import { cnToInt } from './numerals.ts';
import type { Deadline } from './types.ts';

const HOLIDAYS = ['元旦', '春节', '清明', '五一', '端午', '中秋', '国庆'];
/** days from the holiday's date to the last day of its break */
const BREAK: Record<string, number> = { 春节: 6, 两节: 6, 国庆: 6, 五一: 4, 劳动节: 4 };
const N = '(\\d{1,2}|[〇零一二两三四五六七八九十]{1,3}|半)';

interface Rule {
  hint: RegExp;
  re: RegExp;
  make(m: RegExpExecArray, ref: Ymd): Omit<Deadline, 'text'> | null;
}

export function afterRules(festival: (name: string, y: number) => Ymd | null): Rule[] {
  /** the last day of the break of `name` (any holiday when undefined) that has not ended before ref */
  const breakEnd = (name: string | undefined, ref: Ymd): Ymd | null => {
    let best: Ymd | null = null;
    for (const h of name ? [name] : HOLIDAYS)
      for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
        const day = festival(h, y);
        if (!day) continue;
        const end = addDays(day, BREAK[h] ?? 0);
        if (cmp(end, ref) >= 0 && (!best || cmp(end, best) < 0)) best = end;
      }
    return best;
  };
  return [
    {
      hint: /(?:节|假|元旦|新年|清明|五一|端午|中秋|国庆)[^,。;]{0,7}后/,
      // (环节/季节/调节 are not holidays: a bare 节 must not follow another word ending in 节)
      re: new RegExp(
        `(春节|两节|元旦|新年|清明|五一|劳动节|端午|中秋|国庆|(?<![环季调礼章音关细情时])节日?|假期|长假)(?:节)?(?:假期|长假)?(?:结束)?(?:之后|以后|过后|后)(?:的)?${N}(?:个)?(天|日|工作日|周|星期|月)(?:之内|以内|内)`,
        'g',
      ),
      make(m, ref) {
        const name = { 新年: '元旦', 劳动节: '五一' }[m[1]] ?? m[1];
        const end = breakEnd(/^(?:节日?|假期|长假)$/.test(name) ? undefined : name, ref);
        const n = m[2] === '半' ? 0.5 : cnToInt(m[2]);
        if (!end || !n) return null;
        const u = m[3];
        const to =
          u === '月'
            ? addMonths(end, Math.max(1, Math.round(n)))
            : addDays(end, u === '周' || u === '星期' ? n * 7 : u === '工作日' ? Math.ceil((n * 7) / 5) : n);
        return { from: fmt(ref), to: fmt(to), kind: 'date' };
      },
    },
  ];
}
