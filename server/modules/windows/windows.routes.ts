/**
 * 作风监督 routes: windows, posters and tickets, settings and 评价内容, the public rating page's
 * endpoints (no login), plus the case, statistics and 暗访 routes registered from their files.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/windows.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { publicBase } from '../../lib/public-url.ts';
import casesRoutes from './cases.routes.ts';
import inspectionRoutes from './inspections.routes.ts';
import * as pub from './public.service.ts';
import * as settings from './settings.service.ts';
import statsRoutes from './stats.routes.ts';
import * as win from './windows.service.ts';

const tags = ['作风监督·窗口'];
const publicTags = ['作风监督·群众评价(无需登录)'];

export default async function windowRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/windows',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '服务窗口列表', querystring: C.WindowListQuery, response: { 200: C.WindowList } },
    },
    async (req) => win.list(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/windows',
    {
      config: { permission: 'window.manage' },
      schema: { tags, summary: '新建服务窗口(生成窗口码)', body: C.WindowCreate, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await win.create(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/windows/:id',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '窗口详情', params: IdParams, response: { 200: C.WindowDetail } },
    },
    async (req) => win.get(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/windows/:id',
    {
      config: { permission: 'window.manage' },
      schema: { tags, summary: '修改窗口及服务事项', params: IdParams, body: C.WindowPatch, response: { 200: Ok } },
    },
    async (req) => win.update(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/windows/:id/poster',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '窗口评价海报内容(二维码离线生成)', params: IdParams, response: { 200: C.Poster } },
    },
    async (req) => {
      const { base, loopback } = publicBase(ctx.config, req);
      return win.poster(ctx, actorOf(req), req.params.id, base, loopback);
    },
  );
  app.post(
    '/api/windows/:id/tickets',
    {
      config: { permission: 'window.manage' },
      schema: {
        tags,
        summary: '发放"一次一评"评价码(打印在办件回执上)',
        params: IdParams,
        body: C.TicketsBody,
        response: { 200: C.Tickets },
      },
    },
    async (req) => win.issueTickets(ctx, actorOf(req), req.params.id, req.body.count),
  );
  app.get(
    '/api/windows/:id/ratings',
    {
      config: { permission: 'window.read' },
      schema: {
        tags,
        summary: '窗口收到的评价(只读)',
        params: IdParams,
        querystring: C.RatingListQuery,
        response: { 200: C.RatingList },
      },
    },
    async (req) => win.ratings(ctx, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/windows-settings',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '作风监督设置', response: { 200: C.WindowSettings } },
    },
    async () => settings.getSettings(ctx),
  );
  app.patch(
    '/api/windows-settings',
    {
      config: { permission: 'window.supervise' },
      schema: { tags, summary: '修改作风监督设置', body: C.WindowSettingsPatch, response: { 200: C.WindowSettings } },
    },
    async (req) => settings.putSettings(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/rating-content',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '评价内容(各版本)', response: { 200: C.RatingContentList } },
    },
    async () => settings.listContent(ctx),
  );
  app.post(
    '/api/rating-content',
    {
      config: { permission: 'window.supervise' },
      schema: { tags, summary: '发布新版评价内容', body: C.RatingContentCreate, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await settings.addContent(ctx, actorOf(req), req.body)),
  );

  app.get(
    '/api/public/windows/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags: publicTags,
        summary: '评价页:窗口与评价内容',
        params: C.CodeParams,
        response: { 200: C.PublicWindow },
      },
    },
    async (req) => pub.publicWindow(ctx, req.params.code),
  );
  app.post(
    '/api/public/ratings',
    {
      config: { permission: 'public', csrfExempt: true },
      schema: {
        tags: publicTags,
        summary: '提交评价(一次一评;差评返回复评码)',
        body: C.PublicRatingBody,
        response: { 201: C.PublicRatingCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await pub.submitRating(ctx, req.body, req.ip)),
  );
  app.get(
    '/api/public/followups/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags: publicTags,
        summary: '凭复评码查看差评办理情况',
        params: C.FollowUpParams,
        response: { 200: C.PublicFollowUp },
      },
    },
    async (req) => pub.followUp(ctx, req.params.code),
  );
  app.post(
    '/api/public/rerate',
    {
      config: { permission: 'public', csrfExempt: true },
      schema: {
        tags: publicTags,
        summary: '群众对整改结果复评(复评码只能用一次)',
        body: C.PublicRerateBody,
        response: { 200: C.CaseStatusOk },
      },
    },
    async (req) => pub.rerate(ctx, req.body),
  );

  await casesRoutes(fastify, { ctx });
  await statsRoutes(fastify, { ctx });
  await inspectionRoutes(fastify, { ctx });
}
