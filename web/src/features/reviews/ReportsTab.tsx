import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { Campaign, ReportRow } from '../../../../common/contracts/reviews.ts';
import { useAction } from '../../components/useAction.ts';
import { fmtTime } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { reviewKeys, reviewsApi } from './api.ts';

/** 述职报告: 已报送 / 未报送; units submit text or .docx; the organizing side reads and reminds. */
export default function ReportsTab({ campaign }: { campaign: Campaign }) {
  const { can } = useAuth();
  const id = campaign.id;
  const list = useQuery({ queryKey: reviewKeys.part(id, 'reports'), queryFn: () => reviewsApi.reports(id) });
  const [view, setView] = useState<ReportRow | null>(null);
  const [edit, setEdit] = useState<ReportRow | null>(null);
  const [text, setText] = useState('');
  const invalidate = [reviewKeys.campaign(id)];
  const submit = useAction((v: { orgId: number; text: string }) => reviewsApi.submitReport(id, v.orgId, v.text), {
    success: '述职报告已报送',
    invalidate,
    onSuccess: () => setEdit(null),
  });
  const upload = useAction((v: { orgId: number; file: File }) => reviewsApi.uploadReport(id, v.orgId, v.file), {
    success: '述职报告已报送',
    invalidate,
  });
  const remind = useAction(() => reviewsApi.remind(id), {
    success: (r) => `已催报 ${r.reminded} 个单位`,
    invalidate,
  });
  return (
    <>
      {campaign.manager && (
        <Button onClick={() => remind.mutate()} loading={remind.isPending} style={{ marginBottom: 12 }}>
          催报未报送单位
        </Button>
      )}
      {list.error && <Alert type="error" title={list.error.message} />}
      <Table
        rowKey="orgId"
        dataSource={list.data?.items}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '组织', dataIndex: 'orgName' },
          { title: '述职方式', dataIndex: 'mode', width: 90, responsive: ['sm'] },
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
                  <Button size="small" onClick={() => setView(r)}>
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
                    <Upload
                      accept=".docx"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        upload.mutate({ orgId: r.orgId, file });
                        return false;
                      }}
                    >
                      <Button size="small" loading={upload.isPending && upload.variables?.orgId === r.orgId}>
                        上传 Word
                      </Button>
                    </Upload>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {view && <ReportView campaignId={id} row={view} onClose={() => setView(null)} />}
      <Modal
        open={!!edit}
        title={`报送述职报告:${edit?.orgName}`}
        okText="报送"
        cancelText="取消"
        confirmLoading={submit.isPending}
        onOk={() => edit && submit.mutate({ orgId: edit.orgId, text })}
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

function ReportView({ campaignId, row, onClose }: { campaignId: number; row: ReportRow; onClose: () => void }) {
  const q = useQuery({
    queryKey: reviewKeys.part(campaignId, `report-${row.orgId}`),
    queryFn: () => reviewsApi.report(campaignId, row.orgId),
  });
  return (
    <Modal open title={`述职报告:${row.orgName}`} footer={null} onCancel={onClose} width={720} loading={q.isPending}>
      {q.error && <Alert type="error" title={q.error.message} />}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: '60vh', overflow: 'auto' }}>
        {q.data?.text}
      </Typography.Paragraph>
    </Modal>
  );
}
