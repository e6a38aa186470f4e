import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, DateStr, Enum, IdParams, Nullable, Paging } from '../../lib/schemas.ts';
import * as items from './items.service.ts';
import * as ledger from './ledger.service.ts';

const tags = ['问题整改'];
const id = (req: any) => req.params.id as number;
const Filters = {
  orgId: Type.Optional(Type.Integer({ minimum: 1, title: '整改单位' })),
  status: Type.Optional(Enum(items.RECT_STATUSES, '状态')),
  source: Type.Optional(Enum(items.RECT_SOURCES, '来源')),
  q: Type.Optional(Type.String({ maxLength: 50, title: '关键词' })),
};
const { status: _s, ...SummaryFilters } = Filters;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const download = (reply: FastifyReply, f: { fileName: string; data: Buffer }, type: string) =>
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .send(f.data);

/** The 回头看 scheduler: a periodic tick (hourly) while the server runs; idempotent. */
function scheduleRechecks(app: FastifyInstance, ctx: Ctx) {
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      items.runRechecks(ctx).catch((e) => app.log.error({ err: e }, '回头看调度失败'));
    }, 3600_000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}

export default async function rectificationRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  scheduleRechecks(app, ctx);

  app.get(
    '/api/rectifications',
    {
      config: { permission: 'rectification.read' },
      schema: {
        tags,
        summary: '问题整改台账',
        querystring: Type.Object({ ...Filters, ...Paging }, { additionalProperties: false }),
      },
    },
    async (req) => items.list(ctx, actorOf(req), req.query as any),
  );
  app.get(
    '/api/rectifications/export.xlsx',
    {
      config: { permission: 'rectification.read' },
      schema: {
        tags,
        summary: '导出整改台账(.xlsx)',
        querystring: Type.Object(Filters, { additionalProperties: false }),
      },
    },
    async (req, reply) => download(reply, await ledger.exportXlsx(ctx, actorOf(req), req.query as any), XLSX),
  );
  app.get(
    '/api/rectifications/summary',
    {
      config: { permission: 'rectification.read' },
      schema: {
        tags,
        summary: '按单位汇总(总数、整改中、已销号、逾期、反弹)',
        querystring: Type.Object(SummaryFilters, { additionalProperties: false }),
      },
    },
    async (req) => ledger.summary(ctx, actorOf(req), req.query as any),
  );
  app.get(
    '/api/rectifications/summary.xlsx',
    {
      config: { permission: 'rectification.read' },
      schema: {
        tags,
        summary: '导出按单位汇总(.xlsx)',
        querystring: Type.Object(SummaryFilters, { additionalProperties: false }),
      },
    },
    async (req, reply) => download(reply, await ledger.summaryXlsx(ctx, actorOf(req), req.query as any), XLSX),
  );
  app.post(
    '/api/rectifications/rechecks/run',
    {
      config: { permission: 'rectification.approve' },
      schema: { tags, summary: '立即执行回头看调度(生成到期的回头看环节)' },
    },
    async (req) => items.runRechecks(ctx, actorOf(req)),
  );

  app.get(
    '/api/rectifications/:id',
    { config: { permission: 'rectification.read' }, schema: { tags, summary: '整改事项详情', params: IdParams } },
    async (req) => items.get(ctx, actorOf(req), id(req)),
  );
  app.post(
    '/api/rectifications',
    {
      config: { permission: 'rectification.approve' },
      schema: {
        tags,
        summary: '交办整改事项(交办方为本人管辖节点)',
        body: Body({
          orgId: Type.Integer({ title: '整改单位', minimum: 1 }),
          problem: Type.String({ title: '问题', minLength: 1, maxLength: 2000 }),
          source: Enum(items.RECT_SOURCES, '来源'),
          measures: Type.Optional(Nullable(Type.String({ title: '整改措施', maxLength: 5000 }))),
          owner: Type.Optional(Nullable(Type.String({ title: '责任人', maxLength: 50 }))),
          deadlineDate: Type.Optional(Nullable(DateStr('完成时限'))),
          recheckMonths: Type.Optional(Type.Integer({ title: '回头看间隔(月)', minimum: 1, maximum: 36 })),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await items.create(ctx, actorOf(req), req.body as any)),
  );
  app.patch(
    '/api/rectifications/:id',
    {
      config: { permission: 'rectification.write' },
      schema: {
        tags,
        summary: '填写整改措施、责任人、时限',
        params: IdParams,
        body: Body({
          measures: Type.Optional(Nullable(Type.String({ title: '整改措施', maxLength: 5000 }))),
          owner: Type.Optional(Nullable(Type.String({ title: '责任人', maxLength: 50 }))),
          deadlineDate: Type.Optional(Nullable(DateStr('完成时限'))),
        }),
      },
    },
    async (req) => items.update(ctx, actorOf(req), id(req), req.body as any),
  );
  app.post(
    '/api/rectifications/:id/evidence',
    {
      config: { permission: 'rectification.write' },
      schema: {
        tags,
        summary: '上传佐证材料(附件以 base64 提交)',
        params: IdParams,
        body: Body({
          note: Type.String({ title: '佐证说明', minLength: 1, maxLength: 2000 }),
          fileName: Type.Optional(Type.String({ title: '文件名', minLength: 1, maxLength: 200 })),
          contentBase64: Type.Optional(Type.String({ title: '附件内容', maxLength: 700_000 })),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await items.addEvidence(ctx, actorOf(req), id(req), req.body as any)),
  );
  app.get(
    '/api/rectifications/:id/evidence/:evidenceId',
    {
      config: { permission: 'rectification.read' },
      schema: {
        tags,
        summary: '下载佐证附件',
        params: Type.Object(
          {
            id: Type.Integer({ minimum: 1, title: '编号' }),
            evidenceId: Type.Integer({ minimum: 1, title: '附件编号' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) =>
      download(
        reply,
        await items.evidenceFile(ctx, actorOf(req), id(req), (req.params as any).evidenceId),
        'application/octet-stream',
      ),
  );
  app.post(
    '/api/rectifications/:id/apply-close',
    {
      config: { permission: 'rectification.write' },
      schema: {
        tags,
        summary: '申请销号',
        params: IdParams,
        body: Body({ note: Type.Optional(Type.String({ title: '说明', maxLength: 1000 })) }),
      },
    },
    async (req) => items.applyClose(ctx, actorOf(req), id(req), (req.body as any)?.note),
  );
  app.post(
    '/api/rectifications/:id/approve-close',
    {
      config: { permission: 'rectification.approve' },
      schema: {
        tags,
        summary: '销号(交办方审批),并安排回头看',
        params: IdParams,
        body: Body({
          opinion: Type.Optional(Type.String({ title: '意见', maxLength: 1000 })),
          recheckMonths: Type.Optional(Type.Integer({ title: '回头看间隔(月)', minimum: 1, maximum: 36 })),
        }),
      },
    },
    async (req) => items.approveClose(ctx, actorOf(req), id(req), req.body as any),
  );
  app.post(
    '/api/rectifications/:id/reject-close',
    {
      config: { permission: 'rectification.approve' },
      schema: {
        tags,
        summary: '退回销号申请(须填理由)',
        params: IdParams,
        body: Body({ opinion: Type.String({ title: '退回理由', minLength: 1, maxLength: 1000 }) }),
      },
    },
    async (req) => items.rejectClose(ctx, actorOf(req), id(req), (req.body as any).opinion),
  );
  app.post(
    '/api/rectifications/:id/recheck',
    {
      config: { permission: 'rectification.approve' },
      schema: {
        tags,
        summary: '记录回头看结果(反弹则重新整改)',
        params: IdParams,
        body: Body({
          recurred: Type.Boolean({ title: '是否反弹' }),
          note: Type.String({ title: '回头看情况', minLength: 1, maxLength: 2000 }),
        }),
      },
    },
    async (req) => items.recheck(ctx, actorOf(req), id(req), req.body as any),
  );
}
