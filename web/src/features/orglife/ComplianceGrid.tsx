import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Tag, Tooltip } from 'antd';
import { keys, orglife } from './api.ts';
import { ITEM_STATUS } from './model.tsx';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const monthOf = (d: string) => Number(d.slice(5, 7));

/**
 * The requirements of a branch (or a 党总支 and its 支部) for a year: one row per org and meeting
 * type, twelve month columns; a quarterly requirement spans three. Each cell shows held/required
 * (held = with quorum) coloured by its status.
 */
export default function ComplianceGrid({ orgId, year }: { orgId: number; year: number }) {
  const f = { orgId, year };
  const { data } = useQuery({ queryKey: keys.compliance(f), queryFn: () => orglife.compliance(f) });
  if (!data) return <Card size="small" loading />;
  const rows = new Map<string, typeof data.items>();
  for (const it of data.items) {
    const k = `${it.orgName}|${it.type}`;
    rows.set(k, [...(rows.get(k) ?? []), it]);
  }
  const orgs = new Set(data.items.map((i) => i.orgName));
  return (
    <Card
      size="small"
      title="各项要求落实情况(已开/应开)"
      extra={
        <Space size={4} wrap>
          {Object.values(ITEM_STATUS).map((s) => (
            <Tag key={s.label} color={s.color}>
              {s.label}
            </Tag>
          ))}
        </Space>
      }
    >
      {rows.size === 0 ? (
        <Empty description="本年度尚无到期的组织生活要求" />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table
            className="orglife-grid"
            style={{ borderCollapse: 'collapse', width: '100%', minWidth: 760, fontSize: 13 }}
          >
            <thead>
              <tr>
                <th style={th}>{orgs.size > 1 ? '组织 / 会议类型' : '会议类型'}</th>
                {MONTHS.map((m) => (
                  <th key={m} style={th}>
                    {m}月
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...rows.entries()].map(([k, items]) => {
                const [org, type] = k.split('|');
                const cells: React.ReactNode[] = [];
                let m = 1;
                for (const it of [...items].sort((a, b) => a.periodStart.localeCompare(b.periodStart))) {
                  const from = monthOf(it.periodStart);
                  if (from > m) cells.push(<td key={`gap${m}`} colSpan={from - m} style={td} />);
                  const span = monthOf(it.periodEnd) - from + 1;
                  const s = ITEM_STATUS[it.status];
                  cells.push(
                    <td
                      key={it.period}
                      colSpan={span}
                      style={{ ...td, background: s.bg }}
                      data-testid={`cell-${type}-${it.period}`}
                      data-status={it.status}
                    >
                      <Tooltip
                        title={`${it.periodLabel}:应开 ${it.required} 次,已开 ${it.held} 次${it.belowQuorum ? `,另有 ${it.belowQuorum} 次未达法定人数` : ''}(${s.label})`}
                      >
                        <span style={{ color: s.color === 'default' ? '#8c8c8c' : undefined, fontWeight: 600 }}>
                          {it.held}/{it.required}
                        </span>
                        {it.belowQuorum > 0 && <sup style={{ color: '#cf1322' }}>*</sup>}
                      </Tooltip>
                    </td>,
                  );
                  m = from + span;
                }
                if (m <= 12) cells.push(<td key="tail" colSpan={13 - m} style={td} />);
                return (
                  <tr key={k}>
                    <td style={{ ...td, textAlign: 'left', whiteSpace: 'nowrap' }}>
                      {orgs.size > 1 ? `${org} · ${type}` : type}
                    </td>
                    {cells}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 6 }}>
            * 该周期另有会议记录签到人数未达法定人数,不计为已开。
          </div>
        </div>
      )}
    </Card>
  );
}
const th: React.CSSProperties = {
  border: '1px solid #f0f0f0',
  padding: '6px 4px',
  background: '#fafafa',
  fontWeight: 500,
};
const td: React.CSSProperties = { border: '1px solid #f0f0f0', padding: '6px 4px', textAlign: 'center' };
