import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result } from 'antd';
import { NewPasswordFields } from '../components/PasswordFields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { authApi, authKeys } from '../features/auth/api.ts';
import AuthFrame from './AuthFrame.tsx';

/** First run: the one-time link printed at start-up creates the first system administrator. */
export default function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const status = useQuery({ queryKey: authKeys.setupStatus, queryFn: authApi.setupStatus });
  const initialized = status.data?.initialized;
  const setup = useMutation({
    mutationFn: (v: { username: string; password: string }) =>
      authApi.setup({ token, username: v.username.trim(), password: v.password }),
  });

  if (setup.isSuccess) {
    return (
      <AuthFrame page="系统初始化" title="系统初始化">
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
    <AuthFrame page="系统初始化" title="系统初始化:创建系统管理员">
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
      <ErrorAlert error={setup.error} style={{ marginBottom: 16 }} />
      <Form layout="vertical" onFinish={(v) => setup.mutate(v)} disabled={!token || !!initialized}>
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
        <NewPasswordFields name="password" label="密码" />
        <Button type="primary" htmlType="submit" block loading={setup.isPending}>
          创建系统管理员
        </Button>
      </Form>
    </AuthFrame>
  );
}
