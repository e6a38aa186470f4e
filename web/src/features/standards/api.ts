/** 标准化 API, typed from the contract (common/contracts/standards.ts). */
import type { Static } from '@sinclair/typebox';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type * as S from '../../../../common/contracts/standards.ts';
import type {
  ManualDetail,
  ManualList,
  PlanBody,
  ResultList,
  ReviewBody,
  RoundBody,
  RoundDetail,
  RoundList,
  SelfScoreBody,
  Sheet,
} from '../../../../common/contracts/standards.ts';
import type {
  CandidateList,
  ModelList,
  ObjectionList,
  PlanDetail,
  PlanList,
} from '../../../../common/contracts/standards.ts';
import { api, download, request } from '../../api/client.ts';

export const stdKeys = {
  all: ['standards'] as const,
  manuals: ['standards', 'manuals'] as const,
  manual: (id: number) => ['standards', 'manual', id] as const,
  rounds: ['standards', 'rounds'] as const,
  round: (id: number) => ['standards', 'round', id] as const,
  sheet: (id: number) => ['standards', 'sheet', id] as const,
  plans: ['standards', 'plans'] as const,
  plan: (id: number) => ['standards', 'plan', id] as const,
  models: (orgId?: number) => ['standards', 'models', orgId ?? 0] as const,
};

export const listManuals = (all = false) => api.get<ManualList>('/api/standards/manuals', all ? { all: true } : {});
export const getManual = (id: number) => api.get<ManualDetail>(`/api/standards/manuals/${id}`);
export const saveManual = (id: number, b: Static<typeof S.ManualUpdateBody>) =>
  request<Static<typeof S.ManualSaved>>('PUT', `/api/standards/manuals/${id}`, { body: b });
export const listRounds = () => api.get<RoundList>('/api/standards/rounds');
export const createRound = (b: RoundBody) => api.post<Created>('/api/standards/rounds', b);
export const getRound = (id: number) => api.get<RoundDetail>(`/api/standards/rounds/${id}`);
export const roundResults = (id: number) => api.get<ResultList>(`/api/standards/rounds/${id}/results`);
export const gradeRound = (id: number) =>
  api.post<Static<typeof S.GradeResult>>(`/api/standards/rounds/${id}/grade`, {});
export const startPublicity = (id: number) => api.post<Ok>(`/api/standards/rounds/${id}/publicity`, {});
export const publishRound = (id: number) => api.post<Ok>(`/api/standards/rounds/${id}/publish`, {});
export const listObjections = (id: number) => api.get<ObjectionList>(`/api/standards/rounds/${id}/objections`);
export const addObjection = (id: number, orgId: number, text: string) =>
  api.post<Created>(`/api/standards/rounds/${id}/objections`, { orgId, text });
export const answerObjection = (
  id: number,
  objectionId: number,
  b: { answer: string; newTotal?: number; newGrade?: string },
) => api.post<Ok>(`/api/standards/rounds/${id}/objections/${objectionId}/answer`, b);
export const candidates = (id: number, percent: number) =>
  api.get<CandidateList>(`/api/standards/rounds/${id}/rectify-candidates`, { percent });

export const getSheet = (id: number) => api.get<Sheet>(`/api/standards/entries/${id}`);
export const saveSelf = (id: number, b: SelfScoreBody) =>
  request<Ok>('PUT', `/api/standards/entries/${id}/self`, { body: b });
export const reviewEntry = (id: number, b: ReviewBody) => api.post<Ok>(`/api/standards/entries/${id}/review`, b);
export const uploadEvidence = (id: number, code: string, type: string, note: string, file: File) => {
  const form = new FormData();
  // text fields before the file: the server reads them first (lib/http.ts readUpload)
  form.append('code', code);
  form.append('type', type);
  if (note) form.append('note', note);
  form.append('file', file);
  return api.upload<Created>(`/api/standards/entries/${id}/files`, form);
};
export const deleteEvidence = (id: number, fileId: number) =>
  request<Ok>('DELETE', `/api/standards/entries/${id}/files/${fileId}`);
export const evidencePath = (id: number, fileId: number) => `/api/standards/entries/${id}/files/${fileId}`;
export const approveEntry = (id: number) => api.post<Ok>(`/api/standards/entries/${id}/approve`, {});
export const directGrade = (id: number, grade: string, reason: string) =>
  api.post<Ok>(`/api/standards/entries/${id}/direct-grade`, { grade, reason });

export const listPlans = () => api.get<PlanList>('/api/standards/plans');
export const createPlan = (b: PlanBody) => api.post<Created>('/api/standards/plans', b);
export const getPlan = (id: number) => api.get<PlanDetail>(`/api/standards/plans/${id}`);
export const addProgress = (id: number, month: string, text: string) =>
  api.post<Ok>(`/api/standards/plans/${id}/progress`, { month, text });
export const acceptProblem = (id: number, problemId: number, note: string) =>
  api.post<Ok>(`/api/standards/plans/${id}/problems/${problemId}/accept`, { note });
export const listModels = (orgId?: number) => api.get<ModelList>('/api/standards/models', orgId ? { orgId } : {});
export const nameModel = (orgId: number, year: number, reason: string) =>
  api.post<Created>('/api/standards/models', { orgId, year, reason });

export const downloadFile = (path: string, name: string) => download(path, undefined, name);

export const STATUS_COLORS: Record<string, string> = {
  待自评: 'default',
  已退回: 'red',
  待初核: 'orange',
  待审定: 'blue',
  已审定: 'green',
  评分中: 'processing',
  公示中: 'orange',
  已发布: 'green',
  整顿中: 'red',
  已摘帽: 'green',
};
