import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { RATING_CASE_STATUSES } from '../../../../common/enums.ts';
import type { CaseListQuery, CaseRow, Light } from '../../../../common/contracts/windows.ts';
import { fmtDate } from '../../lib/format.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { casesApi, LIGHT_COLORS, LIGHT_LABELS } from './api.ts';

export function LightDot({ light }: { light: Light }) {
  return <Badge color={LIGHT_COLORS[light]} text={LIGHT_LABELS[light]} />;
}

/** 差评工单: every 差评 and 暗访 case with its working-day deadline and light; filters live in the URL. */
export default function CasesPage() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const filters: CaseListQuery = {
    status: (get('status') as CaseListQuery['status']) ?? 'open',
    light: get('light') as Light | undefined,
    orgId: get('orgId') ? Number(get('orgId')) : undefined,
    windowId: get('windowId') ? Number(get('windowId')) : undefined,
    page: Number(get('page') ?? 1),
    pageSize: 20,
  };
  const set = (k: string, v?: string | number) => {
    const n = new URLSearchParams(params);
    if (v === undefined || v === '') n.delete(k);
    else n.set(k, String(v));
    n.delete('page');
    setParams(n);
  };
  const q = useQuery({ queryKey: ['windows', 'cases', filters], queryFn: () => casesApi.list(filters) });
  const l = q.data?.lights;
  return (
    <Card title="差评工单">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="状态"
          style={{ width: 130 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={[{ value: 'open', label: '未办结' }, ...RATING_CASE_STATUSES.map((s) => ({ value: s, label: s }))]}
        />
        <Segmented
          value={filters.light ?? 'all'}
          onChange={(v) => set('light', v === 'all' ? undefined : String(v))}
          options={[
            { value: 'all', label: '全部' },
            { value: 'red', label: <span style={{ color: LIGHT_COLORS.red }}>逾期 {l?.red ?? ''}</span> },
            { value: 'yellow', label: <span style={{ color: LIGHT_COLORS.yellow }}>临期 {l?.yellow ?? ''}</span> },
            { value: 'green', label: <span style={{ color: LIGHT_COLORS.green }}>正常 {l?.green ?? ''}</span> },
          ]}
        />
        <OrgSelect
          allowClear
          placeholder="按单位筛选"
          style={{ width: 220 }}
          value={filters.orgId}
          onChange={(v) => set('orgId', v)}
        />
        {filters.windowId && (
          <Tag closable onClose={() => set('windowId')}>
            仅看窗口 #{filters.windowId}
          </Tag>
        )}
      </Space>
      <Table<CaseRow>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        scroll={{ x: 900 }}
        onRow={(r) => ({ style: r.light === 'red' ? { background: '#fff1f0' } : undefined })}
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: q.data?.total,
          onChange: (p) =>
            setParams((x) => {
              const n = new URLSearchParams(x);
              n.set('page', String(p));
              return n;
            }),
          showTotal: (n) => `共 ${n} 件`,
        }}
        columns={[
          { title: '灯', dataIndex: 'light', width: 90, render: (v: Light) => <LightDot light={v} /> },
          { title: '窗口', dataIndex: 'windowName', render: (v, _r) => v ?? <Tag>暗访</Tag> },
          { title: '单位', dataIndex: 'orgName' },
          {
            title: '评价',
            dataIndex: 'level',
            width: 100,
            render: (v: string | null, r) => (v ? <Tag color="red">{v}</Tag> : <Tag>{r.source}</Tag>),
          },
          { title: '问题', dataIndex: 'problem', ellipsis: true },
          { title: '立案', dataIndex: 'openedDate', width: 140, render: fmtDate },
          {
            title: '办结时限',
            dataIndex: 'dueDate',
            width: 140,
            render: (v: string, r) => (
              <Typography.Text type={r.light === 'red' ? 'danger' : undefined}>{fmtDate(v)}</Typography.Text>
            ),
          },
          { title: '状态', dataIndex: 'status', width: 90 },
          { title: '', key: 'op', width: 70, render: (_, r) => <Link to={`/rating-cases/${r.id}`}>办理</Link> },
        ]}
      />
    </Card>
  );
}
