import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Progress, Space, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { TaskItem, TaskQuery } from '../../../../common/contracts/tasks.ts';
import { LIGHTS, type Light, TASK_STATUSES, type TaskStatus } from '../../../../common/enums.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { taskKeys, tasksApi } from './api.ts';
import { LightDot, StatusTag } from './TaskTags.tsx';

/** Red first: what needs attention. */
const BY_LIGHT: Record<Light, string> = { red: LIGHTS.red, yellow: LIGHTS.yellow, green: LIGHTS.green };

/** 任务督办: the scoped task list with traffic lights and filters (kept in the URL); the ledger export. */
export default function TasksPage() {
  const [params, setParams] = useSearchParams();
  const light = (params.get('light') ?? undefined) as Light | undefined;
  const status = (params.get('status') ?? undefined) as TaskStatus | undefined;
  const overdue = params.get('overdue') ?? undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1);
  const query: TaskQuery = {
    light,
    status,
    overdue: overdue === undefined ? undefined : overdue === 'true',
    q: q || undefined,
    page,
    pageSize: 20,
  };
  const list = useQuery({
    queryKey: taskKeys.list(query),
    queryFn: () => tasksApi.list(query),
    placeholderData: keepPreviousData,
  });
  const ledger = useAction(tasksApi.downloadLedger);
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    if (k !== 'page') p.delete('page');
    setParams(p);
  };

  const columns: TableColumnsType<TaskItem> = [
    { title: '灯', dataIndex: 'light', width: 80, render: (l, r) => <LightDot light={l} reasons={r.lightReasons} /> },
    { title: '工作任务', dataIndex: 'text', render: (t, r) => <Link to={`/tasks/${r.id}`}>{t}</Link> },
    { title: '牵头单位', dataIndex: ['leadOrg', 'name'], width: 140, ellipsis: true },
    {
      title: '配合单位',
      dataIndex: 'coOrgs',
      width: 150,
      ellipsis: true,
      responsive: ['xl'],
      render: (c: TaskItem['coOrgs']) => c.map((x) => x.name).join('、'),
    },
    {
      title: '完成时限',
      dataIndex: 'dueDate',
      width: 130,
      render: (d: string | null, r) => (d ? fmtDate(d) : (r.deadlineText ?? '长期')),
    },
    {
      title: '进度',
      dataIndex: 'progress',
      width: 110,
      responsive: ['md'],
      render: (p) => <Progress percent={p} size="small" />,
    },
    { title: '状态', dataIndex: 'status', width: 130, render: (s, r) => <StatusTag status={s} overdue={r.overdue} /> },
  ];

  return (
    <Card
      size="small"
      title="任务督办"
      extra={
        <Button icon={<DownloadOutlined />} loading={ledger.isPending} onClick={() => ledger.mutate()}>
          导出任务分解表
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect label="红黄绿灯" width={110} value={light} onChange={(v) => set('light', v)} options={BY_LIGHT} />
        <FilterSelect label="状态" value={status} onChange={(v) => set('status', v)} options={TASK_STATUSES} />
        <FilterSelect
          label="是否逾期"
          width={110}
          value={overdue}
          onChange={(v) => set('overdue', v)}
          options={{ true: '已逾期', false: '未逾期' }}
        />
        <Input.Search
          allowClear
          placeholder="任务关键词"
          defaultValue={q}
          style={{ width: 220 }}
          onSearch={(v) => set('q', v.trim() || undefined)}
        />
      </Space>
      <ListTable<TaskItem> query={list} columns={columns} page={page} onPageChange={(p) => set('page', String(p))} />
    </Card>
  );
}
