/** Sign-in, the current user, own password and first-run setup, typed from common/contracts/auth.ts. */
import type {
  ChangePasswordBody,
  LoginBody,
  LoginResult,
  Me,
  SetupBody,
  SetupStatus,
} from '../../../../common/contracts/auth.ts';
import type { Ok } from '../../../../common/contracts/common.ts';
import { api } from '../../api/client.ts';

// The session calls handle their own 401s (quietAuth): a wrong password is not a session expiry.
const quiet = { quietAuth: true };

export const authKeys = { setupStatus: ['auth', 'setup-status'] as const };

export const authApi = {
  me: () => api.get<Me>('/api/auth/me', undefined, quiet),
  login: (b: LoginBody) => api.post<LoginResult>('/api/auth/login', b, quiet),
  logout: () => api.post<Ok>('/api/auth/logout', {}, quiet),
  changePassword: (b: ChangePasswordBody) => api.post<Ok>('/api/auth/change-password', b),
  setup: (b: SetupBody) => api.post<Ok>('/api/auth/setup', b, quiet),
  setupStatus: () => api.get<SetupStatus>('/api/auth/setup-status'),
};
