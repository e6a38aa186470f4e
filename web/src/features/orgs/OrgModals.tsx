import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { OrgDetail } from '../../../../common/contracts/orgs.ts';
import { ORG_TYPES, type OrgType } from '../../../../common/enums.ts';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { memberKeys, membersApi } from '../members/api.ts';
import { ORG_CHANGES, orgsApi } from './api.ts';

interface Base {
  onClose(): void;
}

const CODE_RULES = [
  { required: true, message: '请输入组织编码' },
  { pattern: /^[A-Za-z0-9_-]{1,40}$/, message: '编码只能包含字母、数字、下划线和短横线' },
];

interface OrgForm {
  code: string;
  name: string;
  shortName?: string | null;
  type: OrgType;
  sortOrder?: number | null;
}

/** Create a child of `parent`, or edit `org`. */
export function OrgFormModal({
  parent,
  org,
  onClose,
  onDone,
}: Base & { parent?: OrgDetail; org?: OrgDetail; onDone(id?: number): void }) {
  const [form] = Form.useForm<OrgForm>();
  const submit = async (v: OrgForm) => {
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      shortName: v.shortName?.trim() || null,
      type: v.type,
      sortOrder: v.sortOrder ?? 0,
    };
    if (org) {
      await orgsApi.update(org.id, body);
      return undefined;
    }
    return (await orgsApi.create({ ...body, parentId: parent?.id ?? 0 })).id;
  };
  const save = useAction(submit, { invalidate: ORG_CHANGES, onSuccess: onDone, inline: true });
  return (
    <FormModal
      form={form}
      action={save}
      onClose={onClose}
      title={org ? `编辑组织:${org.name}` : `新建下级组织(上级:${parent?.name})`}
      okText="保存"
      initialValues={
        org
          ? { code: org.code, name: org.name, shortName: org.shortName, type: org.type, sortOrder: org.sortOrder }
          : { type: '党支部', sortOrder: 0 }
      }
    >
      <Form.Item
        name="name"
        label="组织名称"
        rules={[
          { required: true, message: '请输入组织名称' },
          { max: 100, message: '名称不超过 100 字' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="shortName" label="简称" rules={[{ max: 50, message: '简称不超过 50 字' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="code" label="组织编码" rules={CODE_RULES}>
        <Input />
      </Form.Item>
      <Form.Item name="type" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
        <Select options={ORG_TYPES.map((t) => ({ value: t, label: t }))} />
      </Form.Item>
      <Form.Item name="sortOrder" label="排序号">
        <InputNumber min={0} max={100000} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** Move a subtree under a new parent (the node's own subtree cannot be chosen). */
export function MoveModal({ org, onClose, onDone }: Base & { org: OrgDetail; onDone(): void }) {
  const [parentId, setParentId] = useState<number | undefined>();
  const same = parentId !== undefined && parentId === org.parentId;
  const move = useAction(() => orgsApi.move(org.id, parentId ?? 0), {
    invalidate: ORG_CHANGES,
    onSuccess: onDone,
    inline: true,
  });
  return (
    <FormModal
      action={move}
      confirm={() => ({
        title: '确认调整隶属关系?',
        content: `「${org.name}」及其全部下级组织、党员将一并调整到新的上级组织下。`,
        okText: '确认调整',
      })}
      onClose={onClose}
      title={`调整隶属关系:${org.name}`}
      okText="下一步"
      okButtonProps={{ disabled: !parentId || same }}
    >
      {same && <Alert type="warning" showIcon title="所选组织就是当前上级,无需调整" style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>当前上级:{org.parent?.name ?? '—'}(本组织及其下级不可选)</Typography.Paragraph>
      <OrgTreeSelect
        value={parentId}
        onChange={(v) => setParentId(v as number | undefined)}
        style={{ width: '100%' }}
        placeholder="请选择新的上级组织"
        disableNode={(n) => n.id === org.id}
      />
    </FormModal>
  );
}

/** Merge the node into another: its members and children move there, the node is dissolved. */
export function MergeModal({
  org,
  onClose,
  onDone,
}: Base & { org: OrgDetail; onDone(targetId: number, msg: string): void }) {
  const [targetId, setTargetId] = useState<number | undefined>();
  const merge = useAction(() => orgsApi.merge(org.id, targetId ?? 0), {
    invalidate: ORG_CHANGES,
    onSuccess: (r) => onDone(targetId ?? 0, `合并完成:转入党员 ${r.movedMembers} 名、下级组织 ${r.movedChildren} 个`),
    inline: true,
  });
  return (
    <FormModal
      action={merge}
      confirm={() => ({
        title: '确认合并组织?',
        content: `「${org.name}」的 ${org.counts.directMembers} 名直属党员和 ${org.counts.children} 个直属下级组织将转入目标组织,本组织随后撤销。此操作不可撤回。`,
        okText: '确认合并',
        okButtonProps: { danger: true },
      })}
      onClose={onClose}
      title={`合并组织:${org.name}`}
      okText="下一步"
      okButtonProps={{ disabled: !targetId }}
    >
      <Typography.Paragraph>选择并入的目标组织:</Typography.Paragraph>
      <OrgTreeSelect
        value={targetId}
        onChange={(v) => setTargetId(v as number | undefined)}
        style={{ width: '100%' }}
        placeholder="请选择目标组织"
        disableNode={(n) => n.id === org.id}
      />
    </FormModal>
  );
}

export function DissolveModal({ org, onClose, onDone }: Base & { org: OrgDetail; onDone(): void }) {
  const [reason, setReason] = useState('');
  const dissolve = useAction(() => orgsApi.dissolve(org.id, reason.trim() || undefined), {
    invalidate: ORG_CHANGES,
    onSuccess: onDone,
    inline: true,
  });
  return (
    <FormModal
      action={dissolve}
      onClose={onClose}
      title={`撤销组织:${org.name}`}
      okText="确认撤销"
      okButtonProps={{ danger: true }}
    >
      <Alert
        type="warning"
        showIcon
        title="撤销后该组织不再出现在组织树中,沿革记录保留。仍有党员或下级组织的组织不能撤销,请先转出或合并。"
        style={{ marginBottom: 12 }}
      />
      <Input.TextArea
        rows={3}
        maxLength={200}
        showCount
        placeholder="撤销原因(选填)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </FormModal>
  );
}

/** Secretary: picked from the node's own members. */
export function SecretaryModal({ org, onClose, onDone }: Base & { org: OrgDetail; onDone(): void }) {
  const query = { orgId: org.id, pageSize: 500 };
  const members = useQuery({ queryKey: memberKeys.list(query), queryFn: () => membersApi.list(query) });
  const [value, setValue] = useState<number | null>(org.secretaryMemberId);
  const save = useAction(() => orgsApi.update(org.id, { secretaryMemberId: value }), {
    invalidate: ORG_CHANGES,
    onSuccess: onDone,
    inline: true,
  });
  return (
    <FormModal action={save} onClose={onClose} title={`设置书记:${org.name}`} okText="保存">
      <Select
        style={{ width: '100%' }}
        loading={members.isPending}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="从本组织党员中选择(可输入姓名搜索)"
        value={value ?? undefined}
        onChange={(v) => setValue(v ?? null)}
        options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}(${m.orgName})` }))}
        notFoundContent={members.error ? members.error.message : '本组织暂无党员'}
      />
    </FormModal>
  );
}
