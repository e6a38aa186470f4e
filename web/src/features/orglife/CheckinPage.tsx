import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../lib/session.tsx';
import { fmtTime } from '../../lib/format.ts';
import { orglife } from './api.ts';

/**
 * The phone page behind the meeting's QR code (public: no app frame). A member with an account
 * checks in after logging in; one without uses the personal code printed beside their name on the
 * sign-in sheet. The time recorded is the server's.
 */
export default function CheckinPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { me, loading } = useAuth();
  const code = (params.get('c') ?? '').trim();
  const [typed, setTyped] = useState('');
  const [personal, setPersonal] = useState('');
  const info = useQuery({
    queryKey: ['orglife', 'checkin-info', code],
    queryFn: () => orglife.checkinInfo(code),
    enabled: code.length >= 4,
    retry: false,
  });
  const done = useMutation({
    mutationFn: (how: 'login' | 'code') =>
      how === 'login' ? orglife.checkin(code) : orglife.checkinWithCode(code, personal),
  });
  const frame = (node: React.ReactNode) => (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 12, minHeight: '100vh', background: '#f5f5f5' }}>
      <Typography.Title level={4} style={{ textAlign: 'center', color: '#b5121b' }}>
        组织生活 · 会议签到
      </Typography.Title>
      {node}
    </div>
  );

  if (!code)
    return frame(
      <Card>
        <Typography.Paragraph>请扫描会场大屏上的二维码,或输入大屏上显示的签到码。</Typography.Paragraph>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            size="large"
            aria-label="签到码"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="签到码"
          />
          <Button
            size="large"
            type="primary"
            onClick={() => setParams({ c: typed.trim() })}
            disabled={typed.trim().length < 4}
          >
            下一步
          </Button>
        </Space.Compact>
      </Card>,
    );
  if (done.data)
    return frame(
      <Result
        status="success"
        title={`${done.data.name},签到成功`}
        subTitle={`${done.data.orgName} · ${done.data.topic}\n签到时间 ${fmtTime(done.data.checkedAt)}`}
      />,
    );
  if (info.error) return frame(<Alert type="error" showIcon title={(info.error as Error).message} />);
  if (!info.data || loading) return frame(<Card loading />);
  const m = info.data;
  const err = done.error as Error | null;
  return frame(
    <Card>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {m.topic}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {m.orgName} · {m.types.join('、')} · {fmtTime(m.heldAt)}
      </Typography.Paragraph>
      {m.state !== '签到中' ? (
        <Alert type="warning" showIcon title="本次会议的签到已经结束,未签到的请向支部书记说明情况。" />
      ) : (
        <>
          {err && <Alert type="error" showIcon title={err.message} style={{ marginBottom: 12 }} />}
          {me?.user.memberId ? (
            <Button type="primary" size="large" block loading={done.isPending} onClick={() => done.mutate('login')}>
              {me.user.displayName} 签到
            </Button>
          ) : (
            <Button
              size="large"
              block
              onClick={() => navigate(`/login?redirect=${encodeURIComponent(`/checkin?c=${code}`)}`)}
            >
              {me ? '当前账号未关联党员档案' : '登录后签到'}
            </Button>
          )}
          <Divider plain>或使用签到表上的个人签到码</Divider>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              size="large"
              aria-label="个人签到码"
              value={personal}
              onChange={(e) => setPersonal(e.target.value)}
              placeholder="签到表上您名字后面的签到码"
            />
            <Button
              size="large"
              type="primary"
              loading={done.isPending}
              disabled={personal.trim().length < 4}
              onClick={() => done.mutate('code')}
            >
              签到
            </Button>
          </Space.Compact>
        </>
      )}
    </Card>,
  );
}
