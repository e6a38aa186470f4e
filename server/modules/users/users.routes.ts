import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  TemporaryPassword,
  UserCreateBody,
  UserList,
  UserListQuery,
  UserPatchBody,
} from '../../../common/contracts/users.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as svc from './users.service.ts';

const tags = ['账号与权限'];

export default async function userRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/users',
    {
      config: { permission: 'user.read' },
      schema: { tags, summary: '账号列表(管辖范围内)', querystring: UserListQuery, response: { 200: UserList } },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'user.manage' },
      schema: { tags, summary: '新建账号(首次登录须改密码)', body: UserCreateBody, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'user.manage' },
      schema: { tags, summary: '修改账号', params: IdParams, body: UserPatchBody, response: { 200: Ok } },
    },
    async (req) => svc.update(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        summary: '重置密码(返回一次性临时密码,下次登录须修改)',
        params: IdParams,
        response: { 200: TemporaryPassword },
      },
    },
    async (req) => svc.resetPassword(ctx, actorOf(req), req.params.id),
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
    async (req) => svc.unlock(ctx, actorOf(req), req.params.id),
  );
}
