import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Progress, Result, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ImportJob, ImportKind } from '../../../../common/contracts/imports.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { excelApi, importKeys, LABEL } from './api.ts';

const STATUS_TEXT: Record<ImportJob['status'], string> = {
  validating: '正在校验数据',
  importing: '正在导入',
  done: '导入完成',
  failed: '导入未完成',
};

const running = (j: ImportJob | undefined) => !j || j.status === 'validating' || j.status === 'importing';

/** Follows an import job (polled every 500 ms while it runs) and shows its progress, then its result or errors. */
export default function ImportProgressModal({
  jobId,
  fileName,
  kind,
  onClose,
}: {
  jobId: string;
  fileName: string;
  kind: ImportKind;
  onClose(imported: boolean): void;
}) {
  const { message } = App.useApp();
  const kindLabel = LABEL[kind];
  const q = useQuery({
    queryKey: importKeys.job(jobId),
    queryFn: () => excelApi.job(jobId),
    refetchInterval: (query) => (running(query.state.data) && !query.state.error ? 500 : false),
    staleTime: 0,
  });
  const job = q.data;
  const error = q.error;
  const report = useMutation({
    mutationFn: () => excelApi.errorReport(jobId, kind),
    onError: (e) => message.error(e.message),
  });

  const finished = job && !running(job);
  const percent = job ? (job.total ? Math.floor((job.processed / job.total) * 100) : finished ? 100 : 0) : 0;

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
      <ErrorAlert error={error} style={{ marginBottom: 0 }} />
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
                <Button icon={<DownloadOutlined />} onClick={() => report.mutate()} loading={report.isPending}>
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
