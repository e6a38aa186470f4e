import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoundBody } from '../../../../common/contracts/standards.ts';
import { QueryTable } from '../../components/QueryTable.tsx';
import { useAuth } from '../../lib/session.tsx';
import { DATE_FMT, fmtDate } from '../../lib/format.ts';
import {
  STATUS_COLORS,
  createRound,
  downloadFile,
  listManuals,
  listModels,
  listPlans,
  listRounds,
  stdKeys,
} from './api.ts';

/** 标准化: rounds (dashboards), manuals, the 整顿 ledger and 示范点. */
export default function StandardsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'rounds';
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  return (
    <Card
      title="党支部建设标准化"
      extra={
        can('standards.manage') && (
          <Button type="primary" onClick={() => setOpen(true)}>
            发起评定
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'rounds', label: '评定轮次', children: <RoundsTab /> },
          { key: 'manuals', label: '评分手册', children: <ManualsTab /> },
          { key: 'plans', label: '整顿台账', children: <PlansTab /> },
          { key: 'models', label: '示范点', children: <ModelsTab /> },
        ]}
      />
      <RoundModal open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}

function RoundsTab() {
  const q = useQuery({ queryKey: stdKeys.rounds, queryFn: listRounds });
  return (
    <QueryTable
      query={q}
      scroll={{ x: 720 }}
      columns={[
        { title: '年度', dataIndex: 'year', width: 70 },
        { title: '名称', dataIndex: 'name', render: (v, r) => <Link to={`/standards/rounds/${r.id}`}>{v}</Link> },
        { title: '评分手册', render: (_, r) => `${r.manualName}(第 ${r.manualVersion} 版)` },
        { title: '权重', render: (_, r) => `自评 ${r.selfWeight}% / 初核 ${r.superiorWeight}%`, width: 170 },
        { title: '进度', render: (_, r) => `${r.approved} / ${r.entries} 已审定`, width: 120 },
        { title: '状态', dataIndex: 'status', width: 90, render: (v) => <Tag color={STATUS_COLORS[v]}>{v}</Tag> },
      ]}
    />
  );
}

function ManualsTab() {
  const q = useQuery({ queryKey: [...stdKeys.manuals, 'all'], queryFn: () => listManuals(true) });
  return (
    <QueryTable
      query={q}
      scroll={{ x: 640 }}
      columns={[
        { title: '名称', dataIndex: 'name', render: (v, r) => <Link to={`/standards/manuals/${r.id}`}>{v}</Link> },
        { title: '类型', dataIndex: 'scheme', width: 80 },
        {
          title: '版本',
          dataIndex: 'version',
          width: 70,
          render: (v, r) => (r.latest ? <Tag color="blue">第 {v} 版(最新)</Tag> : `第 ${v} 版`),
        },
        { title: '分值', render: (_, r) => `${r.totalPoints} + ${r.bonusPoints} 分`, width: 110 },
        { title: '项目数', dataIndex: 'itemCount', width: 80 },
        { title: '使用中', dataIndex: 'inUse', width: 80, render: (v) => (v ? '是' : '否') },
      ]}
    />
  );
}

function PlansTab() {
  const q = useQuery({ queryKey: stdKeys.plans, queryFn: listPlans });
  return (
    <>
      <Button style={{ marginBottom: 12 }} onClick={() => downloadFile('/api/standards/plans.xlsx', '整顿台账.xlsx')}>
        导出整顿台账
      </Button>
      <QueryTable
        query={q}
        scroll={{ x: 720 }}
        columns={[
          { title: '支部', dataIndex: 'orgName', render: (v, r) => <Link to={`/standards/plans/${r.id}`}>{v}</Link> },
          { title: '列入依据', dataIndex: 'basis' },
          { title: '联系领导', dataIndex: 'contactLeader', width: 160 },
          { title: '验收', render: (_, r) => `${r.accepted} / ${r.items} 项`, width: 90 },
          { title: '列入日期', dataIndex: 'startDate', width: 130, render: fmtDate },
          {
            title: '状态',
            dataIndex: 'status',
            width: 150,
            render: (v, r) => <Tag color={STATUS_COLORS[v]}>{r.liftedDate ? `${v} ${fmtDate(r.liftedDate)}` : v}</Tag>,
          },
        ]}
      />
    </>
  );
}

function ModelsTab() {
  const q = useQuery({ queryKey: stdKeys.models(), queryFn: () => listModels() });
  return (
    <QueryTable
      query={q}
      columns={[
        { title: '年度', dataIndex: 'year', width: 80 },
        { title: '示范点', dataIndex: 'orgName', render: (v, r) => <Link to={`/orgs/${r.orgId}`}>{v}</Link> },
        { title: '命名理由', dataIndex: 'reason' },
      ]}
    />
  );
}

function RoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const nav = useNavigate();
  const { message } = App.useApp();
  const manuals = useQuery({ queryKey: stdKeys.manuals, queryFn: () => listManuals(), enabled: open });
  const save = useMutation({
    mutationFn: (v: any) => {
      const b: RoundBody = {
        manualId: v.manualId,
        year: v.year,
        name: v.name,
        selfWeight: v.selfWeight,
        superiorWeight: 100 - v.selfWeight,
        selfDueDate: v.selfDue.format('YYYY-MM-DD'),
        reviewDueDate: v.reviewDue.format('YYYY-MM-DD'),
        objectionDays: v.objectionDays,
      };
      return createRound(b);
    },
    onSuccess: (r) => {
      message.success('已发起评定,各支部可开始自评');
      qc.invalidateQueries({ queryKey: stdKeys.all });
      onClose();
      nav(`/standards/rounds/${r.id}`);
    },
    onError: (e) => message.error((e as Error).message),
  });
  const year = dayjs().year();
  return (
    <Modal
      open={open}
      title="发起标准化评定"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ year, name: `${year}年度党支部标准化考评`, selfWeight: 40, objectionDays: 5 }}
      >
        <Form.Item name="manualId" label="评分手册" rules={[{ required: true, message: '请选择评分手册' }]}>
          <Select
            options={(manuals.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}(第 ${m.version} 版)` }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="selfWeight" label="自评权重(%),其余为初核" rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="objectionDays" label="公示期(工作日)" rules={[{ required: true }]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="selfDue" label="自评截止" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker format={DATE_FMT} />
          </Form.Item>
          <Form.Item name="reviewDue" label="初核截止" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker format={DATE_FMT} />
          </Form.Item>
        </Space>
        <div style={{ color: '#888' }}>参评范围:本级管辖范围内的全部党支部、党总支。</div>
      </Form>
    </Modal>
  );
}
