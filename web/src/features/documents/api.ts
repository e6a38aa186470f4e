/** The documents API, typed from common/contracts/documents.ts; keys under 'documents'. */
import type { Created } from '../../../../common/contracts/common.ts';
import type {
  DocumentDetail,
  DocumentPage,
  DocumentQuery,
  Extraction,
  NewDocument,
  Published,
  PublishRow,
} from '../../../../common/contracts/documents.ts';
import type { DraftAnswer, DraftSaved, SaveDraftBody } from '../../../../common/contracts/review-draft.ts';
import type { Ok } from '../../../../common/contracts/common.ts';
import { api, request } from '../../api/client.ts';

export const documentKeys = {
  all: ['documents'] as const,
  list: (q: DocumentQuery) => ['documents', 'list', q] as const,
  detail: (id: number) => ['documents', 'detail', id] as const,
};

/** An uploaded .docx / .txt: the text fields go first, the server reads them as the stream arrives. */
export interface DocumentUpload extends Omit<NewDocument, 'text'> {
  file: File;
}

export const documentsApi = {
  list: (q: DocumentQuery) => api.get<DocumentPage>('/api/documents', q),
  get: (id: number) => api.get<DocumentDetail>(`/api/documents/${id}`),
  create: (body: NewDocument) => api.post<Created>('/api/documents', body),
  upload: (u: DocumentUpload) => {
    const fd = new FormData();
    fd.append('title', u.title ?? '');
    fd.append('date', u.date);
    if (u.meeting) fd.append('meeting', u.meeting);
    if (u.issuingUnit) fd.append('issuingUnit', u.issuingUnit);
    if (u.allowDuplicate) fd.append('allowDuplicate', 'true');
    fd.append('file', u.file);
    return api.upload<Created>('/api/documents/upload', fd);
  },
  extract: (id: number) => api.post<Extraction>(`/api/documents/${id}/extract`),
  publish: (id: number, tasks: PublishRow[]) => api.post<Published>(`/api/documents/${id}/publish`, { tasks }),
  draft: (id: number) => api.get<DraftAnswer>(`/api/documents/${id}/review-draft`),
  saveDraft: (id: number, body: SaveDraftBody) => api.put<DraftSaved>(`/api/documents/${id}/review-draft`, body),
  discardDraft: (id: number) => request<Ok>('DELETE', `/api/documents/${id}/review-draft`),
};
