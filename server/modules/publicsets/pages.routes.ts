/**
 * The public pages under /public (not /api: no session, no permission hook, not swallowed by the
 * SPA fallback since they are real routes). Every miss is the same 404 page: an unpublished set
 * cannot be told from one that never existed.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PublicFeedbackBody } from '../../../common/contracts/publicsets.ts';
import { FEEDBACK_KINDS } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { contentDisposition, MIME } from '../../lib/http.ts';
import { publicBase } from '../../lib/public-url.ts';
import * as feedback from './feedback.service.ts';
import { atomFeed, errorPage, indexPage, itemPage, listPage, notFoundPage } from './html.ts';
import { csv, xlsx } from './opendata.ts';
import {
  countsOf,
  listSets,
  pageNotFound,
  publicItem,
  publishedSet,
  setItems,
  setVersion,
  statusHistory,
} from './public.service.ts';
import { WORKFLOW_LABELS } from './status.ts';

const HTML = 'text/html; charset=utf-8';
const idOf = (v: unknown) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647) throw pageNotFound();
  return n;
};

export default async function publicPages(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const today = () => localDate(ctx.clock.now());
  // A plain HTML form posts urlencoded: parsed here only (this plugin is encapsulated).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 8192 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.status(status).type(HTML).header('cache-control', 'public, max-age=60').send(body);
  const guard =
    <P>(fn: (req: { params: P; query: Record<string, string | undefined> }, reply: FastifyReply) => Promise<unknown>) =>
    async (req: any, reply: FastifyReply) => {
      try {
        return await fn(req, reply);
      } catch (e) {
        if (e instanceof AppError && e.status === 404) return reply.status(404).type(HTML).send(notFoundPage());
        throw e;
      }
    };

  app.get(
    '/public/sets',
    guard(async (_req, reply) => html(reply, indexPage((await listSets(ctx.db, today())).items))),
  );

  // Rendering 500 items costs more than reading them: pages are cached per (set, filter) and
  // reused while the set's version (two aggregate queries) is unchanged; the version is also the
  // ETag, so a reader that has the page gets a 304.
  const cache = new Map<string, { version: string; etag: string; body: string }>();
  const cached = async (key: string, version: string, render: () => Promise<string>) => {
    const hit = cache.get(key);
    if (hit?.version === version) return hit;
    const etag = `"${crypto.createHash('sha1').update(`${key}|${version}`).digest('base64url').slice(0, 20)}"`;
    const entry = { version, etag, body: await render() };
    cache.delete(key);
    cache.set(key, entry);
    if (cache.size > 200) cache.delete(cache.keys().next().value as string);
    return entry;
  };

  app.get(
    '/public/sets/:id',
    guard<{ id: string }>(async (req, reply) => {
      const set = await publishedSet(ctx.db, idOf(req.params.id));
      const unit = req.query.unit || undefined;
      const status = req.query.status || undefined;
      const day = today();
      const key = `list:${set.id}:${unit ?? ''}:${status ?? ''}`;
      const page = await cached(key, await setVersion(ctx.db, set, day), async () => {
        const all = await setItems(ctx.db, [set.id], day);
        const items = all.filter((i) => (!unit || i.leadUnit === unit) && (!status || i.status === status));
        const units = [...new Set(all.map((i) => i.leadUnit))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
        return listPage({ set, counts: countsOf(all), items, units, filter: { unit, status }, today: day });
      });
      reply.header('etag', page.etag);
      const inm = (req as unknown as FastifyRequest).headers['if-none-match'];
      if (inm === page.etag) return reply.status(304).header('cache-control', 'public, max-age=60').send();
      return html(reply, page.body);
    }),
  );

  app.get(
    '/public/sets/:id/items/:taskId',
    guard<{ id: string; taskId: string }>(async (req, reply) => {
      const d = await publicItem(ctx.db, idOf(req.params.id), idOf(req.params.taskId), today());
      return html(reply, itemPage({ ...d, today: today(), sent: req.query.sent === '1' }));
    }),
  );

  app.post(
    '/public/sets/:id/items/:taskId/feedback',
    guard<{ id: string; taskId: string }>(async (req, reply) => {
      const setId = idOf(req.params.id);
      const taskId = idOf(req.params.taskId);
      const b = ((req as unknown as { body: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;
      const back = `/public/sets/${setId}/items/${taskId}`;
      const kind = String(b.kind ?? '意见');
      const body: PublicFeedbackBody = {
        kind: (FEEDBACK_KINDS as readonly string[]).includes(kind) ? (kind as PublicFeedbackBody['kind']) : '意见',
        text: String(b.text ?? '').slice(0, 1000),
        contact: b.contact ? String(b.contact).slice(0, 50) : undefined,
      };
      try {
        await feedback.submit(ctx, setId, taskId, body, (req as unknown as { ip: string }).ip);
      } catch (e) {
        if (e instanceof AppError && e.status !== 404) return html(reply, errorPage(e.message, back), e.status);
        throw e;
      }
      return reply.redirect(`${back}?sent=1`, 303);
    }),
  );

  const feed = async (req: { params: { id: string; taskId?: string } }, reply: FastifyReply, base: string) => {
    const set = await publishedSet(ctx.db, idOf(req.params.id));
    const items = await setItems(ctx.db, [set.id], today());
    const only = req.params.taskId ? idOf(req.params.taskId) : null;
    const ids = only ? items.filter((i) => i.taskId === only).map((i) => i.taskId) : items.map((i) => i.taskId);
    if (only && !ids.length) throw pageNotFound();
    const rows = await statusHistory(ctx.db, ids, 100);
    const path = only ? `/public/sets/${set.id}/items/${only}` : `/public/sets/${set.id}`;
    const title = only ? `${items.find((i) => i.taskId === only)!.text.slice(0, 40)} — ${set.title}` : set.title;
    const body = atomFeed({
      id: `urn:luoshi:public-set:${set.id}${only ? `:task:${only}` : ''}`,
      title,
      self: `${base}${path}/feed.atom`,
      alternate: `${base}${path}`,
      updated: rows[0]?.at ?? set.published_at ?? new Date(0).toISOString(),
      entries: rows.map((h) => ({
        id: `urn:luoshi:task-status:${h.id}`,
        title: `${h.text.length > 40 ? `${h.text.slice(0, 40)}…` : h.text}:${h.status}`,
        updated: h.at,
        link: `${base}/public/sets/${set.id}/items/${h.task_id}`,
        summary: `${h.status_date} ${h.status}(${WORKFLOW_LABELS[h.workflow_status] ?? ''},进度 ${h.progress}%)`,
      })),
    });
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=60').send(body);
  };
  app.get(
    '/public/sets/:id/feed.atom',
    guard<{ id: string }>((req, reply) => feed(req, reply, publicBase(ctx.config, req as never).base)),
  );
  app.get(
    '/public/sets/:id/items/:taskId/feed.atom',
    guard<{ id: string; taskId: string }>((req, reply) => feed(req, reply, publicBase(ctx.config, req as never).base)),
  );

  // Anything else under /public is this module's 404 page, never the web app's shell.
  app.get('/public/*', async (_req, reply) => reply.status(404).type(HTML).send(notFoundPage()));

  app.get(
    '/public/sets/:id/data.xlsx',
    guard<{ id: string }>(async (req, reply) => {
      const set = await publishedSet(ctx.db, idOf(req.params.id));
      const items = await setItems(ctx.db, [set.id], today());
      return reply
        .type(MIME.xlsx)
        .header('content-disposition', contentDisposition(`${set.title}.xlsx`))
        .send(await xlsx(set.title, items));
    }),
  );
  app.get(
    '/public/sets/:id/data.csv',
    guard<{ id: string }>(async (req, reply) => {
      const set = await publishedSet(ctx.db, idOf(req.params.id));
      const items = await setItems(ctx.db, [set.id], today());
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`${set.title}.csv`))
        .send(csv(items));
    }),
  );
}
