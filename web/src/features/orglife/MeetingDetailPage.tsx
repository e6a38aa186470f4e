import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Input, Modal, Row, Space, Statistic, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useAuth } from '../../lib/session.tsx';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { keys, orglife, refresh } from './api.ts';
import MeetingTabs from './MeetingTabs.tsx';
import { hm, TypeTags } from './model.tsx';

/** 会议详情: the record, who was expected and who came, minutes, resolutions, print and check-in. */
export default function MeetingDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message } = App.useApp();
  const manage = can('orglife.manage');
  const { data: m, error } = useQuery({ queryKey: keys.meeting(id), queryFn: () => orglife.meeting(id) });
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: () => refresh(),
    onError: (e) => message.error((e as Error).message),
  });
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  if (!m) return <Card loading />;
  const live = m.status !== '已作废';
  const absent = m.attendees.filter((a) => a.role === '应到' && a.status === '缺席').length;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {m.status === '已作废' && <Alert type="error" showIcon title={`本记录已作废:${m.voidReason ?? ''}`} />}
      {m.backdated && (
        <Alert
          type="warning"
          showIcon
          title={`补录:会议于 ${fmtDate(m.heldDate)} 召开,${fmtTime(m.createdAt)} 录入。补录原因:${m.backdateReason ?? '—'}`}
        />
      )}
      <Card
        title={
          <Space wrap>
            <span>{m.topic}</span>
            <TypeTags types={m.types} />
            <Tag color={m.status === '计划' ? 'blue' : m.status === '已召开' ? 'default' : 'red'}>{m.status}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {live && (
              <Button
                onClick={() => navigate(`/org-life/meetings/${id}/checkin`)}
                type={m.checkinState === '签到中' ? 'primary' : 'default'}
              >
                签到大屏
              </Button>
            )}
            {manage && live && <Button onClick={() => navigate(`/org-life/meetings/${id}/sheet`)}>打印签到表</Button>}
            <Button onClick={() => orglife.minutesDocx(id)}>会议记录(.docx)</Button>
            {manage && m.status === '计划' && (
              <Button loading={act.isPending} onClick={() => act.mutate(() => orglife.confirm(id))}>
                确认已召开
              </Button>
            )}
            {manage && live && (
              <Button danger onClick={() => setVoiding(true)}>
                作废
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
          <Descriptions.Item label="组织">{m.org.name}</Descriptions.Item>
          <Descriptions.Item label="时间">
            {fmtDate(m.heldDate)} {hm(m.heldAt)}
            {m.endAt ? `—${hm(m.endAt)}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="录入">
            {fmtTime(m.createdAt)}
            {m.createdBy ? `(${m.createdBy})` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="地点">{m.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="主持人">{m.host ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="记录人">{m.recorder ?? '—'}</Descriptions.Item>
          {m.types.includes('党课') && (
            <Descriptions.Item label="党课" span={3}>
              {m.lecturer ?? '—'}:{m.lectureTitle ?? '—'}
            </Descriptions.Item>
          )}
          {m.talkMode && <Descriptions.Item label="谈话方式">{m.talkMode}</Descriptions.Item>}
          <Descriptions.Item label="法定人数" span={3}>
            <Space wrap>
              {m.quorumByType.map((q) => (
                <Tag key={q.type} color={q.met ? 'green' : 'red'} title={q.rule}>
                  {q.type}:{q.met ? '已达到' : '未达到'}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          {[
            ['应到', m.expected],
            ['实到', m.present],
            ['请假', m.leave],
            ['缺席', absent],
            ['有表决权 实到/应到', `${m.presentVoting}/${m.expectedVoting}`],
          ].map(([t, v]) => (
            <Col key={String(t)} xs={12} sm={8} md={4}>
              <Statistic title={t} value={v as number} />
            </Col>
          ))}
        </Row>
      </Card>
      <MeetingTabs m={m} manage={manage && live} />
      <Modal
        title="作废会议记录"
        open={voiding}
        okText="作废"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onCancel={() => setVoiding(false)}
        onOk={() =>
          act.mutate(() => orglife.void(id, reason), {
            onSuccess: () => setVoiding(false),
          })
        }
      >
        <p>作废后记录保留但不再计入合规与出勤。请填写原因(记入审计)。</p>
        <Input.TextArea
          aria-label="作废原因"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
        />
      </Modal>
    </Space>
  );
}
