import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, Enum, IdParams, Ok, Paging } from '../../lib/schemas.ts';
import { ROLES } from '../../../common/enums.ts';
import * as svc from './users.service.ts';

const tags = ['账号与权限'];
const Role = Enum(Object.keys(ROLES), '角色');

export default async function userRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/users',
    {
      config: { permission: 'user.read' },
      schema: {
        tags,
        summary: '账号列表(管辖范围内)',
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ maxLength: 50 })), ...Paging },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query as any),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        summary: '新建账号(首次登录须改密码)',
        body: Body({
          username: Type.String({ title: '用户名', minLength: 2, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' }),
          displayName: Type.String({ title: '姓名', minLength: 1, maxLength: 30 }),
          role: Role,
          scopeOrgId: Type.Integer({ title: '管辖范围', minimum: 1 }),
          memberId: Type.Optional(Type.Union([Type.Integer({ title: '关联党员', minimum: 1 }), Type.Null()])),
          password: Type.String({ title: '初始密码', minLength: 1, maxLength: 128 }),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body as any)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        summary: '修改账号',
        params: IdParams,
        body: Body({
          displayName: Type.Optional(Type.String({ title: '姓名', minLength: 1, maxLength: 30 })),
          role: Type.Optional(Role),
          scopeOrgId: Type.Optional(Type.Integer({ title: '管辖范围', minimum: 1 })),
          disabled: Type.Optional(Type.Boolean({ title: '停用' })),
        }),
      },
    },
    async (req) => svc.update(ctx, actorOf(req), (req.params as any).id, req.body as any),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { permission: 'user.manage' },
      schema: { tags, summary: '重置密码(返回一次性临时密码,下次登录须修改)', params: IdParams },
    },
    async (req) => svc.resetPassword(ctx, actorOf(req), (req.params as any).id),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        summary: '解除登录锁定(各地址的锁定与账号的登录减速;密码不变)',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => svc.unlock(ctx, actorOf(req), (req.params as any).id),
  );
}
