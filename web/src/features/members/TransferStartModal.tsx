import { Form, Input, Typography } from 'antd';
import type { MemberDetail } from '../../../../common/contracts/members.ts';
import type { TransferTarget } from '../../../../common/contracts/transfers.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { TRANSFER_CHANGES, transferKeys, transfersApi } from '../transfers/api.ts';

interface StartForm {
  toOrgId: number;
  reason: string;
}

const searchTargets = async (q: string, signal: AbortSignal) => (await transfersApi.targets(q, signal)).items;

/** 发起转接: the receiving org is searched in the county-wide directory (outside one's own scope). */
export default function TransferStartModal({
  member,
  onClose,
  onDone,
}: {
  member: MemberDetail;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<StartForm>();
  const start = useAction(
    (v: StartForm) => transfersApi.create({ memberId: member.id, toOrgId: v.toOrgId, reason: v.reason.trim() }),
    { success: '转接申请已提交,待上级党组织审批', invalidate: TRANSFER_CHANGES, onSuccess: onDone, inline: true },
  );
  return (
    <FormModal
      form={form}
      action={start}
      onClose={onClose}
      title={`发起组织关系转接:${member.name}`}
      okText="提交申请"
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary">
        当前所在组织:{member.orgName}。提交后由本支部的上级党组织审批,再由接收组织办理接收。
      </Typography.Paragraph>
      <Form.Item name="toOrgId" label="接收组织" rules={[{ required: true, message: '请选择接收组织' }]}>
        <RemoteSelect<TransferTarget>
          queryKey={transferKeys.targets}
          search={searchTargets}
          exclude={(t) => t.id === member.orgId}
          toOption={(t) => ({ value: t.id, label: `${t.name}(${t.type},${t.code})` })}
          placeholder="输入名称或编码搜索接收组织"
          emptyText="没有找到匹配的组织"
          allowClear={false}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label="转接原因"
        rules={[{ required: true, whitespace: true, message: '请填写转接原因' }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="如:工作调动、迁居等" />
      </Form.Item>
    </FormModal>
  );
}
