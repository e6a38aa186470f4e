/**
 * The review's selection, read by each row's (or card's) checkbox alone: selecting 100 rows at once
 * (「选中所有未定牵头单位的」) re-renders 100 checkboxes, not 100 rows; the row's colour follows its
 * checkbox in CSS (:has). Shared by the desktop table and the phone cards.
 */
import { Checkbox } from 'antd';
import { useLayoutEffect, useState, useSyncExternalStore } from 'react';
import type { RowActions } from './reviewRow.tsx';

export class Selection {
  keys: ReadonlySet<string> = new Set();
  private listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };
  update(keys: ReadonlySet<string>) {
    this.keys = keys;
    for (const l of this.listeners) l();
  }
}

/** One store per table, kept in step with the page's selection. */
export function useSelection(selected: ReadonlySet<string>) {
  const [store] = useState(() => new Selection());
  useLayoutEffect(() => store.update(selected), [store, selected]);
  return store;
}

export const SELECTED_CSS =
  '.review-row:has(.ant-checkbox-checked){background:#e6f4ff}' +
  '.review-card:has(.review-card-head .ant-checkbox-checked){background:#e6f4ff;border-color:#91caff}';

export function SelectBox({
  store,
  k,
  index,
  a,
  style,
}: {
  store: Selection;
  k: string;
  index: number;
  a: RowActions;
  style?: React.CSSProperties;
}) {
  const on = useSyncExternalStore(store.subscribe, () => store.keys.has(k));
  return (
    <Checkbox
      aria-label={`选择第 ${index + 1} 条`}
      checked={on}
      style={style}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => a.select(k, e.target.checked)}
    />
  );
}
