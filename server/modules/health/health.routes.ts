import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Health } from '../../../common/contracts/health.ts';
import type { Ctx } from '../../context.ts';

export default async function healthRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: { tags: ['系统'], summary: '健康检查', response: { 200: Health } },
    },
    async () => {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' as const, db: ctx.dialect, version: ctx.config.version };
    },
  );
}
