import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as C from '../../../common/contracts/ballots.ts';
import { IdParams, Ok } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { actorOf, sendFile } from '../../lib/http.ts';
import * as bal from './ballots.service.ts';
import * as draft from './draft.ts';
import { guessLimits, guessThrottle } from './guesses.ts';
import * as paper from './paper.service.ts';
import * as res from './results.service.ts';

const tags = ['述职评议·投票'];

export default async function ballotRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const params = IdParams;
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
      schema: {
        tags,
        summary: '凭选票码取得评议表(无需登录;选票码放在请求体中)',
        body: C.FormBody,
        response: { 200: C.BallotForm },
      },
    },
    async (req) => guarded(req, () => bal.form(ctx, req.body.token)),
  );
  app.post(
    '/api/ballots',
    {
      config: { permission: 'public', csrfExempt: true },
      schema: {
        tags,
        summary: '投票(无需登录;每个选票码只能使用一次;同一 nonce 重试返回同一回执码)',
        body: C.CastBody,
        response: { 200: C.Receipt },
      },
    },
    async (req) => guarded(req, () => bal.cast(ctx, req.body)),
  );

  // The vote page's autosave; the code in the body, like the ballot's (see draft.ts on secrecy).
  app.put(
    '/api/ballots/draft',
    {
      config: { permission: 'public', csrfExempt: true },
      schema: {
        tags,
        summary: '保存未提交的评议草稿(无需登录;只与选票码关联,加密保存,投票或结束后删除)',
        body: C.DraftBody,
        response: { 200: Ok },
      },
    },
    async (req) => guarded(req, () => draft.saveDraft(ctx, req.body)),
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
