/** 组织关系转接 calls and query keys, typed from common/contracts/transfers.ts. */
import { useQuery } from '@tanstack/react-query';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type {
  Transfer,
  TransferCreateBody,
  TransferList,
  TransferListQuery,
  TransferTargets,
} from '../../../../common/contracts/transfers.ts';
import { api } from '../../api/client.ts';

export const transferKeys = {
  all: ['transfers'] as const,
  list: (q: TransferListQuery) => ['transfers', 'list', q] as const,
  detail: (id: number) => ['transfers', 'detail', id] as const,
  targets: ['transfers', 'targets'] as const,
};

/** A transfer moves a member between branches: members, org counts and transfers all change. */
export const TRANSFER_CHANGES = [['transfers'], ['members'], ['orgs']];

export const transfersApi = {
  list: (q: TransferListQuery) => api.get<TransferList>('/api/transfers', q),
  get: (id: number) => api.get<Transfer>(`/api/transfers/${id}`),
  targets: (q: string, signal?: AbortSignal) =>
    api.get<TransferTargets>('/api/transfers/targets', { q: q || undefined }, { signal }),
  create: (b: TransferCreateBody) => api.post<Created>('/api/transfers', b),
  approve: (id: number, opinion?: string) => api.post<Ok>(`/api/transfers/${id}/approve`, opinion ? { opinion } : {}),
  reject: (id: number, opinion: string) => api.post<Ok>(`/api/transfers/${id}/reject`, { opinion }),
  revoke: (id: number) => api.post<Ok>(`/api/transfers/${id}/revoke`),
};

const TODO_COUNT = { box: 'todo', page: 1, pageSize: 1 } as const;
/** How many transfers wait for the caller's decision (the tab badge, the home page figure). */
export const useTransfersTodo = (enabled: boolean) =>
  useQuery({ queryKey: transferKeys.list(TODO_COUNT), queryFn: () => transfersApi.list(TODO_COUNT), enabled });
