/**
 * The number in a task's target phrase ("增长20%以上", "完成投资12亿元", "新增两千万元"), read so
 * that 「设为指标目标」 can prefill the target; the user checks it before saving. Shared by the web
 * (prefill) and the server (tests). Pure.
 */
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
const SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 二十 → 20, 三千五百 → 3500, 十二 → 12; null for anything else. */
function chinese(s: string): number | null {
  let total = 0;
  let num = 0;
  for (const c of s) {
    if (c in DIGIT) num = DIGIT[c];
    else if (c in SMALL) {
      total += (num || 1) * SMALL[c];
      num = 0;
    } else return null;
  }
  return total + num;
}

export interface TargetNumber {
  value: number;
  /** The measure as written: '%', '亿元', '万元', '个', … ('' when none). */
  unit: string;
}

const RE =
  /(\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千]+)\s*(万|亿)?\s*(%|％|个百分点|百分点|[^\d\s,，;；。、以左上下内]{0,3})/;

const MEASURES = [
  '%',
  '个百分点',
  '百分点',
  '元',
  '亩',
  '公顷',
  '公里',
  '吨',
  '个',
  '家',
  '项',
  '户',
  '人次',
  '人',
  '名',
  '次',
  '件',
  '所',
  '座',
];

export function parseTargetNumber(text: string): TargetNumber | null {
  const m = RE.exec(text);
  if (!m) return null;
  const n = /^\d/.test(m[1]) ? Number(m[1]) : chinese(m[1]);
  if (n === null || !Number.isFinite(n)) return null;
  const raw = (m[3] ?? '').replace('％', '%');
  let unit = MEASURES.find((k) => raw.startsWith(k)) ?? '';
  // 12亿元 / 3万元 keep the magnitude in the unit (converted below); 3万吨 → 30000 吨.
  if (m[2] && unit.startsWith('元')) unit = `${m[2]}元`;
  else if (m[2]) return { value: n * (m[2] === '亿' ? 1e8 : 1e4), unit };
  return { value: n, unit };
}

const YUAN: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };

/** The value in the indicator's unit (亿元 → 万元 × 10000); null when the units do not convert. */
export function convertTarget(t: TargetNumber, toUnit: string): number | null {
  const to = toUnit.trim();
  if (t.unit === to || (t.unit === '' && to !== '')) return t.value;
  if (t.unit in YUAN && to in YUAN) return Math.round(((t.value * YUAN[t.unit]) / YUAN[to]) * 1e6) / 1e6;
  if ((t.unit === '个百分点' || t.unit === '百分点') && to === '%') return t.value;
  return null;
}
