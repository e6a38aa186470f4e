import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, Enum, IdParams, Paging } from '../../lib/schemas.ts';
import { ORG_STATUSES, ORG_TYPES } from '../../../common/enums.ts';
import * as svc from './orgs.service.ts';

const tags = ['组织机构'];
const OrgType = Enum(ORG_TYPES, '组织类型');
const Code = Type.String({ title: '组织编码', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });
const Name = Type.String({ title: '名称', minLength: 1, maxLength: 100 });

export default async function orgRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/orgs/tree',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '本人管辖范围的组织树(根 = 管辖节点)',
        querystring: Type.Object(
          { rootId: Type.Optional(Type.Integer({ minimum: 1 })), includeDissolved: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => svc.tree(ctx, actorOf(req), req.query as any),
  );

  app.get(
    '/api/orgs',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '组织列表(分页、搜索)',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 50 })),
            parentId: Type.Optional(Type.Integer({ minimum: 1 })),
            type: Type.Optional(OrgType),
            status: Type.Optional(Enum(ORG_STATUSES, '状态')),
            ...Paging,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query as any),
  );

  app.get(
    '/api/orgs/:id',
    { config: { permission: 'org.read' }, schema: { tags, summary: '组织详情', params: IdParams } },
    async (req) => svc.get(ctx, actorOf(req), (req.params as any).id),
  );

  app.get(
    '/api/orgs/:id/history',
    { config: { permission: 'org.read' }, schema: { tags, summary: '组织沿革', params: IdParams } },
    async (req) => svc.historyOf(ctx, actorOf(req), (req.params as any).id),
  );

  app.post(
    '/api/orgs',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '新建组织',
        body: Body({
          code: Code,
          name: Name,
          shortName: Type.Optional(Type.Union([Type.String({ title: '简称', maxLength: 50 }), Type.Null()])),
          type: OrgType,
          parentId: Type.Integer({ title: '上级组织', minimum: 1 }),
          sortOrder: Type.Optional(Type.Integer({ title: '排序', minimum: 0, maximum: 100000 })),
        }),
      },
    },
    async (req, reply) => {
      const r = await svc.create(ctx, actorOf(req), req.body as any);
      return reply.status(201).send(r);
    },
  );

  app.patch(
    '/api/orgs/:id',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '修改组织(更名、类型、排序、书记)',
        params: IdParams,
        body: Body({
          code: Type.Optional(Code),
          name: Type.Optional(Name),
          shortName: Type.Optional(Type.Union([Type.String({ title: '简称', maxLength: 50 }), Type.Null()])),
          type: Type.Optional(OrgType),
          sortOrder: Type.Optional(Type.Integer({ title: '排序', minimum: 0, maximum: 100000 })),
          secretaryMemberId: Type.Optional(Type.Union([Type.Integer({ title: '书记', minimum: 1 }), Type.Null()])),
        }),
      },
    },
    async (req) => svc.update(ctx, actorOf(req), (req.params as any).id, req.body as any),
  );

  app.post(
    '/api/orgs/:id/move',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '调整隶属关系(移动子树)',
        params: IdParams,
        body: Body({ parentId: Type.Integer({ title: '新上级组织', minimum: 1 }) }),
      },
    },
    async (req) => svc.move(ctx, actorOf(req), (req.params as any).id, (req.body as any).parentId),
  );

  app.post(
    '/api/orgs/:id/dissolve',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '撤销组织',
        params: IdParams,
        body: Body({ reason: Type.Optional(Type.String({ title: '撤销原因', maxLength: 200 })) }),
      },
    },
    async (req) => svc.dissolve(ctx, actorOf(req), (req.params as any).id, (req.body as any)?.reason),
  );

  app.post(
    '/api/orgs/:id/merge',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '合并组织(并入目标组织)',
        params: IdParams,
        body: Body({ targetId: Type.Integer({ title: '并入的组织', minimum: 1 }) }),
      },
    },
    async (req) => svc.merge(ctx, actorOf(req), (req.params as any).id, (req.body as any).targetId),
  );
}
