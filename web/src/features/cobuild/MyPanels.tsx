/** The member's phone panels: needs to claim, activities (sign-up, photos), points ledger. */
import { useState } from 'react';
import { Alert, Button, Card, Pagination, Popconfirm, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { COBUILD_ACTIONS } from '../../../../common/enums.ts';
import { fmtDate } from '../../lib/format.ts';
import { type Activity, cobuildApi, type MyCobuild } from './api.ts';
import { ClaimTag, Empty, hhmm, NeedTag, PHASE_LABEL, VerifyTag } from './model.tsx';
import { ActionButton, PhotoUpload, useCobuildAction } from './widgets.tsx';

const line = { fontSize: 13, color: '#666', margin: '2px 0' } as const;

export function MyNeeds({ home }: { home: { id: number; name: string } | null }) {
  const [page, setPage] = useState(1);
  const needs = useQuery({
    queryKey: ['cobuild', 'needs', 'mine', page],
    queryFn: () => cobuildApi.needs({ status: 'open', page, pageSize: 10 }),
  });
  if (!home && !needs.data?.total)
    return <Alert type="info" showIcon title="报到并经社区确认后,可在这里认领社区发布的需求" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {needs.data?.items.map((n) => (
        <Card key={n.id} size="small" title={n.title} extra={<NeedTag s={n.status} />}>
          <p style={line}>
            {n.community.name} · {n.category}
          </p>
          {n.description && <p style={{ margin: '4px 0' }}>{n.description}</p>}
          <p style={line}>
            {fmtDate(n.startDate)} 至 {fmtDate(n.endDate)}
            {n.place ? ` · ${n.place}` : ''}
          </p>
          {n.skills && <p style={line}>要求:{n.skills}</p>}
          <Space style={{ marginTop: 6, width: '100%', justifyContent: 'space-between' }}>
            <span style={line}>
              需要 {n.headcount} 人,已认领 {n.claimedCount} 人
            </span>
            {n.myClaim ? (
              <ClaimTag s={n.myClaim.status} />
            ) : (
              <ActionButton
                type="primary"
                disabled={n.claimedCount >= n.headcount}
                run={() => cobuildApi.claimNeed(n.id, {})}
                ok="已认领,等待社区答复"
              >
                认领
              </ActionButton>
            )}
          </Space>
        </Card>
      ))}
      {needs.data && !needs.data.total && <Empty>暂无可认领的需求</Empty>}
      {(needs.data?.total ?? 0) > 10 && (
        <Pagination simple current={page} total={needs.data?.total} pageSize={10} onChange={setPage} />
      )}
    </Space>
  );
}

