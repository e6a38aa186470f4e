/** The ledger's filters as URL parameters: the list, its print view and the 工作台 links share them. */
import type { RectExportQuery } from '../../../../common/contracts/rectifications.ts';
import { RECT_SIDES, RECT_SOURCES, RECT_STATUSES } from '../../../../common/enums.ts';
const oneOf = <T extends string>(list: readonly T[], v: string | null) =>
  list.includes(v as T) ? (v as T) : undefined;
const flag = (v: string | null) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined);

/** The ledger's filters, read from the URL (the 工作台 links open it filtered) and cleaned. */
export function rectFilters(params: URLSearchParams): RectExportQuery {
  const num = (k: string) => (/^\d+$/.test(params.get(k) ?? '') ? Number(params.get(k)) : undefined);
  return {
    status: oneOf(RECT_STATUSES, params.get('status')),
    source: oneOf(RECT_SOURCES, params.get('source')),
    side: oneOf(RECT_SIDES, params.get('side')),
    overdue: flag(params.get('overdue')),
    orgId: num('orgId'),
    year: num('year'),
    q: params.get('q')?.trim() || undefined,
  };
}
