import { useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Calendar,
  Card,
  Grid,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { VisitSummary } from '../../../../common/contracts/research.ts';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { useAuth } from '../../lib/session.tsx';
import { fmtDate } from '../../lib/format.ts';
import { leaders, listFindings, listVisits, researchKeys } from './api.ts';
import { span, statusTag } from './model.tsx';
import OverviewTab from './OverviewTab.tsx';
import VisitFormModal from './VisitFormModal.tsx';

const { useBreakpoint } = Grid;

/** 调研统筹: calendar per leader and per place, the list, the overview (heat, never visited), shared findings, rules. */
export default function ResearchPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'calendar';
  const screens = useBreakpoint();
  const { can } = useAuth();
  const [formOpen, setFormOpen] = useState(false);
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(params);
    if (v) n.set(k, v);
    else n.delete(k);
    setParams(n, { replace: true });
  };
  return (
    <Card
      title="调研统筹"
      extra={
        can('research.plan') && (
          <Button type="primary" onClick={() => setFormOpen(true)}>
            登记调研
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          { key: 'calendar', label: '调研日历', children: <CalendarTab compact={!screens.md} /> },
          { key: 'list', label: '调研安排', children: <ListTab /> },
          { key: 'overview', label: '统筹总览', children: <OverviewTab /> },
          { key: 'findings', label: '成果共享', children: <FindingsTab /> },
        ]}
      />
      <VisitFormModal open={formOpen} onClose={() => setFormOpen(false)} />
    </Card>
  );
}

function Filters({
  leader,
  setLeader,
  place,
  setPlace,
}: {
  leader?: string;
  setLeader: (v?: string) => void;
  place?: number;
  setPlace: (v?: number) => void;
}) {
  const l = useQuery({ queryKey: ['research', 'leaders'], queryFn: leaders });
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select
        allowClear
        showSearch
        placeholder="按带队领导"
        style={{ width: 180 }}
        value={leader}
        onChange={setLeader}
        options={(l.data?.items ?? []).map((x) => ({ value: x, label: x }))}
      />
      <OrgTreeSelect
        placeholder="按调研地点"
        style={{ width: 240 }}
        value={place}
        onChange={(v) => setPlace(v ?? undefined)}
      />
    </Space>
  );
}

