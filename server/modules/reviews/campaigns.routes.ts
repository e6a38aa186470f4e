import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, DateStr, Enum, IdParams, Nullable, Paging } from '../../lib/schemas.ts';
import * as camp from './campaigns.service.ts';
import * as meet from './meeting.service.ts';
import * as part from './participants.service.ts';

const tags = ['述职评议'];
const id = (req: any) => req.params.id as number;
const OrgIds = (title: string) =>
  Type.Array(Type.Integer({ minimum: 1, title: '组织编号' }), { title, minItems: 1, maxItems: 1000 });
const Scale = Type.Array(Type.String({ title: '评议等次', minLength: 1, maxLength: 10 }), {
  title: '评议等次',
  minItems: 2,
  maxItems: 6,
});
const Limit = Type.Integer({ title: '每人述职时限(秒)', minimum: 30, maximum: 7200 });
const PidParams = Type.Object(
  { id: Type.Integer({ minimum: 1, title: '编号' }), pid: Type.Integer({ minimum: 1, title: '参评人员编号' }) },
  { additionalProperties: false },
);

export default async function campaignRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.post(
    '/api/reviews',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '新建述职评议活动',
        body: Body({
          title: Type.String({ title: '活动名称', minLength: 2, maxLength: 100 }),
          year: Type.Integer({ title: '年度', minimum: 2000, maximum: 2100 }),
          orgIds: OrgIds('被评议组织'),
          oralOrgIds: Type.Optional(
            Type.Array(Type.Integer({ minimum: 1, title: '组织编号' }), { title: '口头述职组织', maxItems: 1000 }),
          ),
          scale: Type.Optional(Scale),
          reportDeadline: Type.Optional(Nullable(DateStr('述职报告截止日期'))),
          meetingDate: Type.Optional(Nullable(DateStr('会议日期'))),
          speakerLimitSec: Type.Optional(Limit),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await camp.create(ctx, actorOf(req), req.body as any)),
  );

  app.get(
    '/api/reviews',
    {
      config: { permission: 'review.read' },
      schema: {
        tags,
        summary: '评议活动列表',
        querystring: Type.Object(
          { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ...Paging },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => camp.list(ctx, actorOf(req), req.query as any),
  );

  app.get(
    '/api/reviews/:id',
    { config: { permission: 'review.read' }, schema: { tags, summary: '评议活动详情', params: IdParams } },
    async (req) => camp.get(ctx, actorOf(req), id(req)),
  );

  app.patch(
    '/api/reviews/:id',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '修改评议活动',
        params: IdParams,
        body: Body({
          title: Type.Optional(Type.String({ title: '活动名称', minLength: 2, maxLength: 100 })),
          year: Type.Optional(Type.Integer({ title: '年度', minimum: 2000, maximum: 2100 })),
          scale: Type.Optional(Scale),
          reportDeadline: Type.Optional(Nullable(DateStr('述职报告截止日期'))),
          meetingDate: Type.Optional(Nullable(DateStr('会议日期'))),
          speakerLimitSec: Type.Optional(Limit),
        }),
      },
    },
    async (req) => camp.update(ctx, actorOf(req), id(req), req.body as any),
  );

  app.post(
    '/api/reviews/:id/open-voting',
    { config: { permission: 'review.manage' }, schema: { tags, summary: '开始投票', params: IdParams } },
    async (req) => camp.openVoting(ctx, actorOf(req), id(req)),
  );
  app.post(
    '/api/reviews/:id/close',
    { config: { permission: 'review.manage' }, schema: { tags, summary: '结束投票并启封结果', params: IdParams } },
    async (req) => camp.close(ctx, actorOf(req), id(req)),
  );
  app.get(
    '/api/reviews/:id/turnout',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '投票进度(已发放 / 已使用),不含结果', params: IdParams },
    },
    async (req) => camp.turnout(ctx, actorOf(req), id(req)),
  );

  app.post(
    '/api/reviews/:id/tokens',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '生成一次性选票码(仅此一次返回明文;qr=true 同时返回二维码)',
        params: IdParams,
        body: Body({
          count: Type.Integer({ title: '数量', minimum: 1, maximum: part.MAX_TOKENS_PER_CALL }),
          qr: Type.Optional(Type.Boolean({ title: '生成二维码' })),
        }),
      },
    },
    async (req) => {
      const b = req.body as any;
      return part.generateTokens(ctx, actorOf(req), id(req), b.count, {
        qr: b.qr,
        baseUrl: `${req.protocol}://${req.headers.host ?? 'localhost'}`,
      });
    },
  );

  app.get(
    '/api/reviews/:id/participants',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '参评人员名单(含是否已领取选票码)', params: IdParams },
    },
    async (req) => part.listParticipants(ctx, actorOf(req), id(req)),
  );
  app.post(
    '/api/reviews/:id/participants',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '添加参评人员(可含列席人员)',
        params: IdParams,
        body: Body({
          items: Type.Array(
            Body({
              name: Type.String({ title: '姓名', minLength: 1, maxLength: 50 }),
              unit: Type.Optional(Nullable(Type.String({ title: '单位', maxLength: 100 }))),
              kind: Type.Optional(Enum(['正式', '列席'] as const, '参会类别')),
              memberId: Type.Optional(Nullable(Type.Integer({ title: '党员', minimum: 1 }))),
            }),
            { title: '参评人员', minItems: 1, maxItems: 5000 },
          ),
        }),
      },
    },
    async (req) => part.addParticipants(ctx, actorOf(req), id(req), (req.body as any).items),
  );
  app.post(
    '/api/reviews/:id/participants/:pid/issue',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '向名单中的人员发放选票码(只记录已领取,不记录是哪一张)', params: PidParams },
    },
    async (req) => part.issueToParticipant(ctx, actorOf(req), id(req), (req.params as any).pid),
  );

  app.get(
    '/api/reviews/:id/agenda',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '会议议程(口头述职顺序与时限)', params: IdParams },
    },
    async (req) => meet.agenda(ctx, actorOf(req), id(req)),
  );
  app.put(
    '/api/reviews/:id/agenda',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '调整述职顺序与每人时限',
        params: IdParams,
        body: Body({
          items: Type.Array(
            Body({ orgId: Type.Integer({ title: '组织编号', minimum: 1 }), limitSec: Type.Optional(Nullable(Limit)) }),
            { title: '议程', minItems: 1, maxItems: 1000 },
          ),
        }),
      },
    },
    async (req) => meet.setAgenda(ctx, actorOf(req), id(req), (req.body as any).items),
  );
  app.post(
    '/api/reviews/:id/meeting/speaker',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '开始某人述职计时(orgId 为 null 则停止)',
        params: IdParams,
        body: Body({ orgId: Nullable(Type.Integer({ title: '述职组织', minimum: 1 })) }),
      },
    },
    async (req) => meet.setSpeaker(ctx, actorOf(req), id(req), (req.body as any).orgId),
  );
  app.get(
    '/api/reviews/:id/screen',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '大屏:议程、述职倒计时、投票进度(从不显示结果)', params: IdParams },
    },
    async (req) => meet.screen(ctx, actorOf(req), id(req)),
  );
}
