import { useEffect, useRef, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { api } from '../../api/client.ts';
import type { MemberFull } from '../../api/types.ts';

interface Target {
  id: number;
  code: string;
  name: string;
  type: string;
}

/** 发起转接: the receiving org is searched in the county-wide directory (outside one's own scope). */
export default function TransferStartModal({
  member,
  onClose,
  onDone,
}: {
  member: MemberFull;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [targets, setTargets] = useState<Target[]>([]);
  const [searching, setSearching] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const seq = useRef(0);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const n = ++seq.current;
      setSearching(true);
      try {
        const r = await api.get<{ items: Target[] }>('/api/transfers/targets', { q: q.trim() || undefined });
        if (n === seq.current) setTargets(r.items.filter((t) => t.id !== member.orgId));
      } catch (e) {
        if (n === seq.current) setError((e as Error).message);
      } finally {
        if (n === seq.current) setSearching(false);
      }
    }, 250);
  };
  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/transfers', { memberId: member.id, toOrgId: v.toOrgId, reason: v.reason.trim() });
      message.success('转接申请已提交,待上级党组织审批');
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`发起组织关系转接:${member.name}`}
      okText="提交申请"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      maskClosable={false}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        当前所在组织:{member.orgName}。提交后由本支部的上级党组织审批,再由接收组织办理接收。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="toOrgId" label="接收组织" rules={[{ required: true, message: '请选择接收组织' }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: search }}
            loading={searching}
            placeholder="输入名称或编码搜索接收组织"
            options={targets.map((t) => ({ value: t.id, label: `${t.name}(${t.type},${t.code})` }))}
            notFoundContent={searching ? '正在搜索……' : '没有找到匹配的组织'}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="转接原因"
          rules={[{ required: true, whitespace: true, message: '请填写转接原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如:工作调动、迁居等" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
