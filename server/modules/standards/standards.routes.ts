import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams, Ok, Type } from '../../../common/contracts/common.ts';
import {
  AnswerBody,
  DirectGradeBody,
  EntryParams,
  GradeResult,
  ManualBody,
  ManualDetail,
  ManualList,
  ManualListQuery,
  ManualSaved,
  ManualUpdateBody,
  ObjectionBody,
  ObjectionList,
  ObjectionParams,
  PublicityBody,
  ResultList,
  ReviewBody,
  RoundBody,
  RoundDetail,
  RoundList,
  SelfScoreBody,
  Sheet,
} from '../../../common/contracts/standards.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as grading from './grading.service.ts';
import * as manuals from './manuals.service.ts';
import evidenceRoutes from './evidence.routes.ts';
import exportRoutes from './exports.routes.ts';
import rectifyRoutes from './rectify.routes.ts';
import * as rounds from './rounds.service.ts';
import * as sheets from './sheet.service.ts';

const tags = ['标准化'];
const NoBody = Type.Object({}, { additionalProperties: false });

export default async function standardsRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  fastify.addHook('onReady', async () => {
    await manuals.ensureDefaults(ctx);
  });
  await fastify.register(rectifyRoutes, { ctx });
  await fastify.register(exportRoutes, { ctx });
  await fastify.register(evidenceRoutes, { ctx });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // Manuals are county-wide reference data (like the calendar): every reader sees them.
  app.get(
    '/api/standards/manuals',
    {
      config: { permission: 'standards.read' },
      schema: {
        tags,
        summary: '评分手册(默认各手册的最新版本)',
        querystring: ManualListQuery,
        response: { 200: ManualList },
      },
    },
    async (req) => manuals.list(ctx, !!req.query.all),
  );
  app.get(
    '/api/standards/manuals/:id',
    {
      config: { permission: 'standards.read' },
      schema: { tags, summary: '评分手册详情(维度、项目、等次)', params: IdParams, response: { 200: ManualDetail } },
    },
    async (req) => manuals.get(ctx, req.params.id),
  );
  app.post(
    '/api/standards/manuals',
    {
      config: { permission: 'standards.manage' },
      schema: { tags, summary: '新建评分手册', body: ManualBody, response: { 201: ManualSaved } },
    },
    async (req, reply) => reply.code(201).send(await manuals.create(ctx, actorOf(req), req.body)),
  );
  app.put(
    '/api/standards/manuals/:id',
    {
      config: { permission: 'standards.manage' },
      schema: {
        tags,
        summary: '保存评分手册(已被轮次使用时生成新版本)',
        params: IdParams,
        body: ManualUpdateBody,
        response: { 200: ManualSaved },
      },
    },
    async (req) => manuals.update(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/standards/rounds',
    { config: { permission: 'standards.read' }, schema: { tags, summary: '评定轮次', response: { 200: RoundList } } },
    async (req) => rounds.list(ctx, actorOf(req)),
  );
  app.post(
    '/api/standards/rounds',
    {
      config: { permission: 'standards.manage' },
      schema: { tags, summary: '发起评定轮次', body: RoundBody, response: { 201: Created } },
    },
    async (req, reply) => reply.code(201).send(await rounds.create(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/standards/rounds/:id',
    {
      config: { permission: 'standards.read' },
      schema: { tags, summary: '轮次进度看板', params: IdParams, response: { 200: RoundDetail } },
    },
    async (req) => rounds.detail(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/standards/rounds/:id/results',
    {
      config: { permission: 'standards.read' },
      schema: { tags, summary: '评定结果与排名', params: IdParams, response: { 200: ResultList } },
    },
    async (req) => rounds.results(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/standards/rounds/:id/grade',
    {
      config: { permission: 'standards.manage' },
      schema: { tags, summary: '评定等次', params: IdParams, body: NoBody, response: { 200: GradeResult } },
    },
    async (req) => grading.grade(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/standards/rounds/:id/publicity',
    {
      config: { permission: 'standards.manage' },
      schema: { tags, summary: '开始公示', params: IdParams, body: PublicityBody, response: { 200: Ok } },
    },
    async (req) => grading.startPublicity(ctx, actorOf(req), req.params.id, req.body.startDate),
  );
  app.post(
    '/api/standards/rounds/:id/publish',
    {
      config: { permission: 'standards.manage' },
      schema: { tags, summary: '公示期满后发布结果', params: IdParams, body: NoBody, response: { 200: Ok } },
    },
    async (req) => grading.publish(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/standards/rounds/:id/objections',
    {
      config: { permission: 'standards.read' },
      schema: { tags, summary: '公示异议', params: IdParams, response: { 200: ObjectionList } },
    },
    async (req) => grading.objections(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/standards/rounds/:id/objections',
    {
      config: { permission: 'standards.score' },
      schema: {
        tags,
        summary: '对公示结果提出异议',
        params: IdParams,
        body: ObjectionBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send(await grading.object(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/standards/rounds/:id/objections/:objectionId/answer',
    {
      config: { permission: 'standards.manage' },
      schema: {
        tags,
        summary: '答复异议(可更正分数或等次)',
        params: ObjectionParams,
        body: AnswerBody,
        response: { 200: Ok },
      },
    },
    async (req) => grading.answer(ctx, actorOf(req), req.params.id, req.params.objectionId, req.body),
  );

  app.get(
    '/api/standards/entries/:id',
    {
      config: { permission: 'standards.read' },
      schema: { tags, summary: '支部评分表(自评与初核并列)', params: EntryParams, response: { 200: Sheet } },
    },
    async (req) => sheets.sheet(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/standards/entries/:id/self',
    {
      config: { permission: 'standards.score' },
      schema: {
        tags,
        summary: '支部自评(保存或提交)',
        params: EntryParams,
        body: SelfScoreBody,
        response: { 200: Ok },
      },
    },
    async (req) => sheets.saveSelf(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/standards/entries/:id/review',
    {
      config: { permission: 'standards.score' },
      schema: { tags, summary: '上级初核(可逐项退回)', params: EntryParams, body: ReviewBody, response: { 200: Ok } },
    },
    async (req) => sheets.review(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/standards/entries/:id/approve',
    {
      config: { permission: 'standards.manage' },
      schema: { tags, summary: '组织部审定', params: EntryParams, body: NoBody, response: { 200: Ok } },
    },
    async (req) => sheets.approve(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/standards/entries/:id/direct-grade',
    {
      config: { permission: 'standards.manage' },
      schema: {
        tags,
        summary: '直接定级(上级荣誉)',
        params: EntryParams,
        body: DirectGradeBody,
        response: { 200: Ok },
      },
    },
    async (req) => grading.directGrade(ctx, actorOf(req), req.params.id, req.body),
  );
}
