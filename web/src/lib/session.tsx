import { createContext, useContext } from 'react';
import type { Me } from '../../../common/contracts/auth.ts';
import type { Permission } from '../../../common/enums.ts';

/**
 * The signed-in user, as features see it. The provider that fills it (and reacts to auth errors)
 * is composed in app/auth.tsx; features import only this hook, so the layering runs one way:
 * app → features → lib/api.
 */
export interface AuthState {
  me: Me | null;
  /** Why the user was sent to the login page (e.g. 登录已超时), shown there. */
  notice: string | null;
  loading: boolean;
  refresh(): Promise<Me | null>;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  can(permission?: Permission | null): boolean;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth() {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