function CalendarTab({ compact }: { compact: boolean }) {
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [chosen, setMode] = useState<'month' | 'week'>('month');
  // A month grid is unreadable at phone width: phones get the week list.
  const mode = compact ? 'week' : chosen;
  const [leader, setLeader] = useState<string>();
  const [place, setPlace] = useState<number>();
  const navigate = useNavigate();
  const range =
    mode === 'month'
      ? [month.startOf('month').startOf('week'), month.endOf('month').endOf('week')]
      : [month.startOf('week'), month.endOf('week')];
  const q = {
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
    leader,
    placeOrgId: place,
    pageSize: 500,
  };
  const { data } = useQuery({ queryKey: researchKeys.list(q), queryFn: () => listVisits(q) });
  const byDay = useMemo(() => {
    const m = new Map<string, VisitSummary[]>();
    for (const v of data?.items ?? [])
      for (let d = dayjs(v.startDate); !d.isAfter(dayjs(v.endDate)); d = d.add(1, 'day')) {
        const k = d.format('YYYY-MM-DD');
        m.set(k, [...(m.get(k) ?? []), v]);
      }
    return m;
  }, [data]);
  const chip = (v: VisitSummary) => (
    <Tooltip key={v.id} title={`${v.leader}「${v.title}」· ${v.places.map((p) => p.name).join('、')} · ${v.status}`}>
      <div
        onClick={() => navigate(`/research/${v.id}`)}
        style={{
          fontSize: 12,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          cursor: 'pointer',
          color: v.warningCount ? '#d4380d' : undefined,
        }}
      >
        <Badge status={v.status === '已确认' ? 'success' : v.status === '待统筹' ? 'warning' : 'default'} /> {v.leader}{' '}
        {v.places[0]?.name}
      </div>
    </Tooltip>
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          optionType="button"
          options={[
            { value: 'month', label: '按月' },
            { value: 'week', label: '按周' },
          ]}
        />
        <Button onClick={() => setMonth(month.subtract(1, mode))}>上一{mode === 'month' ? '月' : '周'}</Button>
        <Typography.Text strong>
          {mode === 'month' ? month.format('YYYY年MM月') : `${fmtDate(range[0].format('YYYY-MM-DD'))}起`}
        </Typography.Text>
        <Button onClick={() => setMonth(month.add(1, mode))}>下一{mode === 'month' ? '月' : '周'}</Button>
        <Button onClick={() => setMonth(dayjs())}>今天</Button>
      </Space>
      <Filters leader={leader} setLeader={setLeader} place={place} setPlace={setPlace} />
      {mode === 'month' ? (
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => info.source === 'date' && setMonth(d)}
          headerRender={() => null}
          cellRender={(d, info) =>
            info.type === 'date' ? (
              <div>
                {(byDay.get(d.format('YYYY-MM-DD')) ?? []).slice(0, 3).map(chip)}
                {(byDay.get(d.format('YYYY-MM-DD'))?.length ?? 0) > 3 && (
                  <Typography.Text type="secondary">等 {byDay.get(d.format('YYYY-MM-DD'))!.length} 批</Typography.Text>
                )}
              </div>
            ) : null
          }
        />
      ) : (
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: compact ? 'minmax(0, 1fr)' : 'repeat(7, minmax(0, 1fr))',
            gap: 8,
          }}
        >
          {Array.from({ length: 7 }, (_, i) => range[0].add(i, 'day')).map((d) => (
            <Card
              key={d.toString()}
              size="small"
              title={`${d.format('MM月DD日')} 周${'日一二三四五六'[d.day()]}`}
              styles={{ body: { minHeight: 80 } }}
            >
              {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map(chip)}
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

function ListTab() {
  const [side, setSide] = useState<'' | 'host' | 'owner'>('');
  const [status, setStatus] = useState<VisitSummary['status']>();
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const query = { side: side || undefined, status: status as never, q, page, pageSize: 20 };
  const { data, isFetching } = useQuery({ queryKey: researchKeys.list(query), queryFn: () => listVisits(query) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          value={side}
          onChange={(e) => setSide(e.target.value)}
          optionType="button"
          options={[
            { value: '', label: '全部' },
            { value: 'owner', label: '本单位登记' },
            { value: 'host', label: '到本单位的' },
          ]}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          value={status}
          onChange={setStatus}
          options={['待统筹', '已确认', '已合并', '已取消'].map((s) => ({ value: s, label: s }))}
        />
        <Input.Search
          allowClear
          placeholder="课题关键词"
          onSearch={(v) => setQ(v || undefined)}
          style={{ width: 200 }}
        />
      </Space>
      <Table<VisitSummary>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          total: data?.total,
          pageSize: 20,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 批`,
        }}
        columns={[
          { title: '日期', width: 130, render: (_, v) => span(v.startDate, v.endDate) },
          { title: '课题', render: (_, v) => <Link to={`/research/${v.id}`}>{v.title}</Link> },
          { title: '带队', dataIndex: 'leader', width: 110 },
          { title: '地点', render: (_, v) => v.places.map((p) => p.name).join('、') },
          { title: '类型', dataIndex: 'planKind', width: 90 },
          { title: '状态', width: 90, render: (_, v) => statusTag(v.status) },
          {
            title: '提示',
            width: 110,
            render: (_, v) => (
              <>
                {v.warningCount > 0 && <Tag color="volcano">{v.warningCount} 项提示</Tag>}
                {v.flagCount > 0 && <Tag color="red">撞车反馈</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

function FindingsTab() {
  const [q, setQ] = useState<string>();
  const [place, setPlace] = useState<number>();
  const [page, setPage] = useState(1);
  const query = { q, orgId: place, page, pageSize: 20 };
  const { data, isFetching } = useQuery({
    queryKey: ['research', 'findings', query],
    queryFn: () => listFindings(query),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect
          placeholder="按地点"
          style={{ width: 240 }}
          value={place}
          onChange={(v) => setPlace(v ?? undefined)}
        />
        <Input.Search allowClear placeholder="关键词" onSearch={(v) => setQ(v || undefined)} style={{ width: 200 }} />
      </Space>
      <Table
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        scroll={{ x: 700 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage }}
        columns={[
          { title: '地点', width: 150, render: (_, f) => f.org.name },
          { title: '类型', dataIndex: 'kind', width: 70 },
          { title: '调研发现', dataIndex: 'text' },
          {
            title: '调研',
            width: 220,
            render: (_, f) => (
              <Link to={`/research/${f.visitId}`}>{`${fmtDate(f.visitDate)} ${f.leader}「${f.visitTitle}」`}</Link>
            ),
          },
          {
            title: '转化',
            width: 120,
            render: (_, f) =>
              f.taskId ? (
                <Link to={`/tasks/${f.taskId}`}>督查任务 #{f.taskId}</Link>
              ) : f.rectificationId ? (
                <Link to="/rectifications">整改 #{f.rectificationId}</Link>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
