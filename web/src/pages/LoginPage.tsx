import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../lib/session.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { safeRedirect } from '../lib/format.ts';
import AuthFrame from './AuthFrame.tsx';

export default function LoginPage() {
  const { me, login, notice } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const redirect = safeRedirect(params.get('redirect'));
  const signIn = useMutation({
    mutationFn: (v: { username: string; password: string }) => login(v.username.trim(), v.password),
    onSuccess: (m) =>
      navigate(m.user.mustChangePassword ? `/change-password?redirect=${encodeURIComponent(redirect)}` : redirect, {
        replace: true,
      }),
  });

  // While signing in, this page navigates itself (to the password page when a change is due).
  if (me && signIn.isIdle) return <Navigate to={me.user.mustChangePassword ? '/change-password' : redirect} replace />;

  return (
    <AuthFrame page="登录" title="用户登录">
      {notice && !signIn.error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={signIn.error} style={{ marginBottom: 16 }} />
      <Form layout="vertical" onFinish={(v) => signIn.mutate(v)} requiredMark={false} size="large">
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" placeholder="请输入用户名" autoFocus />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending || signIn.isSuccess}>
          登 录
        </Button>
      </Form>
    </AuthFrame>
  );
}
