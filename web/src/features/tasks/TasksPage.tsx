import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, Input, Progress, Space, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { TaskItem, TaskQuery } from '../../../../common/contracts/tasks.ts';
import { LIGHTS, type Light, TASK_STATUSES, type TaskStatus } from '../../../../common/enums.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { totalLabel, usePageCursors } from '../../components/usePageCursors.ts';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { taskKeys, tasksApi } from './api.ts';
import { TaskCards } from './TaskCards.tsx';
import { LightDot, StatusTag } from './TaskTags.tsx';

/** Red first: what needs attention. */
const BY_LIGHT: Record<Light, string> = { red: LIGHTS.red, yellow: LIGHTS.yellow, green: LIGHTS.green };

/** `true`/`1` (the 工作台 links) and `false`/`0`; anything else is no filter. */
const flag = (v: string | null) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined);

/**
 * 任务督办: the scoped task list with traffic lights and filters (kept in the URL); the ledger export
 * and print view. Below the md breakpoint (phones) the table becomes cards.
 */
export default function TasksPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const light = (params.get('light') ?? undefined) as Light | undefined;
  const status = (params.get('status') ?? undefined) as TaskStatus | undefined;
  const overdueFlag = flag(params.get('overdue'));
  const overdue = overdueFlag === undefined ? undefined : String(overdueFlag);
  const lead = flag(params.get('lead'));
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1);
  const filter: TaskQuery = {
    light,
    status,
    overdue: overdueFlag,
    lead,
    q: q || undefined,
    pageSize: 20,
  };
  const cursors = usePageCursors(JSON.stringify(filter));
  const cursor = cursors.cursorFor(page);
  const query: TaskQuery = cursor ? { ...filter, cursor } : { ...filter, page };
  const list = useQuery({
    queryKey: taskKeys.list(query),
    queryFn: async () => {
      const r = await tasksApi.list(query);
      cursors.remember(page, r.nextCursor);
      return r;
    },
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
        <Space size={4}>
          <Button
            icon={<PrinterOutlined />}
            onClick={() => navigate(`/tasks/print?${new URLSearchParams(printParams(query)).toString()}`)}
          >
            {narrow ? '' : '打印台账'}
          </Button>
          <Button icon={<DownloadOutlined />} loading={ledger.isPending} onClick={() => ledger.mutate()}>
            {narrow ? '导出' : '导出任务分解表'}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {lead && (
          <Button size="small" onClick={() => set('lead', undefined)} title="只看本单位牵头的任务;点击显示全部">
            本单位牵头 ✕
          </Button>
        )}
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
      {narrow ? (
        <>
          {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
          <TaskCards
            items={list.data?.items ?? []}
            loading={list.isFetching}
            page={page}
            total={list.data?.total ?? 0}
            onPage={(p) => set('page', String(p))}
          />
        </>
      ) : (
        <ListTable<TaskItem>
          query={list}
          columns={columns}
          page={page}
          onPageChange={(p) => set('page', String(p))}
          totalText={(n, approx) => totalLabel(n, approx, '项')}
        />
      )}
    </Card>
  );
}

/** The list's filters as the print page's URL (no paging: the print view lists every row). */
function printParams(q: TaskQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && k !== 'page' && k !== 'pageSize') out[k] = String(v);
  return out;
}
