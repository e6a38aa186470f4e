/** Public progress pages (staff side) and follows, typed from common/contracts/publicsets.ts. */
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type { Static } from '@sinclair/typebox';
import type { DocumentPage } from '../../../../common/contracts/documents.ts';
import type * as P from '../../../../common/contracts/publicsets.ts';
import type { SetBody, SetDetail, StatusCounts } from '../../../../common/contracts/publicsets.ts';
import { api, request } from '../../api/client.ts';

export const setKeys = { all: ['publicsets'] as const, set: (id: number) => ['publicsets', 'set', id] as const };

export const listSets = () => api.get<Static<typeof P.SetList>>('/api/public-sets');
export const getSet = (id: number) => api.get<SetDetail>(`/api/public-sets/${id}`);
export const createSet = (b: SetBody) => api.post<Created>('/api/public-sets', b);
export const patchSet = (id: number, b: Static<typeof P.SetPatch>) => api.patch<Ok>(`/api/public-sets/${id}`, b);
export const addTasks = (id: number, taskIds: number[]) => api.post<Ok>(`/api/public-sets/${id}/items`, { taskIds });
export const removeTask = (id: number, taskId: number) =>
  request<Ok>('DELETE', `/api/public-sets/${id}/items/${taskId}`);
export const setLagReason = (id: number, taskId: number, lagReason: string | null) =>
  api.patch<Ok>(`/api/public-sets/${id}/items/${taskId}`, { lagReason });
export const publishSet = (id: number, b: Static<typeof P.PublishBody>) =>
  api.post<Ok>(`/api/public-sets/${id}/publish`, b);
export const unpublishSet = (id: number) => api.post<Ok>(`/api/public-sets/${id}/unpublish`);
export const listFeedback = (id: number, q: Static<typeof P.FeedbackQuery>) =>
  api.get<Static<typeof P.FeedbackList>>(`/api/public-sets/${id}/feedback`, q);
export const moderate = (id: number, fid: number, b: Static<typeof P.ModerateBody>) =>
  api.post<Ok>(`/api/public-sets/${id}/feedback/${fid}/moderate`, b);

/** The latest 100 documents, to start a set from one (their tasks come along). */
export const recentDocuments = () => api.get<Static<typeof DocumentPage>>('/api/documents', { pageSize: 100 });

export const listFollows = () => api.get<Static<typeof P.FollowList>>('/api/task-follows');
export const follow = (taskId: number) => request<Ok>('PUT', `/api/task-follows/${taskId}`);
export const unfollow = (taskId: number) => request<Ok>('DELETE', `/api/task-follows/${taskId}`);

export const STATUS_COLORS: Record<string, string> = { 提前完成: 'green', 已完成: 'cyan', 按序时: 'blue', 滞后: 'red' };
export const countsText = (c: StatusCounts) =>
  `共 ${c.total} 项:提前完成 ${c.early},已完成 ${c.done},按序时 ${c.onTrack},滞后 ${c.lagging}`;
