import type { FastifyInstance } from 'fastify';
import type { Client } from '../../test/harness.ts';

/** A citizen's rating from a given address (the public endpoint needs no session). */
export async function rate(app: FastifyInstance, body: Record<string, unknown>, ip = '203.0.113.7') {
  const r = await app.inject({ method: 'POST', url: '/api/public/ratings', payload: body, remoteAddress: ip });
  return { status: r.statusCode, body: r.json() };
}

export async function publicPost(app: FastifyInstance, url: string, body: unknown, ip = '203.0.113.7') {
  const r = await app.inject({ method: 'POST', url, payload: body as any, remoteAddress: ip });
  return { status: r.statusCode, body: r.json() };
}

export async function newWindow(cl: Client, orgId: number, name: string, items = ['户籍办理', '社保卡申领']) {
  const r = await cl.post('/api/windows', { orgId, name, kind: '窗口', location: '一楼大厅', items });
  if (r.status !== 201) throw new Error(`window ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  const w = await cl.get(`/api/windows/${r.body.id}`);
  return { id: r.body.id as number, code: w.body.code as string };
}
