import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  AdjustmentInput,
  AssessmentCreate,
  AssessmentDetail,
  AssessmentList,
  AssessmentListQuery,
  Computed,
  MonthlyScoreInput,
  ObjectionAnswer,
  ObjectionInput,
  ObjectionList,
  ObjectionParams,
  PublicityInput,
} from '../../../common/contracts/assessments.ts';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as pub from './assessment-publicity.service.ts';
import * as svc from './assessment.service.ts';
import { compute } from './assessment.compute.ts';

const tags = ['年度综合考核'];

export default async function assessmentRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/assessments',
    {
      config: { permission: 'indicator.read' },
      schema: {
        tags,
        summary: '年度综合考核(组织的与本单位参加的)',
        querystring: AssessmentListQuery,
        response: { 200: AssessmentList },
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query.year),
  );
  app.post(
    '/api/assessments',
    {
      config: { permission: 'indicator.manage' },
      schema: { tags, summary: '设立考核方案(权重合计 100%)', body: AssessmentCreate, response: { 200: Created } },
    },
    async (req) => svc.create(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/assessments/:id',
    {
      config: { permission: 'indicator.read' },
      schema: {
        tags,
        summary: '考核结果与逐项得分(被考核单位只见本单位)',
        params: IdParams,
        response: { 200: AssessmentDetail },
      },
    },
    async (req) => svc.detail(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/assessments/:id/scores',
    {
      config: { permission: 'indicator.manage' },
      schema: {
        tags,
        summary: '平时考核得分(须写明依据)',
        params: IdParams,
        body: MonthlyScoreInput,
        response: { 200: Ok },
      },
    },
    async (req) => svc.setScore(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assessments/:id/adjustments',
    {
      config: { permission: 'indicator.manage' },
      schema: {
        tags,
        summary: '加分、扣分、一票否决(须写明理由)',
        params: IdParams,
        body: AdjustmentInput,
        response: { 200: Created },
      },
    },
    async (req) => svc.addAdjustment(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/assessments/:id/compute',
    {
      config: { permission: 'indicator.manage' },
      schema: {
        tags,
        summary: '从记录计算各单位得分、排名与等次(名额控制)',
        params: IdParams,
        response: { 200: Computed },
      },
    },
    async (req) => compute(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/assessments/:id/publicity',
    {
      config: { permission: 'indicator.manage' },
      schema: {
        tags,
        summary: '公示(异议期按工作日计)',
        params: IdParams,
        body: PublicityInput,
        response: { 200: Ok },
      },
    },
    async (req) => pub.startPublicity(ctx, actorOf(req), req.params.id, req.body?.startDate),
  );
  app.post(
    '/api/assessments/:id/objections',
    {
      config: { permission: 'indicator.read' },
      schema: { tags, summary: '公示期内提出异议', params: IdParams, body: ObjectionInput, response: { 200: Created } },
    },
    async (req) => pub.object(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/assessments/:id/objections',
    {
      config: { permission: 'indicator.read' },
      schema: { tags, summary: '异议及答复', params: IdParams, response: { 200: ObjectionList } },
    },
    async (req) => pub.objections(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/assessments/:id/objections/:objectionId/answer',
    {
      config: { permission: 'indicator.manage' },
      schema: { tags, summary: '答复异议', params: ObjectionParams, body: ObjectionAnswer, response: { 200: Ok } },
    },
    async (req) => pub.answer(ctx, actorOf(req), req.params.id, req.params.objectionId, req.body),
  );
  app.post(
    '/api/assessments/:id/publish',
    {
      config: { permission: 'indicator.manage' },
      schema: { tags, summary: '公示期满、异议答复后发布', params: IdParams, response: { 200: Ok } },
    },
    async (req) => pub.publish(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/assessments/:id/results.xlsx',
    {
      config: { permission: 'indicator.read', raw: true },
      schema: { tags, summary: '考核结果表(.xlsx)', params: IdParams },
    },
    async (req, reply) => {
      const f = await pub.resultsXlsx(ctx, actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .send(f.data);
    },
  );
}
