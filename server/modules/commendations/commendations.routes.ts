import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as C from '../../../common/contracts/commendations.ts';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { actorOf, readUpload, sendFile } from '../../lib/http.ts';
import { listDocx, listXlsx } from './exports.ts';
import * as nom from './nominations.service.ts';
import * as pub from './publicity.service.ts';
import * as rounds from './rounds.service.ts';

const tags = ['评选表彰'];

export default async function commendationRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/commend-rounds',
    {
      config: { permission: 'commend.read' },
      schema: {
        tags,
        summary: '表彰(本级设立的与上级设立的)',
        querystring: C.RoundListQuery,
        response: { 200: C.RoundList },
      },
    },
    async (req) => rounds.list(ctx, actorOf(req), req.query.year),
  );
  app.post(
    '/api/commend-rounds',
    {
      config: { permission: 'commend.manage' },
      schema: { tags, summary: '设立表彰(类别与名额)', body: C.RoundCreate, response: { 200: Created } },
    },
    async (req) => rounds.create(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/commend-rounds/:id',
    {
      config: { permission: 'commend.read' },
      schema: {
        tags,
        summary: '名额使用与推荐(推荐单位只见本单位的)',
        params: IdParams,
        response: { 200: C.RoundDetail },
      },
    },
    async (req) => rounds.detail(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/commend-rounds/:id/nominations',
    {
      config: { permission: 'commend.nominate' },
      schema: { tags, summary: '推荐(草稿)', params: IdParams, body: C.NominationInput, response: { 200: Created } },
    },
    async (req) => nom.create(ctx, actorOf(req), req.params.id, req.body),
  );
  app.patch(
    '/api/commend-nominations/:id',
    {
      config: { permission: 'commend.nominate' },
      schema: { tags, summary: '修改事迹与组织意见', params: IdParams, body: C.NominationPatch, response: { 200: Ok } },
    },
    async (req) => nom.patch(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/commend-nominations/:id/file',
    {
      config: { permission: 'commend.nominate' },
      schema: { tags, summary: '上传推荐附件(multipart,文件字段 file)', params: IdParams, response: { 200: Ok } },
    },
    async (req) => nom.attach(ctx, actorOf(req), req.params.id, await readUpload(req)),
  );
  app.get(
    '/api/commend-nominations/:id/file',
    {
      config: { permission: 'commend.read', raw: true },
      schema: { tags, summary: '下载推荐附件', params: IdParams },
    },
    async (req, reply) => sendFile(reply, await nom.download(ctx, actorOf(req), req.params.id)),
  );
  app.post(
    '/api/commend-nominations/:id/submit',
    {
      config: { permission: 'commend.nominate' },
      schema: { tags, summary: '报送上级审核', params: IdParams, response: { 200: Ok } },
    },
    async (req) => nom.submit(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/commend-nominations/:id/review',
    {
      config: { permission: 'commend.nominate' },
      schema: { tags, summary: '上级审核(通过/退回)', params: IdParams, body: C.Decision, response: { 200: Ok } },
    },
    async (req) => nom.review(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/commend-nominations/:id/approve',
    {
      config: { permission: 'commend.manage' },
      schema: {
        tags,
        summary: '表彰单位审定(名额控制)',
        params: IdParams,
        body: C.Decision,
        response: { 200: C.DecisionResult },
      },
    },
    async (req) => nom.approve(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/commend-rounds/:id/publicity',
    {
      config: { permission: 'commend.manage' },
      schema: { tags, summary: '公示(工作日计)', params: IdParams, body: C.PublicityInput, response: { 200: Ok } },
    },
    async (req) => pub.startPublicity(ctx, actorOf(req), req.params.id, req.body?.startDate),
  );
  app.post(
    '/api/commend-nominations/:id/objections',
    {
      config: { permission: 'commend.read' },
      schema: {
        tags,
        summary: '公示期内提出异议',
        params: IdParams,
        body: C.ObjectionInput,
        response: { 200: Created },
      },
    },
    async (req) => pub.object(ctx, actorOf(req), req.params.id, req.body.text),
  );
  app.get(
    '/api/commend-rounds/:id/objections',
    {
      config: { permission: 'commend.read' },
      schema: { tags, summary: '异议及答复', params: IdParams, response: { 200: C.CommendObjectionList } },
    },
    async (req) => pub.objections(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/commend-objections/:id/answer',
    {
      config: { permission: 'commend.manage' },
      schema: {
        tags,
        summary: '答复异议(成立则撤销该推荐)',
        params: IdParams,
        body: C.ObjectionAnswer,
        response: { 200: Ok },
      },
    },
    async (req) => pub.answer(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/commend-rounds/:id/publish',
    {
      config: { permission: 'commend.manage' },
      schema: {
        tags,
        summary: '公示期满后发布,记入荣誉',
        params: IdParams,
        body: C.PublishInput,
        response: { 200: Ok },
      },
    },
    async (req) => pub.publish(ctx, actorOf(req), req.params.id, req.body?.docNo),
  );
  app.get(
    '/api/commend-rounds/:id/list.xlsx',
    {
      config: { permission: 'commend.read', raw: true },
      schema: { tags, summary: '表彰名单(.xlsx)', params: IdParams },
    },
    async (req, reply) => sendFile(reply, await listXlsx(ctx, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/commend-rounds/:id/list.docx',
    {
      config: { permission: 'commend.read', raw: true },
      schema: { tags, summary: '表彰名单(.docx)', params: IdParams },
    },
    async (req, reply) => sendFile(reply, await listDocx(ctx, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/orgs/:id/honours',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '组织获得的表彰', params: IdParams, response: { 200: C.HonourList } },
    },
    async (req) => pub.orgHonours(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/members/:id/honours',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '党员获得的表彰(党员本人只见自己的)',
        params: IdParams,
        response: { 200: C.HonourList },
      },
    },
    async (req) => pub.memberHonours(ctx, actorOf(req), req.params.id),
  );
}
