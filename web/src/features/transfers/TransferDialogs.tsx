import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Form, Grid, Input, Spin, Tag, Timeline, Typography } from 'antd';
import type { Transfer } from '../../../../common/contracts/transfers.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { TRANSFER_CHANGES, transferKeys, transfersApi } from './api.ts';

/** Approve (optional opinion) or reject (reason required) the step waiting for the caller. */
export function DecisionModal({
  transfer,
  kind,
  onClose,
  onDone,
}: {
  transfer: Transfer;
  kind: 'approve' | 'reject';
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ opinion?: string }>();
  const reject = kind === 'reject';
  const verb = reject ? '退回' : transfer.status === 'pending_in' ? '接收' : '审批通过';
  const submit = ({ opinion }: { opinion?: string }) =>
    reject
      ? transfersApi.reject(transfer.id, opinion?.trim() ?? '')
      : transfersApi.approve(transfer.id, opinion?.trim() || undefined);

  const decide = useAction(submit, {
    success: `已${verb}`,
    invalidate: TRANSFER_CHANGES,
    onSuccess: onDone,
    inline: true,
  });
  return (
    <FormModal
      form={form}
      action={decide}
      onClose={onClose}
      title={`${verb}:${transfer.member.name} 转往「${transfer.to.name}」`}
      okText={`确认${verb}`}
      okButtonProps={{ danger: reject }}
    >
      <Typography.Paragraph type="secondary">
        转出组织:{transfer.from.name};当前状态:{transfer.statusLabel}
      </Typography.Paragraph>
      <Form.Item
        name="opinion"
        label={reject ? '退回理由' : '审批意见(选填)'}
        rules={reject ? [{ required: true, whitespace: true, message: '退回须填写理由' }] : []}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={reject ? '请说明退回原因' : '如:同意'} />
      </Form.Item>
    </FormModal>
  );
}

export function TransferDetailDrawer({ id, onClose }: { id: number; onClose(): void }) {
  const screens = Grid.useBreakpoint();
  const q = useQuery({ queryKey: transferKeys.detail(id), queryFn: () => transfersApi.get(id) });
  const t = q.data;
  return (
    <Drawer open onClose={onClose} size={screens.md ? 560 : '100%'} title={`转接申请 #${id}`}>
      <ErrorAlert error={q.error} />
      {q.isPending && (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      )}
      {t && (
        <>
          <Descriptions size="small" bordered column={1} styles={{ label: { width: 100 } }}>
            <Descriptions.Item label="党员">
              {t.member.name}
              {t.member.gender ? `(${t.member.gender})` : ''}
            </Descriptions.Item>
            {t.member.idNumber && <Descriptions.Item label="身份证号">{t.member.idNumber}</Descriptions.Item>}
            {t.member.joinDate && <Descriptions.Item label="入党日期">{fmtDate(t.member.joinDate)}</Descriptions.Item>}
            <Descriptions.Item label="转出组织">{t.from.name}</Descriptions.Item>
            <Descriptions.Item label="接收组织">{t.to.name}</Descriptions.Item>
            <Descriptions.Item label="审批组织">{t.approver.name}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag>{t.statusLabel}</Tag>
            </Descriptions.Item>
            {t.reason && <Descriptions.Item label="转接原因">{t.reason}</Descriptions.Item>}
            <Descriptions.Item label="发起时间">{fmtTime(t.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            办理记录
          </Typography.Title>
          <Timeline
            items={t.steps.map((s) => ({
              content: (
                <div>
                  <div>
                    <strong>{s.step}</strong> · {s.actor}
                  </div>
                  {s.opinion && <div>意见:{s.opinion}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmtTime(s.at)}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
