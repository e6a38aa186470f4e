import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { fmtTime } from '../../lib/format.ts';

interface Note {
  id: number;
  kind: string;
  kindLabel: string;
  message: string;
  taskId: number | null;
  orgName: string;
  createdAt: string;
  readAt: string | null;
}
const KIND_COLOR: Record<string, string> = {
  overdue: 'red',
  supervise_order: 'red',
  urge: 'orange',
  due_soon: 'gold',
  report_due: 'blue',
  instruction: 'purple',
};

/** 督查提醒: reminders, 催办, 批示 and 督办单 addressed to units in my scope. */
export default function NotificationsPage() {
  const { message } = App.useApp();
  const [unread, setUnread] = useState(true);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<Note> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setData(await api.get<Page<Note>>('/api/notifications', { unread: unread || undefined, page, pageSize: 20 }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [unread, page]);
  useEffect(() => {
    void load();
  }, [load]);
  const read = async (id: number) => {
    try {
      await api.post(`/api/notifications/${id}/read`);
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const columns: TableColumnsType<Note> = [
    { title: '类型', dataIndex: 'kindLabel', width: 110, render: (l, r) => <Tag color={KIND_COLOR[r.kind]}>{l}</Tag> },
    {
      title: '内容',
      dataIndex: 'message',
      render: (m, r) => (r.taskId ? <Link to={`/tasks/${r.taskId}`}>{m}</Link> : m),
    },
    { title: '单位', dataIndex: 'orgName', width: 140, ellipsis: true },
    { title: '时间', dataIndex: 'createdAt', width: 160, render: fmtTime },
    {
      title: '',
      width: 90,
      render: (_, r) =>
        r.readAt ? (
          <Tag>已读</Tag>
        ) : (
          <Button size="small" onClick={() => read(r.id)}>
            标为已读
          </Button>
        ),
    },
  ];
  return (
    <Card
      size="small"
      title="督查提醒"
      extra={
        <Segmented
          value={unread ? 'unread' : 'all'}
          onChange={(v) => {
            setPage(1);
            setUnread(v === 'unread');
          }}
          options={[
            { value: 'unread', label: '未读' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
    </Card>
  );
}
