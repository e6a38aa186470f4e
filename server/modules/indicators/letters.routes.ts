import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  LetterDetail,
  LetterIssue,
  LetterIssued,
  LetterList,
  LetterListQuery,
  Signed,
} from '../../../common/contracts/letters.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as letters from './letters.service.ts';

const tags = ['目标责任书'];

export default async function letterRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/responsibility-letters',
    {
      config: { permission: 'indicator.read' },
      schema: { tags, summary: '目标责任书(年度)', querystring: LetterListQuery, response: { 200: LetterList } },
    },
    async (req) => letters.list(ctx, actorOf(req), req.query.year),
  );
  app.post(
    '/api/responsibility-letters',
    {
      config: { permission: 'indicator.manage' },
      schema: { tags, summary: '按模板向下级单位下达责任书', body: LetterIssue, response: { 200: LetterIssued } },
    },
    async (req) => letters.issue(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/responsibility-letters/:id',
    {
      config: { permission: 'indicator.read' },
      schema: { tags, summary: '责任书及逐条实时进度', params: IdParams, response: { 200: LetterDetail } },
    },
    async (req) => letters.detail(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/responsibility-letters/:id/sign',
    {
      config: { permission: 'letter.sign' },
      schema: { tags, summary: '签署(服务器时间、签署人账号)', params: IdParams, response: { 200: Signed } },
    },
    async (req) => letters.sign(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/responsibility-letters/:id/letter.docx',
    {
      config: { permission: 'indicator.read', raw: true },
      schema: { tags, summary: '打印责任书(.docx,含签署记录)', params: IdParams },
    },
    async (req, reply) => {
      const f = await letters.docx(ctx, actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .send(f.data);
    },
  );
}
