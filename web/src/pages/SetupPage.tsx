import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input, Result } from 'antd';
import { api } from '../api/client.ts';
import AuthFrame from './AuthFrame.tsx';

/** First run: the one-time link printed at start-up creates the first system administrator. */
export default function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [initialized, setInitialized] = useState<boolean | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = '系统初始化 - 落实';
    api.get<{ initialized: boolean }>('/api/auth/setup-status').then(
      (r) => setInitialized(r.initialized),
      () => setInitialized(false),
    );
  }, []);

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(
        '/api/auth/setup',
        { token, username: v.username.trim(), password: v.password },
        { quietAuth: true },
      );
      setDone(true);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <AuthFrame title="系统初始化">
        <Result
          status="success"
          title="系统管理员已创建"
          extra={
            <Link to="/login">
              <Button type="primary">前往登录</Button>
            </Link>
          }
        />
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="系统初始化:创建系统管理员">
      {initialized && (
        <Alert
          type="info"
          showIcon
          title="系统已初始化"
          description={<Link to="/login">前往登录</Link>}
          style={{ marginBottom: 16 }}
        />
      )}
      {!token && (
        <Alert
          type="warning"
          showIcon
          title="初始化链接不完整"
          description="请使用服务启动时打印的完整链接(含 token 参数)。"
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={onFinish} disabled={!token || !!initialized}>
        <Form.Item
          name="username"
          label="管理员用户名"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '用户名为 2–32 位字母、数字或 _ . -' },
          ]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label="密码"
          extra="至少 10 位,含大写字母、小写字母、数字和符号中的三类"
          rules={[{ required: true, message: '请输入密码' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认密码"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入密码' },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          创建系统管理员
        </Button>
      </Form>
    </AuthFrame>
  );
}
