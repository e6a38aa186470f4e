import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, Enum, IdParams } from '../../lib/schemas.ts';
import * as com from './comments.service.ts';
import * as rep from './reports.service.ts';

const tags = ['述职评议'];
const OrgParams = Type.Object(
  { id: Type.Integer({ minimum: 1, title: '编号' }), orgId: Type.Integer({ minimum: 1, title: '组织编号' }) },
  { additionalProperties: false },
);
const Finding = Body({
  source: Enum(com.FINDING_SOURCES, '问题来源'),
  problem: Type.String({ title: '问题', minLength: 1, maxLength: 1000 }),
});
const Findings = Type.Array(Finding, { title: '发现的问题', maxItems: 50 });
const Summary = Type.String({ title: '点评意见', maxLength: 5000 });

export default async function contentRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/reviews/:id/reports',
    {
      config: { permission: 'review.read' },
      schema: { tags, summary: '述职报告报送情况(已报送 / 未报送)', params: IdParams },
    },
    async (req) => rep.list(ctx, actorOf(req), (req.params as any).id),
  );
  app.get(
    '/api/reviews/:id/reports/:orgId',
    { config: { permission: 'review.read' }, schema: { tags, summary: '述职报告全文', params: OrgParams } },
    async (req) => rep.get(ctx, actorOf(req), (req.params as any).id, (req.params as any).orgId),
  );
  app.put(
    '/api/reviews/:id/reports/:orgId',
    {
      config: { permission: 'review.report' },
      schema: {
        tags,
        summary: '报送述职报告(文本)',
        params: OrgParams,
        body: Body({ text: Type.String({ title: '述职报告', minLength: 1, maxLength: 100000 }) }),
      },
    },
    async (req) =>
      rep.submit(ctx, actorOf(req), (req.params as any).id, (req.params as any).orgId, (req.body as any).text),
  );
  app.post(
    '/api/reviews/:id/reports/:orgId/docx',
    {
      config: { permission: 'review.report' },
      schema: { tags, summary: '报送述职报告(上传 .docx,字段 file)', params: OrgParams },
    },
    async (req) => {
      // Scope first: a caller who may not submit for this org learns nothing from the upload path.
      await rep.checkSubmitter(ctx, actorOf(req), (req.params as any).id, (req.params as any).orgId);
      if (!req.isMultipart()) throw badRequest('REPORT_NOT_DOCX', '请以 multipart 表单上传 Word 文档(字段 file)');
      const f = await req.file();
      if (!f) throw badRequest('REPORT_NOT_DOCX', '请上传 Word 文档(.docx)');
      const data = await f.toBuffer();
      return rep.submitDocx(ctx, actorOf(req), (req.params as any).id, (req.params as any).orgId, {
        filename: f.filename,
        data,
      });
    },
  );
  app.post(
    '/api/reviews/:id/reports/remind',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '催报述职报告(默认全部未报送)',
        params: IdParams,
        body: Body({
          orgIds: Type.Optional(
            Type.Array(Type.Integer({ minimum: 1, title: '组织编号' }), { title: '催报组织', maxItems: 1000 }),
          ),
        }),
      },
    },
    async (req) => rep.remind(ctx, actorOf(req), (req.params as any).id, (req.body as any)?.orgIds),
  );

  app.get(
    '/api/reviews/:id/comments',
    {
      config: { permission: 'review.read' },
      schema: { tags, summary: '点评列表(被评议单位只见本单位已审定的点评)', params: IdParams },
    },
    async (req) => com.list(ctx, actorOf(req), (req.params as any).id),
  );
  app.post(
    '/api/reviews/:id/comments',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '起草点评',
        params: IdParams,
        body: Body({ orgId: Type.Integer({ title: '被点评组织', minimum: 1 }), summary: Summary, findings: Findings }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await com.create(ctx, actorOf(req), (req.params as any).id, req.body as any)),
  );
  app.patch(
    '/api/reviews/comments/:id',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '修改点评(起草或退回状态)',
        params: IdParams,
        body: Body({ summary: Type.Optional(Summary), findings: Type.Optional(Findings) }),
      },
    },
    async (req) => com.update(ctx, actorOf(req), (req.params as any).id, req.body as any),
  );
  app.post(
    '/api/reviews/comments/:id/submit',
    { config: { permission: 'review.manage' }, schema: { tags, summary: '提交审定', params: IdParams } },
    async (req) => com.submit(ctx, actorOf(req), (req.params as any).id),
  );
  app.post(
    '/api/reviews/comments/:id/approve',
    {
      config: { permission: 'review.manage' },
      schema: { tags, summary: '审定(发现的问题转为整改事项)', params: IdParams },
    },
    async (req) => com.approve(ctx, actorOf(req), (req.params as any).id),
  );
  app.post(
    '/api/reviews/comments/:id/return',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '退回点评(须填理由)',
        params: IdParams,
        body: Body({ reason: Type.String({ title: '退回理由', minLength: 1, maxLength: 500 }) }),
      },
    },
    async (req) => com.returnBack(ctx, actorOf(req), (req.params as any).id, (req.body as any).reason),
  );
}
