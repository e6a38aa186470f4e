import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  AddItemsBody,
  FeedbackList,
  FeedbackParams,
  FeedbackQuery,
  FollowList,
  ItemParams,
  ItemPatch,
  ModerateBody,
  PublicFeedbackBody,
  PublicSetList,
  PublishBody,
  SetBody,
  SetDetail,
  SetList,
  SetPatch,
  TaskIdParams,
} from '../../../common/contracts/publicsets.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { actorOf } from '../../lib/http.ts';
import * as feedback from './feedback.service.ts';
import * as follows from './follow.service.ts';
import publicPages from './pages.routes.ts';
import { listSets } from './public.service.ts';
import * as sets from './sets.service.ts';

const tags = ['进展公开'];

export default async function publicSetRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  await fastify.register(publicPages, { ctx });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // Public JSON (no login).
  app.get(
    '/api/public/sets',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '已公开的清单及各状态数量(无需登录)', response: { 200: PublicSetList } },
    },
    async () => listSets(ctx.db, localDate(ctx.clock.now())),
  );
  app.post(
    '/api/public/sets/:id/items/:taskId/feedback',
    {
      config: { permission: 'public', csrfExempt: true },
      schema: {
        tags,
        summary: '群众意见或公示异议(审核后公开,限频)',
        params: ItemParams,
        body: PublicFeedbackBody,
        response: { 201: Created },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await feedback.submit(ctx, req.params.id, req.params.taskId, req.body, req.ip)),
  );

  // Staff: sets.
  app.get(
    '/api/public-sets',
    { config: { permission: 'publicset.manage' }, schema: { tags, summary: '公开清单', response: { 200: SetList } } },
    async (req) => sets.list(ctx, actorOf(req)),
  );
  app.post(
    '/api/public-sets',
    {
      config: { permission: 'publicset.manage' },
      schema: { tags, summary: '新建公开清单(可从文件带入任务)', body: SetBody, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await sets.create(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/public-sets/:id',
    {
      config: { permission: 'publicset.manage' },
      schema: { tags, summary: '公开清单详情', params: IdParams, response: { 200: SetDetail } },
    },
    async (req) => sets.get(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/public-sets/:id',
    {
      config: { permission: 'publicset.manage' },
      schema: { tags, summary: '修改标题、说明', params: IdParams, body: SetPatch, response: { 200: Ok } },
    },
    async (req) => sets.patch(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/public-sets/:id/items',
    {
      config: { permission: 'publicset.manage' },
      schema: { tags, summary: '加入任务', params: IdParams, body: AddItemsBody, response: { 200: Ok } },
    },
    async (req) => sets.addTasks(ctx, actorOf(req), req.params.id, req.body.taskIds),
  );
  app.delete(
    '/api/public-sets/:id/items/:taskId',
    {
      config: { permission: 'publicset.manage' },
      schema: { tags, summary: '移出任务', params: ItemParams, response: { 200: Ok } },
    },
    async (req) => sets.removeTask(ctx, actorOf(req), req.params.id, req.params.taskId),
  );
  app.patch(
    '/api/public-sets/:id/items/:taskId',
    {
      config: { permission: 'publicset.manage' },
      schema: { tags, summary: '填写公开的滞后原因', params: ItemParams, body: ItemPatch, response: { 200: Ok } },
    },
    async (req) => sets.setLagReason(ctx, actorOf(req), req.params.id, req.params.taskId, req.body.lagReason),
  );
  app.post(
    '/api/public-sets/:id/publish',
    {
      config: { permission: 'publicset.manage' },
      schema: {
        tags,
        summary: '发布(可作为公示,异议期默认 7 天)',
        params: IdParams,
        body: PublishBody,
        response: { 200: Ok },
      },
    },
    async (req) => sets.publish(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/public-sets/:id/unpublish',
    {
      config: { permission: 'publicset.manage' },
      schema: { tags, summary: '撤回发布', params: IdParams, response: { 200: Ok } },
    },
    async (req) => sets.unpublish(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/public-sets/:id/feedback',
    {
      config: { permission: 'publicset.manage' },
      schema: {
        tags,
        summary: '群众意见(含待审核)',
        params: IdParams,
        querystring: FeedbackQuery,
        response: { 200: FeedbackList },
      },
    },
    async (req) => feedback.list(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/public-sets/:id/feedback/:feedbackId/moderate',
    {
      config: { permission: 'publicset.manage' },
      schema: {
        tags,
        summary: '审核群众意见(公开或不予公开,可答复)',
        params: FeedbackParams,
        body: ModerateBody,
        response: { 200: Ok },
      },
    },
    async (req) => feedback.moderate(ctx, actorOf(req), req.params.id, req.params.feedbackId, req.body),
  );

  // Staff: following tasks.
  app.get(
    '/api/task-follows',
    { config: { permission: 'task.read' }, schema: { tags, summary: '我关注的任务', response: { 200: FollowList } } },
    async (req) => follows.mine(ctx, actorOf(req)),
  );
  app.put(
    '/api/task-follows/:taskId',
    {
      config: { permission: 'task.read' },
      schema: { tags, summary: '关注任务(状态变化时收到通知)', params: TaskIdParams, response: { 200: Ok } },
    },
    async (req) => follows.follow(ctx, actorOf(req), req.params.taskId),
  );
  app.delete(
    '/api/task-follows/:taskId',
    {
      config: { permission: 'task.read' },
      schema: { tags, summary: '取消关注', params: TaskIdParams, response: { 200: Ok } },
    },
    async (req) => follows.unfollow(ctx, actorOf(req), req.params.taskId),
  );
}
