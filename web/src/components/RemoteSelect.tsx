import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';

/** A value that settles `ms` after its last change: typing a word costs one request, not one per key. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * A server-side search as the user types. Each settled term is its own query, so an answer to an
 * older term can never overwrite a newer one (the race the hand-written versions guarded with a
 * sequence number), a term typed again comes from the cache, and the previous results stay on
 * screen while the next ones load. `key` names the search and whatever narrows it (e.g. an org id).
 */
export function useRemoteSearch<T>(
  key: QueryKey,
  search: (q: string, signal: AbortSignal) => Promise<T[]>,
  opts: { ms?: number; enabled?: boolean } = {},
) {
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), opts.ms ?? 250);
  const query = useQuery({
    queryKey: [...key, q],
    queryFn: ({ signal }) => search(q, signal),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
  return {
    term,
    setTerm,
    items: query.data ?? [],
    searching: query.isFetching || term.trim() !== q,
    error: query.error,
  };
}

export interface RemoteSelectProps<T>
  extends Omit<SelectProps<number>, 'options' | 'showSearch' | 'loading' | 'filterOption' | 'onChange'> {
  /** Names the search (and what narrows it); the typed term is appended. */
  queryKey: QueryKey;
  search(q: string, signal: AbortSignal): Promise<T[]>;
  toOption(item: T): { value: number; label: string };
  /** Results not offered (e.g. the member's own branch as a transfer target). */
  exclude?(item: T): boolean;
  /** Shown when a search finds nothing. */
  emptyText: string;
  onChange?(value: number | undefined): void;
}

/**
 * A Select whose options come from the server as the user types (members, transfer targets, …).
 * The chosen option keeps its label when a later search no longer returns it.
 */
export function RemoteSelect<T>({
  queryKey,
  search,
  toOption,
  exclude,
  emptyText,
  value,
  onChange,
  ...rest
}: RemoteSelectProps<T>) {
  const s = useRemoteSearch(queryKey, search);
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const options = s.items.filter((t) => !exclude?.(t)).map(toOption);
  if (picked && picked.value === value && !options.some((o) => o.value === value)) options.unshift(picked);
  return (
    <Select<number>
      value={value}
      allowClear
      loading={s.searching}
      showSearch={{ filterOption: false, onSearch: s.setTerm }}
      onChange={(v) => {
        setPicked(options.find((o) => o.value === v) ?? null);
        onChange?.(v);
      }}
      options={options}
      notFoundContent={s.error ? s.error.message : s.searching ? '正在搜索……' : emptyText}
      {...rest}
    />
  );
}
