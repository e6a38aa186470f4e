import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Switch,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import type { CreateMeetingBody } from '../../../../common/contracts/orglife.ts';
import { MEETING_TYPES, TALK_MODES } from '../../../../common/enums.ts';
import { api } from '../../api/client.ts';
import type { MemberList } from '../../../../common/contracts/members.ts';
import { DATE_FMT } from '../../lib/format.ts';
import { orglife, refresh } from './api.ts';
import { BranchSelect } from './model.tsx';

interface Values {
  orgId?: number;
  types: string[];
  date: Dayjs;
  start: Dayjs;
  end?: Dayjs;
  planned: boolean;
  place?: string;
  topic: string;
  host?: string;
  recorder?: string;
  lecturer?: string;
  lectureTitle?: string;
  talkMode?: string;
  talkMemberIds?: number[];
  backdateReason?: string;
  minutes?: string;
}

const at = (d: Dayjs, t: Dayjs) => d.hour(t.hour()).minute(t.minute()).second(0).millisecond(0).toISOString();

/**
 * 记录会议: one record for one meeting, which may count as several types (主题党日 + 党课). 应到 is
 * taken from the roster on the date by the server. A date more than 30 days back asks for the
 * reason; a future date is possible only as a 计划 meeting.
 */
export default function MeetingFormPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const types = Form.useWatch('types', form) ?? [];
  const date = Form.useWatch('date', form);
  const planned = Form.useWatch('planned', form);
  const back = date ? dayjs().startOf('day').diff(date.startOf('day'), 'day') : 0;
  const members = useQuery({
    queryKey: ['orglife', 'form-members', orgId],
    queryFn: () => api.get<MemberList>('/api/members', { orgId, pageSize: 500 }),
    enabled: !!orgId && types.includes('谈心谈话'),
  });
  const save = useMutation({
    mutationFn: (b: CreateMeetingBody) => orglife.create(b),
    onSuccess: (r) => {
      void refresh();
      message.success('会议已记录');
      navigate(`/org-life/meetings/${r.id}`);
    },
    onError: (e) => message.error((e as Error).message),
  });
  const submit = (v: Values) =>
    save.mutate({
      orgId: v.orgId!,
      types: v.types as CreateMeetingBody['types'],
      heldAt: at(v.date, v.start),
      endAt: v.end ? at(v.date, v.end) : null,
      topic: v.topic,
      place: v.place || null,
      host: v.host || null,
      recorder: v.recorder || null,
      ...(v.types.includes('党课') ? { lecturer: v.lecturer || null, lectureTitle: v.lectureTitle || null } : {}),
      ...(v.types.includes('谈心谈话')
        ? { talkMode: v.talkMode as CreateMeetingBody['talkMode'], talkMemberIds: v.talkMemberIds }
        : {}),
      ...(v.backdateReason ? { backdateReason: v.backdateReason } : {}),
      ...(v.minutes ? { minutes: v.minutes } : {}),
      ...(v.planned ? { planned: true } : {}),
    });

  return (
    <Card title="记录会议" style={{ maxWidth: 860 }}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          orgId: params.get('orgId') ? Number(params.get('orgId')) : undefined,
          types: ['主题党日'],
          date: dayjs(),
          start: dayjs().minute(dayjs().minute() < 30 ? 0 : 30),
          planned: false,
        }}
      >
        <Form.Item
          name="orgId"
          label="组织(党支部、党总支或党小组)"
          rules={[{ required: true, message: '请选择组织' }]}
        >
          <BranchSelect aria-label="组织" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="types"
          label="会议类型(可多选:如主题党日同时上党课)"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种类型' }]}
        >
          <Checkbox.Group options={MEETING_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker aria-label="日期" format={DATE_FMT} allowClear={false} />
          </Form.Item>
          <Form.Item name="start" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
            <TimePicker aria-label="开始时间" format="HH:mm" minuteStep={5} allowClear={false} />
          </Form.Item>
          <Form.Item name="end" label="结束时间">
            <TimePicker aria-label="结束时间" format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="planned" label="计划召开(尚未召开)" valuePropName="checked">
            <Switch aria-label="计划召开" />
          </Form.Item>
        </Space>
        {!planned && back > 30 && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`召开日期距今 ${back} 天。补录须填写原因;原因记入审计,并与录入时间一起显示在会议记录上。`}
            />
            <Form.Item name="backdateReason" label="补录原因" rules={[{ required: true, message: '请填写补录原因' }]}>
              <Input aria-label="补录原因" maxLength={500} placeholder="例如:按纸质会议记录本补录" />
            </Form.Item>
          </>
        )}
        <Form.Item name="topic" label="议题" rules={[{ required: true, whitespace: true, message: '请填写议题' }]}>
          <Input.TextArea aria-label="议题" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="place" label="地点">
            <Input aria-label="地点" maxLength={100} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="host" label="主持人">
            <Input aria-label="主持人" maxLength={50} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="recorder" label="记录人">
            <Input aria-label="记录人" maxLength={50} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        {types.includes('党课') && (
          <Space wrap>
            <Form.Item name="lecturer" label="党课主讲人">
              <Input aria-label="党课主讲人" maxLength={50} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="lectureTitle" label="党课题目">
              <Input aria-label="党课题目" maxLength={200} style={{ width: 360, maxWidth: '80vw' }} />
            </Form.Item>
          </Space>
        )}
        {types.includes('谈心谈话') && (
          <Space wrap>
            <Form.Item
              name="talkMemberIds"
              label="谈话双方"
              rules={[{ required: true, type: 'array', len: 2, message: '请选择两个人' }]}
            >
              <Select
                mode="multiple"
                aria-label="谈话双方"
                style={{ width: 320 }}
                maxCount={2}
                loading={members.isLoading}
                optionFilterProp="label"
                options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
              />
            </Form.Item>
            <Form.Item name="talkMode" label="谈话方式" rules={[{ required: true, message: '请选择谈话方式' }]}>
              <Select
                aria-label="谈话方式"
                style={{ width: 140 }}
                options={TALK_MODES.map((t) => ({ value: t, label: t }))}
              />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="minutes" label="会议内容(也可在会后上传 Word 会议记录)">
          <Input.TextArea aria-label="会议内容" autoSize={{ minRows: 3, maxRows: 12 }} maxLength={50_000} />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          保存后由系统按会议当日的名册生成应到人员(支委会为在任支委、党小组会为小组成员);实到来自签到,不需要填写。
        </Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
