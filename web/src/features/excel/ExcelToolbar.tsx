import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Upload } from 'antd';
import { DownloadOutlined, ExportOutlined, ImportOutlined } from '@ant-design/icons';
import type { ImportKind } from '../../../../common/contracts/imports.ts';
import type { Query } from '../../api/client.ts';
import { excelApi } from './api.ts';
import ImportProgressModal from './ImportProgressModal.tsx';

/** What an import changes: members also move the org counts. */
const IMPORT_CHANGES: Record<ImportKind, string[][]> = { orgs: [['orgs']], members: [['members'], ['orgs']] };

/**
 * 下载导入模板 / 导入 / 导出 for one kind of record. Export uses the page's current filters, so
 * what is downloaded is what the table shows.
 */
export default function ExcelToolbar({
  kind,
  canImport,
  exportQuery,
}: {
  kind: ImportKind;
  canImport: boolean;
  exportQuery: Query;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [job, setJob] = useState<{ id: string; fileName: string } | null>(null);
  const onError = (e: Error) => message.error(e.message);
  const template = useMutation({ mutationFn: () => excelApi.template(kind), onError });
  const exporting = useMutation({ mutationFn: () => excelApi.export(kind, exportQuery), onError });
  const upload = useMutation({
    mutationFn: (file: File) => excelApi.upload(kind, file),
    onSuccess: (r, file) => setJob({ id: r.jobId, fileName: file.name }),
    onError,
  });

  return (
    <Space wrap>
      {canImport && (
        <>
          <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
            下载导入模板
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(f) => {
              if (/\.xlsx$/i.test(f.name)) upload.mutate(f);
              else message.error('请选择 Excel 文件(.xlsx)');
              return false;
            }}
          >
            <Button icon={<ImportOutlined />} loading={upload.isPending}>
              导入
            </Button>
          </Upload>
        </>
      )}
      <Button icon={<ExportOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()}>
        导出
      </Button>
      {job && (
        <ImportProgressModal
          jobId={job.id}
          fileName={job.fileName}
          kind={kind}
          onClose={(imported) => {
            setJob(null);
            if (imported) for (const queryKey of IMPORT_CHANGES[kind]) void qc.invalidateQueries({ queryKey });
          }}
        />
      )}
    </Space>
  );
}
