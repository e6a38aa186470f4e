import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { useAuth } from '../../lib/session.tsx';
import { fmtDate } from '../../lib/format.ts';
import { statusColor, type CampaignRow } from './model.ts';

/** 述职评议 campaigns: list and create. */
export default function ReviewsPage() {
  const { can } = useAuth();
  const [data, setData] = useState<Page<CampaignRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(async () => {
    try {
      setData(await api.get('/api/reviews', { pageSize: 100 }));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
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
      {error && <Alert type="error" message={error} />}
      <Table
        rowKey="id"
        dataSource={data?.items}
        loading={!data && !error}
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
      {creating && (
        <CreateModal
          onClose={(id) => {
            setCreating(false);
            if (id) void load();
          }}
        />
      )}
    </Card>
  );
}

function CreateModal({ onClose }: { onClose: (id?: number) => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [orgs, setOrgs] = useState<{ value: number; label: string }[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api
      .get<Page<any>>('/api/orgs', { pageSize: 500, status: '正常' })
      .then((r) =>
        setOrgs(
          r.items
            .filter((o) => o.depth > 0 && o.type !== '党支部' && o.type !== '党小组' && o.type !== '网格')
            .map((o) => ({ value: o.id, label: o.name })),
        ),
      );
  }, []);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await api.post<{ id: number }>('/api/reviews', {
        title: v.title,
        year: v.year,
        orgIds: v.orgIds,
        oralOrgIds: v.oralOrgIds ?? v.orgIds,
        ...(v.reportDeadline ? { reportDeadline: v.reportDeadline.format('YYYY-MM-DD') } : {}),
        ...(v.meetingDate ? { meetingDate: v.meetingDate.format('YYYY-MM-DD') } : {}),
        speakerLimitSec: (v.limitMin ?? 5) * 60,
      });
      message.success('评议活动已创建');
      onClose(r.id);
      navigate(`/reviews/${r.id}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const chosen = Form.useWatch('orgIds', form) as number[] | undefined;
  return (
    <Modal
      open
      title="新建述职评议活动"
      onOk={ok}
      onCancel={() => onClose()}
      confirmLoading={busy}
      okText="创建"
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() - 1, limitMin: 5 }}>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, min: 2, message: '请填写活动名称' }]}>
          <Input placeholder="如:2024年度党组织书记抓基层党建述职评议" />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item
          name="orgIds"
          label="被评议组织(每位参评人员对全部组织评议)"
          rules={[{ required: true, message: '请选择被评议组织' }]}
        >
          <Select mode="multiple" options={orgs} optionFilterProp="label" placeholder="选择组织" />
        </Form.Item>
        <Form.Item name="oralOrgIds" label="大会口头述职的组织(其余只报送书面述职)" extra="不选则全部口头述职">
          <Select mode="multiple" options={orgs.filter((o) => chosen?.includes(o.value))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="reportDeadline" label="述职报告截止日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="meetingDate" label="会议日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="limitMin" label="每人述职时限(分钟)">
          <InputNumber min={1} max={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
