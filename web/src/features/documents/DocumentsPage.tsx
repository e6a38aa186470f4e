import { FileAddOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Space, type TableColumnsType, Tabs, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DocumentDuplicate, DocumentRow, NewDocument } from '../../../../common/contracts/documents.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { DATE_INPUT_FORMATS, fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { ApiError } from '../../api/client.ts';
import { documentKeys, documentsApi } from './api.ts';

/** 文件库: list, full-text search with highlighted snippets, and entry by paste or upload. */
export default function DocumentsPage() {
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const query = { q: q || undefined, page, pageSize: 20 };
  const list = useQuery({
    queryKey: documentKeys.list(query),
    queryFn: () => documentsApi.list(query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<DocumentRow> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t, r) => (
        <div>
          <Link to={`/documents/${r.id}`}>{t}</Link>
          {r.snippets
            ?.filter((s) => s.field === 'text')
            .map((s) => (
              <div key={`${s.before}${s.match}${s.after}`} style={{ color: '#666', fontSize: 12 }}>
                {s.before}
                <mark>{s.match}</mark>
                {s.after}
              </div>
            ))}
        </div>
      ),
    },
    { title: '会议', dataIndex: 'meeting', width: 180, ellipsis: true, responsive: ['md'] },
    { title: '日期', dataIndex: 'date', width: 130, render: fmtDate },
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
          style={{ width: 320, maxWidth: '100%' }}
          onSearch={(v) => {
            setPage(1);
            setQ(v.trim());
          }}
        />
      </Space>
      <ListTable<DocumentRow>
        query={list}
        columns={columns}
        page={page}
        onPageChange={setPage}
        totalText={(n) => `共 ${n} 份`}
      />
      {adding && <AddDocumentModal onClose={() => setAdding(false)} />}
    </Card>
  );
}

interface DocValues {
  title?: string;
  date: Dayjs;
  meeting?: string;
  issuingUnit?: string;
  text?: string;
}

function AddDocumentModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [tab, setTab] = useState<'paste' | 'file'>('paste');
  const [file, setFile] = useState<File | null>(null);
  // The server found the same text on file: say where, and save only on a second, explicit click.
  const [dup, setDup] = useState<{ of: DocumentDuplicate; values: DocValues } | null>(null);
  const save = useAction(
    (v: DocValues & Pick<NewDocument, 'allowDuplicate'>) => {
      const fields = {
        title: v.title ?? '',
        date: v.date.format('YYYY-MM-DD'),
        meeting: v.meeting || null,
        issuingUnit: v.issuingUnit || null,
        allowDuplicate: v.allowDuplicate,
      };
      const run =
        tab === 'paste'
          ? documentsApi.create({ ...fields, text: v.text ?? '' })
          : file
            ? documentsApi.upload({ ...fields, file })
            : Promise.reject(new Error('请选择 .docx 或 .txt 文件'));
      return run.catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'DOCUMENT_DUPLICATE')
          setDup({ of: e.details as DocumentDuplicate, values: v });
        throw e;
      });
    },
    {
      success: '文件已保存',
      invalidate: [documentKeys.all],
      onSuccess: (r) => navigate(`/documents/${r.id}`),
      inline: true,
    },
  );

  return (
    <FormModal<DocValues>
      title="录入文件"
      width={760}
      okText="保存并审核"
      action={save}
      onClose={onClose}
      initialValues={{ date: dayjs() }}
    >
      {dup && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <>
              相同正文已录入为「<Link to={`/documents/${dup.of.id}`}>{dup.of.title}</Link>」({fmtDate(dup.of.date)}
              ),请勿重复录入。
            </>
          }
          action={
            <Button
              size="small"
              danger
              loading={save.isPending}
              onClick={() => save.mutate({ ...dup.values, allowDuplicate: true }, { onSuccess: onClose })}
            >
              仍然保存
            </Button>
          }
        />
      )}
      <Space.Compact block style={{ flexWrap: 'wrap' }}>
        <Form.Item
          name="title"
          label="标题"
          style={{ flex: 2, minWidth: 240 }}
          rules={tab === 'paste' ? [{ required: true, message: '请填写标题' }] : []}
        >
          <Input placeholder="如:在全县基层党建述职评议大会上的讲话" />
        </Form.Item>
        <Form.Item
          name="date"
          label="会议(发文)日期"
          style={{ flex: 1, minWidth: 160 }}
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker format={DATE_INPUT_FORMATS} style={{ width: '100%' }} />
        </Form.Item>
      </Space.Compact>
      <Space.Compact block style={{ flexWrap: 'wrap' }}>
        <Form.Item name="meeting" label="会议名称" style={{ flex: 1, minWidth: 200 }}>
          <Input />
        </Form.Item>
        <Form.Item name="issuingUnit" label="发文单位" style={{ flex: 1, minWidth: 200 }}>
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
    </FormModal>
  );
}
