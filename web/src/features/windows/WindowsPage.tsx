import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { WINDOW_KINDS } from '../../../../common/enums.ts';
import type { WindowRow } from '../../../../common/contracts/windows.ts';
import { useAuth } from '../../lib/session.tsx';
import { OrgSelect } from './OrgSelect.tsx';
import { windowsApi } from './api.ts';

type Editing = {
  id?: number;
  orgId?: number;
  name?: string;
  kind?: string;
  location?: string | null;
  items?: string[];
  active?: boolean;
};

/** 服务窗口: every unit's windows (窗口/大厅/站点) with their codes, items, posters and 一次一评 codes. */
export default function WindowsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const kw = params.get('q') ?? '';
  const [editing, setEditing] = useState<Editing | null>(null);
  const [tickets, setTickets] = useState<WindowRow | null>(null);
  const list = useQuery({
    queryKey: ['windows', 'list', page, kw],
    queryFn: () => windowsApi.list({ page, pageSize: 20, q: kw || undefined, includeInactive: true }),
  });
  const manage = can('window.manage');

  const openEdit = async (w: WindowRow) => {
    const d = await windowsApi.get(w.id);
    setEditing({
      id: w.id,
      name: d.name,
      kind: d.kind,
      location: d.location,
      active: d.active,
      items: d.items.filter((i) => i.active).map((i) => i.name),
    });
  };

  return (
    <Card
      title="服务窗口"
      extra={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="窗口名称或窗口码"
            aria-label="搜索窗口"
            defaultValue={kw}
            onSearch={(v) => setParams(v ? { q: v } : {})}
            style={{ width: 200 }}
          />
          {manage && (
            <Button type="primary" onClick={() => setEditing({ kind: '窗口', items: [] })}>
              新建窗口
            </Button>
          )}
        </Space>
      }
    >
      <Table
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 760 }}
        pagination={{
          current: page,
          total: list.data?.total,
          pageSize: 20,
          onChange: (p) => setParams({ ...(kw ? { q: kw } : {}), page: String(p) }),
          showTotal: (n) => `共 ${n} 个窗口`,
        }}
        columns={[
          {
            title: '窗口码',
            dataIndex: 'code',
            width: 96,
            render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
          },
          {
            title: '窗口',
            dataIndex: 'name',
            render: (n: string, w) => (
              <Space>
                {n}
                {!w.active && <Tag>已停用</Tag>}
                <Tag>{w.kind}</Tag>
              </Space>
            ),
          },
          { title: '所属单位', dataIndex: 'orgName' },
          { title: '位置', dataIndex: 'location', responsive: ['md'] },
          { title: '服务事项', dataIndex: 'itemCount', width: 90, render: (n: number) => `${n} 项` },
          {
            title: '操作',
            key: 'op',
            width: 260,
            render: (_, w) => (
              <Space wrap size={4}>
                <Link to={`/windows/${w.id}/poster`}>评价海报</Link>
                <Link to={`/rating-cases?windowId=${w.id}`}>差评工单</Link>
                {manage && (
                  <Button type="link" size="small" onClick={() => openEdit(w)}>
                    编辑
                  </Button>
                )}
                {manage && w.active && (
                  <Button type="link" size="small" onClick={() => setTickets(w)}>
                    评价码
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <EditModal
          value={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success('已保存');
            void qc.invalidateQueries({ queryKey: ['windows'] });
          }}
        />
      )}
      {tickets && <TicketsModal w={tickets} onClose={() => setTickets(null)} />}
    </Card>
  );
}

function EditModal({ value, onClose, onSaved }: { value: Editing; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Editing>();
  const save = useMutation({
    mutationFn: async (v: Editing) => {
      const items = (v.items ?? []).map((s) => s.trim()).filter(Boolean);
      if (value.id)
        await windowsApi.update(value.id, {
          name: v.name,
          kind: v.kind as (typeof WINDOW_KINDS)[number],
          location: v.location || null,
          active: v.active,
          items,
        });
      else
        await windowsApi.create({
          orgId: v.orgId!,
          name: v.name!,
          kind: v.kind as (typeof WINDOW_KINDS)[number],
          location: v.location || null,
          items,
        });
    },
    onSuccess: onSaved,
  });
  return (
    <Modal
      open
      title={value.id ? '编辑窗口' : '新建窗口'}
      okText="保存"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={value} onFinish={(v) => save.mutate(v)}>
        {!value.id && (
          <Form.Item name="orgId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
            <OrgSelect />
          </Form.Item>
        )}
        <Form.Item name="name" label="窗口名称" rules={[{ required: true, message: '请填写窗口名称' }, { max: 60 }]}>
          <Input placeholder="如:县政务服务中心社保综合窗口" />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select options={WINDOW_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="location" label="位置">
          <Input placeholder="如:一楼东侧 3 号窗口" maxLength={100} />
        </Form.Item>
        <Form.Item name="items" label="服务事项" extra="输入后回车,可添加多项">
          <Select mode="tags" open={false} tokenSeparators={[',', ',', '、']} placeholder="如:社保卡申领" />
        </Form.Item>
        {value.id && (
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {save.error && <Typography.Text type="danger">{(save.error as Error).message}</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** 一次一评 codes to print on service receipts (one per served person). */
function TicketsModal({ w, onClose }: { w: WindowRow; onClose: () => void }) {
  const [count, setCount] = useState(50);
  const gen = useMutation({ mutationFn: () => windowsApi.tickets(w.id, count) });
  return (
    <Modal open title={`发放评价码:${w.name}`} onCancel={onClose} footer={null} width={640}>
      <Typography.Paragraph type="secondary">
        评价码打印在办件回执上,每码只能评价一次;用评价码提交的评价记为"已核验",统计"未评价率"。
      </Typography.Paragraph>
      <Space>
        <Input
          type="number"
          min={1}
          max={500}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
          style={{ width: 120 }}
          aria-label="张数"
        />
        <Button type="primary" loading={gen.isPending} onClick={() => gen.mutate()}>
          生成
        </Button>
        {gen.data && <Button onClick={() => window.print()}>打印</Button>}
      </Space>
      {gen.error && <Typography.Paragraph type="danger">{(gen.error as Error).message}</Typography.Paragraph>}
      {gen.data && (
        <div
          className="ticket-sheet"
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill,minmax(130px,1fr))', gap: 8, marginTop: 12 }}
        >
          {gen.data.codes.map((c) => (
            <div key={c} style={{ border: '1px dashed #bbb', padding: 6, textAlign: 'center' }}>
              <div style={{ fontSize: 12 }}>窗口码 {gen.data.windowCode}</div>
              <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 16 }}>
                {c}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
    </Modal>
  );
}
