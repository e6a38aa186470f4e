import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Input, Progress, Select, Space, Table, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, download } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { LightDot, StatusTag, type TaskItem } from './model.tsx';

/** 任务督办: the scoped task list with traffic lights and filters; the ledger export. */
export default function TasksPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const light = params.get('light') ?? undefined;
  const status = params.get('status') ?? undefined;
  const overdue = params.get('overdue') ?? undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1);
  const [data, setData] = useState<Page<TaskItem> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    if (k !== 'page') p.delete('page');
    setParams(p);
  };

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api.get<Page<TaskItem>>('/api/tasks', { light, status, overdue, q, page, pageSize: 20 }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [light, status, overdue, q, page]);
  useEffect(() => {
    void load();
  }, [load]);

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
    { title: '完成时限', dataIndex: 'dueDate', width: 110, render: (d, r) => d ?? r.deadlineText ?? '长期' },
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
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download('/api/tasks/ledger.xlsx', undefined, '任务分解表.xlsx').catch((e) =>
              message.error((e as Error).message),
            )
          }
        >
          导出任务分解表
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="红黄绿灯"
          style={{ width: 110 }}
          value={light}
          onChange={(v) => set('light', v)}
          options={[
            { value: 'red', label: '红灯' },
            { value: 'yellow', label: '黄灯' },
            { value: 'green', label: '绿灯' },
          ]}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          value={status}
          onChange={(v) => set('status', v)}
          options={[
            { value: 'pending', label: '待签收' },
            { value: 'doing', label: '办理中' },
            { value: 'requested', label: '申请办结' },
            { value: 'done', label: '已办结' },
          ]}
        />
        <Select
          allowClear
          placeholder="是否逾期"
          style={{ width: 110 }}
          value={overdue}
          onChange={(v) => set('overdue', v)}
          options={[
            { value: 'true', label: '已逾期' },
            { value: 'false', label: '未逾期' },
          ]}
        />
        <Input.Search
          allowClear
          placeholder="任务关键词"
          defaultValue={q}
          style={{ width: 220 }}
          onSearch={(v) => set('q', v.trim() || undefined)}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: (p) => set('page', String(p)),
          showTotal: (t) => `共 ${t} 项`,
        }}
      />
    </Card>
  );
}
