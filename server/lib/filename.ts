/**
 * File names of exports: one format everywhere, `<名称>-YYYYMMDD.<ext>` with the LOCAL date
 * (Asia/Shanghai) of the export — a file exported at 03:30 Beijing time carries that day, not the
 * UTC day before.
 */
import { localDate } from './clock.ts';

/** `YYYYMMDD` of the local day of `now`. */
export const fileDate = (now: Date) => localDate(now).replaceAll('-', '');

/** `党员名册-20261204.xlsx` */
export const datedFileName = (base: string, ext: 'xlsx' | 'docx' | 'pdf' | 'csv', now: Date) =>
  `${base}-${fileDate(now)}.${ext}`;
