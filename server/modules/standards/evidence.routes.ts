import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, Ok } from '../../../common/contracts/common.ts';
import { EntryParams, EvidenceFileParams } from '../../../common/contracts/standards.ts';
import type { Ctx } from '../../context.ts';
import { actorOf, readUpload, sendFile } from '../../lib/http.ts';
import * as evidence from './evidence.service.ts';

const tags = ['标准化'];

/** Evidence files under the items of a score sheet: upload (the branch), download (branch and superiors). */
export default async function evidenceRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/standards/entries/:id/files',
    {
      config: { permission: 'standards.score' },
      schema: {
        tags,
        summary: '上传佐证材料(multipart:字段 code、type、note,文件字段 file;图片、PDF、.docx、.xlsx)',
        params: EntryParams,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const f = await readUpload(req, { what: '佐证材料' });
      return reply.status(201).send(await evidence.upload(ctx, actorOf(req), req.params.id, f));
    },
  );
  app.get(
    '/api/standards/entries/:id/files/:fileId',
    {
      config: { permission: 'standards.read', raw: true },
      schema: { tags, summary: '下载佐证材料', params: EvidenceFileParams },
    },
    async (req, reply) => sendFile(reply, await evidence.download(ctx, actorOf(req), req.params.id, req.params.fileId)),
  );
  app.delete(
    '/api/standards/entries/:id/files/:fileId',
    {
      config: { permission: 'standards.score' },
      schema: { tags, summary: '删除佐证材料(自评提交前)', params: EvidenceFileParams, response: { 200: Ok } },
    },
    async (req) => evidence.remove(ctx, actorOf(req), req.params.id, req.params.fileId),
  );
}
