/** 共驻共建 routes, part 2: 需求清单, 资源清单, 项目清单 and the claims between them. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as C from '../../../common/contracts/cobuild.ts';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as claims from './claims.service.ts';
import * as needs from './needs.service.ts';
import * as projects from './projects.service.ts';
import * as res from './resources.service.ts';

const tags = ['共驻共建'];

export default async function listRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/cobuild/needs',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '需求清单', querystring: C.NeedQuery, response: { 200: C.NeedList } },
    },
    async (req) => needs.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/cobuild/needs/:id',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '需求详情', params: IdParams, response: { 200: C.Need } },
    },
    async (req) => needs.get(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cobuild/needs',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '社区发布需求', body: C.NewNeed, response: { 201: Created } },
    },
    async (req, reply) => reply.code(201).send(await needs.create(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/cobuild/needs/:id',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '修改需求(认领中)', params: IdParams, body: C.UpdateNeed, response: { 200: Ok } },
    },
    async (req) => needs.update(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/cobuild/needs/:id/close',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '关闭需求(须填理由)', params: IdParams, body: C.ReasonBody, response: { 200: Ok } },
    },
    async (req) => needs.close(ctx, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/cobuild/needs/:id/fulfil',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '需求已完成(为认领方记分)', params: IdParams, response: { 200: Ok } },
    },
    async (req) => needs.fulfil(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cobuild/needs/:id/claim',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '认领需求(党员本人,或以 unitId 代表结对单位)',
        params: IdParams,
        body: C.ClaimBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send(await needs.claim(ctx, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/cobuild/claims',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '认领记录(待我答复、我的认领)',
        querystring: C.ClaimQuery,
        response: { 200: C.ClaimList },
      },
    },
    async (req) => claims.list(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/cobuild/claims/:id/accept',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '接受认领', params: IdParams, body: C.AcceptBody, response: { 200: Ok } },
    },
    async (req) => claims.accept(ctx, actorOf(req), req.params.id, req.body.note ?? null),
  );
  app.post(
    '/api/cobuild/claims/:id/decline',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '婉拒认领(须填理由)', params: IdParams, body: C.ReasonBody, response: { 200: Ok } },
    },
    async (req) => claims.decline(ctx, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/cobuild/claims/:id/withdraw',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '撤回认领', params: IdParams, response: { 200: Ok } },
    },
    async (req) => claims.withdraw(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/cobuild/resources',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '资源清单', querystring: C.ResourceQuery, response: { 200: C.ResourceList } },
    },
    async (req) => res.listResources(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/cobuild/resources',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '提供资源(党员本人,或以 unitId 代表单位)',
        body: C.NewResource,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send(await res.createResource(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/cobuild/resources/:id/withdraw',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '撤回资源', params: IdParams, response: { 200: Ok } },
    },
    async (req) => res.withdrawResource(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cobuild/resources/:id/claim',
    {
      config: { permission: 'cobuild.manage' },
      schema: {
        tags,
        summary: '社区认领资源',
        params: IdParams,
        body: C.ResourceClaimBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send(await res.claimResource(ctx, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/cobuild/projects',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '项目清单', querystring: C.ProjectQuery, response: { 200: C.ProjectList } },
    },
    async (req) => projects.listProjects(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/cobuild/projects',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '立项共建项目(牵头单位)', body: C.NewProject, response: { 201: Created } },
    },
    async (req, reply) => reply.code(201).send(await projects.createProject(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/cobuild/projects/:id/complete',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '项目完成(为牵头单位、负责人记分)', params: IdParams, response: { 200: Ok } },
    },
    async (req) => projects.completeProject(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cobuild/projects/:id/cancel',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '取消项目(须填理由)', params: IdParams, body: C.ReasonBody, response: { 200: Ok } },
    },
    async (req) => projects.cancelProject(ctx, actorOf(req), req.params.id, req.body.reason),
  );
}
