import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography, Empty } from 'antd';
import { api } from '../../api/client.ts';
import { FINDING_SOURCES, type Campaign, type Comment } from './model.ts';

const color: Record<string, string> = { draft: 'default', submitted: 'blue', approved: 'green', returned: 'red' };

/** 点评: draft per secretary with tagged findings; 起草 → 提交审定 → 已审定 / 退回. */
export default function CommentsTab({ campaign }: { campaign: Campaign }) {
  const { message, modal } = App.useApp();
  const [items, setItems] = useState<Comment[]>([]);
  const [editing, setEditing] = useState<{ comment?: Comment; orgId?: number } | null>(null);
  const load = useCallback(async () => {
    setItems((await api.get(`/api/reviews/${campaign.id}/comments`)).items);
  }, [campaign.id]);
  useEffect(() => {
    void load();
  }, [load]);
  const act = async (c: Comment, path: string, body?: unknown, ok = '已完成') => {
    try {
      await api.post(`/api/reviews/comments/${c.id}/${path}`, body);
      message.success(ok);
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const returnBack = (c: Comment) => {
    let reason = '';
    modal.confirm({
      title: '退回点评',
      content: (
        <Input.TextArea
          aria-label="退回理由"
          onChange={(e) => {
            reason = e.target.value;
          }}
          placeholder="退回理由(必填)"
        />
      ),
      okText: '退回',
      onOk: () => act(c, 'return', { reason }, '已退回'),
    });
  };
  const without = campaign.targets.filter((t) => !items.some((c) => c.orgId === t.orgId));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {campaign.manager && without.length > 0 && campaign.status !== 'closed' && (
        <Space wrap>
          起草点评:
          {without.map((t) => (
            <Button key={t.orgId} size="small" onClick={() => setEditing({ orgId: t.orgId })}>
              {t.orgName}
            </Button>
          ))}
        </Space>
      )}
      {items.length === 0 && <Empty description="暂无点评" />}
      {items.map((c) => (
        <Card
          key={c.id}
          size="small"
          title={
            <>
              {c.orgName}
              {c.secretary ? `(${c.secretary})` : ''} <Tag color={color[c.status]}>{c.statusLabel}</Tag>
            </>
          }
          extra={
            campaign.manager && (
              <Space wrap>
                {(c.status === 'draft' || c.status === 'returned') && (
                  <>
                    <Button size="small" onClick={() => setEditing({ comment: c })}>
                      修改
                    </Button>
                    <Button size="small" type="primary" onClick={() => act(c, 'submit', undefined, '已提交审定')}>
                      提交审定
                    </Button>
                  </>
                )}
                {c.status === 'submitted' && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => act(c, 'approve', undefined, '已审定,问题已转入整改台账')}
                    >
                      审定通过
                    </Button>
                    <Button size="small" danger onClick={() => returnBack(c)}>
                      退回
                    </Button>
                  </>
                )}
              </Space>
            )
          }
        >
          {c.returnReason && c.status === 'returned' && (
            <Typography.Text type="danger">退回理由:{c.returnReason}</Typography.Text>
          )}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</Typography.Paragraph>
          <ol>
            {c.findings.map((f, i) => (
              <li key={i}>
                <Tag>{f.source}</Tag>
                {f.problem}
                {f.rectificationId ? (
                  <Tag color="green" style={{ marginLeft: 8 }}>
                    整改事项 #{f.rectificationId}
                  </Tag>
                ) : null}
              </li>
            ))}
          </ol>
        </Card>
      ))}
      {editing && (
        <CommentModal
          campaign={campaign}
          {...editing}
          onClose={(ok) => {
            setEditing(null);
            if (ok) void load();
          }}
        />
      )}
    </Space>
  );
}

function CommentModal({
  campaign,
  comment,
  orgId,
  onClose,
}: {
  campaign: Campaign;
  comment?: Comment;
  orgId?: number;
  onClose: (ok?: boolean) => void;
}) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const org = campaign.targets.find((t) => t.orgId === (comment?.orgId ?? orgId));
  const ok = async () => {
    const v = await form.validateFields();
    const findings = (v.findings ?? []).filter((f: any) => f?.problem?.trim());
    try {
      if (comment) await api.patch(`/api/reviews/comments/${comment.id}`, { summary: v.summary, findings });
      else await api.post(`/api/reviews/${campaign.id}/comments`, { orgId, summary: v.summary, findings });
      message.success('点评已保存');
      onClose(true);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal open title={`点评:${org?.orgName}`} onOk={ok} onCancel={() => onClose()} okText="保存" width={720}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          summary: comment?.summary ?? '',
          findings: comment?.findings ?? [{ source: '平时掌握情况', problem: '' }],
        }}
      >
        <Form.Item name="summary" label="点评意见">
          <Input.TextArea aria-label="点评意见" rows={4} />
        </Form.Item>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'source']} rules={[{ required: true }]}>
                    <Select
                      aria-label={`问题${i + 1}来源`}
                      style={{ width: 140 }}
                      options={FINDING_SOURCES.map((s) => ({ value: s, label: s }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'problem']} style={{ flex: 1, minWidth: 300 }}>
                    <Input aria-label={`问题${i + 1}`} placeholder="存在的问题" />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add({ source: '平时掌握情况', problem: '' })}>增加问题</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
