/**
 * Every /api route is recorded as it registers: a route without `config.permission` stops the
 * server from starting, and the 2xx response schemas it declares are listed (server/test/
 * contract.test.ts fails on a JSON route without one). With `checkResponses` (the tests turn it on)
 * every JSON answer is also validated against its declared schema: the serializer would otherwise
 * turn a null into "" or drop a misnamed field without a word.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { RoutePermission } from './http.ts';
import { makeAjv } from './validation.ts';

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
    routeTable: RouteInfo[];
  }
}

export function recordRoutes(app: FastifyInstance, o: { checkResponses?: boolean } = {}) {
  app.decorate('routeTable', [] as RouteInfo[]);
  const ajv = o.checkResponses ? makeAjv({ coerceTypes: false }) : null;
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api') || r.url.startsWith('/api/docs')) return;
    const permission = r.config?.permission;
    if (!permission) throw new Error(`路由 ${r.method} ${r.url} 未声明权限(config.permission)`);
    const schemas = (r.schema?.response ?? {}) as Record<string, object>;
    const responses = Object.keys(schemas).filter((k) => /^2/.test(k));
    const raw = r.config?.raw === true;
    for (const m of [r.method].flat())
      if (m !== 'HEAD') app.routeTable.push({ method: m, url: r.url, permission, responses, raw });
    if (!ajv || !responses.length) return;
    const check = new Map(responses.map((code) => [Number(code), ajv.compile(schemas[code])]));
    const hook = async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const validate = check.get(reply.statusCode);
      if (validate && !validate(payload))
        throw new AppError(
          'RESPONSE_CONTRACT',
          500,
          `${r.method} ${r.url} 的 ${reply.statusCode} 响应不符合其声明的结构:${ajv.errorsText(validate.errors)}`,
        );
      return payload;
    };
    r.preSerialization = [...[r.preSerialization ?? []].flat(), hook];
  });
}
