import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as C from '../../../common/contracts/ballots.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { actorOf, sendFile } from '../../lib/http.ts';
import * as bal from './ballots.service.ts';
import * as paper from './paper.service.ts';
import * as res from './results.service.ts';

const tags = ['述职评议·投票'];

/**
 * Throttling of the public ballot routes. A meeting hall votes from behind one NAT address, so
 * successful ballots are never throttled (each consumes a one-time token anyway); what is limited
 * is guessing: unknown tokens per IP. After `maxFailures` within `windowMs` the IP gets 429 until the
 * window passes. Configurable through the plugin options.
 */
export interface BallotLimits {
  maxFailures: number;
  windowMs: number;
}
const DEFAULT_LIMITS: BallotLimits = { maxFailures: 30, windowMs: 10 * 60_000 };

function failureLimiter(limits: BallotLimits) {
  const hits = new Map<string, { n: number; until: number }>();
  return {
    check(ip: string) {
      const h = hits.get(ip);
      if (h && h.until > Date.now() && h.n >= limits.maxFailures)
        throw new AppError('TOO_MANY_REQUESTS', 429, '选票码错误次数过多,请稍后再试');
    },
    fail(ip: string) {
      const now = Date.now();
      const h = hits.get(ip);
      if (!h || h.until <= now) hits.set(ip, { n: 1, until: now + limits.windowMs });
      else h.n++;
      if (hits.size > 100_000) for (const [k, v] of hits) if (v.until <= now) hits.delete(k);
    },
  };
}

export default async function ballotRoutes(
  fastify: FastifyInstance,
  { ctx, limits }: { ctx: Ctx; limits?: Partial<BallotLimits> },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const params = IdParams;
  const limiter = failureLimiter({ ...DEFAULT_LIMITS, ...limits });
  const guarded = async <T>(req: FastifyRequest, fn: () => Promise<T>) => {
    limiter.check(req.ip);
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AppError && e.code === 'TOKEN_INVALID') limiter.fail(req.ip);
      throw e;
    }
  };

  app.get(
    '/api/ballots/form',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '凭选票码取得评议表(无需登录)',
        querystring: C.FormQuery,
        response: { 200: C.BallotForm },
      },
    },
    async (req) => guarded(req, () => bal.form(ctx, req.query.token)),
  );
  app.post(
    '/api/ballots',
    {
      config: { permission: 'public', csrfExempt: true },
      schema: {
        tags,
        summary: '投票(无需登录;每个选票码只能使用一次)',
        body: C.CastBody,
        response: { 200: C.Receipt },
      },
    },
    async (req) => guarded(req, () => bal.cast(ctx, req.body)),
  );

  app.get(
    '/api/reviews/:id/receipts',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '已计入的选票回执码清单(投票结束后公开)', params, response: { 200: C.Receipts } },
    },
    async (req) => res.receipts(ctx, req.params.id),
  );
  app.get(
    '/api/reviews/:id/results',
    {
      config: { permission: 'review.read' },
      schema: { tags, summary: '评议结果(投票结束前密封,返回 409)', params, response: { 200: C.Results } },
    },
    async (req) => res.results(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/reviews/:id/results.xlsx',
    {
      config: { permission: 'review.read', raw: true },
      schema: { tags, summary: '导出评议结果(.xlsx)', params },
    },
    async (req, reply) => sendFile(reply, await res.exportXlsx(ctx, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/reviews/:id/results.docx',
    {
      config: { permission: 'review.read', raw: true },
      schema: { tags, summary: '导出结果通报(.docx)', params },
    },
    async (req, reply) => sendFile(reply, await res.exportDocx(ctx, actorOf(req), req.params.id)),
  );
  app.post(
    '/api/reviews/:id/low-rating-items',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '评议结果偏低的组织转入整改台账(结束后)',
        params,
        body: C.LowRatingBody,
        response: { 200: C.LowRatingItems },
      },
    },
    async (req) => res.lowRatingItems(ctx, actorOf(req), req.params.id, req.body.threshold),
  );

  app.post(
    '/api/reviews/:id/paper',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '录入纸质票(两名录入员各录一次)',
        params,
        body: C.PaperBody,
        response: { 200: C.PaperEntered },
      },
    },
    async (req) => paper.enter(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/reviews/:id/paper',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '纸质票录入情况与不一致清单',
        params,
        querystring: C.PaperQuery,
        response: { 200: C.PaperList },
      },
    },
    async (req) => paper.list(ctx, actorOf(req), req.params.id, req.query.status),
  );
  app.post(
    '/api/reviews/:id/paper/:sheetNo/resolve',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '核对不一致的纸质票(按原票录入最终结果)',
        params: C.SheetParams,
        body: C.ResolveBody,
        response: { 200: C.PaperEntered },
      },
    },
    async (req) => paper.resolve(ctx, actorOf(req), req.params.id, req.params.sheetNo, req.body.ratings),
  );
}
