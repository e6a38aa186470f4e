/** 重点项目 investment: typed calls over the one fetch client; types come from the contract. */
import type { Ok } from '../../../../common/contracts/common.ts';
import type { IndicatorList } from '../../../../common/contracts/indicators.ts';
import type {
  InvestmentGrid,
  InvestmentPlanBody,
  InvestmentReportBody,
  ProjectList,
  ProjectListQuery,
  TaskTargetBody,
} from '../../../../common/contracts/projects.ts';
import { api } from '../../api/client.ts';

export const projectKeys = {
  all: ['projects'] as const,
  list: (q: ProjectListQuery) => ['projects', 'list', q] as const,
  investment: (id: number, year?: number) => ['projects', 'investment', id, year] as const,
};

export const projectsApi = {
  list: (q: ProjectListQuery) => api.get<ProjectList>('/api/projects', q),
  investment: (id: number, year?: number) => api.get<InvestmentGrid>(`/api/projects/${id}/investment`, { year }),
  savePlan: (id: number, b: InvestmentPlanBody) => api.put<Ok>(`/api/projects/${id}/investment/plan`, b),
  report: (id: number, period: string, b: InvestmentReportBody) =>
    api.put<Ok>(`/api/projects/${id}/investment/${period}`, b),
  /** Indicators searched on the server by name (「设为指标目标」 picks one). */
  searchIndicators: (q: string, signal?: AbortSignal) =>
    api.get<IndicatorList>('/api/indicators', { q: q || undefined }, { signal }).then((r) => r.items),
  targetFromTask: (taskId: number, b: TaskTargetBody) => api.post<Ok>(`/api/tasks/${taskId}/indicator-target`, b),
};
