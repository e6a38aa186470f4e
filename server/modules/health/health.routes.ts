import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';

export default async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: { tags: ['系统'], summary: '健康检查' },
    },
    async () => {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok', db: ctx.dialect, version: ctx.config.version };
    },
  );
}
