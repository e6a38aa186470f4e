import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Ctx } from './context.ts';
import { connect, type Database } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { registerApiDocs } from './lib/api-docs.ts';
import { authHook } from './lib/auth-hook.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { errorHandler, frameworkErrors } from './lib/error-handler.ts';
import { loggerOptions } from './lib/log.ts';
import { refuseNul } from './lib/nul.ts';
import { recordRoutes } from './lib/route-table.ts';
import { registerSecurityHeaders } from './lib/security-headers.ts';
import { makeValidatorCompiler } from './lib/validation.ts';
import { MAX_UPLOAD_BYTES } from './lib/upload.ts';
import { registerMetrics } from './lib/metrics.ts';
import { serveWebApp } from './lib/web-app.ts';
import { MODULES } from './modules/index.ts';
import { settleSessionTouches } from './modules/auth/session-touch.ts';

export type { RouteInfo } from './lib/route-table.ts';

export interface BuildOptions {
  config: Config;
  /** An already-open database (tests share one per file); otherwise opened from config. */
  database?: Database;
  clock?: Clock;
  /** Run migrations at start (default true). */
  migrate?: boolean;
  /** Validate every JSON answer against its declared response schema (tests; see lib/route-table.ts). */
  checkResponses?: boolean;
  /** Where request logs go (tests capture them); default stdout at config.logLevel. */
  logStream?: NodeJS.WritableStream;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: Ctx;
  }
}

/**
 * The one factory: main.ts, the demo and every test build the server through here. It reads as the
 * order a request meets things: routes recorded → errors → session/permission → headers → docs →
 * the modules → the web app. Periodic jobs are not started here (server/boot.ts does, for a
 * listening server; tests run jobs directly).
 */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const database = opts.database ?? (await connect(config.databaseUrl, { reader: config.sqliteReader }));
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
    frameworkErrors,
  });
  app.setValidatorCompiler(makeValidatorCompiler());
  app.decorate('ctx', ctx);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  recordRoutes(app, { checkResponses: opts.checkResponses });
  app.decorate('scrapeMetrics', registerMetrics(app, ctx).scrape);
  app.setErrorHandler(errorHandler(config));
  await app.register(cookie);
  // U+0000 in any field: a clear 400 on both databases (PostgreSQL would fail the query with a 500).
  app.addHook('preValidation', async (req) => refuseNul(req));
  app.addHook('onRequest', authHook(ctx));
  await registerSecurityHeaders(app);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await registerApiDocs(app, config);

  for (const plugin of MODULES) await app.register(plugin, { ctx });

  await serveWebApp(app, config);
  app.addHook('onClose', async () => {
    // Session refreshes are written in the background (modules/auth/session-touch.ts): let them land.
    await settleSessionTouches(database.db);
    if (!opts.database) await database.close();
  });
  return app;
}
