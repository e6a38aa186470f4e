import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, Enum, IdParams } from '../../lib/schemas.ts';
import * as bal from './ballots.service.ts';
import { guessLimits, guessThrottle } from './guesses.ts';
import * as paper from './paper.service.ts';
import * as res from './results.service.ts';

const tags = ['述职评议·投票'];
const Ratings = Type.Array(
  Body({
    orgId: Type.Integer({ title: '组织编号', minimum: 1 }),
    grade: Type.String({ title: '评议等次', minLength: 1, maxLength: 10 }),
    opinion: Type.Optional(Type.Union([Type.String({ title: '意见', maxLength: 500 }), Type.Null()])),
  }),
  { title: '评议', minItems: 1, maxItems: 1000 },
);
const Token = Type.String({ title: '选票码', minLength: 4, maxLength: 40 });
const Nonce = Type.String({ title: '客户端随机数', minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

const download = (reply: FastifyReply, f: { fileName: string; data: Buffer }, type: string) =>
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .send(f.data);

export default async function ballotRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  // Valid codes are never throttled; only a wrong one is counted (and past a limit answered 429).
  const throttle = guessThrottle(ctx, guessLimits(ctx.config), app.log);
  const guarded = async <T>(req: FastifyRequest, fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AppError && e.code === 'TOKEN_INVALID') await throttle.wrong(req.ip);
      throw e;
    }
  };

  // POST, not GET: a code in a URL ends up in logs, proxies and browser history.
  app.post(
    '/api/ballots/form',
    {
      config: { permission: 'public', csrfExempt: true },
      schema: { tags, summary: '凭选票码取得评议表(无需登录;选票码放在请求体中)', body: Body({ token: Token }) },
    },
    async (req) => guarded(req, () => bal.form(ctx, (req.body as any).token)),
  );

  app.post(
    '/api/ballots',
    {
      config: { permission: 'public', csrfExempt: true },
      schema: {
        tags,
        summary: '投票(无需登录;每个选票码只能使用一次;同一 nonce 重试返回同一回执码)',
        body: Body({ token: Token, ratings: Ratings, nonce: Type.Optional(Nonce) }),
      },
    },
    async (req) => guarded(req, () => bal.cast(ctx, req.body as any)),
  );

  app.get(
    '/api/reviews/:id/receipts',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '已计入的选票回执码清单(投票结束后公开)', params: IdParams },
    },
    async (req) => res.receipts(ctx, (req.params as any).id),
  );

  app.get(
    '/api/reviews/:id/results',
    {
      config: { permission: 'review.read' },
      schema: { tags, summary: '评议结果(投票结束前密封,返回 409)', params: IdParams },
    },
    async (req) => res.results(ctx, actorOf(req), (req.params as any).id),
  );
  app.get(
    '/api/reviews/:id/results.xlsx',
    { config: { permission: 'review.read' }, schema: { tags, summary: '导出评议结果(.xlsx)', params: IdParams } },
    async (req, reply) =>
      download(
        reply,
        await res.exportXlsx(ctx, actorOf(req), (req.params as any).id),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
  );
  app.get(
    '/api/reviews/:id/results.docx',
    { config: { permission: 'review.read' }, schema: { tags, summary: '导出结果通报(.docx)', params: IdParams } },
    async (req, reply) =>
      download(
        reply,
        await res.exportDocx(ctx, actorOf(req), (req.params as any).id),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
  );

  app.post(
    '/api/reviews/:id/low-rating-items',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '评议结果偏低的组织转入整改台账(结束后)',
        params: IdParams,
        body: Body({ threshold: Type.Number({ title: '好+较好率下限(%)', minimum: 1, maximum: 100 }) }),
      },
    },
    async (req) => res.lowRatingItems(ctx, actorOf(req), (req.params as any).id, (req.body as any).threshold),
  );

  app.post(
    '/api/reviews/:id/paper',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '录入纸质票(两名录入员各录一次)',
        params: IdParams,
        body: Body({ sheetNo: Type.String({ title: '纸质票编号', minLength: 1, maxLength: 30 }), ratings: Ratings }),
      },
    },
    async (req) => paper.enter(ctx, actorOf(req), (req.params as any).id, req.body as any),
  );
  app.get(
    '/api/reviews/:id/paper',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '纸质票录入情况与不一致清单',
        params: IdParams,
        querystring: Type.Object(
          { status: Type.Optional(Enum(['待复录', '不一致', '已核对'] as const, '状态')) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => paper.list(ctx, actorOf(req), (req.params as any).id, (req.query as any).status),
  );
  app.post(
    '/api/reviews/:id/paper/:sheetNo/resolve',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '核对不一致的纸质票(按原票录入最终结果)',
        params: Type.Object(
          {
            id: Type.Integer({ minimum: 1, title: '编号' }),
            sheetNo: Type.String({ title: '纸质票编号', minLength: 1, maxLength: 30 }),
          },
          { additionalProperties: false },
        ),
        body: Body({ ratings: Ratings }),
      },
    },
    async (req) =>
      paper.resolve(ctx, actorOf(req), (req.params as any).id, (req.params as any).sheetNo, (req.body as any).ratings),
  );
}
