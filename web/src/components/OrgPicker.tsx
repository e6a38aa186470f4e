import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { OrgHit } from '../../../common/contracts/orgs.ts';
import type { OrgType } from '../../../common/enums.ts';
import { orgsApi } from '../features/orgs/api.ts';
import { useRemoteSearch } from './RemoteSelect.tsx';

/** The node types each kind of field accepts (pass one of these, or a list, as `types`). */
export const ORG_PICK: Record<string, readonly OrgType[]> = {
  /** A member's branch, a meeting's branch: only 党支部 (a 党总支 without branches holds members too). */
  branch: ['党支部', '党总支'],
  /** Organizations whose secretaries report (述职): party committees, 党组, 党总支 — not branches or grids. */
  reporting: ['党委', '党工委', '党组', '机关工委', '党总支'],
  /** A responsible unit (责任单位) of a task or a 窗口: government units and party committees. */
  unit: ['政府单位', '党委', '党工委', '党组', '机关工委'],
};

type Single = { mode?: undefined; value?: number | null; onChange?(v: number | undefined): void };
type Multi = { mode: 'multiple'; value?: number[]; onChange?(v: number[]): void };
export type OrgPickerProps = (Single | Multi) & {
  /** Only these node types are offered (the server filters them). Default: every type. */
  types?: readonly OrgType[];
  /** Ids never offered (e.g. the node being moved). */
  exclude?: readonly number[];
} & Omit<SelectProps, 'mode' | 'value' | 'onChange' | 'options' | 'showSearch' | 'filterOption' | 'loading'>;

/**
 * THE org picker: searches the server over the caller's whole subtree as the user types (name,
 * short name, code or pinyin: 「cg」 finds 城关镇党委), offers only the node types the field
 * accepts, and shows each node's parent to tell namesakes apart. Chosen values keep their labels;
 * values set from outside (an edit form) are named by one `ids` lookup.
 */
export function OrgPicker({ types, exclude, mode, value, onChange, ...rest }: OrgPickerProps) {
  const typeKey = types ? [...types].sort().join(',') : '';
  const s = useRemoteSearch(['orgs', 'search', typeKey], (q, signal) =>
    orgsApi.search({ q, types: types ? [...types] : undefined, limit: 30 }, signal).then((r) => r.items),
  );
  const [seen, setSeen] = useState(() => new Map<number, OrgHit>());
  const chosen = useMemo(() => (value == null ? [] : Array.isArray(value) ? value : [value]), [value]);
  const unknown = chosen.filter((id) => !seen.has(id) && !s.items.some((h) => h.id === id));
  const named = useQuery({
    queryKey: ['orgs', 'search', 'ids', unknown],
    queryFn: () => orgsApi.search({ ids: unknown, limit: 100 }).then((r) => r.items),
    enabled: unknown.length > 0,
    staleTime: 60_000,
  });
  const hits = new Map<number, OrgHit>();
  for (const h of [...(named.data ?? []), ...seen.values()]) if (chosen.includes(h.id)) hits.set(h.id, h);
  for (const h of s.items) if (!exclude?.includes(h.id)) hits.set(h.id, h);
  const options = [...hits.values()].map((h) => ({ value: h.id, label: h.name, hit: h }));
  const remember = (ids: number[]) =>
    setSeen((m) => {
      const next = new Map(m);
      for (const id of ids) {
        const h = hits.get(id);
        if (h) next.set(id, h);
      }
      return next;
    });
  return (
    <Select
      allowClear
      placeholder="输入名称或拼音搜索"
      {...rest}
      mode={mode}
      value={value ?? undefined}
      loading={s.searching}
      showSearch={{ filterOption: false, onSearch: s.setTerm }}
      onChange={(v: number | number[] | undefined) => {
        const ids = v == null ? [] : Array.isArray(v) ? v : [v];
        remember(ids);
        if (mode === 'multiple') (onChange as Multi['onChange'])?.(ids);
        else (onChange as Single['onChange'])?.(ids[0]);
      }}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.hit.name}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {o.data.hit.type}
            {o.data.hit.parentName ? ` · ${o.data.hit.parentName}` : ''}
          </Typography.Text>
        </span>
      )}
      notFoundContent={s.error ? s.error.message : s.searching ? '正在搜索……' : '没有符合条件的组织'}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)', minWidth: 280 } } }}
    />
  );
}
