import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/rectifications.ts';
import type { Ctx } from '../../context.ts';
import { actorOf, sendFile } from '../../lib/http.ts';
import * as items from './items.service.ts';
import * as ledger from './ledger.service.ts';
import * as closing from './closing.service.ts';
import * as rechecks from './rechecks.service.ts';

const tags = ['问题整改'];

export default async function rectificationRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const params = IdParams;

  app.get(
    '/api/rectifications',
    {
      config: { permission: 'rectification.read' },
      schema: { tags, summary: '问题整改台账', querystring: C.RectQuery, response: { 200: C.RectPage } },
    },
    async (req) => items.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/rectifications/export.xlsx',
    {
      config: { permission: 'rectification.read', raw: true },
      schema: { tags, summary: '导出整改台账(.xlsx)', querystring: C.RectExportQuery },
    },
    async (req, reply) => sendFile(reply, await ledger.exportXlsx(ctx, actorOf(req), req.query)),
  );
  app.get(
    '/api/rectifications/export.docx',
    {
      config: { permission: 'rectification.read', raw: true },
      schema: { tags, summary: '导出整改台账(.docx,A4 横向)', querystring: C.RectExportQuery },
    },
    async (req, reply) => sendFile(reply, await ledger.exportDocx(ctx, actorOf(req), req.query)),
  );
  app.get(
    '/api/rectifications/summary',
    {
      config: { permission: 'rectification.read' },
      schema: {
        tags,
        summary: '按单位汇总(总数、整改中、已销号、逾期、反弹)',
        querystring: C.RectSummaryQuery,
        response: { 200: C.RectSummaryPage },
      },
    },
    async (req) => ledger.summary(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/rectifications/summary.xlsx',
    {
      config: { permission: 'rectification.read', raw: true },
      schema: { tags, summary: '导出按单位汇总(.xlsx)', querystring: C.RectSummaryQuery },
    },
    async (req, reply) => sendFile(reply, await ledger.summaryXlsx(ctx, actorOf(req), req.query)),
  );
  app.post(
    '/api/rectifications/rechecks/run',
    {
      config: { permission: 'rectification.approve' },
      schema: { tags, summary: '立即执行回头看调度(生成到期的回头看环节)', response: { 200: C.RechecksRun } },
    },
    async (req) => rechecks.runRechecks(ctx, actorOf(req)),
  );

  app.get(
    '/api/rectifications/:id',
    {
      config: { permission: 'rectification.read' },
      schema: { tags, summary: '整改事项详情', params, response: { 200: C.RectDetail } },
    },
    async (req) => items.get(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/rectifications',
    {
      config: { permission: 'rectification.approve' },
      schema: {
        tags,
        summary: '交办整改事项(交办方为本人管辖节点)',
        body: C.NewRectification,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.status(201).send(await items.create(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/rectifications/:id',
    {
      config: { permission: 'rectification.write' },
      schema: { tags, summary: '填写整改措施、责任人、时限', params, body: C.RectPatch, response: { 200: Ok } },
    },
    async (req) => items.update(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/rectifications/:id/evidence',
    {
      config: { permission: 'rectification.write' },
      schema: {
        tags,
        summary: '上传佐证材料(附件以 base64 提交)',
        params,
        body: C.EvidenceBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.status(201).send(await items.addEvidence(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/rectifications/:id/evidence/:evidenceId',
    {
      config: { permission: 'rectification.read', raw: true },
      schema: { tags, summary: '下载佐证附件', params: C.EvidenceParams },
    },
    async (req, reply) =>
      sendFile(reply, await items.evidenceFile(ctx, actorOf(req), req.params.id, req.params.evidenceId)),
  );
  app.post(
    '/api/rectifications/:id/apply-close',
    {
      config: { permission: 'rectification.write' },
      schema: { tags, summary: '申请销号', params, body: C.ApplyCloseBody, response: { 200: Ok } },
    },
    async (req) => closing.applyClose(ctx, actorOf(req), req.params.id, req.body.note),
  );
  app.post(
    '/api/rectifications/:id/approve-close',
    {
      config: { permission: 'rectification.approve' },
      schema: {
        tags,
        summary: '销号(交办方审批),并安排回头看',
        params,
        body: C.ApproveCloseBody,
        response: { 200: C.ApproveCloseResult },
      },
    },
    async (req) => closing.approveClose(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/rectifications/:id/reject-close',
    {
      config: { permission: 'rectification.approve' },
      schema: { tags, summary: '退回销号申请(须填理由)', params, body: C.RejectCloseBody, response: { 200: Ok } },
    },
    async (req) => closing.rejectClose(ctx, actorOf(req), req.params.id, req.body.opinion),
  );
  app.post(
    '/api/rectifications/:id/recheck',
    {
      config: { permission: 'rectification.approve' },
      schema: {
        tags,
        summary: '记录回头看结果(反弹则重新整改)',
        params,
        body: C.RecheckBody,
        response: { 200: C.RecheckResult },
      },
    },
    async (req) => rechecks.recheck(ctx, actorOf(req), req.params.id, req.body),
  );
}
