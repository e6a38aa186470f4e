import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tree,
} from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dimension, ManualBody, ManualItem } from '../../../../common/contracts/standards.ts';
import { STD_METHOD_LABELS } from '../../../../common/enums.ts';
import { useAuth } from '../../lib/session.tsx';
import { fmtTime } from '../../lib/format.ts';
import { downloadFile, getManual, saveManual, stdKeys } from './api.ts';

/**
 * The manual editor: the tree of dimensions and items, the grade bands. Saving a version that a
 * round uses creates the next version (the server decides); points must add up to the totals.
 */
export default function ManualPage() {
  const id = Number(useParams().id);
  const nav = useNavigate();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: stdKeys.manual(id), queryFn: () => getManual(id) });
  const [draft, setDraft] = useState<ManualBody | null>(null);
  const [editing, setEditing] = useState<{ d: number; i: number } | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (q.data)
      setDraft({
        name: q.data.name,
        scheme: q.data.scheme as ManualBody['scheme'],
        totalPoints: q.data.totalPoints,
        bonusPoints: q.data.bonusPoints,
        dimensions: q.data.dimensions,
        bands: q.data.bands,
      });
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => saveManual(id, { ...(draft as ManualBody), ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (r) => {
      message.success(r.newVersion ? `手册已被使用,已另存为第 ${r.version} 版` : '已保存');
      qc.invalidateQueries({ queryKey: stdKeys.all });
      if (r.id !== id) nav(`/standards/manuals/${r.id}`);
    },
    onError: (e) => message.error((e as Error).message),
  });
  const m = q.data;
  if (!m || !draft) return <Card loading />;
  const manage = can('standards.manage');
  const dimSum = (d: Dimension) => d.items.reduce((s, it) => s + it.maxPoints, 0);
  const treeData = draft.dimensions.map((d, di) => ({
    key: `d${di}`,
    title: (
      <span>
        <b>{d.name}</b> {d.bonus ? `加分项 ${d.points} 分` : `${d.points} 分`}
        {!d.bonus && Math.abs(dimSum(d) - d.points) > 0.01 && (
          <Tag color="red" style={{ marginLeft: 6 }}>
            项目合计 {dimSum(d)} 分
          </Tag>
        )}
      </span>
    ),
    children: d.items.map((it, ii) => ({
      key: `d${di}i${ii}`,
      title: (
        <span onClick={() => manage && setEditing({ d: di, i: ii })} style={{ cursor: manage ? 'pointer' : 'default' }}>
          {it.code} {it.title} · {it.maxPoints} 分 · {STD_METHOD_LABELS[it.method]}
          {it.source && (
            <Tag color="cyan" style={{ marginLeft: 6 }}>
              自动取数
            </Tag>
          )}
          {it.vetoBelow !== undefined && <Tag color="red">单项否决</Tag>}
          {it.evidence.length > 0 && <span style={{ color: '#888' }}> 佐证:{it.evidence.join('、')}</span>}
        </span>
      ),
    })),
  }));
  const item = editing ? draft.dimensions[editing.d].items[editing.i] : null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${m.name}(第 ${m.version} 版)`}
        extra={
          <Space wrap>
            {m.inUse && <Tag color="orange">已被评定轮次使用:修改将生成新版本</Tag>}
            <Button onClick={() => downloadFile(`/api/standards/manuals/${id}/export.xlsx`, `${m.name}.xlsx`)}>
              导出 Excel
            </Button>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label="类型">{m.scheme}</Descriptions.Item>
          <Descriptions.Item label="分值">{`基本分 ${m.totalPoints} + 加分 ${m.bonusPoints}`}</Descriptions.Item>
          <Descriptions.Item label="更新">{fmtTime(m.updatedAt)}</Descriptions.Item>
          {m.note && <Descriptions.Item label="修订说明">{m.note}</Descriptions.Item>}
        </Descriptions>
        {manage && (
          <Alert
            type="info"
            showIcon
            message="点击项目可修改;保存时校验各项分值合计与维度、手册总分一致。"
            style={{ marginTop: 8 }}
          />
        )}
      </Card>
      <Card title="维度与项目">
        <Tree treeData={treeData} defaultExpandAll selectable={false} />
      </Card>
      <Card title="等次与指导比例">
        <Table
          rowKey="grade"
          size="small"
          pagination={false}
          dataSource={draft.bands}
          columns={[
            { title: '等次', dataIndex: 'grade' },
            { title: '最低分', dataIndex: 'minScore' },
            { title: '指导比例', dataIndex: 'quotaPercent', render: (v) => (v == null ? '不限' : `≤ ${v}%`) },
            { title: '控制', dataIndex: 'quotaMode', render: (v) => (v === 'enforce' ? '强制' : '提示') },
            { title: '受单项否决', dataIndex: 'vetoBlocks', render: (v) => (v ? '是' : '否') },
            { title: '整顿对象', dataIndex: 'rectify', render: (v) => (v ? '是' : '') },
          ]}
        />
      </Card>
      {manage && (
        <Card size="small">
          <Space wrap>
            <Input
              style={{ width: 320 }}
              placeholder="修订说明(如:年中调整党员大会频次)"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
              保存手册
            </Button>
          </Space>
        </Card>
      )}
      {item && editing && (
        <ItemModal
          item={item}
          onClose={() => setEditing(null)}
          onSave={(next) => {
            const dims = draft.dimensions.map((d, di) =>
              di !== editing.d ? d : { ...d, items: d.items.map((x, ii) => (ii === editing.i ? next : x)) },
            );
            setDraft({ ...draft, dimensions: dims });
            setEditing(null);
          }}
        />
      )}
    </Space>
  );
}

function ItemModal(p: { item: ManualItem; onClose: () => void; onSave: (it: ManualItem) => void }) {
  const [form] = Form.useForm();
  return (
    <Modal open title={`修改项目 ${p.item.code}`} onCancel={p.onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={p.item} onFinish={(v) => p.onSave({ ...p.item, ...v })}>
        <Form.Item name="title" label="项目" rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="criterion" label="考评标准" rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="maxPoints" label="分值" rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
          {(p.item.method === 'deduct' || p.item.method === 'bonus') && (
            <Form.Item name="perOccurrence" label="每次扣(加)分">
              <InputNumber min={0} max={1000} />
            </Form.Item>
          )}
          {p.item.method === 'deduct' && (
            <Form.Item name="floor" label="最低分">
              <InputNumber min={0} max={1000} />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="evidence" label="佐证类型">
          <Select mode="tags" options={['台账', '记录本', '批复', '照片'].map((t) => ({ value: t, label: t }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
