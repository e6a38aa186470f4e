import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Health } from '../../../common/contracts/health.ts';
import type { Ctx } from '../../context.ts';
import { health } from './health.service.ts';

export default async function healthRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: { tags: ['系统'], summary: '健康检查', response: { 200: Health } },
    },
    async () => health(ctx),
  );
}
