import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Table, Tag } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { COMMEND_CATEGORIES, COMMEND_LEVELS } from '../../../../common/enums.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { DATE_INPUT_FORMATS, fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { commendApi, commendKeys } from './api.ts';
import RoundDrawer from './RoundDrawer.tsx';

export const ROUND_COLOR: Record<string, string> = { 推荐中: 'processing', 公示中: 'warning', 已发布: 'success' };

/** 评选表彰: the rounds of a year (the caller's own and those it nominates in); one opens in a drawer. */
export default function CommendationsPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const open = Number(params.get('round')) || null;
  const set = (p: Record<string, string | null>) =>
    setParams((cur) => {
      for (const [k, v] of Object.entries(p)) v === null ? cur.delete(k) : cur.set(k, v);
      return cur;
    });
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: commendKeys.list(year), queryFn: () => commendApi.list(year) });
  return (
    <Card
      title="评选表彰"
      extra={
        <Space wrap>
          年度
          <InputNumber
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && set({ year: String(v) })}
            aria-label="年度"
          />
          {can('commend.manage') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              设立表彰
            </Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 720 }}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: `${year}年度没有表彰` }}
        onRow={(r) => ({ onClick: () => set({ round: String(r.id) }), style: { cursor: 'pointer' } })}
        columns={[
          { title: '表彰', dataIndex: 'name' },
          { title: '表彰单位', dataIndex: 'ownerOrgName', width: 140 },
          { title: '层级', dataIndex: 'level', width: 90 },
          { title: '推荐', dataIndex: 'nominations', width: 70 },
          { title: '状态', dataIndex: 'status', width: 90, render: (v) => <Tag color={ROUND_COLOR[v]}>{v}</Tag> },
          {
            title: '截止 / 公示期',
            render: (_, r) =>
              r.publicityStartDate
                ? `公示 ${fmtDate(r.publicityStartDate)}至${fmtDate(r.publicityEndDate)}`
                : r.deadlineDate
                  ? `推荐截止 ${fmtDate(r.deadlineDate)}`
                  : '—',
          },
        ]}
      />
      {open && <RoundDrawer id={open} onClose={() => set({ round: null })} />}
      {creating && <CreateModal year={year} onClose={() => setCreating(false)} />}
    </Card>
  );
}

type QuotaForm = { kind: 'count' | 'percent'; value?: number };
type CreateForm = {
  name: string;
  level: (typeof COMMEND_LEVELS)[number];
  quotaMode: '提醒' | '严格';
  deadline?: dayjs.Dayjs;
  objectionDays: number;
  quotas: Record<string, QuotaForm>;
};

function CreateModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { me } = useAuth();
  const save = useAction(
    (v: CreateForm) =>
      commendApi.create({
        year,
        name: v.name,
        level: v.level,
        quotaMode: v.quotaMode,
        deadlineDate: v.deadline?.format('YYYY-MM-DD'),
        objectionDays: v.objectionDays,
        quotas: COMMEND_CATEGORIES.flatMap((category) => {
          const q = v.quotas?.[category];
          if (q?.value == null) return [];
          return [q.kind === 'count' ? { category, count: q.value } : { category, percent: q.value }];
        }),
      }),
    { invalidate: [commendKeys.all], inline: true, success: '已设立表彰' },
  );
  return (
    <FormModal<CreateForm>
      title="设立表彰"
      width={Math.min(640, window.innerWidth)}
      okText="设立"
      action={save}
      onClose={onClose}
      initialValues={{
        name: `${year}年度先进集体和优秀党员表彰`,
        level: me?.user.role === 'unit_admin' ? '乡镇党委' : '县委',
        quotaMode: '严格',
        objectionDays: 5,
        quotas: {
          先进集体: { kind: 'count', value: 3 },
          先进工作者: { kind: 'count' },
          优秀党员: { kind: 'percent', value: 1 },
          优秀党务工作者: { kind: 'count', value: 3 },
        },
      }}
    >
      <Form.Item
        name="name"
        label="表彰名称"
        rules={[{ required: true, min: 4, message: '请填写表彰名称(至少4个字)' }]}
      >
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="level" label="表彰层级">
          <Select style={{ width: 140 }} options={COMMEND_LEVELS.map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item name="deadline" label="推荐截止日期">
          <DatePicker format={DATE_INPUT_FORMATS} />
        </Form.Item>
        <Form.Item name="objectionDays" label="公示天数(工作日)">
          <InputNumber min={1} max={30} />
        </Form.Item>
      </Space>
      <p>名额:填人数,或填比例(先进集体按下属单位数,个人按党员数,向下取整);不填的类别不设。</p>
      {COMMEND_CATEGORIES.map((c) => (
        <Space key={c} wrap style={{ display: 'flex' }}>
          <span style={{ display: 'inline-block', width: 110 }}>{c}</span>
          <Form.Item name={['quotas', c, 'kind']} style={{ marginBottom: 8 }}>
            <Radio.Group
              options={[
                { value: 'count', label: '人数' },
                { value: 'percent', label: '比例%' },
              ]}
            />
          </Form.Item>
          <Form.Item name={['quotas', c, 'value']} style={{ marginBottom: 8 }}>
            <InputNumber min={0} max={10000} aria-label={`${c}名额`} style={{ width: 100 }} />
          </Form.Item>
        </Space>
      ))}
      <Form.Item name="quotaMode" label="超出名额时">
        <Radio.Group
          options={[
            { value: '严格', label: '不予审定' },
            { value: '提醒', label: '提醒后可审定' },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}
