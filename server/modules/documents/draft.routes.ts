/** The review table's server-side draft: restored when the review page opens, saved as the reviewer works. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, Ok } from '../../../common/contracts/common.ts';
import { DraftAnswer, DraftSaved, SaveDraftBody } from '../../../common/contracts/review-draft.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as svc from './draft.service.ts';

const tags = ['文件与任务分解'];

export default async function reviewDraftRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/documents/:id/review-draft',
    {
      config: { permission: 'document.write' },
      schema: {
        tags,
        summary: '任务分解表的审核草稿(无草稿时 draft 为 null)',
        params: IdParams,
        response: { 200: DraftAnswer },
      },
    },
    async (req) => svc.get(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/documents/:id/review-draft',
    {
      config: { permission: 'document.write' },
      // 500 rows of long passages exceed the default 1 MB
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: '保存审核草稿(整表覆盖,后写为准;overwritten 表示覆盖了他人在此期间保存的草稿)',
        params: IdParams,
        body: SaveDraftBody,
        response: { 200: DraftSaved },
      },
    },
    async (req) => svc.save(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/documents/:id/review-draft',
    {
      config: { permission: 'document.write' },
      schema: { tags, summary: '放弃审核草稿', params: IdParams, response: { 200: Ok } },
    },
    async (req) => svc.discard(ctx, actorOf(req), req.params.id),
  );
}
