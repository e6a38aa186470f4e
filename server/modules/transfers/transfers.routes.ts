import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  ApproveBody,
  RejectBody,
  TargetQuery,
  Transfer,
  TransferCreateBody,
  TransferList,
  TransferListQuery,
  TransferTargets,
} from '../../../common/contracts/transfers.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as svc from './transfers.service.ts';

const tags = ['组织关系转接'];

export default async function transferRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/transfers',
    {
      config: { permission: 'transfer.read' },
      schema: {
        tags,
        summary: '转接申请列表(box=todo 为待我审批)',
        querystring: TransferListQuery,
        response: { 200: TransferList },
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/transfers/:id',
    {
      config: { permission: 'transfer.read' },
      schema: { tags, summary: '转接申请详情与办理记录', params: IdParams, response: { 200: Transfer } },
    },
    async (req) => svc.get(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/transfers/targets',
    {
      config: { permission: 'transfer.create' },
      schema: {
        tags,
        summary: '可接收组织关系的组织名录(全县,仅名称与编码)',
        querystring: TargetQuery,
        response: { 200: TransferTargets },
      },
    },
    async (req) => svc.directory(ctx, req.query.q),
  );

  app.post(
    '/api/transfers',
    {
      config: { permission: 'transfer.create' },
      schema: { tags, summary: '发起组织关系转接', body: TransferCreateBody, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body)),
  );

  app.post(
    '/api/transfers/:id/approve',
    {
      config: { permission: 'transfer.approve' },
      schema: { tags, summary: '审批通过 / 接收', params: IdParams, body: ApproveBody, response: { 200: Ok } },
    },
    async (req) => svc.approve(ctx, actorOf(req), req.params.id, req.body.opinion),
  );

  app.post(
    '/api/transfers/:id/reject',
    {
      config: { permission: 'transfer.approve' },
      schema: { tags, summary: '退回(须填理由)', params: IdParams, body: RejectBody, response: { 200: Ok } },
    },
    async (req) => svc.reject(ctx, actorOf(req), req.params.id, req.body.opinion),
  );

  app.post(
    '/api/transfers/:id/revoke',
    {
      config: { permission: 'transfer.create' },
      schema: { tags, summary: '撤销申请(转出方)', params: IdParams, response: { 200: Ok } },
    },
    async (req) => svc.revoke(ctx, actorOf(req), req.params.id),
  );
}
