import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormModal } from '../../components/FormModal.tsx';
import { ORG_PICK, OrgPicker } from '../../components/OrgPicker.tsx';
import { orgsApi } from '../orgs/api.ts';
import { useAction } from '../../components/useAction.ts';
import { DATE_INPUT_FORMATS, fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { reviewKeys, reviewsApi } from './api.ts';
import { statusColor } from './labels.ts';

/** 述职评议 campaigns: list and create. */
export default function ReviewsPage() {
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const query = { pageSize: 100 };
  const list = useQuery({ queryKey: reviewKeys.list(query), queryFn: () => reviewsApi.list(query) });
  return (
    <Card
      title="述职评议"
      extra={
        can('review.manage') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建评议活动
          </Button>
        )
      }
    >
      {list.error && <Alert type="error" title={list.error.message} />}
      <Table
        rowKey="id"
        dataSource={list.data?.items}
        loading={list.isPending}
        pagination={false}
        columns={[
          { title: '活动名称', dataIndex: 'title', render: (t, r) => <Link to={`/reviews/${r.id}`}>{t}</Link> },
          { title: '年度', dataIndex: 'year', width: 80 },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 90,
            render: (t, r) => <Tag color={statusColor(r.status)}>{t}</Tag>,
          },
          { title: '报告截止', dataIndex: 'reportDeadline', render: fmtDate, responsive: ['md'] },
          { title: '会议日期', dataIndex: 'meetingDate', render: fmtDate, responsive: ['md'] },
        ]}
      />
      {creating && <CreateModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

interface Values {
  title: string;
  year: number;
  orgIds: number[];
  oralOrgIds?: number[];
  reportDeadline?: Dayjs;
  meetingDate?: Dayjs;
  limitMin?: number;
}

function CreateModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useAction(
    (v: Values) =>
      reviewsApi.create({
        title: v.title,
        year: v.year,
        orgIds: v.orgIds,
        oralOrgIds: v.oralOrgIds?.length ? v.oralOrgIds : v.orgIds,
        reportDeadline: v.reportDeadline?.format('YYYY-MM-DD') ?? null,
        meetingDate: v.meetingDate?.format('YYYY-MM-DD') ?? null,
        speakerLimitSec: (v.limitMin ?? 5) * 60,
      }),
    {
      success: '评议活动已创建',
      invalidate: [reviewKeys.all],
      onSuccess: (r) => navigate(`/reviews/${r.id}`),
      inline: true,
    },
  );
  const chosen = Form.useWatch('orgIds', form) ?? [];
  // The oral reporters are picked among the chosen orgs: their names come from one lookup.
  const chosenNames = useQuery({
    queryKey: ['orgs', 'search', 'ids', chosen],
    queryFn: () => orgsApi.search({ ids: chosen, limit: 100 }),
    enabled: chosen.length > 0,
    placeholderData: keepPreviousData,
  });
  return (
    <FormModal<Values>
      title="新建述职评议活动"
      okText="创建"
      width={640}
      form={form}
      action={create}
      onClose={onClose}
      initialValues={{ year: new Date().getFullYear() - 1, limitMin: 5 }}
    >
      <Form.Item name="title" label="活动名称" rules={[{ required: true, min: 2, message: '请填写活动名称' }]}>
        <Input placeholder="如:2024年度党组织书记抓基层党建述职评议" />
      </Form.Item>
      <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber min={2000} max={2100} />
      </Form.Item>
      <Form.Item
        name="orgIds"
        label="被评议组织(每位参评人员对全部组织评议)"
        rules={[{ required: true, message: '请选择被评议组织' }]}
      >
        <OrgPicker mode="multiple" types={ORG_PICK.reporting} placeholder="输入名称或拼音搜索(乡镇党委、部门党组……)" />
      </Form.Item>
      <Form.Item name="oralOrgIds" label="大会口头述职的组织(其余只报送书面述职)" extra="不选则全部口头述职">
        <Select
          mode="multiple"
          options={(chosenNames.data?.items ?? [])
            .filter((o) => chosen.includes(o.id))
            .map((o) => ({ value: o.id, label: o.name }))}
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item name="reportDeadline" label="述职报告截止日期">
        <DatePicker format={DATE_INPUT_FORMATS} />
      </Form.Item>
      <Form.Item name="meetingDate" label="会议日期">
        <DatePicker format={DATE_INPUT_FORMATS} />
      </Form.Item>
      <Form.Item name="limitMin" label="每人述职时限(分钟)">
        <InputNumber min={1} max={120} />
      </Form.Item>
    </FormModal>
  );
}
