import { Form, Input, Select, Switch } from 'antd';
import type { Role } from '../../../../common/contracts/auth.ts';
import type { UserPatchBody, UserRow } from '../../../../common/contracts/users.ts';
import { ROLE_RANK, ROLES } from '../../../../common/enums.ts';
import { PASSWORD_POLICY } from '../../../../common/password-policy.ts';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { useAuth } from '../../lib/session.tsx';
import { userKeys, usersApi } from './api.ts';
import MemberPicker from './MemberPicker.tsx';

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  scopeOrgId: number;
  memberId?: number;
  password: string;
  disabled?: boolean;
}

/** New account (must change its password at first login) or edit of name, role, scope, status. */
export default function UserFormModal({
  user,
  onClose,
  onDone,
}: {
  user: UserRow | null;
  onClose(): void;
  onDone(msg: string): void;
}) {
  const { me } = useAuth();
  const [form] = Form.useForm<UserForm>();
  const myRank = me ? ROLE_RANK[me.user.role] : 0;
  const roleOptions = (Object.keys(ROLES) as Role[])
    .filter((r) => ROLE_RANK[r] <= myRank)
    .map((r) => ({ value: r, label: ROLES[r] }));
  const self = user?.id === me?.user.id;

  // An edit sends only what changed (a role or scope change ends the account's sessions).
  const submit = async (v: UserForm) => {
    if (user) {
      const patch: UserPatchBody = {};
      if (v.displayName !== user.displayName) patch.displayName = v.displayName.trim();
      if (v.role !== user.role) patch.role = v.role;
      if (v.scopeOrgId !== user.scopeOrgId) patch.scopeOrgId = v.scopeOrgId;
      if (v.disabled !== undefined && v.disabled !== user.disabled) patch.disabled = v.disabled;
      await usersApi.update(user.id, patch);
      return '账号已保存';
    }
    await usersApi.create({
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      scopeOrgId: v.scopeOrgId,
      ...(v.memberId ? { memberId: v.memberId } : {}),
      password: v.password,
    });
    return '账号已创建,首次登录须修改密码';
  };
  const save = useAction(submit, { invalidate: [userKeys.all], onSuccess: onDone, inline: true });

  return (
    <FormModal
      form={form}
      action={save}
      onClose={onClose}
      title={user ? `编辑账号:${user.username}` : '新建账号'}
      okText="保存"
      maskClosable={false}
      initialValues={
        user ? { ...user, memberId: user.memberId ?? undefined } : { role: 'unit_admin', scopeOrgId: me?.scope.id }
      }
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
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={roleOptions} disabled={self} />
      </Form.Item>
      <Form.Item name="scopeOrgId" label="管辖范围" rules={[{ required: true, message: '请选择管辖范围' }]}>
        <OrgPicker style={{ width: '100%' }} disabled={self} />
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
            extra={`${PASSWORD_POLICY};对方首次登录须修改`}
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
    </FormModal>
  );
}
