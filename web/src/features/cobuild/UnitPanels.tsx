/** 单位工作台 · needs of paired communities (claimed as the unit) and the resources the unit offers. */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { cobuildApi, type Need } from './api.ts';
import { CATEGORY_OPTIONS } from './CommunityNeeds.tsx';
import { ClaimTag, ReasonButton, useRun } from './model.tsx';

export function UnitNeeds({ unitId }: { unitId: number }) {
  const run = useRun();
  const { can } = useAuth();
  const [claim, setClaim] = useState<Need | null>(null);
  const needs = useQuery({
    queryKey: ['cobuild', 'needs', 'open'],
    queryFn: () => cobuildApi.needs({ status: 'open', pageSize: 100 }),
  });
  const mine = useQuery({
    queryKey: ['cobuild', 'claims', 'mine'],
    queryFn: () => cobuildApi.claims({ box: 'mine', pageSize: 100 }),
  });
  const ours = (mine.data?.items ?? []).filter((k) => k.claimant === 'unit');
  const claimed = new Map(ours.map((k) => [k.need?.id, k]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        结对社区发布的需求,可由本单位认领(派出党员),社区答复后组织参加。
      </Typography.Text>
      <Table
        rowKey="id"
        size="small"
        loading={needs.isLoading}
        dataSource={(needs.data?.items ?? []).filter((n) => !n.canManage)}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: '结对社区暂无需求' }}
        columns={[
          { title: '需求', dataIndex: 'title' },
          { title: '社区', dataIndex: ['community', 'name'] },
          { title: '时间', render: (_, n) => `${fmtDate(n.startDate)}—${fmtDate(n.endDate)}`, responsive: ['md'] },
          { title: '人数', render: (_, n) => `${n.claimedCount}/${n.headcount}` },
          {
            title: '认领',
            render: (_, n) => {
              const k = claimed.get(n.id);
              if (k) return <ClaimTag s={k.status} />;
              return can('cobuild.manage') ? (
                <Button size="small" type="primary" onClick={() => setClaim(n)}>
                  以单位认领
                </Button>
              ) : null;
            },
          },
        ]}
      />
      <Typography.Title level={5}>本单位的认领</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        dataSource={ours}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '需求', render: (_, k) => k.need?.title },
          { title: '社区', render: (_, k) => k.need?.community.name },
          { title: '人数', dataIndex: 'headcount' },
          { title: '状态', render: (_, k) => <ClaimTag s={k.status} /> },
          { title: '社区答复', dataIndex: 'reason' },
          {
            title: '',
            render: (_, k) =>
              k.canWithdraw ? (
                <Button size="small" onClick={() => run(() => cobuildApi.withdrawClaim(k.id), '已撤回')}>
                  撤回
                </Button>
              ) : null,
          },
        ]}
      />
      {claim && <UnitClaimModal unitId={unitId} need={claim} onClose={() => setClaim(null)} />}
    </Space>
  );
}

function UnitClaimModal({ unitId, need, onClose }: { unitId: number; need: Need; onClose: () => void }) {
  const run = useRun();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={`以单位认领:${need.title}`}
      okText="认领"
      cancelText="取消"
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        if (
          await run(
            () => cobuildApi.claimNeed(need.id, { unitId, headcount: v.headcount, note: v.note || null }),
            '已认领,等待社区答复',
          )
        )
          onClose();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ headcount: Math.max(1, need.headcount - need.claimedCount) }}
      >
        <Form.Item name="headcount" label="派出人数" rules={[{ required: true }]}>
          <InputNumber min={1} max={Math.max(1, need.headcount - need.claimedCount)} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} placeholder="如:派机关青年党员服务队" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UnitResources({ unitId }: { unitId: number }) {
  const run = useRun();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const res = useQuery({
    queryKey: ['cobuild', 'resources', 'unit', unitId],
    queryFn: () => cobuildApi.resources({ unitId, pageSize: 100 }),
  });
  const todo = useQuery({
    queryKey: ['cobuild', 'claims', 'todo'],
    queryFn: () => cobuildApi.claims({ box: 'todo', pageSize: 100 }),
  });
  const resClaims = (todo.data?.items ?? []).filter((k) => k.target === 'resource');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('cobuild.manage') && (
        <Button type="primary" onClick={() => setOpen(true)} style={{ alignSelf: 'flex-start' }}>
          提供资源
        </Button>
      )}
      {resClaims.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          title={() => '社区认领,待本单位答复'}
          dataSource={resClaims}
          pagination={false}
          columns={[
            { title: '资源', render: (_, k) => k.resource?.title },
            { title: '认领社区', dataIndex: 'claimantName' },
            { title: '用途', dataIndex: 'note' },
            {
              title: '答复',
              render: (_, k) => (
                <Space size={4}>
                  <Button size="small" type="primary" onClick={() => run(() => cobuildApi.acceptClaim(k.id), '已接受')}>
                    接受
                  </Button>
                  <ReasonButton
                    label="婉拒"
                    title="婉拒认领"
                    ok="已婉拒"
                    onReason={(r) => cobuildApi.declineClaim(k.id, r)}
                  />
                </Space>
              ),
            },
          ]}
        />
      )}
      <Table
        rowKey="id"
        size="small"
        loading={res.isLoading}
        dataSource={res.data?.items}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: '尚未提供资源' }}
        columns={[
          { title: '资源', dataIndex: 'title' },
          { title: '提供方', dataIndex: 'owner' },
          { title: '可提供时间', render: (_, r) => `${fmtDate(r.availableFrom)}—${fmtDate(r.availableTo)}` },
          { title: '认领', dataIndex: 'claims' },
          { title: '状态', render: (_, r) => (r.status === 'available' ? '可认领' : '已撤回') },
          {
            title: '',
            render: (_, r) =>
              r.canManage && r.status === 'available' ? (
                <Button size="small" onClick={() => run(() => cobuildApi.withdrawResource(r.id), '已撤回')}>
                  撤回
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={open}
        title="提供资源"
        okText="发布"
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          const ok = await run(
            () =>
              cobuildApi.createResource({
                unitId,
                title: v.title,
                category: v.category,
                description: v.description || null,
                availableFrom: v.range[0].format('YYYY-MM-DD'),
                availableTo: v.range[1].format('YYYY-MM-DD'),
                contact: v.contact || null,
              }),
            '资源已发布',
          );
          if (ok) setOpen(false);
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ category: '政策宣讲' }}>
          <Form.Item name="title" label="资源名称" rules={[{ required: true, min: 2, message: '请填写资源名称' }]}>
            <Input maxLength={100} placeholder="如:法律咨询服务、会议室、志愿服务队" />
          </Form.Item>
          <Form.Item name="category" label="类别">
            <Select options={CATEGORY_OPTIONS} />
          </Form.Item>
          <Form.Item name="range" label="可提供时间" rules={[{ required: true, message: '请选择时间' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="contact" label="联系方式">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label="资源内容">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
