import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Progress, Select, Space, Table, Tag, Typography, message } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SetBody, SetSummary } from '../../../../common/contracts/publicsets.ts';
import { PUBLIC_SET_KINDS } from '../../../../common/enums.ts';
import { fmtTime } from '../../lib/format.ts';
import { createSet, listSets, recentDocuments, setKeys } from './api.ts';

/** 进展公开: the sets a supervisor publishes (政府工作报告 重点任务, 为民办实事) and their public pages. */
export default function PublicSetsPage() {
  const { data, isFetching } = useQuery({ queryKey: setKeys.all, queryFn: listSets });
  const [open, setOpen] = useState(false);
  return (
    <Card
      title="进展公开"
      extra={
        <Space wrap>
          <a href="/public/sets" target="_blank" rel="noreferrer">
            查看公开页面
          </a>
          <Button type="primary" onClick={() => setOpen(true)}>
            新建公开清单
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        公开页面只显示牵头单位、完成时限、状态(提前完成/已完成/按序时/滞后)、进度、节点和状态变化记录;内部意见、批示、附件和个人姓名一律不公开。
      </Typography.Paragraph>
      <Table<SetSummary>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items}
        scroll={{ x: 760 }}
        pagination={false}
        columns={[
          { title: '清单', render: (_, s) => <Link to={`/public-sets/${s.id}`}>{s.title}</Link> },
          { title: '类别', dataIndex: 'kind', width: 90 },
          {
            title: '状态',
            width: 150,
            render: (_, s) =>
              s.published ? (
                <Space direction="vertical" size={0}>
                  <Tag color="green">已发布{s.publicity ? '(公示)' : ''}</Tag>
                  <Typography.Text type="secondary">{fmtTime(s.publishedAt)}</Typography.Text>
                </Space>
              ) : (
                <Tag>未发布</Tag>
              ),
          },
          {
            title: '进展',
            width: 240,
            render: (_, s) => (
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Progress
                  percent={s.counts.total ? Math.round(((s.counts.early + s.counts.done) / s.counts.total) * 100) : 0}
                  success={{ percent: s.counts.total ? Math.round((s.counts.early / s.counts.total) * 100) : 0 }}
                  size="small"
                />
                <Typography.Text type="secondary">{`${s.counts.total} 项 · 按序时 ${s.counts.onTrack} · 滞后 ${s.counts.lagging}`}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '待审意见',
            width: 90,
            render: (_, s) => (s.pendingFeedback ? <Tag color="orange">{s.pendingFeedback}</Tag> : '—'),
          },
        ]}
      />
      <CreateModal open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}

function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<SetBody>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const docs = useQuery({
    queryKey: ['documents', 'list', 'for-sets'],
    queryFn: recentDocuments,
    enabled: open,
  });
  const save = useMutation({
    mutationFn: createSet,
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: setKeys.all });
      message.success('已建立,请核对事项和滞后原因后发布');
      onClose();
      navigate(`/public-sets/${r.id}`);
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Modal
      open={open}
      title="新建公开清单"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: '重点任务' }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={200} placeholder="如:2026年政府工作报告重点任务" />
        </Form.Item>
        <Form.Item name="kind" label="类别">
          <Select options={PUBLIC_SET_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="documentId" label="从文件带入任务" extra="带入该文件分解出的全部任务(不含子任务),之后可增删">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={docs.isFetching}
            options={(docs.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.title}(${d.taskCount} 项)` }))}
          />
        </Form.Item>
        <Form.Item name="intro" label="说明(公开)">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
