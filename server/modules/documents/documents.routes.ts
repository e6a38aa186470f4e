import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/documents.ts';
import type { Ctx } from '../../context.ts';
import { actorOf, readUpload } from '../../lib/http.ts';
import * as svc from './documents.service.ts';
import * as review from './review.service.ts';

const tags = ['文件与任务分解'];

export default async function documentRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/documents',
    {
      config: { permission: 'document.read' },
      schema: {
        tags,
        summary: '文件列表与全文检索(q:关键词,返回高亮片段)',
        querystring: C.DocumentQuery,
        response: { 200: C.DocumentPage },
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/documents/:id',
    {
      config: { permission: 'document.read' },
      schema: { tags, summary: '文件全文及由其发布的任务', params: IdParams, response: { 200: C.DocumentDetail } },
    },
    async (req) => svc.get(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/documents',
    {
      config: { permission: 'document.write' },
      // 500,000 characters of Chinese are 1.5 MB of UTF-8: above the default JSON body limit.
      bodyLimit: 4 * 1024 * 1024,
      schema: { tags, summary: '录入文件(粘贴正文)', body: C.NewDocument, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/documents/upload',
    {
      config: { permission: 'document.write' },
      schema: {
        tags,
        summary: '上传文件(.docx / .txt;multipart 字段 title、date、meeting、issuingUnit 须在文件字段 file 之前)',
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.upload(ctx, actorOf(req), await readUpload(req))),
  );
  app.post(
    '/api/documents/:id/extract',
    {
      config: { permission: 'document.write' },
      schema: { tags, summary: '抽取任务建议(不保存)', params: IdParams, response: { 200: C.Extraction } },
    },
    async (req) => review.extract(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/documents/:id/publish',
    {
      config: { permission: 'document.write' },
      schema: {
        tags,
        summary: '发布审核后的任务(全部成功或全部不发布)',
        params: IdParams,
        body: C.PublishBody,
        response: { 200: C.Published },
      },
    },
    async (req) => review.publish(ctx, actorOf(req), req.params.id, req.body.tasks),
  );
}
