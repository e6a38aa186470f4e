import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  AcceptBody,
  CandidateList,
  CandidateQuery,
  ModelBody,
  ModelList,
  ModelQuery,
  PlanBody,
  PlanDetail,
  PlanList,
  PlanListQuery,
  PlanProblemParams,
  ProgressBody,
} from '../../../common/contracts/standards.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as rectify from './rectify.service.ts';

const tags = ['标准化'];

/** 整顿 list, plans (problems in the rectification ledger), monthly progress, 验收; 示范点. */
export default async function rectifyRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/standards/rounds/:id/rectify-candidates',
    {
      config: { permission: 'standards.manage' },
      schema: {
        tags,
        summary: '整顿对象建议(全县排名末位及直接认定情形)',
        params: IdParams,
        querystring: CandidateQuery,
        response: { 200: CandidateList },
      },
    },
    async (req) => rectify.candidates(ctx, actorOf(req), req.params.id, req.query.percent ?? 10),
  );
  app.get(
    '/api/standards/plans',
    {
      config: { permission: 'standards.read' },
      schema: { tags, summary: '整顿台账', querystring: PlanListQuery, response: { 200: PlanList } },
    },
    async (req) => rectify.listPlans(ctx, actorOf(req), req.query.status),
  );
  app.post(
    '/api/standards/plans',
    {
      config: { permission: 'standards.manage' },
      schema: { tags, summary: '列入整顿并制定整顿方案', body: PlanBody, response: { 201: Created } },
    },
    async (req, reply) => reply.code(201).send(await rectify.createPlan(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/standards/plans/:id',
    {
      config: { permission: 'standards.read' },
      schema: { tags, summary: '整顿方案详情', params: IdParams, response: { 200: PlanDetail } },
    },
    async (req) => rectify.planDetail(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/standards/plans/:id/progress',
    {
      config: { permission: 'standards.score' },
      schema: { tags, summary: '报送月度整顿进展', params: IdParams, body: ProgressBody, response: { 200: Ok } },
    },
    async (req) => rectify.addProgress(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/standards/plans/:id/problems/:problemId/accept',
    {
      config: { permission: 'standards.score' },
      schema: { tags, summary: '逐条验收', params: PlanProblemParams, body: AcceptBody, response: { 200: Ok } },
    },
    async (req) => rectify.accept(ctx, actorOf(req), req.params.id, req.params.problemId, req.body.note),
  );
  app.get(
    '/api/standards/models',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '示范点', querystring: ModelQuery, response: { 200: ModelList } },
    },
    async (req) => rectify.listModels(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/standards/models',
    {
      config: { permission: 'standards.manage' },
      schema: { tags, summary: '命名示范点', body: ModelBody, response: { 201: Created } },
    },
    async (req, reply) => reply.code(201).send(await rectify.nameModel(ctx, actorOf(req), req.body)),
  );
}
