/** Member calls and query keys, typed from common/contracts/members.ts. */
import { useQuery } from '@tanstack/react-query';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type {
  MemberCreateBody,
  MemberDetail,
  MemberList,
  MemberPatchBody,
  MemberQuery,
} from '../../../../common/contracts/members.ts';
import { api, download } from '../../api/client.ts';

export const memberKeys = {
  all: ['members'] as const,
  list: (q: MemberQuery) => ['members', 'list', q] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
  search: (orgId?: number) => ['members', 'search', orgId ?? null] as const,
};

export const membersApi = {
  list: (q: MemberQuery, signal?: AbortSignal) => api.get<MemberList>('/api/members', q, { signal }),
  get: (id: number) => api.get<MemberDetail>(`/api/members/${id}`),
  create: (b: MemberCreateBody) => api.post<Created>('/api/members', b),
  update: (id: number, b: MemberPatchBody) => api.patch<Ok>(`/api/members/${id}`, b),
  downloadRecord: (id: number, name: string) =>
    download(`/api/members/${id}/record.docx`, undefined, `党员档案-${name}.docx`),
};

export const useMember = (id: number | null) =>
  useQuery({
    queryKey: memberKeys.detail(id ?? 0),
    queryFn: () => membersApi.get(id ?? 0),
    enabled: id !== null,
  });
