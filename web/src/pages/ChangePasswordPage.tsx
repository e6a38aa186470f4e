import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Form, Input, Space } from 'antd';
import { api } from '../api/client.ts';
import { useAuth } from '../app/auth.tsx';
import { safeRedirect } from '../lib/format.ts';
import AuthFrame from './AuthFrame.tsx';

/** Own password change; forced (no way around it) when the account must change its password. */
export default function ChangePasswordPage() {
  const { me, refresh, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = !!me?.user.mustChangePassword;
  const back = safeRedirect((location.state as { back?: string } | null)?.back ?? params.get('redirect'));

  useEffect(() => {
    document.title = '修改密码 - 落实';
  }, []);

  const onFinish = async (v: { oldPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/change-password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      await refresh();
      message.success('密码已修改');
      navigate(back, { replace: true });
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="修改密码">
      {forced && (
        <Alert
          type="warning"
          showIcon
          title="首次登录或密码已被重置,请先修改密码后再使用系统"
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="oldPassword"
          label={forced ? '当前密码(临时密码)' : '原密码'}
          rules={[{ required: true, message: '请输入原密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 10 位,含大写字母、小写字母、数字和符号中的三类"
          rules={[{ required: true, message: '请输入新密码' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button type="primary" htmlType="submit" loading={busy}>
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
