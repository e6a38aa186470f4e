import type { FEEDBACK_STATUSES } from '../../../../common/enums.ts';
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Radio,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  message,
} from 'antd';
import { StarFilled, StarOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeedbackItem, SetDetail } from '../../../../common/contracts/publicsets.ts';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import {
  STATUS_COLORS,
  addTasks,
  countsText,
  follow,
  getSet,
  listFeedback,
  moderate,
  publishSet,
  removeTask,
  setKeys,
  setLagReason,
  unfollow,
  unpublishSet,
} from './api.ts';

type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

type Item = SetDetail['items'][number];

/** One set: its items as the public sees them, the public 滞后 reasons, publishing, and moderation. */
export default function PublicSetDetailPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const { data: s, error } = useQuery({ queryKey: setKeys.set(id), queryFn: () => getSet(id) });
  const act = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => void qc.invalidateQueries({ queryKey: setKeys.all }),
    onError: (e) => message.error((e as Error).message),
  });
  const [publishOpen, setPublishOpen] = useState(false);
  if (error) return <Alert type="error" message={(error as Error).message} />;
  if (!s) return <Card loading />;
  return (
    <Card
      title={
        <Space wrap>
          {s.title}
          {s.published ? (
            <Tag color="green">已发布{s.publicity ? `(公示至${fmtDate(s.objectionUntilDate)})` : ''}</Tag>
          ) : (
            <Tag>未发布</Tag>
          )}
        </Space>
      }
      extra={
        <Space wrap>
          {s.published && (
            <a href={`/public/sets/${s.id}`} target="_blank" rel="noreferrer">
              公开页面
            </a>
          )}
          {s.published ? (
            <Popconfirm
              title="撤回后公开页面和订阅将不可访问,确定撤回?"
              onConfirm={() => act.mutate(() => unpublishSet(s.id))}
            >
              <Button danger>撤回发布</Button>
            </Popconfirm>
          ) : (
            <Button type="primary" onClick={() => setPublishOpen(true)}>
              发布
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph>{countsText(s.counts)}</Typography.Paragraph>
      <Tabs
        activeKey={params.get('tab') ?? 'items'}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'items', label: `事项(${s.counts.total})`, children: <Items s={s} run={(fn) => act.mutate(fn)} /> },
          {
            key: 'feedback',
            label: `群众意见${s.pendingFeedback ? `(${s.pendingFeedback} 待审)` : ''}`,
            children: <Feedback setId={s.id} />,
          },
        ]}
      />
      <PublishModal
        open={publishOpen}
        onClose={() => setPublishOpen(false)}
        onOk={(b) =>
          act
            .mutateAsync(() => publishSet(s.id, b))
            .then(() => {
              setPublishOpen(false);
              message.success('已发布');
            })
        }
      />
    </Card>
  );
}

