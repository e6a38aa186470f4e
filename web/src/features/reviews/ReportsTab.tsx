import { useCallback, useEffect, useState } from 'react';
import { App, Button, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { api, request } from '../../api/client.ts';
import { useAuth } from '../../lib/session.tsx';
import { fmtTime } from '../../lib/format.ts';
import type { Campaign } from './model.ts';

interface Row {
  orgId: number;
  orgName: string;
  mode: string;
  secretary: string | null;
  status: string;
  submittedAt: string | null;
  fileName: string | null;
  remindedAt: string | null;
  late: boolean;
}

/** 述职报告: 已报送 / 未报送; units submit text or .docx; the organizing side reads and reminds. */
export default function ReportsTab({ campaign }: { campaign: Campaign }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>([]);
  const [view, setView] = useState<{ orgName: string; text: string } | null>(null);
  const [edit, setEdit] = useState<Row | null>(null);
  const [text, setText] = useState('');
  const base = `/api/reviews/${campaign.id}/reports`;
  const load = useCallback(async () => {
    setRows((await api.get(base)).items);
  }, [base]);
  useEffect(() => {
    void load();
  }, [load]);
  const submitText = async () => {
    try {
      await request('PUT', `${base}/${edit!.orgId}`, { body: { text } });
      message.success('述职报告已报送');
      setEdit(null);
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const upload = async (r: Row, file: File) => {
    const f = new FormData();
    f.append('file', file);
    try {
      await api.upload(`${base}/${r.orgId}/docx`, f);
      message.success('述职报告已报送');
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
    return false;
  };
  const open = async (r: Row) => {
    const g = await api.get(`${base}/${r.orgId}`);
    setView({ orgName: r.orgName, text: g.text ?? '' });
  };
  const remind = async () => {
    try {
      const r = await api.post(`${base}/remind`);
      message.success(`已催报 ${r.reminded} 个单位`);
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      {campaign.manager && (
        <Button onClick={remind} style={{ marginBottom: 12 }}>
          催报未报送单位
        </Button>
      )}
      <Table
        rowKey="orgId"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '组织', dataIndex: 'orgName' },
          { title: '述职方式', dataIndex: 'mode', width: 90 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s, r) => (
              <>
                <Tag color={s === '已报送' ? 'green' : 'orange'}>{s}</Tag>
                {r.late && <Tag color="red">逾期</Tag>}
              </>
            ),
          },
          { title: '报送时间', dataIndex: 'submittedAt', render: fmtTime, responsive: ['md'] },
          { title: '催报', dataIndex: 'remindedAt', render: fmtTime, responsive: ['lg'] },
          {
            title: '操作',
            key: 'op',
            render: (_, r) => (
              <Space wrap>
                {r.status === '已报送' && (
                  <Button size="small" onClick={() => open(r)}>
                    查看
                  </Button>
                )}
                {can('review.report') && campaign.status !== 'closed' && (
                  <>
                    <Button
                      size="small"
                      onClick={() => {
                        setEdit(r);
                        setText('');
                      }}
                    >
                      填写报告
                    </Button>
                    <Upload accept=".docx" showUploadList={false} beforeUpload={(f) => upload(r, f)}>
                      <Button size="small">上传 Word</Button>
                    </Upload>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!view} title={`述职报告:${view?.orgName}`} footer={null} onCancel={() => setView(null)} width={720}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: '60vh', overflow: 'auto' }}>
          {view?.text}
        </Typography.Paragraph>
      </Modal>
      <Modal
        open={!!edit}
        title={`报送述职报告:${edit?.orgName}`}
        okText="报送"
        onOk={submitText}
        onCancel={() => setEdit(null)}
        width={720}
      >
        <Input.TextArea
          aria-label="述职报告正文"
          rows={14}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="粘贴或填写述职报告全文"
        />
      </Modal>
    </>
  );
}
