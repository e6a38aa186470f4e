/** 社区工作台 · 活动 and 待核验: publish, show the QR codes on site, photos, verify participation. */
import { useState } from 'react';
import {
  Alert,
  Col,
  DatePicker,
  Drawer,
  Form,
  Image,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ListTable } from '../../components/ListTable.tsx';
import { fmtDate } from '../../lib/format.ts';
import { type Activity, type ActivityDetail, cobuildApi, type Need } from './api.ts';
import { CATEGORY_OPTIONS, type Category } from './CommunityNeeds.tsx';
import { hhmm, PHASE_LABEL, VerifyTag } from './model.tsx';
import { ActionButton, FormButton, PhotoUpload, ReasonButton } from './widgets.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';

const at = (d: Dayjs, t: Dayjs) => d.hour(t.hour()).minute(t.minute()).second(0).millisecond(0).toISOString();

interface ActivityForm {
  title: string;
  category: Category;
  signupLimit: number;
  place: string;
  date: Dayjs;
  time: [Dayjs, Dayjs];
  projectId?: number;
  description?: string;
}

export function NewActivityButton({ communityId, need }: { communityId: number; need?: Need }) {
  return (
    <FormButton<ActivityForm>
      label={need ? '转为活动' : '发布活动'}
      button={{ size: need ? 'small' : 'middle', type: need ? 'default' : 'primary' }}
      title={need ? `由需求「${need.title}」发布活动` : '发布活动'}
      okText="发布"
      ok={need ? '活动已发布,已接受认领的党员已自动报名' : '活动已发布'}
      initialValues={{
        title: need?.title,
        // a need's category was picked from the same list when it was published
        category: (need?.category as Category | undefined) ?? '环境整治',
        place: need?.place ?? undefined,
        description: need?.description ?? undefined,
        signupLimit: need?.headcount ?? 10,
        date: dayjs(need && need.startDate > dayjs().format('YYYY-MM-DD') ? need.startDate : undefined),
        time: [dayjs().hour(9).minute(0), dayjs().hour(11).minute(0)],
      }}
      submit={(v) =>
        cobuildApi.createActivity({
          communityId,
          needId: need?.id ?? null,
          projectId: v.projectId ?? null,
          title: v.title,
          category: v.category,
          description: v.description || null,
          place: v.place,
          startsAt: at(v.date, v.time[0]),
          endsAt: at(v.date, v.time[1]),
          signupLimit: v.signupLimit,
        })
      }
    >
      <Form.Item name="title" label="活动名称" rules={[{ required: true, min: 2, message: '请填写活动名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="category" label="类别" rules={[{ required: true }]}>
          <Select options={CATEGORY_OPTIONS} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="signupLimit" label="报名人数上限" rules={[{ required: true }]}>
          <InputNumber min={1} max={1000} />
        </Form.Item>
      </Space>
      <Form.Item name="place" label="地点" rules={[{ required: true, min: 2, message: '请填写地点' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="date" label="日期" rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="time" label="时间" rules={[{ required: true }]}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
      </Space>
      {!need && (
        <Form.Item name="projectId" label="所属项目(可选)">
          <ProjectSelect communityId={communityId} />
        </Form.Item>
      )}
      <Form.Item name="description" label="活动内容">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormButton>
  );
}

/** The community's active projects, read only while the dialog is open. */
function ProjectSelect({
  communityId,
  ...field
}: {
  communityId: number;
  value?: number;
  onChange?: (v: number) => void;
}) {
  const projects = useQuery({
    queryKey: ['cobuild', 'projects', communityId, 'active'],
    queryFn: () => cobuildApi.projects({ communityId, status: 'active', pageSize: 100 }),
  });
  return (
    <Select
      allowClear
      {...field}
      options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
    />
  );
}

export function ActivitiesTab({ communityId }: { communityId: number }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['cobuild', 'activities', communityId, page],
    queryFn: () => cobuildApi.activities({ communityId, page, pageSize: 20 }),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <NewActivityButton communityId={communityId} />
      </Space>
      <ListTable<Activity>
        query={q}
        page={page}
        onPageChange={setPage}
        totalText={(n) => `共 ${n} 场`}
        onRow={(a) => ({ onClick: () => setOpen(a.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '活动', dataIndex: 'title' },
          { title: '时间', render: (_, a) => `${fmtDate(a.activityDate)} ${hhmm(a.startsAt)}–${hhmm(a.endsAt)}` },
          { title: '地点', dataIndex: 'place', responsive: ['md'] },
          { title: '报名', render: (_, a) => `${a.signedUp}/${a.signupLimit}` },
          { title: '待核验', dataIndex: 'pendingVerifications', render: (x) => (x ? <Tag color="gold">{x}</Tag> : 0) },
          { title: '状态', render: (_, a) => (a.status === 'cancelled' ? <Tag>已取消</Tag> : PHASE_LABEL[a.phase]) },
        ]}
      />
      {open && <ActivityDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function ActivityDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const d = useQuery({ queryKey: ['cobuild', 'activity', id], queryFn: () => cobuildApi.activity(id) });
  const qr = useQuery({
    queryKey: ['cobuild', 'qr', id],
    queryFn: () => cobuildApi.qr(id),
    enabled: !!d.data?.canManage,
  });
  const a = d.data;
  return (
    <Drawer open onClose={onClose} size={760} title={a ? a.title : '活动'}>
      {a && (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Typography.Text type="secondary">
            {fmtDate(a.activityDate)} {hhmm(a.startsAt)}–{hhmm(a.endsAt)} · {a.place} · 报名 {a.signedUp}/
            {a.signupLimit} 人{a.need ? ` · 来自需求「${a.need.title}」` : ''}
            {a.project ? ` · 项目「${a.project.title}」` : ''}
          </Typography.Text>
          {a.status === 'cancelled' && <Alert type="warning" title={`活动已取消:${a.cancelReason}`} />}
          {qr.data && a.status === 'open' && (
            <>
              {qr.data.loopback && (
                <Alert
                  type="warning"
                  showIcon
                  title="二维码指向本机地址,手机无法打开:请由管理员配置 PUBLIC_URL 后再打印"
                />
              )}
              <Row gutter={12}>
                {(
                  [
                    ['签到码', qr.data.signInQr, qr.data.signInUrl],
                    ['签退码', qr.data.signOutQr, qr.data.signOutUrl],
                  ] as const
                ).map(([label, img, url]) => (
                  <Col xs={24} sm={12} key={label} style={{ textAlign: 'center' }}>
                    <img src={img} alt={label} style={{ width: 200, maxWidth: '100%' }} />
                    <div>
                      <Typography.Text strong>{label}</Typography.Text>
                    </div>
                    <Typography.Text copyable={{ text: url }} type="secondary" style={{ fontSize: 12 }}>
                      复制链接
                    </Typography.Text>
                  </Col>
                ))}
              </Row>
            </>
          )}
          <Space wrap>
            <PhotoUpload activityId={id} />
            {a.canManage && a.pendingVerifications > 0 && (
              <ActionButton
                size="middle"
                type="primary"
                run={() => cobuildApi.verifyAll(id)}
                ok="已核验全部已签退的参加记录"
              >
                核验全部已签退
              </ActionButton>
            )}
            {a.canManage && a.status === 'open' && a.phase === 'upcoming' && (
              <ReasonButton
                size="middle"
                label="取消活动"
                title="取消活动"
                ok="活动已取消"
                danger
                onReason={(r) => cobuildApi.cancelActivity(id, r)}
              />
            )}
          </Space>
          {a.photos.length > 0 && (
            <Image.PreviewGroup>
              <Space wrap>
                {a.photos.map((p) => (
                  <Image
                    key={p.id}
                    width={96}
                    height={72}
                    style={{ objectFit: 'cover' }}
                    src={cobuildApi.photoUrl(id, p.id)}
                    alt={p.fileName}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
          <Participants participants={a.participants} />
        </Space>
      )}
    </Drawer>
  );
}

function Participants({ participants }: { participants: ActivityDetail['participants'] }) {
  return (
    <Table
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={participants}
      columns={[
        { title: '党员', render: (_, p) => `${p.member.name}${p.member.phone ? ` ${p.member.phone}` : ''}` },
        { title: '单位', dataIndex: 'unit' },
        { title: '签到', render: (_, p) => hhmm(p.checkinAt) || '—' },
        { title: '签退', render: (_, p) => hhmm(p.checkoutAt) || '—' },
        { title: '时长', render: (_, p) => (p.hours == null ? '—' : `${p.hours} 小时`) },
        { title: '距离', render: (_, p) => (p.distanceM == null ? '—' : `${p.distanceM} 米`), responsive: ['md'] },
        {
          title: '核验',
          render: (_, p) =>
            p.status === 'cancelled' ? (
              <Tag>已取消</Tag>
            ) : p.verification === 'pending' && p.checkinAt ? (
              <VerifyButtons id={p.id} hours={p.hours} />
            ) : (
              <Space size={4}>
                <VerifyTag s={p.verification} />
                {p.verifiedHours != null && `${p.verifiedHours} 小时`}
              </Space>
            ),
        },
      ]}
    />
  );
}

function VerifyButtons({ id, hours }: { id: number; hours: number | null }) {
  const [h, setH] = useState<number | null>(hours);
  return (
    <Space size={4}>
      <InputNumber
        aria-label="认定时长"
        size="small"
        min={0}
        max={24}
        step={0.5}
        value={h}
        onChange={setH}
        style={{ width: 72 }}
      />
      <ActionButton type="primary" run={() => cobuildApi.verify(id, h == null ? {} : { hours: h })} ok="已核验并记分">
        核验
      </ActionButton>
      <ReasonButton
        label="不通过"
        title="核验不通过"
        ok="已标记不通过"
        danger
        onReason={(r) => cobuildApi.reject(id, r)}
      />
    </Space>
  );
}

export function PendingTab({ communityId }: { communityId: number }) {
  const q = useQuery({
    queryKey: ['cobuild', 'pending', communityId],
    queryFn: () => cobuildApi.pending({ communityId, pageSize: 100 }),
  });
  return (
    <QueryTable
      query={q}
      emptyText="没有待核验的参加记录"
      columns={[
        { title: '活动', render: (_, p) => `${fmtDate(p.activity.activityDate)} ${p.activity.title}` },
        { title: '党员', render: (_, p) => p.member.name },
        { title: '单位', dataIndex: 'unit', responsive: ['md'] },
        { title: '签到/签退', render: (_, p) => `${hhmm(p.checkinAt)}–${hhmm(p.checkoutAt) || '未签退'}` },
        {
          title: '照片',
          dataIndex: 'photos',
          render: (n) => (n ? `${n} 张` : <Typography.Text type="danger">无</Typography.Text>),
        },
        { title: '核验', render: (_, p) => <VerifyButtons id={p.id} hours={p.hours} /> },
      ]}
    />
  );
}
