// Chinese numerals → numbers. Handles 十二/二十一/一百零五/两千, digit-by-digit years (二〇二四), mixed 3万.
const DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export const CN_NUM_CHARS = '〇零一二两三四五六七八九十百千万亿';

export function cnToInt(s: string): number | null {
  s = s.trim();
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  // digit-by-digit form, used for years: 二〇二四
  if (s.length > 1 && [...s].every((c) => c in DIGIT)) return Number([...s].map((c) => DIGIT[c]).join(''));
  let total = 0,
    section = 0,
    num = 0,
    seen = false;
  for (const c of s) {
    if (c in DIGIT) {
      num = DIGIT[c];
      seen = true;
    } else if (/\d/.test(c)) {
      num = num * 10 + Number(c);
      seen = true;
    } else if (c in UNIT) {
      section += (num || 1) * UNIT[c];
      num = 0;
      seen = true;
    } else if (c in BIG) {
      total += (section + num) * BIG[c];
      section = 0;
      num = 0;
      seen = true;
    } else return null;
  }
  return seen ? total + section + num : null;
}
