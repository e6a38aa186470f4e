/** 工作台 calls and query keys, typed from common/contracts/workbench.ts. */
import { useQuery } from '@tanstack/react-query';
import type { UnreadCount, Workbench } from '../../../../common/contracts/workbench.ts';
import { api } from '../../api/client.ts';

export const workbenchKeys = { all: ['workbench'] as const, unread: ['workbench', 'unread'] as const };

export const workbenchApi = {
  get: () => api.get<Workbench>('/api/workbench'),
  unread: () => api.get<UnreadCount>('/api/workbench/unread'),
};

export const useWorkbench = (enabled: boolean) =>
  useQuery({ queryKey: workbenchKeys.all, queryFn: workbenchApi.get, enabled });

/** The header bell: refreshed every minute and when the window regains focus. */
export const useUnreadCount = (enabled: boolean) =>
  useQuery({ queryKey: workbenchKeys.unread, queryFn: workbenchApi.unread, enabled, refetchInterval: 60_000 });
