import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/reviews.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { publicBase } from '../../lib/public-url.ts';
import * as camp from './campaigns.service.ts';
import * as closing from './close.service.ts';
import * as meet from './meeting.service.ts';
import * as part from './participants.service.ts';

const tags = ['述职评议'];

/** Campaigns, participants and tokens, and the meeting (agenda, speaker, big screen). */
export default async function campaignRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const params = IdParams;

  app.post(
    '/api/reviews',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '新建述职评议活动', body: C.NewCampaign, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await camp.create(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/reviews',
    {
      config: { permission: 'review.read' },
      schema: { tags, summary: '评议活动列表', querystring: C.CampaignQuery, response: { 200: C.CampaignPage } },
    },
    async (req) => camp.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/reviews/:id',
    {
      config: { permission: 'review.read' },
      schema: { tags, summary: '评议活动详情', params, response: { 200: C.Campaign } },
    },
    async (req) => camp.get(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/reviews/:id',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '修改评议活动', params, body: C.CampaignPatch, response: { 200: Ok } },
    },
    async (req) => camp.update(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/reviews/:id/open-voting',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '开始投票', params, response: { 200: Ok } },
    },
    async (req) => camp.openVoting(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/reviews/:id/close',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '结束投票(202:已停止投票,后台计票;计票完成后结果启封,进度见评议活动的 closing)',
        params,
        response: { 202: C.CloseStarted },
      },
    },
    async (req, reply) => reply.code(202).send(await closing.close(ctx, actorOf(req), req.params.id, app.log)),
  );
  app.get(
    '/api/reviews/:id/turnout',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '投票进度(已发放 / 已使用),不含结果', params, response: { 200: C.Turnout } },
    },
    async (req) => camp.turnout(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/api/reviews/:id/tokens',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '生成一次性选票码(仅此一次返回明文;qr=true 同时返回二维码)',
        params,
        body: C.TokensBody,
        response: { 200: C.Tokens },
      },
    },
    async (req) =>
      // base + loopback: the sheet prints the links and warns when phones cannot reach them.
      part.generateTokens(ctx, actorOf(req), req.params.id, req.body.count, {
        qr: req.body.qr,
        ...publicBase(ctx.config, req),
      }),
  );
  app.get(
    '/api/reviews/:id/participants',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '参评人员名单(含是否已领取选票码)',
        params,
        response: { 200: C.ParticipantPage },
      },
    },
    async (req) => part.listParticipants(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/reviews/:id/participants',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '添加参评人员(可含列席人员)',
        params,
        body: C.ParticipantsBody,
        response: { 200: C.ParticipantsAdded },
      },
    },
    async (req) => part.addParticipants(ctx, actorOf(req), req.params.id, req.body.items),
  );
  app.post(
    '/api/reviews/:id/participants/:pid/issue',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '向名单中的人员发放选票码(只记录已领取,不记录是哪一张)',
        params: C.ParticipantParams,
        response: { 200: C.IssuedToken },
      },
    },
    async (req) => part.issueToParticipant(ctx, actorOf(req), req.params.id, req.params.pid),
  );

  app.get(
    '/api/reviews/:id/agenda',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '会议议程(口头述职顺序与时限)', params, response: { 200: C.Agenda } },
    },
    async (req) => meet.agenda(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/reviews/:id/agenda',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '调整述职顺序与每人时限', params, body: C.AgendaBody, response: { 200: Ok } },
    },
    async (req) => meet.setAgenda(ctx, actorOf(req), req.params.id, req.body.items),
  );
  app.post(
    '/api/reviews/:id/meeting/speaker',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '开始某人述职计时(orgId 为 null 则停止)',
        params,
        body: C.SpeakerBody,
        response: { 200: C.SpeakerSet },
      },
    },
    async (req) => meet.setSpeaker(ctx, actorOf(req), req.params.id, req.body.orgId),
  );
  app.get(
    '/api/reviews/:id/screen',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '大屏:议程、述职倒计时、投票进度(从不显示结果)',
        params,
        response: { 200: C.Screen },
      },
    },
    async (req) => meet.screen(ctx, actorOf(req), req.params.id),
  );
}
