/** The 工作台 API, typed from common/contracts/supervision.ts; keys under 'tasks' (tasks change it). */
import type { Dashboard, DashboardQuery, ProjectTimeline } from '../../../../common/contracts/supervision.ts';
import { api } from '../../api/client.ts';

export const dashboardKeys = {
  dashboard: (q: DashboardQuery) => ['tasks', 'dashboard', q] as const,
  project: (id: number) => ['tasks', 'project', id] as const,
};

export const dashboardApi = {
  get: (q: DashboardQuery) => api.get<Dashboard>('/api/dashboard', q),
  project: (id: number) => api.get<ProjectTimeline>(`/api/dashboard/projects/${id}`),
};
