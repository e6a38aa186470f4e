import { useState } from 'react';
import { App, Button, Space, Upload } from 'antd';
import { DownloadOutlined, ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { api, download, type Query } from '../../api/client.ts';
import ImportProgressModal from './ImportProgressModal.tsx';

const LABEL = { orgs: '组织', members: '党员' } as const;

/**
 * 下载导入模板 / 导入 / 导出 for one kind of record. Export uses the page's current filters, so
 * what is downloaded is what the table shows.
 */
export default function ExcelToolbar({
  kind,
  canImport,
  exportQuery,
  onImported,
}: {
  kind: 'orgs' | 'members';
  canImport: boolean;
  exportQuery: Query;
  onImported?(): void;
}) {
  const { message } = App.useApp();
  const [job, setJob] = useState<{ id: string | number; fileName: string } | null>(null);
  const [busy, setBusy] = useState<'template' | 'export' | 'upload' | null>(null);

  const run = async (what: 'template' | 'export', fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File) => {
    if (!/\.xlsx$/i.test(file.name)) {
      message.error('请选择 Excel 文件(.xlsx)');
      return;
    }
    setBusy('upload');
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const r = await api.upload<{ jobId: string | number }>(`/api/import/${kind}`, form);
      setJob({ id: r.jobId, fileName: file.name });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space wrap>
      {canImport && (
        <>
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'template'}
            onClick={() =>
              run('template', () => download(`/api/import/templates/${kind}`, undefined, `${LABEL[kind]}导入模板.xlsx`))
            }
          >
            下载导入模板
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button icon={<ImportOutlined />} loading={busy === 'upload'}>
              导入
            </Button>
          </Upload>
        </>
      )}
      <Button
        icon={<ExportOutlined />}
        loading={busy === 'export'}
        onClick={() => run('export', () => download(`/api/export/${kind}`, exportQuery, `${LABEL[kind]}名册.xlsx`))}
      >
        导出
      </Button>
      {job && (
        <ImportProgressModal
          jobId={job.id}
          fileName={job.fileName}
          kindLabel={LABEL[kind]}
          onClose={(imported) => {
            setJob(null);
            if (imported) onImported?.();
          }}
        />
      )}
    </Space>
  );
}
