/** Excel templates, uploads (a polled job) and exports, typed from common/contracts/imports.ts. */
import type { ImportAccepted, ImportJob, ImportKind } from '../../../../common/contracts/imports.ts';
import { api, download, type Query } from '../../api/client.ts';

export const importKeys = { job: (id: string) => ['import', 'job', id] as const };

export const LABEL: Record<ImportKind, string> = { orgs: '组织', members: '党员' };

export const excelApi = {
  template: (kind: ImportKind) => download(`/api/import/templates/${kind}`, undefined, `${LABEL[kind]}导入模板.xlsx`),
  upload: (kind: ImportKind, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<ImportAccepted>(`/api/import/${kind}`, form);
  },
  job: (id: string) => api.get<ImportJob>(`/api/import/jobs/${id}`),
  errorReport: (id: string, kind: ImportKind) =>
    download(`/api/import/jobs/${id}/error-report`, undefined, `${LABEL[kind]}导入错误报告.xlsx`),
  export: (kind: ImportKind, query: Query) => download(`/api/export/${kind}`, query, `${LABEL[kind]}名册.xlsx`),
};
