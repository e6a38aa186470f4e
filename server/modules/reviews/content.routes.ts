import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/reviews.ts';
import type { Ctx } from '../../context.ts';
import { actorOf, readUpload } from '../../lib/http.ts';
import * as com from './comments.service.ts';
import * as rep from './reports.service.ts';

const tags = ['述职评议'];

/** 述职报告 (text or .docx, reminders) and 点评 (draft → submit → approve / return). */
export default async function contentRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const params = IdParams;

  app.get(
    '/api/reviews/:id/reports',
    {
      config: { permission: 'review.read' },
      schema: { tags, summary: '述职报告报送情况(已报送 / 未报送)', params, response: { 200: C.ReportList } },
    },
    async (req) => rep.list(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/reviews/:id/reports/:orgId',
    {
      config: { permission: 'review.read' },
      schema: { tags, summary: '述职报告全文', params: C.ReportParams, response: { 200: C.Report } },
    },
    async (req) => rep.get(ctx, actorOf(req), req.params.id, req.params.orgId),
  );
  app.put(
    '/api/reviews/:id/reports/:orgId',
    {
      config: { permission: 'review.report' },
      schema: {
        tags,
        summary: '报送述职报告(文本)',
        params: C.ReportParams,
        body: C.ReportBody,
        response: { 200: C.ReportSubmitted },
      },
    },
    async (req) => rep.submit(ctx, actorOf(req), req.params.id, req.params.orgId, req.body.text),
  );
  app.post(
    '/api/reviews/:id/reports/:orgId/docx',
    {
      config: { permission: 'review.report' },
      schema: {
        tags,
        summary: '报送述职报告(上传 .docx,字段 file)',
        params: C.ReportParams,
        response: { 200: C.ReportSubmitted },
      },
    },
    async (req) => {
      const { id, orgId } = req.params;
      // Scope first: a caller who may not submit for this org learns nothing from the upload path.
      await rep.checkSubmitter(ctx, actorOf(req), id, orgId);
      const file = await readUpload(req, { code: 'REPORT_NOT_DOCX', what: 'Word 文档(.docx)' });
      return rep.submitDocx(ctx, actorOf(req), id, orgId, file);
    },
  );
  app.post(
    '/api/reviews/:id/reports/remind',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '催报述职报告(默认全部未报送)',
        params,
        body: C.RemindBody,
        response: { 200: C.Reminded },
      },
    },
    async (req) => rep.remind(ctx, actorOf(req), req.params.id, req.body.orgIds),
  );

  app.get(
    '/api/reviews/:id/comments',
    {
      config: { permission: 'review.read' },
      schema: {
        tags,
        summary: '点评列表(被评议单位只见本单位已审定的点评)',
        params,
        response: { 200: C.CommentList },
      },
    },
    async (req) => com.list(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/reviews/:id/comments',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '起草点评', params, body: C.NewComment, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await com.create(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/reviews/comments/:id',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '修改点评(起草或退回状态)', params, body: C.CommentPatch, response: { 200: Ok } },
    },
    async (req) => com.update(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/reviews/comments/:id/submit',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '提交审定', params, response: { 200: C.CommentStep } },
    },
    async (req) => com.submit(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/reviews/comments/:id/approve',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '审定(发现的问题转为整改事项)', params, response: { 200: C.CommentStep } },
    },
    async (req) => com.approve(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/reviews/comments/:id/return',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '退回点评(须填理由)',
        params,
        body: C.CommentReturnBody,
        response: { 200: C.CommentStep },
      },
    },
    async (req) => com.returnBack(ctx, actorOf(req), req.params.id, req.body.reason),
  );
}
