import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, List, Progress, Row, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useAuth } from '../../lib/session.tsx';
import { fmtTime } from '../../lib/format.ts';
import { keys, orglife, refresh } from './api.ts';
import { hm, TypeTags } from './model.tsx';

/**
 * 签到大屏: shown on the meeting room's screen. A big QR code (rendered by the server, nothing from
 * the internet) that members scan with their phones, the live count against 应到 and the latest
 * arrivals, refreshed every two seconds.
 */
export default function CheckinScreenPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { data: s, error } = useQuery({
    queryKey: keys.checkin(id),
    queryFn: () => orglife.checkinState(id),
    refetchInterval: 2000,
  });
  const act = useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: () => refresh(),
    onError: (e) => message.error((e as Error).message),
  });
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  if (!s) return <Card loading />;
  const open = s.state === '签到中' && !!s.qr;
  const pctDone = s.expected ? Math.round((s.present / s.expected) * 100) : 0;
  return (
    <Card
      title={
        <Space wrap>
          <span>{s.orgName}</span>
          <TypeTags types={s.types} />
        </Space>
      }
      extra={
        <Space wrap>
          {can('orglife.manage') &&
            (open ? (
              <Button danger loading={act.isPending} onClick={() => act.mutate(() => orglife.closeCheckin(id))}>
                结束签到
              </Button>
            ) : (
              <Button type="primary" loading={act.isPending} onClick={() => act.mutate(() => orglife.openCheckin(id))}>
                开启签到
              </Button>
            ))}
          <Button onClick={() => navigate(`/org-life/meetings/${id}`)}>会议详情</Button>
        </Space>
      }
    >
      <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
        {s.topic}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">
        {fmtTime(s.heldAt)} 召开 · 签到状态 <Tag color={open ? 'green' : 'default'}>{s.state}</Tag>
        {s.closesAt && open ? `签到截止 ${hm(s.closesAt)}` : ''}
      </Typography.Paragraph>
      {open && s.loopback && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="二维码中的地址是本机地址(127.0.0.1/localhost),手机无法访问。请管理员设置 PUBLIC_URL,或用局域网地址打开本页。"
        />
      )}
      <Row gutter={[24, 24]} align="middle">
        <Col xs={24} md={12} style={{ textAlign: 'center' }}>
          {open ? (
            <>
              <img
                src={s.qr!}
                alt="签到二维码"
                data-testid="checkin-qr"
                style={{
                  width: 'min(420px, 80vw)',
                  height: 'auto',
                  border: '8px solid #fff',
                  boxShadow: '0 0 0 1px #f0f0f0',
                }}
              />
              <div style={{ fontSize: 28, letterSpacing: 6, fontWeight: 700, marginTop: 8 }} data-testid="checkin-code">
                {s.code}
              </div>
              <Typography.Text type="secondary" copyable={{ text: s.url! }}>
                用手机扫码签到,或打开 {s.url}
              </Typography.Text>
            </>
          ) : (
            <Alert type="info" showIcon title={s.state === '已结束' ? '签到已结束' : '签到尚未开启'} />
          )}
        </Col>
        <Col xs={24} md={12}>
          <div style={{ textAlign: 'center' }}>
            <Progress
              type="dashboard"
              percent={pctDone}
              size={220}
              format={() => <span data-testid="present-count">{s.present}</span>}
            />
            <div style={{ fontSize: 20 }}>
              已签到 <b>{s.present}</b> / 应到 <b>{s.expected}</b> 人,请假 <b>{s.leave}</b> 人
            </div>
          </div>
          <List
            size="small"
            header="最近签到"
            style={{ marginTop: 12, maxHeight: 300, overflow: 'auto' }}
            dataSource={s.recent}
            locale={{ emptyText: '还没有人签到' }}
            renderItem={(r) => (
              <List.Item>
                <span>{r.name}</span>
                <span style={{ color: '#8c8c8c' }}>
                  {hm(r.at)} {r.via}
                </span>
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}
