/**
 * Serves the built web app (web/dist) and the SPA fallback. Files are looked up on disk per request
 * (wildcard mode), so a rebuild while the server runs is served at once; a missing hashed asset is
 * a 404, never the HTML fallback (which would make the browser try to run HTML as JavaScript).
 * Unknown /api paths answer the JSON 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

export async function serveWebApp(app: FastifyInstance, config: Pick<Config, 'webDist'>) {
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
}
