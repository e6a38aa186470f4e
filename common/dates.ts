/** Dates as printed and said in Chinese offices (both sides use it: server files, web text). */

/** A local date `2026-12-04` as 2026年12月04日; empty for null. */
export const cnDate = (d: string | null | undefined) =>
  d ? `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日` : '';
