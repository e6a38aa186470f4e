import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Notification } from '../../../../common/contracts/supervision.ts';
import type { NotificationKind } from '../../../../common/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtTime } from '../../lib/format.ts';
import { notificationKeys, notificationsApi } from './api.ts';

const KIND_COLOR: Partial<Record<NotificationKind, string>> = {
  overdue: 'red',
  supervise_order: 'red',
  urge: 'orange',
  due_soon: 'gold',
  report_due: 'blue',
  instruction: 'purple',
};

/** 督查提醒: reminders, 催办, 批示 and 督办单 addressed to units in my scope (or to me). */
export default function NotificationsPage() {
  const [unread, setUnread] = useState(true);
  const [page, setPage] = useState(1);
  const query = { unread: unread || undefined, page, pageSize: 20 };
  const list = useQuery({
    queryKey: notificationKeys.list(query),
    queryFn: () => notificationsApi.list(query),
    placeholderData: keepPreviousData,
  });
  const read = useAction(notificationsApi.read, { invalidate: [notificationKeys.all] });
  const columns: TableColumnsType<Notification> = [
    { title: '类型', dataIndex: 'kindLabel', width: 110, render: (l, r) => <Tag color={KIND_COLOR[r.kind]}>{l}</Tag> },
    {
      title: '内容',
      dataIndex: 'message',
      render: (m, r) => {
        const to = r.link ?? (r.taskId ? `/tasks/${r.taskId}` : null);
        return to ? <Link to={to}>{m}</Link> : m;
      },
    },
    { title: '单位', dataIndex: 'orgName', width: 140, ellipsis: true, responsive: ['md'] },
    { title: '时间', dataIndex: 'createdAt', width: 170, render: fmtTime, responsive: ['sm'] },
    {
      title: '',
      width: 90,
      render: (_, r) =>
        r.readAt ? (
          <Tag>已读</Tag>
        ) : (
          <Button size="small" onClick={() => read.mutate(r.id)}>
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
      <ListTable<Notification>
        query={list}
        columns={columns}
        page={page}
        onPageChange={setPage}
        totalText={(n) => `共 ${n} 条`}
      />
    </Card>
  );
}
