import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Health, Liveness, Readiness } from '../../../common/contracts/health.ts';
import type { Ctx } from '../../context.ts';
import { assertMayScrape } from '../../lib/metrics.ts';
import { health, liveness, readiness } from './health.service.ts';

export default async function healthRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['系统'];
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '健康检查(数据库可达)', response: { 200: Health } },
    },
    async () => health(ctx),
  );
  app.get(
    '/api/health/live',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '存活检查:进程能应答(不查数据库;失败时由进程管理器重启)', response: { 200: Liveness } },
    },
    async () => liveness(),
  );
  app.get(
    '/api/health/ready',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '就绪检查:数据库可达且迁移已全部执行;否则 503(反向代理/负载均衡据此摘除实例)',
        response: { 200: Readiness },
      },
    },
    async () => readiness(ctx),
  );
  app.get(
    '/api/metrics',
    {
      config: { permission: 'public', raw: true },
      schema: {
        tags,
        summary: 'Prometheus 监控指标(METRICS_TOKEN 令牌,或未设置令牌时仅限本机直连)',
      },
    },
    async (req, reply) => {
      assertMayScrape(ctx, req);
      const m = await fastify.scrapeMetrics();
      return reply.header('content-type', m.type).header('cache-control', 'no-store').send(m.body);
    },
  );
}
