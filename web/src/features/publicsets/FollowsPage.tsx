import { Button, Card, Empty, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fmtTime } from '../../lib/format.ts';
import { STATUS_COLORS, listFollows, unfollow } from './api.ts';

/** 我关注的任务: status changes of these tasks arrive as notifications. */
export default function FollowsPage() {
  const qc = useQueryClient();
  const { data, isFetching } = useQuery({ queryKey: ['publicsets', 'follows'], queryFn: listFollows });
  const drop = useMutation({
    mutationFn: unfollow,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['publicsets'] }),
  });
  return (
    <Card title="我关注的任务">
      <Table
        rowKey="taskId"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: <Empty description="在公开清单中点星标即可关注任务,状态变化时会收到提醒" /> }}
        scroll={{ x: 700 }}
        columns={[
          { title: '任务', render: (_, f) => <Link to={`/tasks/${f.taskId}`}>{f.text}</Link> },
          { title: '牵头单位', dataIndex: 'leadUnit', width: 140 },
          { title: '状态', width: 90, render: (_, f) => <Tag color={STATUS_COLORS[f.status]}>{f.status}</Tag> },
          { title: '进度', width: 70, render: (_, f) => `${f.progress}%` },
          { title: '关注于', width: 150, render: (_, f) => fmtTime(f.followedAt) },
          {
            title: '',
            width: 90,
            render: (_, f) => (
              <Button size="small" onClick={() => drop.mutate(f.taskId)}>
                取消关注
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
