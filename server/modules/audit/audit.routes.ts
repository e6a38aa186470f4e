import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditList, AuditQuery, AuditVerify } from '../../../common/contracts/audit.ts';
import type { Ctx } from '../../context.ts';
import { verifyAnchored } from '../../lib/audit-anchor.ts';
import * as svc from './audit.service.ts';

const tags = ['审计'];

export default async function auditRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: { tags, summary: '审计日志', querystring: AuditQuery, response: { 200: AuditList } },
    },
    async (req) => svc.list(ctx, req.query),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '校验审计哈希链(含与库外锚点比对,可发现末尾被删除),指出第一条被篡改的记录',
        response: { 200: AuditVerify },
      },
    },
    async () => verifyAnchored(ctx.db, ctx.config.auditAnchorPath),
  );
}
