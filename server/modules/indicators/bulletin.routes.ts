import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { PeriodQuery } from '../../../common/contracts/indicators.ts';
import type { Ctx } from '../../context.ts';
import { actorOf, sendFile } from '../../lib/http.ts';
import { bulletinDocx } from './bulletin.service.ts';

/** The monthly 经济运行通报 (its own plugin so the indicators routes stay as they are). */
export default async function bulletinRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/indicator-bulletin.docx',
    {
      config: { permission: 'indicator.read', raw: true },
      schema: { tags: ['指标调度'], summary: '月度经济运行通报(.docx,由填报数据生成)', querystring: PeriodQuery },
    },
    async (req, reply) => sendFile(reply, await bulletinDocx(ctx, actorOf(req), req.query)),
  );
}
