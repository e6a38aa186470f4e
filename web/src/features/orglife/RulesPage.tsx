import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { RuleIn, RuleSetView } from '../../../../common/contracts/orglife-work.ts';
import { MEETING_TYPES, QUORUM_KINDS, RULE_FREQUENCIES, RULE_ORG_TYPES } from '../../../../common/enums.ts';
import { useAuth } from '../../lib/session.tsx';
import { DATE_FMT, fmtDate } from '../../lib/format.ts';
import { keys, orglife, refresh } from './api.ts';

type Rule = RuleSetView['rules'][number];
const freq = (f: string) => RULE_FREQUENCIES[f as keyof typeof RULE_FREQUENCIES] ?? f;

const columns = [
  { title: '适用', dataIndex: 'orgType', width: 70 },
  { title: '会议', dataIndex: 'meetingType', width: 110 },
  {
    title: '要求',
    width: 130,
    render: (_: unknown, r: Rule) => `${freq(r.frequency)}至少 ${r.atLeast} 次${r.perGroup ? '(每个党小组)' : ''}`,
  },
  {
    title: '条件',
    width: 120,
    render: (_: unknown, r: Rule) => (r.minFullMembers ? `正式党员 ≥ ${r.minFullMembers} 人` : '—'),
  },
  { title: '法定人数', dataIndex: 'quorum', width: 200, render: (q: keyof typeof QUORUM_KINDS) => QUORUM_KINDS[q] },
  { title: '依据', dataIndex: 'source' },
];

/**
 * 规则与依据: the versions of the 组织生活 rules, each rule with its source. A new version takes
 * effect from a date not before today; periods already judged keep the version they were judged by.
 */
export default function RulesPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const { data, error } = useQuery({ queryKey: keys.rules, queryFn: orglife.rules });
  const [draft, setDraft] = useState<RuleIn[] | null>(null);
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { name: string; effectiveFrom: dayjs.Dayjs; dueSoonDays: number; note?: string }) =>
      orglife.createRules({
        name: v.name,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        dueSoonDays: v.dueSoonDays,
        note: v.note ?? null,
        rules: draft!,
      }),
    onSuccess: () => {
      message.success('新版本已建立');
      setDraft(null);
      void refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  const current = data?.items.find((s) => s.current);
  const set = (i: number, patch: Partial<RuleIn>) => setDraft(draft!.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <Card
      title="组织生活规则与依据"
      extra={
        can('orglife.rules') &&
        current && (
          <Button onClick={() => setDraft(current.rules.map(({ id: _id, ...r }) => r as RuleIn))}>新建规则版本</Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        合规按规则计算:每个周期按该周期第一天有效的版本评判;新版本只能自今天或以后生效,已评判的周期不受影响。默认规则取自《中国共产党支部工作条例(试行)》(2018年),条文为转引,条号以正式文本为准。
      </Typography.Paragraph>
      <Collapse
        key={current?.id ?? 'loading'}
        defaultActiveKey={current ? [String(current.id)] : []}
        items={(data?.items ?? []).map((s) => ({
          key: String(s.id),
          label: (
            <Space wrap>
              <b>{s.name}</b>
              <span>
                {fmtDate(s.effectiveFrom)} 起{s.effectiveTo ? `至 ${fmtDate(s.effectiveTo)}` : ''}
              </span>
              {s.current && <Tag color="green">现行</Tag>}
              <span>临期提醒 {s.dueSoonDays} 天</span>
            </Space>
          ),
          children: (
            <>
              {s.note && <Alert type="info" title={s.note} style={{ marginBottom: 8 }} />}
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={s.rules}
                columns={columns}
                scroll={{ x: 900 }}
              />
            </>
          ),
        }))}
      />
      <Modal
        title="新建规则版本"
        width={1000}
        open={!!draft}
        onCancel={() => setDraft(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
      >
        <Form
          form={form}
          layout="inline"
          onFinish={save.mutate}
          initialValues={{ dueSoonDays: 7, effectiveFrom: dayjs().add(1, 'month').startOf('month') }}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input aria-label="版本名称" style={{ width: 220 }} placeholder="如:本县实施细则(2027)" />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true }]}>
            <DatePicker aria-label="生效日期" format={DATE_FMT} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="dueSoonDays" label="临期提醒(天)">
            <InputNumber aria-label="临期提醒天数" min={1} max={60} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input aria-label="说明" style={{ width: 260 }} />
          </Form.Item>
        </Form>
        <Table<RuleIn>
          size="small"
          rowKey={(r) => `${r.orgType}${r.meetingType}`}
          pagination={false}
          style={{ marginTop: 12 }}
          dataSource={draft ?? []}
          scroll={{ x: 900 }}
          columns={[
            {
              title: '适用',
              width: 100,
              render: (_, r, i) => (
                <Select
                  size="small"
                  value={r.orgType}
                  onChange={(v) => set(i, { orgType: v })}
                  options={RULE_ORG_TYPES.map((x) => ({ value: x, label: x }))}
                />
              ),
            },
            {
              title: '会议',
              width: 130,
              render: (_, r, i) => (
                <Select
                  size="small"
                  value={r.meetingType}
                  onChange={(v) => set(i, { meetingType: v, perGroup: v === '党小组会' })}
                  options={MEETING_TYPES.map((x) => ({ value: x, label: x }))}
                />
              ),
            },
            {
              title: '频次',
              width: 100,
              render: (_, r, i) => (
                <Select
                  size="small"
                  value={r.frequency}
                  onChange={(v) => set(i, { frequency: v })}
                  options={Object.entries(RULE_FREQUENCIES).map(([v, l]) => ({ value: v, label: l }))}
                />
              ),
            },
            {
              title: '至少',
              width: 70,
              render: (_, r, i) => (
                <InputNumber
                  size="small"
                  min={1}
                  max={31}
                  value={r.atLeast}
                  onChange={(v) => set(i, { atLeast: v ?? 1 })}
                />
              ),
            },
            {
              title: '正式党员≥',
              width: 90,
              render: (_, r, i) => (
                <InputNumber
                  size="small"
                  min={0}
                  value={r.minFullMembers}
                  onChange={(v) => set(i, { minFullMembers: v ?? 0 })}
                />
              ),
            },
            { title: '每个党小组', width: 80, render: (_, r) => <Switch size="small" checked={r.perGroup} disabled /> },
            {
              title: '法定人数',
              width: 150,
              render: (_, r, i) => (
                <Select
                  size="small"
                  value={r.quorum}
                  onChange={(v) => set(i, { quorum: v })}
                  options={Object.entries(QUORUM_KINDS).map(([v, l]) => ({ value: v, label: l.slice(0, 14) }))}
                />
              ),
            },
            {
              title: '依据',
              render: (_, r, i) => (
                <Input size="small" value={r.source} onChange={(e) => set(i, { source: e.target.value })} />
              ),
            },
            {
              title: '',
              width: 50,
              render: (_, __, i) => <a onClick={() => setDraft(draft!.filter((_r, k) => k !== i))}>删除</a>,
            },
          ]}
        />
      </Modal>
    </Card>
  );
}