export function MyActivities() {
  const [mine, setMine] = useState(false);
  const acts = useQuery({
    queryKey: ['cobuild', 'activities', 'my', mine],
    queryFn: () => cobuildApi.activities(mine ? { mine, pageSize: 50 } : { upcoming: true, pageSize: 30 }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button type={mine ? 'default' : 'primary'} size="small" onClick={() => setMine(false)}>
          可报名的活动
        </Button>
        <Button type={mine ? 'primary' : 'default'} size="small" onClick={() => setMine(true)}>
          我报名的
        </Button>
      </Space>
      <Alert
        type="info"
        showIcon
        title="到达活动现场后,用手机扫描社区出示的签到码;活动结束时扫描签退码。时间以服务器为准。"
      />
      {acts.data?.items.map((a) => (
        <ActivityCard key={a.id} a={a} />
      ))}
      {acts.data && !acts.data.total && <Empty>{mine ? '还没有报名活动' : '暂无活动'}</Empty>}
    </Space>
  );
}

function ActivityCard({ a }: { a: Activity }) {
  const cancel = useCobuildAction(() => cobuildApi.cancelSignup(a.id), '已取消报名');
  const s = a.mySignup?.status === 'signed_up' ? a.mySignup : null;
  return (
    <Card
      size="small"
      title={a.title}
      extra={
        a.status === 'cancelled' ? (
          <Tag>已取消</Tag>
        ) : (
          <Tag color={a.phase === 'ongoing' ? 'green' : undefined}>{PHASE_LABEL[a.phase]}</Tag>
        )
      }
    >
      <p style={line}>{a.community.name}</p>
      <p style={line}>
        {fmtDate(a.activityDate)} {hhmm(a.startsAt)}–{hhmm(a.endsAt)} · {a.place}
      </p>
      <p style={line}>
        已报名 {a.signedUp}/{a.signupLimit} 人
      </p>
      {s && (
        <p style={{ margin: '6px 0' }}>
          <Space wrap size={4}>
            <Tag color="blue">已报名</Tag>
            {s.checkinAt && <Tag>签到 {hhmm(s.checkinAt)}</Tag>}
            {s.checkoutAt && <Tag>签退 {hhmm(s.checkoutAt)}</Tag>}
            {s.hours != null && <Tag>{s.hours} 小时</Tag>}
            {s.checkinAt && <VerifyTag s={s.verification} />}
          </Space>
        </p>
      )}
      {a.status === 'open' && (
        <Space wrap>
          {!s && a.phase !== 'ended' && (
            <ActionButton
              type="primary"
              disabled={a.signedUp >= a.signupLimit}
              run={() => cobuildApi.signup(a.id)}
              ok="报名成功"
            >
              {a.signedUp >= a.signupLimit ? '名额已满' : '报名'}
            </ActionButton>
          )}
          {s && !s.checkinAt && (
            <Popconfirm title="取消报名?" okText="取消报名" cancelText="不了" onConfirm={() => cancel.mutate()}>
              <Button size="small" loading={cancel.isPending}>
                取消报名
              </Button>
            </Popconfirm>
          )}
          {s?.checkinAt && <PhotoUpload activityId={a.id} size="small" camera />}
        </Space>
      )}
    </Card>
  );
}

export function MyPoints({ me }: { me: MyCobuild }) {
  const [page, setPage] = useState(1);
  const l = useQuery({
    queryKey: ['cobuild', 'points', 'me', page],
    queryFn: () => cobuildApi.points({ memberId: me.member.id, page, pageSize: 20 }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Space size={24} wrap>
          <Statistic title={`${me.points.year}年积分`} value={l.data?.sum ?? me.points.sum} suffix="分" />
          <Statistic title="服务时长" value={me.points.hours} suffix="小时" />
          <Statistic title="超出封顶(不计入)" value={l.data?.cappedSum ?? me.points.capped} suffix="分" />
        </Space>
        {l.data && !l.data.yearlyReset && <Typography.Text type="secondary">积分逐年累计,不清零</Typography.Text>}
      </Card>
      {l.data?.items.map((e) => (
        <Card key={e.id} size="small" styles={{ body: { padding: '8px 12px' } }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
            <div>
              <div>{e.reason}</div>
              <div style={line}>
                {fmtDate(e.entryDate)} · {COBUILD_ACTIONS[e.action]}
                {e.ruleVersion ? ` · 第${e.ruleVersion}版规则` : ''}
              </div>
            </div>
            <div style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
              <Typography.Text strong delete={e.capped || e.vetoed} type={e.points < 0 ? 'danger' : undefined}>
                {e.points > 0 ? '+' : ''}
                {e.points}
              </Typography.Text>
              {e.capped && (
                <Tag color="orange" style={{ marginLeft: 4 }}>
                  超出封顶
                </Tag>
              )}
              {e.vetoed && (
                <Tag color="red" style={{ marginLeft: 4 }}>
                  已否决
                </Tag>
              )}
            </div>
          </Space>
        </Card>
      ))}
      {l.data && !l.data.total && <Empty>本年度暂无积分记录</Empty>}
      {(l.data?.total ?? 0) > 20 && (
        <Pagination simple current={page} total={l.data?.total} pageSize={20} onChange={setPage} />
      )}
    </Space>
  );
}
