/** Account management calls and query keys, typed from common/contracts/users.ts. */
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type {
  TemporaryPassword,
  UserCreateBody,
  UserList,
  UserListQuery,
  UserPatchBody,
} from '../../../../common/contracts/users.ts';
import { api } from '../../api/client.ts';

export const userKeys = {
  all: ['users'] as const,
  list: (q: UserListQuery) => ['users', 'list', q] as const,
};

export const usersApi = {
  list: (q: UserListQuery) => api.get<UserList>('/api/users', q),
  create: (b: UserCreateBody) => api.post<Created>('/api/users', b),
  update: (id: number, b: UserPatchBody) => api.patch<Ok>(`/api/users/${id}`, b),
  resetPassword: (id: number) => api.post<TemporaryPassword>(`/api/users/${id}/reset-password`),
  /** Lifts the login lock (every address's lock and the account-wide slowdown); the password stays. */
  unlock: (id: number) => api.post<Ok>(`/api/users/${id}/unlock`),
};
