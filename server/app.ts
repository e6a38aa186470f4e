import fs from 'node:fs';
import path from 'node:path';
import { refuseNul } from './lib/nul.ts';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.ts';
import { connect, type Database } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Ctx } from './context.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { AppError } from './lib/errors.ts';
import { loggerOptions } from './lib/log.ts';
import { fileTooLarge, MAX_UPLOAD_BYTES } from './lib/upload.ts';
import { makeValidatorCompiler, describeValidationError } from './lib/validation.ts';
import type { RoutePermission } from './lib/http.ts';
import { ROLE_PERMISSIONS } from '../common/enums.ts';
import { SESSION_COOKIE } from './modules/auth/auth.routes.ts';
import { MODULES } from './modules/index.ts';
import { resolveSession } from './modules/auth/auth.service.ts';

export interface BuildOptions {
  config: Config;
  /** An already-open database (tests share one per file); otherwise opened from config. */
  database?: Database;
  clock?: Clock;
  /** Run migrations at start (default true). */
  migrate?: boolean;
  /** Where request logs go (tests capture them); default stdout at config.logLevel. */
  logStream?: NodeJS.WritableStream;
}

export interface RouteInfo {
  method: string;
  url: string;
  permission: RoutePermission;
  /** Status codes (2xx) with a declared response schema; empty for routes that send files. */
  responses: string[];
  /** The route sends a file or HTML, not JSON (`config.raw`): it needs no response schema. */
  raw: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: Ctx;
    routeTable: RouteInfo[];
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The one factory: main.ts and every test build the server through here. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const database = opts.database ?? (await connect(config.databaseUrl));
  if (opts.migrate !== false) await migrateToLatest(database);
  const ctx: Ctx = { config, database, db: database.db, dialect: database.dialect, clock: opts.clock ?? systemClock };

  const app = Fastify({
    logger: loggerOptions(config, opts.logStream),
    bodyLimit: config.bodyLimit,
    // A hop count means: trust that many proxies in front of us (proxy-addr's semantics).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_addr: string, i: number) =>
              i < hops
          )(config.trustProxy)
        : config.trustProxy,
    ajv: { customOptions: {} },
    // Errors raised before routing (a malformed %-escape in the path): a Chinese 400, like every other refusal.
    frameworkErrors: (_err, _req, reply: FastifyReply) => {
      void reply.status(400).send({ code: 'BAD_URL', message: '请求地址不正确(编码无效)' });
    },
  });
  app.setValidatorCompiler(makeValidatorCompiler() as any);
  app.decorate('ctx', ctx);
  app.decorate('routeTable', [] as RouteInfo[]);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  // Every API route must say who may call it; a route without a permission does not start.
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api') || r.url.startsWith('/api/docs')) return;
    const permission = (r.config as any)?.permission as RoutePermission | undefined;
    if (!permission) throw new Error(`路由 ${r.method} ${r.url} 未声明权限(config.permission)`);
    const responses = Object.keys((r.schema?.response as Record<string, unknown> | undefined) ?? {}).filter((k) =>
      /^2/.test(k),
    );
    const raw = (r.config as { raw?: boolean } | undefined)?.raw === true;
    for (const m of [r.method].flat())
      if (m !== 'HEAD') app.routeTable.push({ method: m, url: r.url, permission, responses, raw });
  });

  app.setErrorHandler((err: any, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .status(err.status)
        .send({ code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) });
    }
    if (err.validation) {
      const details = err.validation.map((e: any) => ({
        path: e.instancePath,
        message: describeValidationError(e, err.validationContext),
      }));
      return reply
        .status(400)
        .send({ code: 'VALIDATION_FAILED', message: details[0]?.message ?? '请求参数不正确', details });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply
        .status(413)
        .send({ code: 'BODY_TOO_LARGE', message: `请求内容过大(上限 ${Math.round(config.bodyLimit / 1024)} KB)` });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply
        .status(415)
        .send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型,请使用 application/json' });
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return reply.status(400).send({ code: 'INVALID_JSON', message: '请求内容为空,应为 JSON' });
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && (err as any).statusCode === 400))
      return reply.status(400).send({ code: 'INVALID_JSON', message: '请求内容不是合法的 JSON' });
    if (err.statusCode === 429)
      return reply.status(429).send({ code: 'TOO_MANY_REQUESTS', message: '请求过于频繁,请稍后再试' });
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
      const e = fileTooLarge();
      return reply.status(e.status).send({ code: e.code, message: e.message });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: err.code ?? 'BAD_REQUEST', message: '请求不正确' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误,请稍后重试或联系管理员' });
  });

  await app.register(cookie);
  // U+0000 in any field: a clear 400 on both databases (PostgreSQL would fail the query with a 500).
  app.addHook('preValidation', async (req) => refuseNul(req));
  // Authentication, permission and CSRF, in one place, before the body is even parsed.
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const permission = req.routeOptions.config?.permission;
    if (!permission) return; // unknown route: the 404 handler answers
    const token = req.cookies?.[SESSION_COOKIE];
    const s = await resolveSession(ctx, token, req.ip);
    if (s.state === 'ok') {
      req.actor = s.actor;
      req.sessionId = s.sessionId;
      req.csrfToken = s.csrfToken;
    }
    if (permission === 'public') return;
    if (s.state !== 'ok') {
      throw s.state === 'expired'
        ? new AppError('SESSION_EXPIRED', 401, '登录已超时,请重新登录')
        : new AppError('UNAUTHENTICATED', 401, '请先登录');
    }
    if (MUTATING.has(req.method) && !req.routeOptions.config.csrfExempt) {
      if (req.headers['x-csrf-token'] !== s.csrfToken)
        throw new AppError('CSRF_FAILED', 403, '安全校验失败(缺少或错误的 x-csrf-token),请刷新页面后重试');
    }
    if (s.mustChangePassword && permission !== 'authenticated') {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 403, '管理员已重置您的密码,请先修改密码');
    }
    if (permission !== 'authenticated' && !ROLE_PERMISSIONS[s.actor.role].includes(permission)) {
      throw new AppError('FORBIDDEN', 403, '没有执行此操作的权限');
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '落实 Luoshi API',
        version: config.version,
        description:
          '所有接口返回 JSON;错误体为 `{ code, message, details? }`,message 为中文。登录后修改类请求须带 `x-csrf-token` 请求头(值见登录响应或 GET /api/auth/me)。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', validatorUrl: null } as any,
  });

  for (const plugin of MODULES) await app.register(plugin, { ctx });

  // The web app is looked up on disk per request (wildcard mode), so a rebuild while the server
  // runs is served at once; a missing hashed asset is a 404, never the HTML fallback (which would
  // make the browser try to run HTML as JavaScript).
  const indexHtml = path.join(config.webDist, 'index.html');
  fs.mkdirSync(config.webDist, { recursive: true });
  await app.register(fastifyStatic, { root: config.webDist, prefix: '/', wildcard: true, index: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api')) return reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在' });
    if (req.method === 'GET' && !req.url.startsWith('/assets/') && !path.extname(req.url.split('?')[0])) {
      let html: string | null = null;
      try {
        html = fs.readFileSync(indexHtml, 'utf8');
      } catch {
        /* not built (yet) */
      }
      if (html) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
      return reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>落实</title><p>前端尚未构建:请运行 <code>npm run build:web</code>。</p>',
        );
    }
    return reply.status(404).type('text/plain; charset=utf-8').send('文件不存在');
  });

  app.addHook('onClose', async () => {
    if (!opts.database) await database.close();
  });
  return app;
}
