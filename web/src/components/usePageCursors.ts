import { useRef } from 'react';

/**
 * Keyset paging on the web: remembers each page's `nextCursor`, so that moving to the next page (the
 * common case: reading a register page by page) asks for `cursor` instead of an OFFSET the server
 * would have to skip. A jump to a far page, or a reload, still asks for `page`. The cursors are
 * forgotten when `resetKey` (the filters) changes.
 */
export function usePageCursors(resetKey: string) {
  const ref = useRef<{ key: string; next: Map<number, string> }>({ key: resetKey, next: new Map() });
  if (ref.current.key !== resetKey) ref.current = { key: resetKey, next: new Map() };
  const state = ref.current;
  return {
    /** The cursor that reads page `page`, when the page before it has been seen. */
    cursorFor: (page: number) => (page > 1 ? state.next.get(page - 1) : undefined),
    remember: (page: number, nextCursor: string | null | undefined) => {
      if (nextCursor) state.next.set(page, nextCursor);
    },
  };
}

/** "共 N 条", or "约 N 条" when the server only estimated the total (province-wide lists). */
export const totalLabel = (n: number, approx: boolean | undefined, unit: string) =>
  `${approx ? '约' : '共'} ${n.toLocaleString('zh-CN')} ${unit}`;
