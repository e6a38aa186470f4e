import { Select } from 'antd';

/**
 * A list filter: a clearable select whose placeholder is also its accessible name. `options` is an
 * enumeration of common/enums.ts — a list (the value is the label) or a `{ key: label }` map.
 */
export function FilterSelect<T extends string>({
  label,
  value,
  onChange,
  options,
  width = 120,
}: {
  label: string;
  value: T | undefined;
  onChange: (v: T | undefined) => void;
  options: readonly T[] | Readonly<Record<T, string>>;
  width?: number;
}) {
  const opts = Array.isArray(options)
    ? (options as readonly T[]).map((v) => ({ value: v, label: v }))
    : (Object.entries(options) as [T, string][]).map(([value, label]) => ({ value, label }));
  return (
    <Select<T>
      allowClear
      placeholder={label}
      aria-label={label}
      style={{ width }}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={opts}
    />
  );
}
