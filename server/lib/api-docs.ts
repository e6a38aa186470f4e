/** OpenAPI from the route schemas (the contracts), browsable offline at /api/docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { SESSION_COOKIE } from '../modules/auth/auth.routes.ts';
import { apiDocsZhScript } from './api-docs-zh.ts';

export async function registerApiDocs(app: FastifyInstance, config: Pick<Config, 'version'>) {
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
  // validatorUrl: null keeps the UI from calling swagger.io (no internet at run time).
  // Chinese where Swagger UI allows it: the page title and, through a theme script, its labels.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', validatorUrl: null, filter: true },
    theme: { title: '落实 Luoshi 接口文档', js: [{ filename: 'zh-cn.js', content: apiDocsZhScript }] },
  });
}
