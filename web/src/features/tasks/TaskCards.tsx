/**
 * The task list on a phone: one card a task (the wide table wraps 工作任务 one character a line at
 * 390 px). Each card leads with what a township secretary decides on — light, deadline, status — and
 * carries the next step as a full-width button within thumb reach: 签收 right here, 报送 on the
 * detail page (it needs a form and maybe a photo).
 */
import { Button, Card, Empty, List, Pagination, Progress, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { TaskItem } from '../../../../common/contracts/tasks.ts';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { taskKeys, tasksApi } from './api.ts';
import { LIGHT_COLOR, LightDot, StatusTag } from './TaskTags.tsx';

export function TaskCards({
  items,
  loading,
  page,
  total,
  onPage,
}: {
  items: TaskItem[];
  loading: boolean;
  page: number;
  total: number;
  onPage: (p: number) => void;
}) {
  if (!loading && !items.length) return <Empty description="没有符合条件的任务" />;
  return (
    <>
      <List
        loading={loading}
        dataSource={items}
        split={false}
        renderItem={(t) => <TaskCard key={t.id} t={t} />}
        data-testid="task-cards"
      />
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
          共 {total} 项
        </Typography.Text>
        <Pagination simple current={page} pageSize={20} total={total} onChange={onPage} />
      </div>
    </>
  );
}

function TaskCard({ t }: { t: TaskItem }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const accept = useAction(() => tasksApi.accept(t.id), { success: '已签收', invalidate: [taskKeys.all] });
  const due = t.dueDate ? fmtDate(t.dueDate) : (t.deadlineText ?? '长期');
  return (
    <Card
      size="small"
      style={{ marginBottom: 10, borderLeft: `4px solid ${LIGHT_COLOR[t.light]}` }}
      styles={{ body: { padding: 12 } }}
      data-testid={`task-card-${t.id}`}
    >
      <Space size={4} wrap style={{ marginBottom: 6 }}>
        <LightDot light={t.light} reasons={t.lightReasons} />
        <StatusTag status={t.status} overdue={t.overdue} />
      </Space>
      <Link to={`/tasks/${t.id}`} style={{ display: 'block', color: 'inherit' }}>
        <Typography.Paragraph
          ellipsis={{ rows: 3 }}
          style={{ fontSize: 15, lineHeight: 1.6, marginBottom: 6, wordBreak: 'break-word' }}
        >
          {t.text}
        </Typography.Paragraph>
      </Link>
      <div style={{ color: '#666', fontSize: 13, lineHeight: 1.8 }}>
        <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          牵头:{t.leadOrg.name}
          {t.coOrgs.length > 0 && ` · 配合:${t.coOrgs.map((c) => c.name).join('、')}`}
        </div>
        <div style={{ color: t.overdue ? '#cf1322' : undefined }}>时限:{due}</div>
      </div>
      <Progress percent={t.progress} size="small" style={{ margin: '4px 0 8px' }} />
      {can('task.report') && t.status === 'pending' ? (
        <Button type="primary" block size="large" loading={accept.isPending} onClick={() => accept.mutate()}>
          签收
        </Button>
      ) : can('task.report') && t.status === 'doing' ? (
        <Button type="primary" block size="large" onClick={() => navigate(`/tasks/${t.id}?report=1`)}>
          报送进展
        </Button>
      ) : (
        <Button block size="large" onClick={() => navigate(`/tasks/${t.id}`)}>
          查看详情
        </Button>
      )}
    </Card>
  );
}
