import { Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { listModels, stdKeys } from './api.ts';

/** The years an org was named 示范点, with the reason (shown on the org detail page). */
export default function ModelYears({ orgId }: { orgId: number }) {
  const q = useQuery({ queryKey: stdKeys.models(orgId), queryFn: () => listModels(orgId) });
  const items = q.data?.items ?? [];
  if (!items.length) return <span>—</span>;
  return (
    <span>
      {items.map((m) => (
        <Tooltip key={m.id} title={m.reason}>
          <Tag color="gold">{m.year}年度示范点</Tag>
        </Tooltip>
      ))}
    </span>
  );
}
