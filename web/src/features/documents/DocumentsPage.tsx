import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tabs,
  Upload,
  type TableColumnsType,
} from 'antd';
import { FileAddOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { useAuth } from '../../lib/session.tsx';

interface Snippet {
  before: string;
  match: string;
  after: string;
  field: 'title' | 'text';
}
interface DocRow {
  id: number;
  title: string;
  meeting: string | null;
  date: string;
  issuingUnit: string | null;
  source: string;
  taskCount: number;
  snippets?: Snippet[];
}

/** 文件库: list, full-text search with highlighted snippets, and entry by paste or upload. */
export default function DocumentsPage() {
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<DocRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [adding, setAdding] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api.get<Page<DocRow>>('/api/documents', { q, page, pageSize: 20 }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [q, page]);
  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<DocRow> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t, r) => (
        <div>
          <Link to={`/documents/${r.id}`}>{t}</Link>
          {r.snippets
            ?.filter((s) => s.field === 'text')
            .map((s, i) => (
              <div key={i} style={{ color: '#666', fontSize: 12 }}>
                {s.before}
                <mark>{s.match}</mark>
                {s.after}
              </div>
            ))}
        </div>
      ),
    },
    { title: '会议', dataIndex: 'meeting', width: 180, ellipsis: true, responsive: ['md'] },
    { title: '日期', dataIndex: 'date', width: 110 },
    { title: '发文单位', dataIndex: 'issuingUnit', width: 140, ellipsis: true, responsive: ['lg'] },
    { title: '任务数', dataIndex: 'taskCount', width: 80 },
  ];

  return (
    <Card
      size="small"
      title="文件与任务分解"
      extra={
        can('document.write') && (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setAdding(true)}>
            录入文件
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="全文检索(标题、正文)"
          style={{ width: 320 }}
          onSearch={(v) => {
            setPage(1);
            setQ(v.trim());
          }}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 份`,
        }}
      />
      {adding && <AddDocumentModal onClose={() => setAdding(false)} />}
    </Card>
  );
}

function AddDocumentModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [tab, setTab] = useState<'paste' | 'file'>('paste');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const date = (v.date as dayjs.Dayjs).format('YYYY-MM-DD');
      let id: number;
      if (tab === 'paste') {
        id = (
          await api.post<{ id: number }>('/api/documents', {
            title: v.title,
            date,
            text: v.text,
            meeting: v.meeting || null,
            issuingUnit: v.issuingUnit || null,
          })
        ).id;
      } else {
        if (!file) {
          setError('请选择 .docx 或 .txt 文件');
          return;
        }
        const fd = new FormData();
        // fields before the file: the server reads them as the stream arrives
        fd.append('title', v.title ?? '');
        fd.append('date', date);
        if (v.meeting) fd.append('meeting', v.meeting);
        if (v.issuingUnit) fd.append('issuingUnit', v.issuingUnit);
        fd.append('file', file);
        id = (await api.upload<{ id: number }>('/api/documents/upload', fd)).id;
      }
      message.success('文件已保存');
      onClose();
      navigate(`/documents/${id}`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="录入文件"
      width={760}
      onCancel={onClose}
      onOk={submit}
      okText="保存并审核"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }}>
        <Space.Compact block>
          <Form.Item
            name="title"
            label="标题"
            style={{ flex: 2 }}
            rules={tab === 'paste' ? [{ required: true, message: '请填写标题' }] : []}
          >
            <Input placeholder="如:在全县基层党建述职评议大会上的讲话" />
          </Form.Item>
          <Form.Item
            name="date"
            label="会议(发文)日期"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请选择日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="meeting" label="会议名称" style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="issuingUnit" label="发文单位" style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'paste' | 'file')}
          items={[
            {
              key: 'paste',
              label: '粘贴正文',
              children: (
                <Form.Item name="text" rules={tab === 'paste' ? [{ required: true, message: '请粘贴正文' }] : []}>
                  <Input.TextArea rows={12} aria-label="正文" />
                </Form.Item>
              ),
            },
            {
              key: 'file',
              label: '上传 .docx / .txt',
              children: (
                <Upload
                  maxCount={1}
                  accept=".docx,.txt"
                  beforeUpload={(f) => {
                    setFile(f);
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                >
                  <Button icon={<UploadOutlined />}>选择文件</Button>
                </Upload>
              ),
            },
          ]}
        />
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
