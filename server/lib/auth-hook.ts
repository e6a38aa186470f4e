/**
 * Authentication, CSRF, forced password change and the role's permission, checked in one place for
 * every /api route — in `onRequest`, before the body is even parsed. Subtree scope is checked later,
 * as data (lib/scope.ts).
 */
import type { FastifyRequest } from 'fastify';
import { ROLE_PERMISSIONS } from '../../common/enums.ts';
import type { Ctx } from '../context.ts';
import { SESSION_COOKIE } from '../modules/auth/auth.routes.ts';
import { resolveSession } from '../modules/auth/auth.service.ts';
import { AppError } from './errors.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function authHook(ctx: Ctx) {
  return async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const permission = req.routeOptions.config?.permission;
    if (!permission) return; // unknown route: the 404 handler answers
    const token = req.cookies?.[SESSION_COOKIE];
    const s = await resolveSession(ctx, token, req.ip, req.log);
    if (s.state === 'ok') {
      req.actor = s.actor;
      req.sessionId = s.sessionId;
      req.csrfToken = s.csrfToken;
    }
    if (permission === 'public') return;
    if (s.state !== 'ok') {
      throw s.state === 'expired'
        ? new AppError('SESSION_EXPIRED', 401, '登录已超时,请重新登录')
        : new AppError('UNAUTHENTICATED', 401, '请先登录');
    }
    if (MUTATING.has(req.method) && !req.routeOptions.config.csrfExempt) {
      if (req.headers['x-csrf-token'] !== s.csrfToken)
        throw new AppError('CSRF_FAILED', 403, '安全校验失败(缺少或错误的 x-csrf-token),请刷新页面后重试');
    }
    if (s.mustChangePassword && permission !== 'authenticated') {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 403, '管理员已重置您的密码,请先修改密码');
    }
    if (permission !== 'authenticated' && !ROLE_PERMISSIONS[s.actor.role].includes(permission)) {
      throw new AppError('FORBIDDEN', 403, '没有执行此操作的权限');
    }
  };
}
