import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, Ok } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/tasks.ts';
import type { Ctx } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import { actorOf, readUpload, sendFile } from '../../lib/http.ts';
import { list } from './list.service.ts';
import * as progress from './progress.service.ts';
import supervisionRoutes from './supervision.routes.ts';
import * as svc from './tasks.service.ts';
import * as wf from './workflow.service.ts';

const tags = ['督查督办'];

/** Tasks, their workflow, progress reports, evidence and milestones. Each route: schema, permission, one call. */
export default async function taskRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const params = C.TaskParams;

  app.get(
    '/api/tasks',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '任务列表(本人管辖范围内牵头或配合的任务)',
        querystring: C.TaskQuery,
        response: { 200: C.TaskPage },
      },
    },
    async (req) => list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/tasks/:id',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '任务详情(原文段落、进展、附件、节点、办理记录)',
        params,
        response: { 200: C.TaskDetail },
      },
    },
    async (req) => svc.get(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/tasks',
    {
      config: { permission: 'task.manage' },
      schema: { tags, summary: '新建任务或分解子任务', body: C.NewTask, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/tasks/:id',
    {
      config: { permission: 'task.manage' },
      schema: {
        tags,
        summary: '修改任务(责任领导、时限、优先级、报送周期)',
        params,
        body: C.TaskPatch,
        response: { 200: Ok },
      },
    },
    async (req) => svc.patch(ctx, actorOf(req), req.params.id, req.body),
  );

  // Workflow
  app.post(
    '/api/tasks/:id/accept',
    {
      config: { permission: 'task.report' },
      schema: { tags, summary: '签收', params, response: { 200: C.StepResult } },
    },
    async (req) => wf.accept(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/tasks/:id/request-close',
    {
      config: { permission: 'task.report' },
      schema: {
        tags,
        summary: '申请办结(须已报送进展)',
        params,
        body: C.RequestCloseBody,
        response: { 200: C.StepResult },
      },
    },
    async (req) => wf.requestClose(ctx, actorOf(req), req.params.id, req.body.summary),
  );
  app.post(
    '/api/tasks/:id/close',
    {
      config: { permission: 'task.supervise' },
      schema: { tags, summary: '确认办结', params, body: C.CloseBody, response: { 200: C.StepResult } },
    },
    async (req) => wf.close(ctx, actorOf(req), req.params.id, req.body.opinion),
  );
  app.post(
    '/api/tasks/:id/return',
    {
      config: { permission: 'task.supervise' },
      schema: { tags, summary: '退回(须填理由)', params, body: C.ReturnBody, response: { 200: C.StepResult } },
    },
    async (req) => wf.returnTask(ctx, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/tasks/:id/instructions',
    {
      config: { permission: 'task.supervise' },
      schema: { tags, summary: '领导批示', params, body: C.InstructionBody, response: { 201: C.RemarkResult } },
    },
    async (req, reply) =>
      reply.status(201).send(await wf.remark(ctx, actorOf(req), req.params.id, 'instruction', req.body.text)),
  );
  app.post(
    '/api/tasks/:id/urge',
    {
      config: { permission: 'task.supervise' },
      schema: { tags, summary: '催办(通知牵头单位)', params, body: C.UrgeBody, response: { 201: C.RemarkResult } },
    },
    async (req, reply) =>
      reply.status(201).send(await wf.remark(ctx, actorOf(req), req.params.id, 'urge', req.body.message)),
  );

  // Progress, attachments, milestones
  app.post(
    '/api/tasks/:id/reports',
    {
      config: { permission: 'task.report' },
      schema: { tags, summary: '报送进展', params, body: C.ReportBody, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await progress.report(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/tasks/:id/attachments',
    {
      config: { permission: 'task.report' },
      schema: {
        tags,
        summary: '上传佐证材料(multipart:可选字段 reportId,文件字段 file)',
        params,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const f = await readUpload(req);
      const rid = f.fields.reportId ? Number(f.fields.reportId) : null;
      if (rid !== null && !(Number.isInteger(rid) && rid > 0))
        throw badRequest('VALIDATION_FAILED', '字段「进展报告编号(reportId)」应为正整数');
      return reply.status(201).send(await progress.attach(ctx, actorOf(req), req.params.id, f, rid));
    },
  );
  app.get(
    '/api/tasks/:id/attachments/:attId',
    {
      config: { permission: 'task.read', raw: true },
      schema: { tags, summary: '下载佐证材料', params: C.AttachmentParams },
    },
    async (req, reply) => sendFile(reply, await progress.download(ctx, actorOf(req), req.params.id, req.params.attId)),
  );
  app.post(
    '/api/tasks/:id/milestones',
    {
      config: { permission: 'task.manage' },
      schema: {
        tags,
        summary: '添加重点项目节点(签约、土地摘牌、开工、投产…)',
        params,
        body: C.MilestoneBody,
        response: { 201: Created },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await progress.addMilestone(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/tasks/:id/milestones/:milestoneId/done',
    {
      config: { permission: 'task.report' },
      schema: { tags, summary: '节点完成', params: C.MilestoneParams, response: { 200: C.MilestoneDone } },
    },
    async (req) => progress.completeMilestone(ctx, actorOf(req), req.params.id, req.params.milestoneId),
  );

  await app.register(supervisionRoutes, { ctx });
}
