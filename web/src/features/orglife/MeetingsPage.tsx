import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Calendar, Card, List, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MEETING_TYPES } from '../../../../common/enums.ts';
import { useAuth } from '../../lib/session.tsx';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { keys, orglife } from './api.ts';
import { BranchSelect, hm, SHORT, TypeTags, useNarrow } from './model.tsx';

/**
 * 会议日历: the meetings of a branch (or of the whole scope) month by month, with 计划 meetings,
 * quorum and attendance at a glance; a list view for search and phones.
 */
export default function MeetingsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const narrow = useNarrow();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const month = params.get('month') ?? dayjs().format('YYYY-MM');
  const view = (params.get('view') ?? (narrow ? 'list' : 'calendar')) as 'calendar' | 'list';
  const type = params.get('type') ?? undefined;
  const set = (k: string, v: string | number | undefined) => {
    const n = new URLSearchParams(params);
    v == null || v === '' ? n.delete(k) : n.set(k, String(v));
    setParams(n);
  };
  const start = dayjs(`${month}-01`);
  const f = {
    orgId,
    type: type as (typeof MEETING_TYPES)[number] | undefined,
    from: start.startOf('month').subtract(7, 'day').format('YYYY-MM-DD'),
    to: start.endOf('month').add(14, 'day').format('YYYY-MM-DD'),
    pageSize: 500,
  };
  const { data, error } = useQuery({ queryKey: keys.meetings(f), queryFn: () => orglife.meetings(f) });
  const byDay = new Map<string, NonNullable<typeof data>['items']>();
  for (const m of data?.items ?? []) byDay.set(m.heldDate, [...(byDay.get(m.heldDate) ?? []), m]);
  const inMonth = (data?.items ?? []).filter((m) => m.heldDate.startsWith(month));

  return (
    <Card
      title="会议日历"
      extra={
        can('orglife.manage') && (
          <Button type="primary" onClick={() => navigate(`/org-life/meetings/new${orgId ? `?orgId=${orgId}` : ''}`)}>
            记录会议
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <BranchSelect value={orgId} onChange={(v) => set('orgId', v)} placeholder="全部(本人管辖范围)" />
        <Select
          allowClear
          aria-label="会议类型"
          placeholder="会议类型"
          style={{ width: 140 }}
          value={type}
          onChange={(v) => set('type', v)}
          options={MEETING_TYPES.map((t) => ({ value: t, label: t }))}
        />
        <Segmented
          value={view}
          onChange={(v) => set('view', v as string)}
          options={[
            { value: 'calendar', label: '日历' },
            { value: 'list', label: '列表' },
          ]}
        />
        {view === 'list' && (
          <Space>
            <Button onClick={() => set('month', start.subtract(1, 'month').format('YYYY-MM'))}>上月</Button>
            <b>{start.format('YYYY年MM月')}</b>
            <Button onClick={() => set('month', start.add(1, 'month').format('YYYY-MM'))}>下月</Button>
          </Space>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      {view === 'calendar' ? (
        <Calendar
          value={month === dayjs().format('YYYY-MM') ? dayjs() : start}
          onPanelChange={(d: Dayjs) => set('month', d.format('YYYY-MM'))}
          onSelect={(d: Dayjs, info) =>
            info.source === 'month' || info.source === 'year' ? set('month', d.format('YYYY-MM')) : undefined
          }
          cellRender={(d: Dayjs, info) => {
            if (info.type !== 'date') return null;
            const ms = byDay.get(d.format('YYYY-MM-DD')) ?? [];
            return (
              <div>
                {ms.slice(0, 4).map((m) => (
                  <div key={m.id} style={{ marginBottom: 2 }}>
                    <Link to={`/org-life/meetings/${m.id}`} title={`${m.org.name}:${m.topic}`}>
                      <Badge
                        color={m.status === '计划' ? '#1677ff' : m.quorum ? '#52c41a' : '#f5222d'}
                        text={
                          <span style={{ fontSize: 12 }}>
                            {hm(m.heldAt)} {m.types.map((t) => SHORT[t] ?? t).join('+')}
                          </span>
                        }
                      />
                    </Link>
                  </div>
                ))}
                {ms.length > 4 && <Typography.Text type="secondary">还有 {ms.length - 4} 个</Typography.Text>}
              </div>
            );
          }}
        />
      ) : narrow ? (
        <List
          dataSource={inMonth}
          locale={{ emptyText: '本月没有会议记录' }}
          renderItem={(m) => (
            <List.Item onClick={() => navigate(`/org-life/meetings/${m.id}`)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>{fmtDate(m.heldDate)}</span>
                    <TypeTags types={m.types} />
                  </Space>
                }
                description={`${m.org.name} · ${m.topic} · 实到 ${m.present}/${m.expected}${m.status === '计划' ? ' · 计划' : ''}`}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table
          size="small"
          rowKey="id"
          dataSource={inMonth}
          pagination={{ pageSize: 20 }}
          onRow={(m) => ({ onClick: () => navigate(`/org-life/meetings/${m.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: '召开时间', dataIndex: 'heldAt', render: (v: string) => fmtTime(v), width: 170 },
            { title: '组织', dataIndex: ['org', 'name'] },
            { title: '类型', dataIndex: 'types', render: (t: string[]) => <TypeTags types={t} /> },
            { title: '议题', dataIndex: 'topic' },
            { title: '实到/应到', render: (_: unknown, m) => `${m.present}/${m.expected}`, width: 90 },
            {
              title: '状态',
              width: 120,
              render: (_: unknown, m) =>
                m.status !== '已召开' ? (
                  <Tag color={m.status === '计划' ? 'blue' : 'default'}>{m.status}</Tag>
                ) : m.quorum ? (
                  <Tag color="green">达到法定人数</Tag>
                ) : (
                  <Tag color="red">未达法定人数</Tag>
                ),
            },
            {
              title: '录入时间',
              dataIndex: 'createdAt',
              render: (v: string, m) => (
                <span style={{ color: m.backdated ? '#d46b08' : undefined }}>{fmtTime(v)}</span>
              ),
              width: 170,
            },
          ]}
        />
      )}
      <Space wrap size={12} style={{ marginTop: 8, fontSize: 12, color: '#8c8c8c' }}>
        <Badge color="#52c41a" text="达到法定人数" />
        <Badge color="#f5222d" text="未达法定人数" />
        <Badge color="#1677ff" text="计划召开" />
        <span>点击会议查看详情、签到与会议记录</span>
      </Space>
    </Card>
  );
}
