import { useState } from 'react';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { api } from '../../api/client.ts';
import type { AppUserRow } from '../../api/types.ts';
import { useAuth } from '../../lib/session.tsx';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import MemberPicker from './MemberPicker.tsx';
import { ROLE_RANK, ROLES, type Role } from '../../../../common/enums.ts';

/** New account (must change its password at first login) or edit of name, role, scope, status. */
export default function UserFormModal({
  user,
  onClose,
  onDone,
}: {
  user: AppUserRow | null;
  onClose(): void;
  onDone(msg: string): void;
}) {
  const { me } = useAuth();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const myRank = me ? ROLE_RANK[me.user.role] : 0;
  const roleOptions = (Object.keys(ROLES) as Role[])
    .filter((r) => ROLE_RANK[r] <= myRank)
    .map((r) => ({ value: r, label: ROLES[r] }));
  const self = user?.id === me?.user.id;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setBusy(true);
    setError(null);
    try {
      if (user) {
        const patch: Record<string, unknown> = {};
        if (v.displayName !== user.displayName) patch.displayName = v.displayName.trim();
        if (v.role !== user.role) patch.role = v.role;
        if (v.scopeOrgId !== user.scopeOrgId) patch.scopeOrgId = v.scopeOrgId;
        if (v.disabled !== user.disabled) patch.disabled = v.disabled;
        await api.patch(`/api/users/${user.id}`, patch);
        onDone('账号已保存');
      } else {
        await api.post('/api/users', {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          role: v.role,
          scopeOrgId: v.scopeOrgId,
          ...(v.memberId ? { memberId: v.memberId } : {}),
          password: v.password,
        });
        onDone('账号已创建,首次登录须修改密码');
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={user ? `编辑账号:${user.username}` : '新建账号'}
      okText="保存"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      maskClosable={false}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={user ? { ...user } : { role: 'unit_admin', scopeOrgId: me?.scope.id }}
      >
        {!user && (
          <Form.Item
            name="username"
            label="用户名"
            rules={[
              { required: true, message: '请输入用户名' },
              { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '用户名为 2–32 位字母、数字或 _ . -' },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={roleOptions} disabled={self} />
        </Form.Item>
        <Form.Item name="scopeOrgId" label="管辖范围" rules={[{ required: true, message: '请选择管辖范围' }]}>
          <OrgTreeSelect style={{ width: '100%' }} disabled={self} />
        </Form.Item>
        {!user && (
          <>
            <Form.Item noStyle dependencies={['role']}>
              {({ getFieldValue }) =>
                getFieldValue('role') === 'member' && (
                  <Form.Item
                    name="memberId"
                    label="关联党员"
                    rules={[{ required: true, message: '党员账号须关联一名党员' }]}
                  >
                    <MemberPicker orgId={getFieldValue('scopeOrgId')} />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item
              name="password"
              label="初始密码"
              extra="至少 10 位,含大写字母、小写字母、数字和符号中的三类;对方首次登录须修改"
              rules={[{ required: true, message: '请输入初始密码' }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        {user && !self && (
          <Form.Item name="disabled" label="停用账号" valuePropName="checked">
            <Switch checkedChildren="停用" unCheckedChildren="正常" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
