import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Modal, Progress, Result, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, download } from '../../api/client.ts';
import type { ImportJob } from '../../api/types.ts';

const STATUS_TEXT: Record<ImportJob['status'], string> = {
  validating: '正在校验数据',
  importing: '正在导入',
  done: '导入完成',
  failed: '导入未完成',
};

/** Follows an import job (polled every 500 ms) and shows its progress, then its result or errors. */
export default function ImportProgressModal({
  jobId,
  fileName,
  kindLabel,
  onClose,
}: {
  jobId: string | number;
  fileName: string;
  kindLabel: string;
  onClose(imported: boolean): void;
}) {
  const { message } = App.useApp();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    let live = true;
    const poll = async () => {
      try {
        const j = await api.get<ImportJob>(`/api/import/jobs/${jobId}`);
        if (!live) return;
        setJob(j);
        if (j.status === 'validating' || j.status === 'importing') timer.current = setTimeout(poll, 500);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer.current);
    };
  }, [jobId]);

  const finished = job && (job.status === 'done' || job.status === 'failed');
  const percent = job ? (job.total ? Math.floor((job.processed / job.total) * 100) : finished ? 100 : 0) : 0;
  const report = async () => {
    setBusy(true);
    try {
      await download(`/api/import/jobs/${jobId}/error-report`, undefined, `${kindLabel}导入错误报告.xlsx`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`导入${kindLabel}:${fileName}`}
      width={760}
      maskClosable={false}
      closable={!!finished || !!error}
      onCancel={() => onClose(job?.status === 'done')}
      footer={
        finished || error ? (
          <Button type="primary" onClick={() => onClose(job?.status === 'done')}>
            关闭
          </Button>
        ) : null
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {job && !finished && (
        <div style={{ padding: '16px 0' }}>
          <Typography.Paragraph>
            {STATUS_TEXT[job.status]}……已处理 {job.processed} / {job.total || '—'} 行
          </Typography.Paragraph>
          <Progress percent={percent} status="active" />
        </div>
      )}
      {!job && !error && <Progress percent={0} status="active" />}
      {job?.status === 'done' && (
        <Result
          status="success"
          title={`导入完成:成功导入 ${job.imported} 条${kindLabel}记录`}
          subTitle={`共 ${job.total} 行`}
        />
      )}
      {job?.status === 'failed' && (
        <div data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            title={job.errorCount > 0 ? `发现 ${job.errorCount} 处错误,本次未导入任何数据` : '导入失败,未导入任何数据'}
            description={
              job.errorCount > 0
                ? '请按下表修改 Excel 文件后重新导入;也可下载错误报告,出错的单元格已标红。'
                : job.message
            }
            style={{ marginBottom: 12 }}
          />
          {job.errorCount > 0 && (
            <>
              <Space style={{ marginBottom: 8 }}>
                <Button icon={<DownloadOutlined />} onClick={report} loading={busy}>
                  下载错误报告
                </Button>
                {job.errorCount > job.errors.length && (
                  <Typography.Text type="secondary">
                    下表列出前 {job.errors.length} 处,完整清单见错误报告
                  </Typography.Text>
                )}
              </Space>
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                dataSource={job.errors}
                pagination={job.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 140 },
                  { title: '错误说明', dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
