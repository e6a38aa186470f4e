/** Learning from corrections: what the review screen reports, the lessons kept, and forgetting a wrong one. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  CorrectionList,
  CorrectionsQuery,
  RecordCorrectionsBody,
  RecordCorrectionsResult,
} from '../../../common/contracts/corrections.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as svc from './corrections.service.ts';

const tags = ['文件与任务分解'];

export default async function correctionRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/documents/:id/corrections',
    {
      config: { permission: 'document.write' },
      schema: {
        tags,
        summary: '记录审核时的更正(改牵头单位、删除非任务、拆分、合并),供以后抽取参考',
        params: IdParams,
        body: RecordCorrectionsBody,
        response: { 200: RecordCorrectionsResult },
      },
    },
    async (req) => svc.record(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/extraction-corrections',
    {
      config: { permission: 'document.read' },
      schema: {
        tags,
        summary: '抽取更正记录(本单位及下级)',
        querystring: CorrectionsQuery,
        response: { 200: CorrectionList },
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query),
  );
  app.delete(
    '/api/extraction-corrections/:id',
    {
      config: { permission: 'document.write' },
      schema: { tags, summary: '删除一条更正记录(不再参考)', params: IdParams, response: { 200: Ok } },
    },
    async (req) => svc.remove(ctx, actorOf(req), req.params.id),
  );
}
