import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { AppError } from '../../lib/errors.ts';
import * as auth from './auth.service.ts';

export const SESSION_COOKIE = 'luoshi_sid';

export default async function authRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.cookieSecure };

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', csrfExempt: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['认证'],
        summary: '登录',
        description:
          '成功后设置 httpOnly 会话 Cookie,并在响应中返回 csrfToken:此后的所有修改类请求须带请求头 `x-csrf-token`。',
        body: Type.Object(
          {
            username: Type.String({ title: '用户名', minLength: 1, maxLength: 64 }),
            password: Type.String({ title: '密码', minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { username, password } = req.body as { username: string; password: string };
      const r = await auth.login(ctx, username.trim(), password, req.ip);
      reply.setCookie(SESSION_COOKIE, r.sessionToken, cookieOpts);
      return { user: r.user, csrfToken: r.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'authenticated' }, schema: { tags: ['认证'], summary: '退出登录' } },
    async (req, reply) => {
      await auth.logout(ctx, req.sessionId!, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { permission: 'authenticated' }, schema: { tags: ['认证'], summary: '当前用户、权限与 CSRF 令牌' } },
    async (req) => {
      const a = actorOf(req);
      const u = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', a.userId).executeTakeFirstOrThrow();
      const org = await ctx.db
        .selectFrom('org_unit')
        .select(['id', 'name', 'code'])
        .where('id', '=', a.scopeOrgId)
        .executeTakeFirstOrThrow();
      const { ROLE_PERMISSIONS } = await import('../../../common/enums.ts');
      return { user: auth.publicUser(u), scope: org, permissions: ROLE_PERMISSIONS[a.role], csrfToken: req.csrfToken };
    },
  );

  app.post(
    '/api/auth/change-password',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['认证'],
        summary: '修改本人密码',
        body: Type.Object(
          {
            oldPassword: Type.String({ title: '原密码', minLength: 1, maxLength: 128 }),
            newPassword: Type.String({ title: '新密码', minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const b = req.body as { oldPassword: string; newPassword: string };
      await auth.changePassword(ctx, actorOf(req), req.sessionId!, b.oldPassword, b.newPassword);
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/setup',
    {
      config: { permission: 'public', csrfExempt: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['认证'],
        summary: '用一次性初始化链接创建首个系统管理员',
        body: Type.Object(
          {
            token: Type.String({ title: '初始化令牌', minLength: 10, maxLength: 200 }),
            username: Type.String({ title: '用户名', minLength: 2, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' }),
            password: Type.String({ title: '密码', minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const b = req.body as { token: string; username: string; password: string };
      await auth.completeSetup(ctx, b.token, b.username, b.password);
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/setup-status',
    { config: { permission: 'public' }, schema: { tags: ['认证'], summary: '是否已有系统管理员' } },
    async () => {
      const admin = await ctx.db.selectFrom('app_user').select('id').where('role', '=', 'sysadmin').executeTakeFirst();
      return { initialized: !!admin };
    },
  );

  void AppError;
}