function Items({ s, run }: { s: SetDetail; run: (fn: () => Promise<unknown>) => void }) {
  const [adding, setAdding] = useState('');
  const [editing, setEditing] = useState<Item | null>(null);
  const [reason, setReason] = useState('');
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          placeholder="任务编号,多个用逗号分隔"
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          style={{ width: 240 }}
        />
        <Button
          onClick={() => {
            const ids = adding
              .split(/[,,\s]+/)
              .map(Number)
              .filter((n) => Number.isInteger(n) && n > 0);
            if (ids.length) run(() => addTasks(s.id, ids).then(() => setAdding('')));
          }}
        >
          加入任务
        </Button>
      </Space>
      <Table<Item>
        rowKey="taskId"
        size="middle"
        dataSource={s.items}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: '',
            width: 40,
            render: (_, i) => (
              <Button
                type="text"
                size="small"
                aria-label={i.followed ? '取消关注' : '关注'}
                icon={i.followed ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined />}
                onClick={() => run(() => (i.followed ? unfollow(i.taskId) : follow(i.taskId)))}
              />
            ),
          },
          { title: '任务', render: (_, i) => <Link to={`/tasks/${i.taskId}`}>{i.text}</Link> },
          { title: '牵头单位', dataIndex: 'leadUnit', width: 140 },
          {
            title: '完成时限',
            width: 130,
            render: (_, i) => (i.dueDate ? fmtDate(i.dueDate) : i.deadlineText || '长期坚持'),
          },
          { title: '状态', width: 90, render: (_, i) => <Tag color={STATUS_COLORS[i.status]}>{i.status}</Tag> },
          {
            title: '进度 / 序时',
            width: 160,
            render: (_, i) => (
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Progress percent={i.progress} size="small" status={i.status === '滞后' ? 'exception' : undefined} />
                {i.plannedProgress !== null && (
                  <Typography.Text type="secondary">序时进度 {i.plannedProgress}%</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '公开的滞后原因',
            width: 220,
            render: (_, i) => (
              <Space>
                <Typography.Text type={i.status === '滞后' && !i.lagReason ? 'danger' : undefined}>
                  {i.lagReason || (i.status === '滞后' ? '未填写' : '—')}
                </Typography.Text>
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    setEditing(i);
                    setReason(i.lagReason ?? '');
                  }}
                >
                  填写
                </Button>
              </Space>
            ),
          },
          {
            title: '',
            width: 60,
            render: (_, i) => (
              <Popconfirm title="从清单移出?" onConfirm={() => run(() => removeTask(s.id, i.taskId))}>
                <Button size="small" type="link" danger>
                  移出
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title="公开的滞后原因"
        onCancel={() => setEditing(null)}
        onOk={() => {
          const e = editing!;
          run(() => setLagReason(s.id, e.taskId, reason.trim() || null));
          setEditing(null);
        }}
      >
        <Typography.Paragraph type="secondary">
          面向群众说明,不写人名。例如:施工单位招标延期,已重新挂网。
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="滞后原因"
        />
      </Modal>
    </>
  );
}

function PublishModal({
  open,
  onClose,
  onOk,
}: {
  open: boolean;
  onClose: () => void;
  onOk: (b: { publicity: boolean; objectionDays: number }) => void;
}) {
  const [publicity, setPublicity] = useState(false);
  const [days, setDays] = useState(7);
  return (
    <Modal
      open={open}
      title="发布清单"
      okText="发布"
      onCancel={onClose}
      onOk={() => onOk({ publicity, objectionDays: days })}
      destroyOnHidden
    >
      <Typography.Paragraph>
        发布后任何人无需登录即可查看公开页面、订阅(Atom)和下载数据;群众意见经审核后公开。
      </Typography.Paragraph>
      <Checkbox checked={publicity} onChange={(e) => setPublicity(e.target.checked)}>
        作为公示发布,接受异议
      </Checkbox>
      {publicity && (
        <div style={{ marginTop: 8 }}>
          异议期 <InputNumber min={1} max={30} value={days} onChange={(v) => setDays(v ?? 7)} /> 天
        </div>
      )}
    </Modal>
  );
}

function Feedback({ setId }: { setId: number }) {
  // '' = 全部 (the radio's first option)
  const [status, setStatus] = useState<FeedbackStatus | ''>('待审核');
  const qc = useQueryClient();
  const q = { status: status || undefined, pageSize: 100 };
  const { data, isFetching } = useQuery({
    queryKey: ['publicsets', 'feedback', setId, q],
    queryFn: () => listFeedback(setId, q),
  });
  const [replying, setReplying] = useState<FeedbackItem | null>(null);
  const [reply, setReply] = useState('');
  const decide = useMutation({
    mutationFn: (b: { id: number; decision: '已公开' | '不予公开'; reply?: string | null }) => moderate(setId, b.id, b),
    onSuccess: () => {
      message.success('已审核');
      setReplying(null);
      void qc.invalidateQueries({ queryKey: setKeys.all });
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <>
      <Radio.Group
        value={status}
        onChange={(e) => setStatus(e.target.value)}
        optionType="button"
        style={{ marginBottom: 12 }}
        options={[
          { value: '待审核', label: '待审核' },
          { value: '已公开', label: '已公开' },
          { value: '不予公开', label: '不予公开' },
          { value: '', label: '全部' },
        ]}
      />
      <Table<FeedbackItem>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items}
        scroll={{ x: 800 }}
        columns={[
          { title: '时间', width: 150, render: (_, f) => fmtTime(f.createdAt) },
          {
            title: '类型',
            width: 70,
            render: (_, f) => <Tag color={f.kind === '异议' ? 'red' : 'blue'}>{f.kind}</Tag>,
          },
          { title: '事项', width: 200, render: (_, f) => <Link to={`/tasks/${f.taskId}`}>{f.taskText}</Link> },
          { title: '内容', dataIndex: 'text' },
          { title: '联系方式(不公开)', dataIndex: 'contact', width: 130 },
          {
            title: '审核',
            width: 170,
            render: (_, f) =>
              f.status === '待审核' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      setReplying(f);
                      setReply('');
                    }}
                  >
                    公开
                  </Button>
                  <Button size="small" onClick={() => decide.mutate({ id: f.id, decision: '不予公开' })}>
                    不予公开
                  </Button>
                </Space>
              ) : (
                <Space direction="vertical" size={0}>
                  <Tag>{f.status}</Tag>
                  {f.reply && <Typography.Text type="secondary">答复:{f.reply}</Typography.Text>}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={!!replying}
        title="公开并答复"
        okText="公开"
        onCancel={() => setReplying(null)}
        onOk={() => decide.mutate({ id: replying!.id, decision: '已公开', reply: reply.trim() || null })}
      >
        <Typography.Paragraph>{replying?.text}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder="答复(选填,随意见一并公开)"
          value={reply}
          onChange={(e) => setReply(e.target.value)}
          aria-label="答复"
        />
      </Modal>
    </>
  );
}
