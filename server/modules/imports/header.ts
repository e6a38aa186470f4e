/**
 * Which leading row of an uploaded sheet is the header: the first of the leading 5 non-empty rows
 * that has every required column (so a title row above it is fine); if none has, the error names
 * what the best candidate lacks. Pure, so it runs inside the parse sandbox with the reader.
 */
import { badRequest } from '../../lib/errors.ts';
import { columnsOf, mapHeader, type ImportKind } from './columns.ts';
import type { Cell } from './xlsx.ts';

export function headerDecider(kind: ImportKind) {
  let best: { missing: string[]; found: number } | null = null;
  let seen = 0;
  const found: { columns?: Map<string, number>; row?: number } = {};
  const missingColumns = () => {
    const missing =
      best?.missing ??
      columnsOf(kind)
        .filter((c) => c.required)
        .map((c) => c.header);
    return badRequest('MISSING_COLUMNS', `缺少必填列:${missing.join('、')}(请使用导入模板的表头)`, { missing });
  };
  return {
    found,
    onHeader(header: Cell[], row: number) {
      const { map, missing } = mapHeader(
        kind,
        header.map((h) => (h == null ? null : String(h))),
      );
      if (!missing.length) {
        found.columns = map;
        found.row = row;
        return true;
      }
      if (!best || map.size > best.found) best = { missing, found: map.size };
      if (++seen < 5) return false;
      throw missingColumns();
    },
    onNoHeader() {
      throw missingColumns();
    },
  };
}
