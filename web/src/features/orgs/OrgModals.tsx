import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { api } from '../../api/client.ts';
import type { Member, OrgDetail, Page } from '../../api/types.ts';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { ORG_TYPES } from '../../../../common/enums.ts';

interface Base {
  onClose(): void;
}

/** Runs a server call for a modal: keeps the modal open and shows the server's message on error. */
function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const alert = error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null;
  return { busy, run, alert };
}

const CODE_RULES = [
  { required: true, message: '请输入组织编码' },
  { pattern: /^[A-Za-z0-9_-]{1,40}$/, message: '编码只能包含字母、数字、下划线和短横线' },
];

/** Create a child of `parent`, or edit `org`. */
export function OrgFormModal({
  parent,
  org,
  onClose,
  onDone,
}: Base & { parent?: OrgDetail; org?: OrgDetail; onDone(id?: number): void }) {
  const [form] = Form.useForm();
  const { busy, run, alert } = useSubmit();
  const submit = () =>
    form.validateFields().then(
      (v) =>
        run(async () => {
          const body = {
            code: v.code.trim(),
            name: v.name.trim(),
            shortName: v.shortName?.trim() || null,
            type: v.type,
            sortOrder: v.sortOrder ?? 0,
          };
          if (org) {
            await api.patch(`/api/orgs/${org.id}`, body);
            onDone();
          } else {
            const r = await api.post<{ id: number }>('/api/orgs', { ...body, parentId: parent!.id });
            onDone(r.id);
          }
        }),
      () => {
        /* the form shows what is missing */
      },
    );
  return (
    <Modal
      open
      title={org ? `编辑组织:${org.name}` : `新建下级组织(上级:${parent?.name})`}
      okText="保存"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      {alert}
      <Form
        form={form}
        layout="vertical"
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
      </Form>
    </Modal>
  );
}

/** Move a subtree under a new parent (the node's own subtree cannot be chosen). */
export function MoveModal({ org, onClose, onDone }: Base & { org: OrgDetail; onDone(): void }) {
  const [parentId, setParentId] = useState<number | undefined>();
  const [same, setSame] = useState(false);
  const { busy, run, alert } = useSubmit();
  const { modal } = App.useApp();
  const submit = () => {
    if (!parentId) return;
    if (parentId === org.parentId) {
      setSame(true);
      return;
    }
    modal.confirm({
      title: '确认调整隶属关系?',
      content: `「${org.name}」及其全部下级组织、党员将一并调整到新的上级组织下。`,
      okText: '确认调整',
      cancelText: '取消',
      onOk: () =>
        run(async () => {
          await api.post(`/api/orgs/${org.id}/move`, { parentId });
          onDone();
        }),
    });
  };
  return (
    <Modal
      open
      title={`调整隶属关系:${org.name}`}
      okText="下一步"
      okButtonProps={{ disabled: !parentId }}
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
    >
      {alert}
      {same && <Alert type="warning" showIcon title="所选组织就是当前上级,无需调整" style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>当前上级:{org.parent?.name ?? '—'}(本组织及其下级不可选)</Typography.Paragraph>
      <OrgTreeSelect
        value={parentId}
        onChange={(v) => {
          setSame(false);
          setParentId(v as number);
        }}
        style={{ width: '100%' }}
        placeholder="请选择新的上级组织"
        disableNode={(n) => n.id === org.id}
      />
    </Modal>
  );
}

/** Merge the node into another: its members and children move there, the node is dissolved. */
export function MergeModal({
  org,
  onClose,
  onDone,
}: Base & { org: OrgDetail; onDone(targetId: number, msg: string): void }) {
  const [targetId, setTargetId] = useState<number | undefined>();
  const { busy, run, alert } = useSubmit();
  const { modal } = App.useApp();
  const submit = () => {
    if (!targetId) return;
    modal.confirm({
      title: '确认合并组织?',
      content: `「${org.name}」的 ${org.counts.directMembers} 名直属党员和 ${org.counts.children} 个直属下级组织将转入目标组织,本组织随后撤销。此操作不可撤回。`,
      okText: '确认合并',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        run(async () => {
          const r = await api.post<{ movedMembers: number; movedChildren: number }>(`/api/orgs/${org.id}/merge`, {
            targetId,
          });
          onDone(targetId, `合并完成:转入党员 ${r.movedMembers} 名、下级组织 ${r.movedChildren} 个`);
        }),
    });
  };
  return (
    <Modal
      open
      title={`合并组织:${org.name}`}
      okText="下一步"
      okButtonProps={{ disabled: !targetId }}
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
    >
      {alert}
      <Typography.Paragraph>选择并入的目标组织:</Typography.Paragraph>
      <OrgTreeSelect
        value={targetId}
        onChange={(v) => setTargetId(v as number)}
        style={{ width: '100%' }}
        placeholder="请选择目标组织"
        disableNode={(n) => n.id === org.id}
      />
    </Modal>
  );
}

export function DissolveModal({ org, onClose, onDone }: Base & { org: OrgDetail; onDone(): void }) {
  const [reason, setReason] = useState('');
  const { busy, run, alert } = useSubmit();
  return (
    <Modal
      open
      title={`撤销组织:${org.name}`}
      okText="确认撤销"
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() =>
        run(async () => {
          await api.post(`/api/orgs/${org.id}/dissolve`, reason.trim() ? { reason: reason.trim() } : {});
          onDone();
        })
      }
    >
      {alert}
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
    </Modal>
  );
}

/** Secretary: picked from the node's own members. */
export function SecretaryModal({ org, onClose, onDone }: Base & { org: OrgDetail; onDone(): void }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [value, setValue] = useState<number | null>(org.secretaryMemberId);
  const { busy, run, alert } = useSubmit();
  useEffect(() => {
    api.get<Page<Member>>('/api/members', { orgId: org.id, pageSize: 500 }).then(
      (r) => setMembers(r.items),
      () => setMembers([]),
    );
  }, [org.id]);
  return (
    <Modal
      open
      title={`设置书记:${org.name}`}
      okText="保存"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() =>
        run(async () => {
          await api.patch(`/api/orgs/${org.id}`, { secretaryMemberId: value ?? null });
          onDone();
        })
      }
    >
      {alert}
      <Select
        style={{ width: '100%' }}
        loading={!members}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="从本组织党员中选择(可输入姓名搜索)"
        value={value ?? undefined}
        onChange={(v) => setValue(v ?? null)}
        options={(members ?? []).map((m) => ({ value: m.id, label: `${m.name}(${m.orgName ?? ''})` }))}
        notFoundContent="本组织暂无党员"
      />
    </Modal>
  );
}
