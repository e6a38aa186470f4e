import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { verifyAnchored } from '../../lib/audit-anchor.ts';
import { Paging } from '../../lib/schemas.ts';

const tags = ['审计'];

export default async function auditRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '审计日志',
        querystring: Type.Object(
          {
            entity: Type.Optional(Type.String({ maxLength: 40 })),
            entityId: Type.Optional(Type.String({ maxLength: 40 })),
            ...Paging,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const f = req.query as { entity?: string; entityId?: string; page: number; pageSize: number };
      let q = ctx.db.selectFrom('audit_log');
      if (f.entity) q = q.where('entity', '=', f.entity);
      if (f.entityId) q = q.where('entity_id', '=', f.entityId);
      const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const items = await q
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { items, total: Number(n) };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: { tags, summary: '校验审计哈希链(含与库外锚点比对,可发现末尾被删除),指出第一条被篡改的记录' },
    },
    async () => verifyAnchored(ctx.db, ctx.config.auditAnchorPath),
  );
}
