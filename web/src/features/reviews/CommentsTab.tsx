import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Campaign, Comment, FindingIn } from '../../../../common/contracts/reviews.ts';
import { FINDING_SOURCES } from '../../../../common/enums.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { reviewKeys, reviewsApi } from './api.ts';
import { COMMENT_COLOR } from './labels.ts';

const STEP_DONE = { submit: '已提交审定', approve: '已审定,问题已转入整改台账', return: '已退回' } as const;

/** 点评: draft per secretary with tagged findings; 起草 → 提交审定 → 已审定 / 退回. */
export default function CommentsTab({ campaign }: { campaign: Campaign }) {
  const { modal } = App.useApp();
  const id = campaign.id;
  const list = useQuery({ queryKey: reviewKeys.part(id, 'comments'), queryFn: () => reviewsApi.comments(id) });
  const items = list.data?.items ?? [];
  const [editing, setEditing] = useState<{ comment?: Comment; orgId?: number } | null>(null);
  const step = useAction(
    (v: { comment: Comment; step: keyof typeof STEP_DONE; reason?: string }) =>
      reviewsApi.commentStep(v.comment.id, v.step, v.reason),
    { success: (_, v) => STEP_DONE[v.step], invalidate: [reviewKeys.campaign(id)] },
  );
  const returnBack = (comment: Comment) => {
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
      cancelText: '取消',
      onOk: () => step.mutateAsync({ comment, step: 'return', reason }).catch(() => undefined),
    });
  };
  const without = campaign.targets.filter((t) => !items.some((c) => c.orgId === t.orgId));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {campaign.manager && list.data && without.length > 0 && campaign.status !== 'closed' && (
        <Space wrap>
          起草点评:
          {without.map((t) => (
            <Button key={t.orgId} size="small" onClick={() => setEditing({ orgId: t.orgId })}>
              {t.orgName}
            </Button>
          ))}
        </Space>
      )}
      {list.data && items.length === 0 && <Empty description="暂无点评" />}
      {items.map((c) => (
        <Card
          key={c.id}
          size="small"
          title={
            <>
              {c.orgName}
              {c.secretary ? `(${c.secretary})` : ''} <Tag color={COMMENT_COLOR[c.status]}>{c.statusLabel}</Tag>
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
                    <Button size="small" type="primary" onClick={() => step.mutate({ comment: c, step: 'submit' })}>
                      提交审定
                    </Button>
                  </>
                )}
                {c.status === 'submitted' && (
                  <>
                    <Button size="small" type="primary" onClick={() => step.mutate({ comment: c, step: 'approve' })}>
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
            {c.findings.map((f) => (
              <li key={f.id}>
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
      {editing && <CommentModal campaign={campaign} {...editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface Values {
  summary: string;
  findings?: Partial<FindingIn>[];
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
  onClose: () => void;
}) {
  const org = campaign.targets.find((t) => t.orgId === (comment?.orgId ?? orgId));
  const save = useAction(
    (v: Values): Promise<unknown> => {
      const findings = (v.findings ?? []).filter((f): f is FindingIn => !!f.source && !!f.problem?.trim());
      const summary = v.summary ?? '';
      return comment
        ? reviewsApi.updateComment(comment.id, { summary, findings })
        : reviewsApi.createComment(campaign.id, { orgId: orgId ?? 0, summary, findings });
    },
    { success: '点评已保存', invalidate: [reviewKeys.campaign(campaign.id)], inline: true },
  );
  return (
    <FormModal<Values>
      title={`点评:${org?.orgName}`}
      okText="保存"
      width={720}
      action={save}
      onClose={onClose}
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
              <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'source']} rules={[{ required: true, message: '请选择来源' }]}>
                  <Select
                    aria-label={`问题${i + 1}来源`}
                    style={{ width: 140 }}
                    options={FINDING_SOURCES.map((s) => ({ value: s, label: s }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'problem']} style={{ flex: 1, minWidth: 240 }}>
                  <Input aria-label={`问题${i + 1}`} placeholder="存在的问题" />
                </Form.Item>
                <Button onClick={() => remove(f.name)}>删除</Button>
              </Space>
            ))}
            <Button onClick={() => add({ source: '平时掌握情况', problem: '' })}>增加问题</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
