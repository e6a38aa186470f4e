/** 调研统筹 API, typed from the contract (common/contracts/research.ts). */
import type { Static } from '@sinclair/typebox';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type * as R from '../../../../common/contracts/research.ts';
import type {
  CheckResult,
  FindingBody,
  Heat,
  Limits,
  ProposalBody,
  Unvisited,
  VisitBody,
  VisitCreated,
  VisitDetail,
  VisitList,
  VisitQuery,
} from '../../../../common/contracts/research.ts';
import { api, request } from '../../api/client.ts';

export const researchKeys = {
  all: ['research'] as const,
  list: (q: VisitQuery) => ['research', 'list', q] as const,
  visit: (id: number) => ['research', 'visit', id] as const,
};

export const listVisits = (q: VisitQuery) => api.get<VisitList>('/api/research-visits', q);
export const leaders = () => api.get<Static<typeof R.LeaderList>>('/api/research-visits/leaders');
export const getVisit = (id: number) => api.get<VisitDetail>(`/api/research-visits/${id}`);
export const checkVisit = (b: VisitBody) => api.post<CheckResult>('/api/research-visits/check', b);
export const createVisit = (b: VisitBody) => api.post<VisitCreated>('/api/research-visits', b);
export const patchVisit = (id: number, b: Partial<VisitBody>) =>
  api.patch<VisitCreated>(`/api/research-visits/${id}`, b);
export const confirmVisit = (id: number, reason?: string) =>
  api.post<Ok>(`/api/research-visits/${id}/confirm`, { reason });
export const mergeVisit = (id: number, intoVisitId: number) =>
  api.post<Ok>(`/api/research-visits/${id}/merge`, { intoVisitId });
export const cancelVisit = (id: number, reason: string) =>
  api.post<Ok>(`/api/research-visits/${id}/cancel`, { reason });
export const propose = (id: number, b: ProposalBody) => api.post<Created>(`/api/research-visits/${id}/proposals`, b);
export const answer = (id: number, proposalId: number, accept: boolean) =>
  api.post<VisitCreated>(`/api/research-visits/${id}/proposals/${proposalId}/answer`, { accept });
export const flagVisit = (id: number, note: string, orgId?: number) =>
  api.post<Created>(`/api/research-visits/${id}/flags`, { note, orgId });
export const recordFinding = (id: number, b: FindingBody) =>
  api.post<Static<typeof R.FindingCreated>>(`/api/research-visits/${id}/findings`, b);
export const listFindings = (q: Static<typeof R.FindingQuery>) =>
  api.get<Static<typeof R.FindingList>>('/api/research-findings', q);
export const heat = (year: number) => api.get<Heat>('/api/research/heat', { year });
export const unvisited = (year: number, level: 'township' | 'village') =>
  api.get<Unvisited>('/api/research/unvisited', { year, level });
export const getLimits = () => api.get<Limits>('/api/research/settings');
export const putLimits = (l: Limits) => request<Limits>('PUT', '/api/research/settings', { body: l });
