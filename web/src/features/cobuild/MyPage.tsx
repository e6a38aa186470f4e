import { useSearchParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { fmtDate } from '../../lib/format.ts';
import { cobuildApi, type MyCobuild } from './api.ts';
import { RegTag } from './model.tsx';
import { ReasonButton, useCobuildAction } from './widgets.tsx';
import { MyActivities, MyNeeds, MyPoints } from './MyPanels.tsx';

const TABS = [
  { value: 'report', label: '报到' },
  { value: 'needs', label: '需求' },
  { value: 'activities', label: '活动' },
  { value: 'points', label: '积分' },
];

/**
 * 我的报到与服务 — the member's phone page (390 px first): report to the community where I live and
 * re-confirm, browse and claim needs, sign up for activities (sign-in/out by scanning the QR code on
 * site), upload photos, and my points.
 */
export default function MyPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'report';
  const me = useQuery({ queryKey: ['cobuild', 'me'], queryFn: cobuildApi.me, retry: false });
  if (me.isLoading) return <Spin />;
  if (me.error) return <Alert type="info" showIcon title={(me.error as Error).message} />;
  const m = me.data!;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Segmented
        block
        aria-label="我的报到与服务"
        options={TABS}
        value={tab}
        onChange={(v) => setParams({ tab: String(v) }, { replace: true })}
      />
      {tab === 'report' && <ReportPanel m={m} />}
      {tab === 'needs' && <MyNeeds home={m.home} />}
      {tab === 'activities' && <MyActivities />}
      {tab === 'points' && <MyPoints me={m} />}
    </Space>
  );
}

function ReportPanel({ m }: { m: MyCobuild }) {
  const confirm = useCobuildAction((id: number) => cobuildApi.confirmRegistration(id), '已复核');
  const reg = m.registration;
  return (
    <>
      <Card size="small" title={`${m.member.name}(${m.member.category})`}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="所在支部">{m.member.branch}</Descriptions.Item>
          <Descriptions.Item label="工作单位">{m.member.unit.name}</Descriptions.Item>
          <Descriptions.Item label="服务社区">{m.home?.name ?? '尚未报到'}</Descriptions.Item>
          <Descriptions.Item label={`${m.points.year}年积分`}>
            {m.points.sum} 分 · 服务 {m.points.hours} 小时
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {!m.required && (
        <Alert
          type="info"
          showIcon
          title="无需到社区报到"
          description={`${m.notRequiredReason}。您仍可认领${m.home ? `「${m.home.name}」` : '所在社区'}的需求、报名参加活动并获得积分。`}
        />
      )}
      {m.required && reg && (
        <Card size="small" title="当前报到" extra={<RegTag s={reg.status} lapsed={reg.lapsed} />}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="报到社区">{reg.community.name}</Descriptions.Item>
            <Descriptions.Item label="报到日期">{fmtDate(reg.reportedDate)}</Descriptions.Item>
            {reg.acceptedDate && <Descriptions.Item label="社区确认">{fmtDate(reg.acceptedDate)}</Descriptions.Item>}
            {reg.confirmedDate && reg.confirmedDate !== reg.acceptedDate && (
              <Descriptions.Item label="最近复核">{fmtDate(reg.confirmedDate)}</Descriptions.Item>
            )}
            {reg.dueDate && (
              <Descriptions.Item label="下次复核">
                <Typography.Text type={reg.lapsed ? 'danger' : undefined}>
                  {fmtDate(reg.dueDate)}
                  {reg.lapsed ? '(已逾期,请复核)' : ''}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {reg.address && <Descriptions.Item label="居住地址">{reg.address}</Descriptions.Item>}
          </Descriptions>
          <Space wrap style={{ marginTop: 8 }}>
            {reg.status === 'active' && (
              <Popconfirm
                title={`确认仍居住在${reg.community.name}?`}
                description={`复核后 ${m.reconfirmMonths} 个月内有效`}
                okText="确认"
                cancelText="取消"
                onConfirm={() => confirm.mutate(reg.id)}
              >
                <Button type="primary" loading={confirm.isPending}>
                  复核报到
                </Button>
              </Popconfirm>
            )}
            <ReasonButton
              size="middle"
              label="结束报到"
              title="结束报到(如搬离)"
              ok="已结束报到"
              placeholder="如:已搬至城南社区居住"
              onReason={(r) => cobuildApi.endRegistration(reg.id, r)}
            />
          </Space>
        </Card>
      )}
      {m.required && !reg && <ReportForm />}
      {m.history.length > 0 && (
        <Card size="small" title="报到记录">
          {m.history.map((h) => (
            <div key={h.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Space wrap>
                <span>{h.community.name}</span>
                <RegTag s={h.status} />
                <Typography.Text type="secondary">{fmtDate(h.reportedDate)}</Typography.Text>
              </Space>
              {(h.declineReason || h.endReason) && (
                <div style={{ color: '#888', fontSize: 13 }}>{h.declineReason ?? h.endReason}</div>
              )}
            </div>
          ))}
        </Card>
      )}
    </>
  );
}

function ReportForm() {
  const report = useCobuildAction(
    (v: { communityId: number; address?: string; skills?: string }) =>
      cobuildApi.report({ communityId: v.communityId, address: v.address || null, skills: v.skills || null }),
    '已提交报到,等待社区确认',
  );
  const dir = useQuery({ queryKey: ['cobuild', 'communities', 'all'], queryFn: () => cobuildApi.communities() });
  return (
    <Card size="small" title="到居住地社区报到">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        在职党员向居住地村(社区)党组织报到,同一时间只能在一个社区报到,每半年复核一次;社区确认后即可认领社区需求、参加志愿服务。
      </Typography.Paragraph>
      <Form layout="vertical" onFinish={(v) => report.mutate(v)}>
        <Form.Item name="communityId" label="报到社区" rules={[{ required: true, message: '请选择居住地社区' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="输入社区或村名称搜索"
            loading={dir.isLoading}
            options={(dir.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.name}${c.township ? `(${c.township})` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="address" label="居住小区/楼栋">
          <Input maxLength={100} placeholder="如:幸福小区3栋" />
        </Form.Item>
        <Form.Item name="skills" label="特长(便于社区安排服务)">
          <Input maxLength={200} placeholder="如:法律咨询、医疗护理" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={report.isPending}>
          报到
        </Button>
      </Form>
    </Card>
  );
}
