import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { api } from '../../api/client.ts';
import type { Member, Page } from '../../api/types.ts';

/** Picks a member of an org subtree by name, pinyin initials or ID last 4 (server-side search). */
export default function MemberPicker({
  orgId,
  value,
  onChange,
}: {
  orgId?: number;
  value?: number;
  onChange?(v: number | undefined): void;
}) {
  const [options, setOptions] = useState<Member[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const seq = useRef(0);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const n = ++seq.current;
      setLoading(true);
      try {
        const r = await api.get<Page<Member>>('/api/members', { orgId, q: q.trim() || undefined, pageSize: 30 });
        if (n === seq.current) setOptions(r.items);
      } catch {
        if (n === seq.current) setOptions([]);
      } finally {
        if (n === seq.current) setLoading(false);
      }
    }, 250);
  };
  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
  }, [orgId]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Select
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      loading={loading}
      showSearch={{ filterOption: false, onSearch: search }}
      placeholder="输入姓名、拼音首字母或身份证后4位搜索"
      notFoundContent={loading ? '正在搜索……' : '管辖范围内没有匹配的党员'}
      options={options.map((m) => ({
        value: m.id,
        label: `${m.name}(${m.orgName ?? ''},身份证尾号 ${m.idNumber.slice(-4)})`,
      }))}
    />
  );
}
