import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, Enum, IdParams, Paging } from '../../lib/schemas.ts';
import * as svc from './transfers.service.ts';

const tags = ['组织关系转接'];

export default async function transferRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/transfers',
    {
      config: { permission: 'transfer.read' },
      schema: {
        tags,
        summary: '转接申请列表(box=todo 为待我审批)',
        querystring: Type.Object(
          { box: Type.Optional(Enum(['todo', 'all'], '列表')), ...Paging },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query as any),
  );

  app.get(
    '/api/transfers/:id',
    { config: { permission: 'transfer.read' }, schema: { tags, summary: '转接申请详情与办理记录', params: IdParams } },
    async (req) => svc.get(ctx, actorOf(req), (req.params as any).id),
  );

  app.get(
    '/api/transfers/targets',
    {
      config: { permission: 'transfer.create' },
      schema: {
        tags,
        summary: '可接收组织关系的组织名录(全县,仅名称与编码)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false }),
      },
    },
    async (req) => svc.directory(ctx, (req.query as any).q),
  );

  app.post(
    '/api/transfers',
    {
      config: { permission: 'transfer.create' },
      schema: {
        tags,
        summary: '发起组织关系转接',
        body: Body({
          memberId: Type.Integer({ title: '党员', minimum: 1 }),
          toOrgId: Type.Integer({ title: '接收组织', minimum: 1 }),
          reason: Type.String({ title: '转接原因', minLength: 1, maxLength: 500 }),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body as any)),
  );

  app.post(
    '/api/transfers/:id/approve',
    {
      config: { permission: 'transfer.approve' },
      schema: {
        tags,
        summary: '审批通过 / 接收',
        params: IdParams,
        body: Body({ opinion: Type.Optional(Type.String({ title: '意见', maxLength: 500 })) }),
      },
    },
    async (req) => svc.approve(ctx, actorOf(req), (req.params as any).id, (req.body as any)?.opinion),
  );

  app.post(
    '/api/transfers/:id/reject',
    {
      config: { permission: 'transfer.approve' },
      schema: {
        tags,
        summary: '退回(须填理由)',
        params: IdParams,
        body: Body({ opinion: Type.String({ title: '退回理由', minLength: 1, maxLength: 500 }) }),
      },
    },
    async (req) => svc.reject(ctx, actorOf(req), (req.params as any).id, (req.body as any).opinion),
  );

  app.post(
    '/api/transfers/:id/revoke',
    {
      config: { permission: 'transfer.create' },
      schema: { tags, summary: '撤销申请(转出方)', params: IdParams },
    },
    async (req) => svc.revoke(ctx, actorOf(req), (req.params as any).id),
  );
}
