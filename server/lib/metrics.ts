/**
 * Prometheus metrics of one app (prom-client, a registry per app: tests build many in one
 * process). Requests are labelled by the route PATTERN (`/api/tasks/:id`), never the raw URL —
 * URLs carry ids and, on public pages, codes; unmatched requests share one label. Node's default
 * metrics (event-loop lag, heap, GC) are registered on the first scrape, so apps that are never
 * scraped (tests) start no event-loop monitor.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import client from 'prom-client';
import type { Ctx } from '../context.ts';
import { AppError } from './errors.ts';

export interface Metrics {
  registry: client.Registry;
  jobRun(name: string, ms: number, ok: boolean): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
    /** The Prometheus text of this app (GET /api/metrics). */
    scrapeMetrics(): Promise<{ type: string; body: string }>;
  }
}

/** Registers the request histogram hooks and the pool/job metrics; decorates `app.metrics`. */
export function registerMetrics(app: FastifyInstance, ctx: Ctx) {
  const registry = new client.Registry();
  registry.setDefaultLabels({ instance_id: INSTANCE_LABEL });
  const requests = new client.Histogram({
    name: 'luoshi_http_request_duration_seconds',
    help: '请求耗时(按路由模式、方法、状态码)',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const jobRuns = new client.Counter({
    name: 'luoshi_job_runs_total',
    help: '定时任务在本实例的执行次数(按任务、结果)',
    labelNames: ['job', 'result'],
    registers: [registry],
  });
  const jobSeconds = new client.Histogram({
    name: 'luoshi_job_duration_seconds',
    help: '定时任务耗时',
    labelNames: ['job'],
    buckets: [0.01, 0.1, 0.5, 1, 5, 30, 120],
    registers: [registry],
  });
  const pool = ctx.database.pool;
  if (pool) {
    new client.Gauge({
      name: 'luoshi_db_pool_connections',
      help: 'PostgreSQL 连接池:total 已打开、idle 空闲、waiting 排队等待连接的查询',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  let defaults = false;
  const metrics: Metrics = {
    registry,
    jobRun(name, ms, ok) {
      jobRuns.inc({ job: name, result: ok ? 'ok' : 'failed' });
      jobSeconds.observe({ job: name }, ms / 1000);
    },
  };
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? '(unmatched)';
    requests.observe({ route, method: req.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  return {
    /** The text exposition; registers Node's default metrics on first use. */
    async scrape() {
      if (!defaults) {
        client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
        defaults = true;
      }
      return { type: registry.contentType, body: await registry.metrics() };
    },
  };
}

const INSTANCE_LABEL = `${process.pid}`;

/**
 * Who may read /api/metrics: with METRICS_TOKEN, a request bearing it (compared in constant
 * time); without, only a direct loopback connection that did not come through a proxy (a proxied
 * request carries X-Forwarded-For — and deploy/nginx.conf refuses /api/metrics anyway).
 */
export function assertMayScrape(ctx: Ctx, req: FastifyRequest) {
  const token = ctx.config.metricsToken;
  if (token) {
    const got = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const a = crypto.createHash('sha256').update(got).digest();
    const b = crypto.createHash('sha256').update(token).digest();
    if (crypto.timingSafeEqual(a, b)) return;
    throw new AppError('METRICS_FORBIDDEN', 403, '读取监控指标须提供正确的令牌(Authorization: Bearer METRICS_TOKEN)');
  }
  const remote = req.socket.remoteAddress ?? '';
  const loopback = remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1';
  if (loopback && !req.headers['x-forwarded-for']) return;
  throw new AppError(
    'METRICS_FORBIDDEN',
    403,
    '监控指标只对本机直连开放;从其他机器读取请设置 METRICS_TOKEN 并以 Authorization: Bearer 令牌 访问',
  );
}
