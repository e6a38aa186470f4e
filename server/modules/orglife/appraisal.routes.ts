import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  AppraisalChecks,
  AppraisalCreate,
  AppraisalDetail,
  AppraisalEntryParams,
  AppraisalList,
  AppraisalQuery,
  BranchInfo,
  CommitteeBody,
  CommitteePatch,
  FinalizeBody,
  Finalized,
  GradesBody,
  GroupMembersBody,
  PutChecksBody,
  SelfBody,
} from '../../../common/contracts/orglife-work.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as ap from './appraisal.service.ts';
import * as branch from './branch.service.ts';

const tags = ['组织生活'];

/** Branch committee and 党小组 membership; 民主评议党员 and its eligibility checks. */
export async function appraisalRoutes(fastify: FastifyInstance, ctx: Ctx) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { permission: 'orglife.read' as const };
  const manage = { permission: 'orglife.manage' as const };

  app.get(
    '/api/org-life/branches/:id',
    {
      config: read,
      schema: { tags, summary: '支部班子(支委)与党小组', params: IdParams, response: { 200: BranchInfo } },
    },
    async (req) => branch.branchInfo(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/org-life/branches/:id/committee',
    {
      config: manage,
      schema: { tags, summary: '登记支委', params: IdParams, body: CommitteeBody, response: { 201: Created } },
    },
    async (req, reply) => {
      reply.code(201);
      return branch.addCommittee(ctx, actorOf(req), req.params.id, req.body);
    },
  );
  app.patch(
    '/api/org-life/committee/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改支委职务或登记离任',
        params: IdParams,
        body: CommitteePatch,
        response: { 200: Ok },
      },
    },
    async (req) => branch.patchCommittee(ctx, actorOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/org-life/groups/:id/members',
    {
      config: manage,
      schema: {
        tags,
        summary: '设置党小组成员(自今日起)',
        params: IdParams,
        body: GroupMembersBody,
        response: { 200: Ok },
      },
    },
    async (req) => branch.setGroupMembers(ctx, actorOf(req), req.params.id, req.body.memberIds),
  );

  app.get(
    '/api/org-life/appraisals',
    {
      config: read,
      schema: { tags, summary: '民主评议党员', querystring: AppraisalQuery, response: { 200: AppraisalList } },
    },
    async (req) => ap.listAppraisals(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/org-life/appraisals',
    {
      config: manage,
      schema: {
        tags,
        summary: '开展民主评议党员(一个支部一年一次)',
        body: AppraisalCreate,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return ap.createAppraisal(ctx, actorOf(req), req.body.orgId, req.body.year);
    },
  );
  app.get(
    '/api/org-life/appraisals/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '民主评议详情(自评、等次、资格提示)',
        params: IdParams,
        response: { 200: AppraisalDetail },
      },
    },
    async (req) => ap.getAppraisal(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/org-life/appraisals/:id/self',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '党员填写本人自评', params: IdParams, body: SelfBody, response: { 200: Ok } },
    },
    async (req) => ap.setSelf(ctx, actorOf(req), req.params.id, null, req.body.selfText),
  );
  app.put(
    '/api/org-life/appraisals/:id/entries/:memberId',
    {
      config: manage,
      schema: { tags, summary: '代党员录入自评', params: AppraisalEntryParams, body: SelfBody, response: { 200: Ok } },
    },
    async (req) => ap.setSelf(ctx, actorOf(req), req.params.id, req.params.memberId, req.body.selfText),
  );
  app.put(
    '/api/org-life/appraisals/:id/grades',
    {
      config: manage,
      schema: {
        tags,
        summary: '评定等次(优秀不超过 1/3,预备党员不评等次)',
        params: IdParams,
        body: GradesBody,
        response: { 200: Ok },
      },
    },
    async (req) => ap.setGrades(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/org-life/appraisals/:id/finalize',
    {
      config: manage,
      schema: {
        tags,
        summary: '结束评议(不合格进入整改台账)',
        params: IdParams,
        body: FinalizeBody,
        response: { 200: Finalized },
      },
    },
    async (req) => ap.finalizeAppraisal(ctx, actorOf(req), req.params.id, req.body.decisionMeetingId),
  );
  app.get(
    '/api/org-life/appraisal-checks',
    {
      config: read,
      schema: { tags, summary: '民主评议资格检查(可由其他模块接入)', response: { 200: AppraisalChecks } },
    },
    async () => ap.listChecks(ctx),
  );
  app.put(
    '/api/org-life/appraisal-checks',
    {
      config: { permission: 'orglife.rules' },
      schema: { tags, summary: '启用或停用资格检查', body: PutChecksBody, response: { 200: AppraisalChecks } },
    },
    async (req) => ap.putChecks(ctx, actorOf(req), req.body.enabled),
  );
}
