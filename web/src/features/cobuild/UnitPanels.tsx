/** 单位工作台 · needs of paired communities (claimed as the unit) and the resources the unit offers. */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal.tsx';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { cobuildApi, type Need } from './api.ts';
import { CATEGORY_OPTIONS, type Category, ClaimAnswer, day } from './CommunityNeeds.tsx';
import { ClaimTag, useMyClaims } from './model.tsx';
import { ActionButton, FormButton, useCobuildAction } from './widgets.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';

export function UnitNeeds({ unitId }: { unitId: number }) {
  const { can } = useAuth();
  const [claim, setClaim] = useState<Need | null>(null);
  const needs = useQuery({
    queryKey: ['cobuild', 'needs', 'open'],
    queryFn: () => cobuildApi.needs({ status: 'open', pageSize: 100 }),
    // the unit's own community needs (a unit can also run a community) are not its to claim
    select: (d) => ({ ...d, items: d.items.filter((n) => !n.canManage) }),
  });
  const ours = (useMyClaims().data?.items ?? []).filter((k) => k.claimant === 'unit');
  const claimed = new Map(ours.map((k) => [k.need?.id, k]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        结对社区发布的需求,可由本单位认领(派出党员),社区答复后组织参加。
      </Typography.Text>
      <QueryTable
        query={needs}
        emptyText="结对社区暂无需求"
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
        bordered
        dataSource={ours}
        pagination={false}
        scroll={{ x: 'max-content' }}
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
                <ActionButton run={() => cobuildApi.withdrawClaim(k.id)} ok="已撤回">
                  撤回
                </ActionButton>
              ) : null,
          },
        ]}
      />
      {claim && <UnitClaimModal unitId={unitId} need={claim} onClose={() => setClaim(null)} />}
    </Space>
  );
}

function UnitClaimModal({ unitId, need, onClose }: { unitId: number; need: Need; onClose: () => void }) {
  const left = Math.max(1, need.headcount - need.claimedCount);
  const claim = useCobuildAction(
    (v: { headcount: number; note?: string }) =>
      cobuildApi.claimNeed(need.id, { unitId, headcount: v.headcount, note: v.note || null }),
    '已认领,等待社区答复',
    true,
  );
  return (
    <FormModal
      title={`以单位认领:${need.title}`}
      okText="认领"
      action={claim}
      onClose={onClose}
      initialValues={{ headcount: left }}
    >
      <Form.Item name="headcount" label="派出人数" rules={[{ required: true }]}>
        <InputNumber min={1} max={left} />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input.TextArea rows={2} maxLength={500} placeholder="如:派机关青年党员服务队" />
      </Form.Item>
    </FormModal>
  );
}

interface ResourceForm {
  title: string;
  category: Category;
  range: [Dayjs, Dayjs];
  contact?: string;
  description?: string;
}

export function UnitResources({ unitId }: { unitId: number }) {
  const { can } = useAuth();
  const res = useQuery({
    queryKey: ['cobuild', 'resources', 'unit', unitId],
    queryFn: () => cobuildApi.resources({ unitId, pageSize: 100 }),
  });
  const todo = useQuery({
    queryKey: ['cobuild', 'claims', 'todo'],
    queryFn: () => cobuildApi.claims({ box: 'todo', pageSize: 100 }),
    select: (d) => ({ ...d, items: d.items.filter((k) => k.target === 'resource') }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('cobuild.manage') && (
        <FormButton<ResourceForm>
          label="提供资源"
          button={{ type: 'primary', style: { alignSelf: 'flex-start' } }}
          title="提供资源"
          okText="发布"
          ok="资源已发布"
          initialValues={{ category: '政策宣讲' }}
          submit={(v) =>
            cobuildApi.createResource({
              unitId,
              title: v.title,
              category: v.category,
              description: v.description || null,
              availableFrom: day(v.range[0]),
              availableTo: day(v.range[1]),
              contact: v.contact || null,
            })
          }
        >
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
        </FormButton>
      )}
      {!!todo.data?.items.length && (
        <QueryTable
          query={todo}
          title={() => '社区认领,待本单位答复'}
          columns={[
            { title: '资源', render: (_, k) => k.resource?.title },
            { title: '认领社区', dataIndex: 'claimantName' },
            { title: '用途', dataIndex: 'note' },
            { title: '答复', render: (_, k) => <ClaimAnswer id={k.id} /> },
          ]}
        />
      )}
      <QueryTable
        query={res}
        emptyText="尚未提供资源"
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
                <ActionButton run={() => cobuildApi.withdrawResource(r.id)} ok="已撤回">
                  撤回
                </ActionButton>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
