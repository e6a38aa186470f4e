import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Space } from 'antd';
import type { ChangePasswordBody } from '../../../common/contracts/auth.ts';
import { useAuth } from '../lib/session.tsx';
import { NewPasswordFields } from '../components/PasswordFields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { authApi } from '../features/auth/api.ts';
import { safeRedirect } from '../lib/format.ts';
import AuthFrame from './AuthFrame.tsx';

/** Own password change; forced (no way around it) when the account must change its password. */
export default function ChangePasswordPage() {
  const { me, refresh, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const forced = !!me?.user.mustChangePassword;
  const back = safeRedirect((location.state as { back?: string } | null)?.back ?? params.get('redirect'));
  const change = useMutation({
    mutationFn: async (v: ChangePasswordBody) => {
      await authApi.changePassword({ oldPassword: v.oldPassword, newPassword: v.newPassword });
      await refresh();
    },
    onSuccess: () => {
      message.success('密码已修改');
      navigate(back, { replace: true });
    },
  });

  return (
    <AuthFrame page="修改密码" title="修改密码">
      {forced && (
        <Alert
          type="warning"
          showIcon
          title="首次登录或密码已被重置,请先修改密码后再使用系统"
          style={{ marginBottom: 16 }}
        />
      )}
      <ErrorAlert error={change.error} style={{ marginBottom: 16 }} />
      <Form layout="vertical" onFinish={(v: ChangePasswordBody) => change.mutate(v)}>
        <Form.Item
          name="oldPassword"
          label={forced ? '当前密码(临时密码)' : '原密码'}
          rules={[{ required: true, message: '请输入原密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" label="新密码" />
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            确认修改
          </Button>
          {forced ? (
            <Button onClick={() => void logout()}>退出登录</Button>
          ) : (
            <Button onClick={() => navigate(back)}>返回</Button>
          )}
        </Space>
      </Form>
    </AuthFrame>
  );
}
