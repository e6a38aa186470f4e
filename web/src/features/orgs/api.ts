/** The org tree's calls and query keys, typed from common/contracts/orgs.ts. */
import { useQuery } from '@tanstack/react-query';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type {
  OrgCreateBody,
  OrgDetail,
  OrgHistory,
  OrgList,
  OrgListQuery,
  OrgMerged,
  OrgNode,
  OrgPatchBody,
  OrgHits,
  OrgSearchQuery,
} from '../../../../common/contracts/orgs.ts';
import { api } from '../../api/client.ts';

/** Every org query starts with 'orgs': a change invalidates them all (counts, tree, history move together). */
export const orgKeys = {
  all: ['orgs'] as const,
  tree: ['orgs', 'tree'] as const,
  list: (q: OrgListQuery) => ['orgs', 'list', q] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  history: (id: number) => ['orgs', 'history', id] as const,
};

export const orgsApi = {
  tree: () => api.get<OrgNode>('/api/orgs/tree'),
  list: (q: OrgListQuery) => api.get<OrgList>('/api/orgs', q),
  search: (q: OrgSearchQuery, signal?: AbortSignal) => api.get<OrgHits>('/api/orgs/search', q, { signal }),
  get: (id: number) => api.get<OrgDetail>(`/api/orgs/${id}`),
  history: (id: number) => api.get<OrgHistory>(`/api/orgs/${id}/history`),
  create: (b: OrgCreateBody) => api.post<Created>('/api/orgs', b),
  update: (id: number, b: OrgPatchBody) => api.patch<Ok>(`/api/orgs/${id}`, b),
  move: (id: number, parentId: number) => api.post<Ok>(`/api/orgs/${id}/move`, { parentId }),
  dissolve: (id: number, reason?: string) => api.post<Ok>(`/api/orgs/${id}/dissolve`, reason ? { reason } : {}),
  merge: (id: number, targetId: number) => api.post<OrgMerged>(`/api/orgs/${id}/merge`, { targetId }),
};

/**
 * The caller's whole tree (a county is ~3,000 nodes): one request shared by every widget and page
 * through the query cache; kept for the session unless a change to the tree invalidates it.
 */
export const useOrgTreeQuery = () =>
  useQuery({ queryKey: orgKeys.tree, queryFn: orgsApi.tree, staleTime: Number.POSITIVE_INFINITY });

export const useOrgDetail = (id: number, enabled = true) =>
  useQuery({ queryKey: orgKeys.detail(id), queryFn: () => orgsApi.get(id), enabled });
export const useOrgHistory = (id: number) =>
  useQuery({ queryKey: orgKeys.history(id), queryFn: () => orgsApi.history(id) });

/** What a change to the tree makes stale: the org queries, and members (merges move them; counts). */
export const ORG_CHANGES = [orgKeys.all, ['members']];
