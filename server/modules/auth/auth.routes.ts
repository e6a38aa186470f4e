import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ChangePasswordBody,
  LoginBody,
  LoginResult,
  Me,
  SetupBody,
  SetupStatus,
} from '../../../common/contracts/auth.ts';
import { Ok } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { actorOf } from '../../lib/http.ts';
import * as auth from './auth.service.ts';

export const SESSION_COOKIE = 'luoshi_sid';
const tags = ['认证'];

/** The caller's session (set by the auth hook on every 'authenticated' route). */
function sessionOf(req: FastifyRequest) {
  if (!req.sessionId || !req.csrfToken) throw new AppError('UNAUTHENTICATED', 401, '请先登录');
  return { id: req.sessionId, csrfToken: req.csrfToken };
}

export default async function authRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.cookieSecure };

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', csrfExempt: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '登录',
        description:
          '成功后设置 httpOnly 会话 Cookie,并在响应中返回 csrfToken:此后的所有修改类请求须带请求头 `x-csrf-token`。',
        body: LoginBody,
        response: { 200: LoginResult },
      },
    },
    async (req, reply) => {
      const r = await auth.login(ctx, req.body.username.trim(), req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, r.sessionToken, cookieOpts);
      return { user: r.user, csrfToken: r.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '退出登录', response: { 200: Ok } } },
    async (req, reply) => {
      await auth.logout(ctx, sessionOf(req).id, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '当前用户、权限与 CSRF 令牌', response: { 200: Me } },
    },
    async (req) => auth.me(ctx, actorOf(req), sessionOf(req).csrfToken),
  );

  app.post(
    '/api/auth/change-password',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '修改本人密码', body: ChangePasswordBody, response: { 200: Ok } },
    },
    async (req) => {
      await auth.changePassword(ctx, actorOf(req), sessionOf(req).id, req.body.oldPassword, req.body.newPassword);
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/setup',
    {
      config: { permission: 'public', csrfExempt: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, summary: '用一次性初始化链接创建首个系统管理员', body: SetupBody, response: { 200: Ok } },
    },
    async (req) => {
      await auth.completeSetup(ctx, req.body.token, req.body.username, req.body.password);
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/setup-status',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '是否已有系统管理员', response: { 200: SetupStatus } },
    },
    async () => ({ initialized: await auth.hasAdmin(ctx) }),
  );
}
