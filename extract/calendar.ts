// Pure proleptic-Gregorian calendar arithmetic on {y,m,d}: no Date objects, so no time-zone pitfalls.
import lunarPkg from 'lunar-javascript';

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const fmt = ({ y, m, d }: Ymd): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

export function parseYmd(s: string): Ymd | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
  if (!m) return null;
  const v = { y: +m[1], m: +m[2], d: +m[3] };
  if (v.m < 1 || v.m > 12 || v.d < 1 || v.d > lastDay(v.y, v.m)) return null;
  return v;
}

export const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export function lastDay(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil), and back.
export function toDays({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
export function fromDays(z: number): Ymd {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}
export const addDays = (a: Ymd, n: number): Ymd => fromDays(toDays(a) + n);
export function addMonths(a: Ymd, n: number): Ymd {
  const t = a.y * 12 + (a.m - 1) + n;
  const y = Math.floor(t / 12),
    m = (t % 12) + 1;
  return { y, m, d: Math.min(a.d, lastDay(y, m)) };
}
export const cmp = (a: Ymd, b: Ymd) => toDays(a) - toDays(b);

/** Today's calendar date in China (UTC+8), independent of the process time zone. */
export function todayCN(): string {
  const now = Date.now() + 8 * 3600 * 1000;
  return fmt(fromDays(Math.floor(now / 86400000)));
}

const { Lunar } = lunarPkg;
/** Solar date of a lunar-calendar day (month/day) in lunar year `y`. */
export function lunarToSolar(y: number, m: number, d: number): Ymd {
  const s = Lunar.fromYmd(y, m, d).getSolar();
  return { y: s.getYear(), m: s.getMonth(), d: s.getDay() };
}
/** Solar date of a solar term (e.g. 清明) in Gregorian year y. */
export function solarTerm(y: number, name: string): Ymd | null {
  const t = Lunar.fromYmd(y, 6, 1).getJieQiTable()[name];
  return t ? { y: t.getYear(), m: t.getMonth(), d: t.getDay() } : null;
}
