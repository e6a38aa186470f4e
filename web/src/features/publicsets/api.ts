/** Public progress pages (staff side) and follows, typed from common/contracts/publicsets.ts. */
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type {
  FeedbackItem,
  SetBody,
  SetDetail,
  SetSummary,
  StatusCounts,
} from '../../../../common/contracts/publicsets.ts';
import { api, request } from '../../api/client.ts';

export const setKeys = { all: ['publicsets'] as const, set: (id: number) => ['publicsets', 'set', id] as const };

export const listSets = () => api.get<{ items: SetSummary[] }>('/api/public-sets');
export const getSet = (id: number) => api.get<SetDetail>(`/api/public-sets/${id}`);
export const createSet = (b: SetBody) => api.post<Created>('/api/public-sets', b);
export const patchSet = (id: number, b: { title?: string; intro?: string | null }) =>
  api.patch<Ok>(`/api/public-sets/${id}`, b);
export const addTasks = (id: number, taskIds: number[]) => api.post<Ok>(`/api/public-sets/${id}/items`, { taskIds });
export const removeTask = (id: number, taskId: number) =>
  request<Ok>('DELETE', `/api/public-sets/${id}/items/${taskId}`);
export const setLagReason = (id: number, taskId: number, lagReason: string | null) =>
  api.patch<Ok>(`/api/public-sets/${id}/items/${taskId}`, { lagReason });
export const publishSet = (id: number, b: { publicity?: boolean; objectionDays?: number }) =>
  api.post<Ok>(`/api/public-sets/${id}/publish`, b);
export const unpublishSet = (id: number) => api.post<Ok>(`/api/public-sets/${id}/unpublish`);
export const listFeedback = (id: number, q: { status?: string; page?: number; pageSize?: number }) =>
  api.get<{ items: FeedbackItem[]; total: number }>(`/api/public-sets/${id}/feedback`, q);
export const moderate = (id: number, fid: number, b: { decision: '已公开' | '不予公开'; reply?: string | null }) =>
  api.post<Ok>(`/api/public-sets/${id}/feedback/${fid}/moderate`, b);

export const listFollows = () =>
  api.get<{
    items: { taskId: number; text: string; leadUnit: string; status: string; progress: number; followedAt: string }[];
  }>('/api/task-follows');
export const follow = (taskId: number) => request<Ok>('PUT', `/api/task-follows/${taskId}`);
export const unfollow = (taskId: number) => request<Ok>('DELETE', `/api/task-follows/${taskId}`);

export const STATUS_COLORS: Record<string, string> = { 提前完成: 'green', 已完成: 'cyan', 按序时: 'blue', 滞后: 'red' };
export const countsText = (c: StatusCounts) =>
  `共 ${c.total} 项:提前完成 ${c.early},已完成 ${c.done},按序时 ${c.onTrack},滞后 ${c.lagging}`;
