import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { App, Spin } from 'antd';
import { ApiError, onAuthError, setCsrfToken } from '../api/client.ts';
import type { Me } from '../../../common/contracts/auth.ts';
import type { Permission } from '../../../common/enums.ts';
import { authApi } from '../features/auth/api.ts';
import { AuthContext, useAuth } from '../lib/session.tsx';

/**
 * Holds the signed-in user (from GET /api/auth/me) and reacts to auth errors from ANY API call:
 * 401 → login page with a way back; PASSWORD_CHANGE_REQUIRED → the password page. Every change of
 * session goes through setCsrfToken, which empties the query cache (api/query.ts).
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const here = useRef('');
  here.current = location.pathname + location.search;

  const refresh = useCallback(async () => {
    try {
      const m = await authApi.me();
      setCsrfToken(m.csrfToken);
      setMe(m);
      return m;
    } catch (e) {
      // A reload after the idle timeout: say why the login page is shown.
      if (e instanceof ApiError && e.code === 'SESSION_EXPIRED') setNotice(e.message);
      setCsrfToken(null);
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onAuthError((e) => {
        if (e.code === 'PASSWORD_CHANGE_REQUIRED') {
          if (!here.current.startsWith('/change-password'))
            navigate(`/change-password?redirect=${encodeURIComponent(here.current)}`);
          return;
        }
        if (here.current.startsWith('/login')) return;
        setNotice(e.message);
        setMe(null);
        setCsrfToken(null);
        message.warning({ content: e.message, key: 'auth' });
        navigate(`/login?redirect=${encodeURIComponent(here.current)}`, { replace: true });
      }),
    [navigate, message],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const r = await authApi.login({ username, password });
      setCsrfToken(r.csrfToken);
      setNotice(null);
      const m = await refresh();
      if (!m) throw new Error('登录失败');
      return m;
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      /* already gone */
    }
    // A full page load: nothing of the previous user's data stays in memory.
    window.location.assign('/login');
  }, []);

  const can = useCallback((p?: Permission | null) => !p || !!me?.permissions.includes(p), [me]);
  const value = useMemo(
    () => ({ me, notice, loading, refresh, login, logout, can }),
    [me, notice, loading, refresh, login, logout, can],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function FullPageSpin() {
  return (
    <div style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Signed-in users only; users who must change their password are held on that page. */
export function RequireAuth({ children, allowMustChange }: { children: ReactNode; allowMustChange?: boolean }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!me)
    return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.user.mustChangePassword && !allowMustChange)
    return (
      <Navigate to={`/change-password?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  return <>{children}</>;
}
