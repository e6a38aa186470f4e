/**
 * The API contract: every JSON route declares a response schema for its 2xx answers (TypeBox, in
 * common/contracts/<domain>.ts), as every route declares a permission. The serializer then sends
 * only declared fields, so a column added to a table never leaks through a route by accident.
 * Routes that send files, HTML or redirects say so with `config.raw: true`.
 */
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../lib/error-handler.ts';
import { recordRoutes } from '../lib/route-table.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('API contract', () => {
  it('every JSON route declares its 2xx response schema', () => {
    const missing = t.app.routeTable
      .filter((r) => !r.raw && r.responses.length === 0)
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, `这些接口没有声明 2xx 响应结构(schema.response):\n${missing.join('\n')}`).toEqual([]);
  });

  it('undeclared fields are not sent (the serializer strips them)', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json()).sort()).toEqual(['db', 'status', 'version']);
  });

  it('in tests every JSON answer is checked against its schema (a null where text is declared is a 500)', async () => {
    const app = Fastify();
    recordRoutes(app, { checkResponses: true });
    app.setErrorHandler(errorHandler({ bodyLimit: 1024 }));
    const schema = { response: { 200: Type.Object({ name: Type.String() }) } };
    app.get('/api/good', { config: { permission: 'public' }, schema }, async () => ({ name: '甲镇', extra: 1 }));
    app.get('/api/bad', { config: { permission: 'public' }, schema }, async () => ({ name: null }));
    const good = await app.inject({ method: 'GET', url: '/api/good' });
    expect(good.json()).toEqual({ name: '甲镇' });
    const bad = await app.inject({ method: 'GET', url: '/api/bad' });
    expect(bad.statusCode).toBe(500);
    expect(bad.json()).toMatchObject({ code: 'RESPONSE_CONTRACT' });
    expect(bad.json().message).toContain('GET /api/bad');
    await app.close();
  });
});
