import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  MemberCreateBody,
  MemberDetail,
  MemberList,
  MemberPatchBody,
  MemberQuery,
} from '../../../common/contracts/members.ts';
import type { Ctx } from '../../context.ts';
import { actorOf, sendFile } from '../../lib/http.ts';
import * as svc from './members.service.ts';
import { memberDocx } from './record.service.ts';

const tags = ['党员'];

export default async function memberRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/members',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '党员列表(按管辖范围;q 可为姓名、拼音首字母如 zsm、或身份证后 4 位)',
        querystring: MemberQuery,
        response: { 200: MemberList },
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/members/:id',
    {
      config: { permission: 'member.read' },
      schema: { tags, summary: '党员详情', params: IdParams, response: { 200: MemberDetail } },
    },
    async (req) => svc.get(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/members/:id/record.docx',
    {
      config: { permission: 'member.read', raw: true },
      schema: { tags, summary: '导出党员档案(.docx,A4)', params: IdParams },
    },
    async (req, reply) => sendFile(reply, await memberDocx(ctx, actorOf(req), req.params.id)),
  );

  app.post(
    '/api/members',
    {
      config: { permission: 'member.write' },
      schema: { tags, summary: '新增党员', body: MemberCreateBody, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body)),
  );

  app.patch(
    '/api/members/:id',
    {
      config: { permission: 'member.write' },
      schema: { tags, summary: '修改党员信息', params: IdParams, body: MemberPatchBody, response: { 200: Ok } },
    },
    async (req) => svc.update(ctx, actorOf(req), req.params.id, req.body),
  );
}
