import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, Ok, Created } from '../../../common/contracts/common.ts';
import {
  AnswerBody,
  CancelBody,
  CheckResult,
  ConfirmBody,
  FindingBody,
  FindingCreated,
  FindingList,
  FindingQuery,
  FlagBody,
  Heat,
  LeaderList,
  Limits,
  MergeBody,
  ProposalBody,
  ProposalParams,
  Unvisited,
  UnvisitedQuery,
  VisitBody,
  VisitCreated,
  VisitDetail,
  VisitList,
  VisitPatch,
  VisitQuery,
  YearQuery,
} from '../../../common/contracts/research.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { actorOf } from '../../lib/http.ts';
import * as findings from './findings.service.ts';
import * as overview from './overview.service.ts';
import * as coordination from './coordination.service.ts';
import * as visits from './visits.service.ts';

const tags = ['调研统筹'];

export default async function researchRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const year = (y?: number) => y ?? Number(localDate(ctx.clock.now()).slice(0, 4));

  app.get(
    '/api/research-visits',
    {
      config: { permission: 'research.read' },
      schema: {
        tags,
        summary: '调研安排(列表与日历;本单位登记的和到本单位的)',
        querystring: VisitQuery,
        response: { 200: VisitList },
      },
    },
    async (req) => overview.list(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/research-visits/check',
    {
      config: { permission: 'research.plan' },
      schema: {
        tags,
        summary: '统筹检查(不保存):撞车、接待过多、陪同超标、经典路线',
        body: VisitBody,
        response: { 200: CheckResult },
      },
    },
    async (req) => visits.check(ctx, actorOf(req), req.body),
  );
  app.post(
    '/api/research-visits',
    {
      config: { permission: 'research.plan' },
      schema: {
        tags,
        summary: '登记调研(年度计划或临时备案),返回统筹提示',
        body: VisitBody,
        response: { 201: VisitCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await visits.create(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/research-visits/leaders',
    {
      config: { permission: 'research.read' },
      schema: { tags, summary: '带队领导(按领导看日历)', response: { 200: LeaderList } },
    },
    async (req) => overview.leaders(ctx, actorOf(req)),
  );
  app.get(
    '/api/research-visits/:id',
    {
      config: { permission: 'research.read' },
      schema: {
        tags,
        summary: '调研详情(统筹提示、撞车的其他调研、以往成果)',
        params: IdParams,
        response: { 200: VisitDetail },
      },
    },
    async (req) => overview.get(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/research-visits/:id',
    {
      config: { permission: 'research.plan' },
      schema: {
        tags,
        summary: '修改待统筹的调研',
        params: IdParams,
        body: VisitPatch,
        response: { 200: VisitCreated },
      },
    },
    async (req) => visits.update(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/research-visits/:id/confirm',
    {
      config: { permission: 'research.coordinate' },
      schema: {
        tags,
        summary: '确认安排(有统筹提示时须填理由)',
        params: IdParams,
        body: ConfirmBody,
        response: { 200: Ok },
      },
    },
    async (req) => coordination.confirm(ctx, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/research-visits/:id/merge',
    {
      config: { permission: 'research.coordinate' },
      schema: { tags, summary: '合并同类项:并入另一调研组', params: IdParams, body: MergeBody, response: { 200: Ok } },
    },
    async (req) => coordination.merge(ctx, actorOf(req), req.params.id, req.body.intoVisitId),
  );
  app.post(
    '/api/research-visits/:id/cancel',
    {
      config: { permission: 'research.plan' },
      schema: { tags, summary: '取消调研', params: IdParams, body: CancelBody, response: { 200: Ok } },
    },
    async (req) => coordination.cancel(ctx, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/research-visits/:id/proposals',
    {
      config: { permission: 'research.coordinate' },
      schema: { tags, summary: '建议调整时间或地点', params: IdParams, body: ProposalBody, response: { 201: Created } },
    },
    async (req, reply) =>
      reply.status(201).send(await coordination.propose(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/research-visits/:id/proposals/:proposalId/answer',
    {
      config: { permission: 'research.plan' },
      schema: {
        tags,
        summary: '答复调整建议(接受则按建议修改)',
        params: ProposalParams,
        body: AnswerBody,
        response: { 200: VisitCreated },
      },
    },
    async (req) => coordination.answer(ctx, actorOf(req), req.params.id, req.params.proposalId, req.body.accept),
  );
  app.post(
    '/api/research-visits/:id/flags',
    {
      config: { permission: 'research.read' },
      schema: { tags, summary: '接待方反馈撞车', params: IdParams, body: FlagBody, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await coordination.flag(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/research-visits/:id/findings',
    {
      config: { permission: 'research.plan' },
      schema: {
        tags,
        summary: '记录调研成果(可转督查任务或整改事项)',
        params: IdParams,
        body: FindingBody,
        response: { 201: FindingCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await findings.record(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/research-findings',
    {
      config: { permission: 'research.read' },
      schema: { tags, summary: '调研成果共享', querystring: FindingQuery, response: { 200: FindingList } },
    },
    async (req) => findings.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/research/heat',
    {
      config: { permission: 'research.read' },
      schema: { tags, summary: '各乡镇每月调研批次(热力表)', querystring: YearQuery, response: { 200: Heat } },
    },
    async (req) => overview.heat(ctx, actorOf(req), year(req.query.year)),
  );
  app.get(
    '/api/research/unvisited',
    {
      config: { permission: 'research.read' },
      schema: { tags, summary: '本年度尚无调研的地方', querystring: UnvisitedQuery, response: { 200: Unvisited } },
    },
    async (req) => overview.unvisited(ctx, actorOf(req), year(req.query.year), req.query.level ?? 'village'),
  );
  app.get(
    '/api/research/settings',
    {
      config: { permission: 'research.read' },
      schema: { tags, summary: '统筹规则(间隔、上限、陪同)', response: { 200: Limits } },
    },
    async () => overview.getLimits(ctx),
  );
  app.put(
    '/api/research/settings',
    {
      config: { permission: 'research.coordinate' },
      schema: { tags, summary: '修改统筹规则', body: Limits, response: { 200: Limits } },
    },
    async (req) => overview.putLimits(ctx, actorOf(req), req.body),
  );
}
