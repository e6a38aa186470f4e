/** The rectification ledger API, typed from common/contracts/rectifications.ts; keys under 'rectifications'. */
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type {
  ApproveCloseBody,
  ApproveCloseResult,
  EvidenceBody,
  NewRectification,
  RecheckBody,
  RecheckResult,
  RectDetail,
  RectExportQuery,
  RectPage,
  RectPatch,
  RectQuery,
  RectSummaryPage,
  RectSummaryQuery,
} from '../../../../common/contracts/rectifications.ts';
import { api, download } from '../../api/client.ts';

export const rectKeys = {
  all: ['rectifications'] as const,
  list: (q: RectQuery) => ['rectifications', 'list', q] as const,
  summary: (q: RectSummaryQuery) => ['rectifications', 'summary', q] as const,
  detail: (id: number) => ['rectifications', 'detail', id] as const,
};

const r = (id: number) => `/api/rectifications/${id}`;

export const rectApi = {
  list: (q: RectQuery) => api.get<RectPage>('/api/rectifications', q),
  summary: (q: RectSummaryQuery) => api.get<RectSummaryPage>('/api/rectifications/summary', q),
  get: (id: number) => api.get<RectDetail>(r(id)),
  create: (body: NewRectification) => api.post<Created>('/api/rectifications', body),
  update: (id: number, body: RectPatch) => api.patch<Ok>(r(id), body),
  addEvidence: (id: number, body: EvidenceBody) => api.post<Created>(`${r(id)}/evidence`, body),
  applyClose: (id: number, note?: string) => api.post<Ok>(`${r(id)}/apply-close`, { note }),
  approveClose: (id: number, body: ApproveCloseBody) => api.post<ApproveCloseResult>(`${r(id)}/approve-close`, body),
  rejectClose: (id: number, opinion: string) => api.post<Ok>(`${r(id)}/reject-close`, { opinion }),
  recheck: (id: number, body: RecheckBody) => api.post<RecheckResult>(`${r(id)}/recheck`, body),
  downloadLedger: (q: RectExportQuery) => download('/api/rectifications/export.xlsx', q, '问题整改台账.xlsx'),
  downloadLedgerDocx: (q: RectExportQuery) => download('/api/rectifications/export.docx', q, '问题整改台账.docx'),
  downloadSummary: (q: RectSummaryQuery) => download('/api/rectifications/summary.xlsx', q, '整改情况汇总.xlsx'),
  downloadEvidence: (id: number, e: { id: number; fileName: string | null }) =>
    download(`${r(id)}/evidence/${e.id}`, undefined, e.fileName ?? '佐证材料'),
};
