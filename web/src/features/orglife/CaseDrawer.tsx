import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Drawer, Form, Input, Select, Steps, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { CASE_DECISIONS } from '../../../../common/enums.ts';
import { useAuth } from '../../lib/session.tsx';
import { DATE_FMT, fmtDate } from '../../lib/format.ts';
import { keys, orglife, refresh } from './api.ts';

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/**
 * A 6-month case, step by step: 谈话 → 通知本人(可参加支部大会并发表意见)→ 支部党员大会的决定,
 * linked to that meeting's record. The system records and reminds; the branch decides.
 */
export default function CaseDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('orglife.manage');
  const { data: c } = useQuery({ queryKey: keys.case(id), queryFn: () => orglife.caseView(id) });
  const mf = { orgId: c?.org.id, type: '支部党员大会' as const, status: '已召开' as const, pageSize: 50 };
  const meetings = useQuery({
    queryKey: keys.meetings(mf),
    queryFn: () => orglife.meetings(mf),
    enabled: !!c && !!c.notified && !c.decision,
  });
  const run = useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: () => {
      message.success('已记录');
      void refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });
  const step = !c ? 0 : c.decision ? 3 : c.notified ? 2 : c.talk ? 1 : 0;
  return (
    <Drawer title="连续6个月未参加组织生活 · 处置" width={Math.min(620, window.innerWidth)} open onClose={onClose}>
      {c && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="党员">
              {c.member.name}({c.member.category})
            </Descriptions.Item>
            <Descriptions.Item label="支部">{c.org.name}</Descriptions.Item>
            <Descriptions.Item label="缺席">
              自 {c.sinceMonth} 起,立案时连续 {c.monthsAtOpen} 个月,当前 {c.currentMonths} 个月
            </Descriptions.Item>
            <Descriptions.Item label="立案日期">{fmtDate(c.openedDate)}</Descriptions.Item>
          </Descriptions>
          <Steps
            direction="vertical"
            size="small"
            current={step}
            style={{ marginTop: 16 }}
            items={[
              {
                title: '与本人谈话,查明有无正当理由',
                description: c.talk ? (
                  `${fmtDate(c.talk.date)} ${c.talk.by}:${c.talk.content}`
                ) : manage ? (
                  <Form
                    layout="vertical"
                    onFinish={(v) =>
                      run.mutate(() =>
                        orglife.caseTalk(id, { talkDate: ymd(v.date), talkBy: v.by, content: v.content }),
                      )
                    }
                  >
                    <Form.Item name="date" label="谈话日期" rules={[{ required: true, message: '请选择日期' }]}>
                      <DatePicker aria-label="谈话日期" format={DATE_FMT} />
                    </Form.Item>
                    <Form.Item name="by" label="谈话人" rules={[{ required: true, message: '请填写谈话人' }]}>
                      <Input aria-label="谈话人" maxLength={50} />
                    </Form.Item>
                    <Form.Item name="content" label="谈话记录" rules={[{ required: true, message: '请填写谈话记录' }]}>
                      <Input.TextArea aria-label="谈话记录" autoSize={{ minRows: 3 }} maxLength={5000} />
                    </Form.Item>
                    <Button htmlType="submit" type="primary" loading={run.isPending}>
                      记录谈话
                    </Button>
                  </Form>
                ) : null,
              },
              {
                title: '通知本人(可参加支部大会并发表意见)',
                description: c.notified ? (
                  `${fmtDate(c.notified.date)} ${c.notified.method}${c.notified.note ? `:${c.notified.note}` : ''}`
                ) : manage && c.talk ? (
                  <Form
                    layout="vertical"
                    onFinish={(v) =>
                      run.mutate(() =>
                        orglife.caseNotify(id, { notifiedDate: ymd(v.date), method: v.method, note: v.note }),
                      )
                    }
                  >
                    <Form.Item name="date" label="通知日期" rules={[{ required: true, message: '请选择日期' }]}>
                      <DatePicker aria-label="通知日期" format={DATE_FMT} />
                    </Form.Item>
                    <Form.Item name="method" label="通知方式" rules={[{ required: true, message: '请选择方式' }]}>
                      <Select
                        aria-label="通知方式"
                        options={['书面', '电话', '当面', '其他'].map((x) => ({ value: x, label: x }))}
                      />
                    </Form.Item>
                    <Form.Item name="note" label="说明">
                      <Input aria-label="说明" maxLength={1000} />
                    </Form.Item>
                    <Button htmlType="submit" type="primary" loading={run.isPending}>
                      记录通知
                    </Button>
                  </Form>
                ) : null,
              },
              {
                title: '支部党员大会研究决定',
                description: c.decision ? (
                  `${fmtDate(c.decision.meetingDate)} 支部党员大会:${c.decision.decision}${c.decision.note ? `(${c.decision.note})` : ''}`
                ) : manage && c.notified ? (
                  <Form
                    layout="vertical"
                    onFinish={(v) =>
                      run.mutate(() =>
                        orglife.caseDecision(id, { meetingId: v.meetingId, decision: v.decision, note: v.note }),
                      )
                    }
                  >
                    <Form.Item
                      name="meetingId"
                      label="支部党员大会记录"
                      rules={[{ required: true, message: '请选择会议' }]}
                    >
                      <Select
                        aria-label="支部党员大会记录"
                        loading={meetings.isLoading}
                        options={(meetings.data?.items ?? []).map((m) => ({
                          value: m.id,
                          label: `${fmtDate(m.heldDate)} ${m.topic}`,
                        }))}
                        notFoundContent="请先在会议日历中记录支部党员大会"
                      />
                    </Form.Item>
                    <Form.Item name="decision" label="决定" rules={[{ required: true, message: '请选择决定' }]}>
                      <Select aria-label="决定" options={CASE_DECISIONS.map((x) => ({ value: x, label: x }))} />
                    </Form.Item>
                    <Form.Item name="note" label="说明">
                      <Input.TextArea aria-label="决定说明" maxLength={2000} />
                    </Form.Item>
                    <Button htmlType="submit" type="primary" loading={run.isPending}>
                      记录决定并办结
                    </Button>
                  </Form>
                ) : null,
              },
            ]}
          />
          <Typography.Paragraph type="secondary">
            系统只记录和提醒,是否属于"没有正当理由"、如何处置,由支部大会决定并报上级党组织批准。
          </Typography.Paragraph>
        </>
      )}
    </Drawer>
  );
}
