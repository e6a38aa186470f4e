import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../app/auth.tsx';
import { safeRedirect } from '../lib/format.ts';
import AuthFrame from './AuthFrame.tsx';

export default function LoginPage() {
  const { me, login, notice } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const redirect = safeRedirect(params.get('redirect'));

  useEffect(() => {
    document.title = '登录 - 落实';
  }, []);
  if (me && !busy) return <Navigate to={me.user.mustChangePassword ? '/change-password' : redirect} replace />;

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const m = await login(v.username.trim(), v.password);
      navigate(m.user.mustChangePassword ? `/change-password?redirect=${encodeURIComponent(redirect)}` : redirect, {
        replace: true,
      });
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="用户登录">
      {notice && !error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" placeholder="请输入用户名" autoFocus />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登 录
        </Button>
      </Form>
    </AuthFrame>
  );
}
