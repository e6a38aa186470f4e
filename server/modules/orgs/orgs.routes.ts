import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  OrgCreateBody,
  OrgDetail,
  OrgDissolveBody,
  OrgHistory,
  OrgList,
  OrgListQuery,
  OrgMerged,
  OrgMergeBody,
  OrgMoveBody,
  OrgNode,
  OrgPatchBody,
  OrgTreeQuery,
  OrgHits,
  OrgSearchQuery,
} from '../../../common/contracts/orgs.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as restructure from './restructure.service.ts';
import * as svc from './orgs.service.ts';
import * as search from './search.service.ts';

const tags = ['组织机构'];

export default async function orgRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/orgs/tree',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '本人管辖范围的组织树(根 = 管辖节点)',
        querystring: OrgTreeQuery,
        response: { 200: OrgNode },
      },
    },
    async (req) => svc.tree(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/orgs',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '组织列表(分页、搜索)', querystring: OrgListQuery, response: { 200: OrgList } },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/orgs/search',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '组织选择器搜索(名称、简称、编码或拼音;按组织类型过滤;管辖范围内)',
        querystring: OrgSearchQuery,
        response: { 200: OrgHits },
      },
    },
    async (req) => search.search(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/orgs/:id',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '组织详情', params: IdParams, response: { 200: OrgDetail } },
    },
    async (req) => svc.get(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/orgs/:id/history',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '组织沿革', params: IdParams, response: { 200: OrgHistory } },
    },
    async (req) => svc.historyOf(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/api/orgs',
    {
      config: { permission: 'org.write' },
      schema: { tags, summary: '新建组织', body: OrgCreateBody, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body)),
  );

  app.patch(
    '/api/orgs/:id',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '修改组织(更名、类型、排序、书记)',
        params: IdParams,
        body: OrgPatchBody,
        response: { 200: Ok },
      },
    },
    async (req) => svc.update(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/orgs/:id/move',
    {
      config: { permission: 'org.write' },
      schema: { tags, summary: '调整隶属关系(移动子树)', params: IdParams, body: OrgMoveBody, response: { 200: Ok } },
    },
    async (req) => restructure.move(ctx, actorOf(req), req.params.id, req.body.parentId),
  );

  app.post(
    '/api/orgs/:id/dissolve',
    {
      config: { permission: 'org.write' },
      schema: { tags, summary: '撤销组织', params: IdParams, body: OrgDissolveBody, response: { 200: Ok } },
    },
    async (req) => restructure.dissolve(ctx, actorOf(req), req.params.id, req.body.reason),
  );

  app.post(
    '/api/orgs/:id/merge',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '合并组织(并入目标组织)',
        params: IdParams,
        body: OrgMergeBody,
        response: { 200: OrgMerged },
      },
    },
    async (req) => restructure.merge(ctx, actorOf(req), req.params.id, req.body.targetId),
  );
}
