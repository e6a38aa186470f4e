import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Empty,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MeetingDetail } from '../../../../common/contracts/orglife.ts';
import { ATTACHMENT_KINDS } from '../../../../common/enums.ts';
import { DATE_FMT, fmtTime } from '../../lib/format.ts';
import { orglife, refresh } from './api.ts';
import { ATT_COLOR, useNarrow } from './model.tsx';

type Att = MeetingDetail['attendees'][number];

/** 出勤 (with 请假/补签/缺席 and their reasons), 会议内容, 决议 (→ 督办任务), 附件, 列席. */
export default function MeetingTabs({ m, manage }: { m: MeetingDetail; manage: boolean }) {
  const { message } = App.useApp();
  const narrow = useNarrow();
  const [edit, setEdit] = useState<{ a: Att; status: '请假' | '补签' | '缺席' } | null>(null);
  const [reason, setReason] = useState('');
  const [resText, setResText] = useState('');
  const [minutesText, setMinutesText] = useState<string | null>(null);
  const [guest, setGuest] = useState('');
  const [taskFor, setTaskFor] = useState<number | null>(null);
  const [due, setDue] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<string>('照片');
  const run = useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: () => refresh(),
    onError: (e) => message.error((e as Error).message),
  });
  const act = (f: () => Promise<unknown>, ok: string, after?: () => void) =>
    run.mutate(f, {
      onSuccess: () => {
        message.success(ok);
        after?.();
      },
    });

  const attendance = (
    <Table<Att>
      size="small"
      rowKey="memberId"
      dataSource={m.attendees}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 640 }}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 90, fixed: narrow ? undefined : 'left' },
        {
          title: '身份',
          dataIndex: 'role',
          width: 70,
          render: (r: string, a) => (r === '列席' ? <Tag>列席</Tag> : a.voting ? '正式' : '预备'),
        },
        { title: '状态', dataIndex: 'status', width: 70, render: (s: string) => <Tag color={ATT_COLOR[s]}>{s}</Tag> },
        { title: '原因 / 方式', render: (_: unknown, a) => [a.via, a.reason].filter(Boolean).join(':') },
        { title: '时间', dataIndex: 'at', width: 150, render: (v: string | null) => fmtTime(v) },
        ...(manage
          ? [
              {
                title: '登记',
                width: 170,
                render: (_: unknown, a: Att) => (
                  <Space size={0}>
                    {a.status !== '请假' && a.status !== '出席' && a.status !== '补签' && (
                      <Button size="small" type="link" onClick={() => setEdit({ a, status: '请假' })}>
                        请假
                      </Button>
                    )}
                    {a.status !== '出席' && a.status !== '补签' && m.status === '已召开' && (
                      <Button size="small" type="link" onClick={() => setEdit({ a, status: '补签' })}>
                        补签
                      </Button>
                    )}
                    {a.status !== '缺席' && (
                      <Button size="small" type="link" danger onClick={() => setEdit({ a, status: '缺席' })}>
                        撤销
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );

  const minutes = (
    <Space direction="vertical" style={{ width: '100%' }}>
      {m.minutes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12 }}>
          {m.minutes}
        </Typography.Paragraph>
      ) : (
        <Empty description="尚未填写会议内容" />
      )}
      {manage && (
        <Space wrap>
          <Upload
            accept=".docx"
            showUploadList={false}
            customRequest={({ file }) =>
              act(() => orglife.uploadMinutes(m.id, file as File), '会议记录已上传,正文已作为会议内容')
            }
          >
            <Button>上传会议记录(.docx)</Button>
          </Upload>
          <Button onClick={() => setMinutesText(m.minutes ?? '')}>编辑会议内容</Button>
        </Space>
      )}
    </Space>
  );

  const resolutions = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <List
        dataSource={m.resolutions}
        locale={{ emptyText: '没有决议' }}
        renderItem={(r, i) => (
          <List.Item
            actions={[
              r.taskId ? (
                <Link key="t" to={`/tasks/${r.taskId}`}>
                  督办任务 #{r.taskId}
                </Link>
              ) : manage && m.status === '已召开' ? (
                <Button key="b" size="small" onClick={() => setTaskFor(r.id)}>
                  转为督办任务
                </Button>
              ) : null,
            ]}
          >
            {i + 1}. {r.text}
          </List.Item>
        )}
      />
      {manage && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label="决议内容"
            placeholder="会议作出的决议"
            value={resText}
            onChange={(e) => setResText(e.target.value)}
          />
          <Button
            type="primary"
            disabled={!resText.trim()}
            onClick={() =>
              act(
                () => orglife.resolution(m.id, resText),
                '已添加决议',
                () => setResText(''),
              )
            }
          >
            添加决议
          </Button>
        </Space.Compact>
      )}
    </Space>
  );

  const files = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <List
        dataSource={m.attachments}
        locale={{ emptyText: '没有附件' }}
        renderItem={(a) => (
          <List.Item
            actions={[
              <a key="d" onClick={() => orglife.downloadAttachment(m.id, a.id, a.fileName)}>
                下载
              </a>,
            ]}
          >
            <Tag>{a.kind}</Tag> {a.fileName}({Math.ceil(a.size / 1024)} KB,{fmtTime(a.uploadedAt)})
          </List.Item>
        )}
      />
      {manage && (
        <Space>
          <Select
            aria-label="附件类别"
            value={kind}
            onChange={setKind}
            style={{ width: 110 }}
            options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: k }))}
          />
          <Upload
            showUploadList={false}
            customRequest={({ file }) => act(() => orglife.attach(m.id, kind, file as File), '附件已上传')}
          >
            <Button>上传附件</Button>
          </Upload>
        </Space>
      )}
    </Space>
  );

  const guests = (
    <Space direction="vertical" style={{ width: '100%' }}>
      {m.guests.length ? (
        m.guests.map((g) => <Tag key={g.id}>{g.unit ? `${g.name}(${g.unit})` : g.name}</Tag>)
      ) : (
        <Empty description="没有外单位列席人员" />
      )}
      {manage && (
        <Space.Compact>
          <Input
            aria-label="列席人员"
            placeholder="姓名(单位或职务)"
            value={guest}
            onChange={(e) => setGuest(e.target.value)}
          />
          <Button
            disabled={!guest.trim()}
            onClick={() =>
              act(
                () => orglife.guest(m.id, { name: guest.trim() }),
                '已添加列席人员',
                () => setGuest(''),
              )
            }
          >
            添加
          </Button>
        </Space.Compact>
      )}
      <Typography.Text type="secondary">本单位党员列席:在「出勤」中由书记邀请后可扫码签到。</Typography.Text>
    </Space>
  );

  return (
    <>
      <Tabs
        type="card"
        items={[
          { key: 'a', label: `出勤(${m.present}/${m.expected})`, children: attendance },
          { key: 'm', label: '会议内容', children: minutes },
          { key: 'r', label: `决议(${m.resolutions.length})`, children: resolutions },
          { key: 'f', label: `附件(${m.attachments.length})`, children: files },
          { key: 'g', label: '列席', children: guests },
        ]}
      />
      <Modal
        title={edit ? `${edit.a.name}:${edit.status === '缺席' ? '撤销签到/请假' : `登记${edit.status}`}` : ''}
        open={!!edit}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setEdit(null)}
        onOk={() =>
          edit &&
          act(
            () => orglife.attendance(m.id, { memberId: edit.a.memberId, status: edit.status, reason }),
            '已登记',
            () => {
              setEdit(null);
              setReason('');
            },
          )
        }
      >
        <Input.TextArea
          aria-label="原因"
          placeholder="原因(必填,记入审计)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
        />
      </Modal>
      <Modal
        title="编辑会议内容"
        width={720}
        open={minutesText !== null}
        onCancel={() => setMinutesText(null)}
        onOk={() =>
          act(
            () => orglife.patch(m.id, { minutes: minutesText ?? '' }),
            '会议内容已保存',
            () => setMinutesText(null),
          )
        }
      >
        <Input.TextArea
          aria-label="编辑会议内容"
          value={minutesText ?? ''}
          autoSize={{ minRows: 8, maxRows: 20 }}
          onChange={(e) => setMinutesText(e.target.value)}
        />
      </Modal>
      <Modal
        title="决议转为督办任务"
        open={taskFor !== null}
        onCancel={() => setTaskFor(null)}
        onOk={() =>
          taskFor &&
          act(
            () => orglife.resolutionTask(m.id, taskFor, due?.format('YYYY-MM-DD')),
            '已转为督办任务',
            () => setTaskFor(null),
          )
        }
      >
        <p>牵头单位为本支部,可在「任务督办」中跟踪办理。</p>
        <DatePicker
          aria-label="完成时限"
          format={DATE_FMT}
          placeholder="完成时限(可不填)"
          value={due}
          onChange={setDue}
        />
      </Modal>
    </>
  );
}
