import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/windows.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as appeals from './appeals.service.ts';
import * as cases from './cases.service.ts';

const tags = ['作风监督·差评工单'];

export default async function casesRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/rating-cases',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '差评工单(红黄绿灯)', querystring: C.CaseListQuery, response: { 200: C.CaseList } },
    },
    async (req) => cases.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/rating-cases/:id',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '差评工单详情', params: IdParams, response: { 200: C.CaseDetail } },
    },
    async (req) => cases.get(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/rating-cases/:id/phone',
    {
      config: { permission: 'window.manage' },
      schema: { tags, summary: '查看回访电话(仅用于回访,留痕)', params: IdParams, response: { 200: C.CasePhone } },
    },
    async (req) => cases.phone(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/rating-cases/:id/verify',
    {
      config: { permission: 'window.manage' },
      schema: { tags, summary: '核实', params: IdParams, body: C.VerifyBody, response: { 200: C.CaseStatusOk } },
    },
    async (req) => cases.verify(ctx, actorOf(req), req.params.id, req.body.note),
  );
  app.post(
    '/api/rating-cases/:id/callback',
    {
      config: { permission: 'window.manage' },
      schema: {
        tags,
        summary: '记录回访(是否接通、群众意见)',
        params: IdParams,
        body: C.CallbackBody,
        response: { 200: C.CaseStatusOk },
      },
    },
    async (req) => cases.callback(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/rating-cases/:id/resolve',
    {
      config: { permission: 'window.manage' },
      schema: {
        tags,
        summary: '处置:整改(进入问题整改台账)或解释说明',
        params: IdParams,
        body: C.ResolveBody,
        response: { 200: C.CaseStatusOk },
      },
    },
    async (req) => cases.resolve(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/rating-cases/:id/close',
    {
      config: { permission: 'window.manage' },
      schema: {
        tags,
        summary: '办结(须已回访、已处置)',
        params: IdParams,
        body: C.CloseBody,
        response: { 200: C.CaseStatusOk },
      },
    },
    async (req) => cases.close(ctx, actorOf(req), req.params.id, req.body.note),
  );
  app.post(
    '/api/rating-cases/:id/appeal',
    {
      config: { permission: 'window.manage' },
      schema: {
        tags,
        summary: '申诉复核(恶意或误评)',
        params: IdParams,
        body: C.AppealBody,
        response: { 200: C.CaseStatusOk },
      },
    },
    async (req) => appeals.appeal(ctx, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/rating-cases/:id/appeal-decision',
    {
      config: { permission: 'window.supervise' },
      schema: {
        tags,
        summary: '复核申诉(成立则该评价不计入统计)',
        params: IdParams,
        body: C.AppealDecisionBody,
        response: { 200: C.CaseStatusOk },
      },
    },
    async (req) => appeals.decideAppeal(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/ratings/:id/release',
    {
      config: { permission: 'window.supervise' },
      schema: { tags, summary: '确认计入待核评价(差评随即立案)', params: IdParams, response: { 200: C.Converted } },
    },
    async (req) => appeals.releaseRating(ctx, actorOf(req), req.params.id),
  );
}
