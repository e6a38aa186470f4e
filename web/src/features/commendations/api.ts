/** 评选表彰: typed calls; types from the contract. */
import type {
  CommendObjectionList,
  Decision,
  DecisionResult,
  HonourList,
  NominationInput,
  NominationPatch,
  RoundCreate,
  ObjectionAnswer,
  RoundDetail,
  RoundList,
} from '../../../../common/contracts/commendations.ts';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import { api, download } from '../../api/client.ts';

export const commendKeys = {
  all: ['commendations'] as const,
  list: (year: number) => ['commendations', 'list', year] as const,
  detail: (id: number) => ['commendations', 'detail', id] as const,
  objections: (id: number) => ['commendations', 'objections', id] as const,
  honours: (kind: 'orgs' | 'members', id: number) => ['commendations', 'honours', kind, id] as const,
};
export const commendApi = {
  list: (year: number) => api.get<RoundList>('/api/commend-rounds', { year }),
  get: (id: number) => api.get<RoundDetail>(`/api/commend-rounds/${id}`),
  create: (b: RoundCreate) => api.post<Created>('/api/commend-rounds', b),
  nominate: (roundId: number, b: NominationInput) => api.post<Created>(`/api/commend-rounds/${roundId}/nominations`, b),
  edit: (id: number, b: NominationPatch) => api.patch<Ok>(`/api/commend-nominations/${id}`, b),
  attach: (id: number, file: File) => {
    const f = new FormData();
    f.append('file', file);
    return api.upload<Ok>(`/api/commend-nominations/${id}/file`, f);
  },
  file: (id: number, name: string) => download(`/api/commend-nominations/${id}/file`, undefined, name),
  submit: (id: number) => api.post<Ok>(`/api/commend-nominations/${id}/submit`),
  review: (id: number, b: Decision) => api.post<Ok>(`/api/commend-nominations/${id}/review`, b),
  approve: (id: number, b: Decision) => api.post<DecisionResult>(`/api/commend-nominations/${id}/approve`, b),
  publicity: (id: number) => api.post<Ok>(`/api/commend-rounds/${id}/publicity`, {}),
  publish: (id: number, docNo?: string) => api.post<Ok>(`/api/commend-rounds/${id}/publish`, { docNo }),
  objections: (id: number) => api.get<CommendObjectionList>(`/api/commend-rounds/${id}/objections`),
  object: (nominationId: number, text: string) =>
    api.post<Created>(`/api/commend-nominations/${nominationId}/objections`, { text }),
  answer: (objectionId: number, b: ObjectionAnswer) => api.post<Ok>(`/api/commend-objections/${objectionId}/answer`, b),
  listXlsx: (id: number) => download(`/api/commend-rounds/${id}/list.xlsx`, undefined, '表彰名单.xlsx'),
  listDocx: (id: number) => download(`/api/commend-rounds/${id}/list.docx`, undefined, '表彰名单.docx'),
  honours: (kind: 'orgs' | 'members', id: number) => api.get<HonourList>(`/api/${kind}/${id}/honours`),
};
export const downloadBulletin = (period: string, orgId?: number) =>
  download('/api/indicator-bulletin.docx', { period, orgId }, `经济运行通报-${period}.docx`);
