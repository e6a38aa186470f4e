import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, DateStr, IdParams, Nullable, Paging } from '../../lib/schemas.ts';
import { oneFile } from '../tasks/files.ts';
import { TaskFields } from '../tasks/tasks.routes.ts';
import * as svc from './documents.service.ts';
import * as review from './review.service.ts';

const tags = ['文件与任务分解'];

export default async function documentRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/documents',
    {
      config: { permission: 'document.read' },
      schema: {
        tags,
        summary: '文件列表与全文检索(q:关键词,返回高亮片段)',
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ maxLength: 50, title: '关键词' })), ...Paging },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query as any),
  );

  app.get(
    '/api/documents/:id',
    {
      config: { permission: 'document.read' },
      schema: { tags, summary: '文件全文及由其发布的任务', params: IdParams },
    },
    async (req) => svc.get(ctx, actorOf(req), (req.params as any).id),
  );

  app.post(
    '/api/documents',
    {
      config: { permission: 'document.write' },
      // 500,000 characters of Chinese are 1.5 MB of UTF-8: above the default JSON body limit.
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: '录入文件(粘贴正文)',
        body: Body({
          title: Type.String({ title: '标题', maxLength: 200 }),
          date: DateStr('会议(发文)日期'),
          text: Type.String({ title: '正文', maxLength: 500_000 }),
          meeting: Type.Optional(Nullable(Type.String({ title: '会议名称', maxLength: 200 }))),
          issuingUnit: Type.Optional(Nullable(Type.String({ title: '发文单位', maxLength: 100 }))),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body as any)),
  );

  app.post(
    '/api/documents/upload',
    {
      config: { permission: 'document.write' },
      schema: {
        tags,
        summary: '上传文件(.docx / .txt;multipart 字段 title、date、meeting、issuingUnit 须在文件字段 file 之前)',
      },
    },
    async (req, reply) => {
      const f = await oneFile(req);
      return reply.status(201).send(await svc.upload(ctx, actorOf(req), f, f.fields));
    },
  );

  app.post(
    '/api/documents/:id/extract',
    { config: { permission: 'document.write' }, schema: { tags, summary: '抽取任务建议(不保存)', params: IdParams } },
    async (req) => review.extract(ctx, actorOf(req), (req.params as any).id),
  );

  app.post(
    '/api/documents/:id/publish',
    {
      config: { permission: 'document.write' },
      schema: {
        tags,
        summary: '发布审核后的任务(全部成功或全部不发布)',
        params: IdParams,
        body: Body({
          tasks: Type.Array(
            Type.Object(
              {
                ...TaskFields,
                start: Type.Integer({ title: '原文起始位置', minimum: 0 }),
                end: Type.Integer({ title: '原文结束位置', minimum: 1 }),
              },
              { additionalProperties: false },
            ),
            { title: '任务', minItems: 1, maxItems: 500 },
          ),
        }),
      },
    },
    async (req) => review.publish(ctx, actorOf(req), (req.params as any).id, (req.body as any).tasks),
  );
}
