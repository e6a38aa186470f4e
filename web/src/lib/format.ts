import dayjs from 'dayjs';

/** Display formats used across the app: Chinese dates, as the offices write them. */
export const DATE_FMT = 'YYYY年MM月DD日';
export const DATE_INPUT_FORMATS = ['YYYY年MM月DD日', 'YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD'];

/** A local date `YYYY-MM-DD` (or an instant) as 2026年01月05日; empty for null. */
export function fmtDate(d: string | null | undefined) {
  if (!d) return '';
  const v = dayjs(d);
  return v.isValid() ? v.format(DATE_FMT) : d;
}

/** A UTC instant shown in the browser's local time (the offices are all in UTC+8). */
export function fmtTime(iso: string | null | undefined) {
  if (!iso) return '';
  const v = dayjs(iso);
  return v.isValid() ? v.format('YYYY年MM月DD日 HH:mm') : iso;
}

/** Only same-site paths may be redirect targets after login (no open redirect). */
export function safeRedirect(p: string | null | undefined) {
  return p?.startsWith('/') && !p.startsWith('//') && !p.startsWith('/login') ? p : '/';
}
