import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, DateStr, Enum, IdParams, Nullable, Paging } from '../../lib/schemas.ts';
import * as svc from './tasks.service.ts';
import * as wf from './workflow.service.ts';
import * as progress from './progress.service.ts';
import { PRIORITIES, REPORT_CYCLES, TASK_STATUSES } from './tasks.policy.ts';
import supervisionRoutes from './supervision.routes.ts';
import { oneFile, sendFile } from './files.ts';

const tags = ['督查督办'];
const Id = (title: string) => Type.Integer({ title, minimum: 1 });
const MilestoneParams = Type.Object(
  { id: Id('任务编号'), milestoneId: Id('节点编号') },
  { additionalProperties: false },
);
const AttParams = Type.Object({ id: Id('任务编号'), attId: Id('附件编号') }, { additionalProperties: false });

export const TaskFields = {
  text: Type.String({ title: '工作任务', maxLength: 4000 }),
  leadOrgId: Id('牵头单位'),
  coOrgIds: Type.Optional(Type.Array(Id('配合单位'), { title: '配合单位', maxItems: 200 })),
  dueDate: Type.Optional(Nullable(DateStr('完成时限'))),
  deadlineText: Type.Optional(Nullable(Type.String({ title: '时限原文', maxLength: 100 }))),
  leader: Type.Optional(Nullable(Type.String({ title: '责任领导', maxLength: 50 }))),
  priority: Type.Optional(Enum(PRIORITIES, '优先级')),
  reportCycle: Type.Optional(Enum(REPORT_CYCLES, '报送周期')),
  targets: Type.Optional(
    Type.Array(
      Type.Union([
        Type.String({ title: '指标', maxLength: 500 }),
        Type.Object({ text: Type.String({ title: '指标', maxLength: 500 }) }, { additionalProperties: true }),
      ]),
      { title: '指标', maxItems: 50 },
    ),
  ),
  keyProject: Type.Optional(Type.Boolean({ title: '重点项目' })),
};

export default async function taskRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/tasks',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '任务列表(本人管辖范围内牵头或配合的任务)',
        querystring: Type.Object(
          {
            orgId: Type.Optional(Id('单位')),
            light: Type.Optional(Enum(['green', 'yellow', 'red'] as const, '红黄绿灯')),
            status: Type.Optional(Enum(Object.keys(TASK_STATUSES) as (keyof typeof TASK_STATUSES)[], '状态')),
            q: Type.Optional(Type.String({ maxLength: 50, title: '关键词' })),
            documentId: Type.Optional(Id('文件')),
            parentId: Type.Optional(Id('上级任务')),
            overdue: Type.Optional(Type.Boolean({ title: '逾期' })),
            keyProject: Type.Optional(Type.Boolean({ title: '重点项目' })),
            ...Paging,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query as any),
  );

  app.get(
    '/api/tasks/:id',
    {
      config: { permission: 'task.read' },
      schema: { tags, summary: '任务详情(原文段落、进展、附件、节点、办理记录)', params: IdParams },
    },
    async (req) => svc.get(ctx, actorOf(req), (req.params as any).id),
  );

  app.post(
    '/api/tasks',
    {
      config: { permission: 'task.manage' },
      schema: {
        tags,
        summary: '新建任务或分解子任务',
        body: Body({ ...TaskFields, parentId: Type.Optional(Nullable(Id('上级任务'))) }),
      },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body as any)),
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: { permission: 'task.manage' },
      schema: {
        tags,
        summary: '修改任务(责任领导、时限、优先级、报送周期)',
        params: IdParams,
        body: Body({
          text: Type.Optional(TaskFields.text),
          leader: TaskFields.leader,
          dueDate: TaskFields.dueDate,
          priority: TaskFields.priority,
          reportCycle: TaskFields.reportCycle,
          keyProject: TaskFields.keyProject,
        }),
      },
    },
    async (req) => svc.patch(ctx, actorOf(req), (req.params as any).id, req.body as any),
  );

  // Workflow
  app.post(
    '/api/tasks/:id/accept',
    { config: { permission: 'task.report' }, schema: { tags, summary: '签收', params: IdParams } },
    async (req) => wf.accept(ctx, actorOf(req), (req.params as any).id),
  );
  app.post(
    '/api/tasks/:id/request-close',
    {
      config: { permission: 'task.report' },
      schema: {
        tags,
        summary: '申请办结(须已报送进展)',
        params: IdParams,
        body: Body({ summary: Type.Optional(Type.String({ title: '办结说明', maxLength: 2000 })) }),
      },
    },
    async (req) => wf.requestClose(ctx, actorOf(req), (req.params as any).id, (req.body as any)?.summary),
  );
  app.post(
    '/api/tasks/:id/close',
    {
      config: { permission: 'task.supervise' },
      schema: {
        tags,
        summary: '确认办结',
        params: IdParams,
        body: Body({ opinion: Type.Optional(Type.String({ title: '审核意见', maxLength: 2000 })) }),
      },
    },
    async (req) => wf.close(ctx, actorOf(req), (req.params as any).id, (req.body as any)?.opinion),
  );
  app.post(
    '/api/tasks/:id/return',
    {
      config: { permission: 'task.supervise' },
      schema: {
        tags,
        summary: '退回(须填理由)',
        params: IdParams,
        body: Body({ reason: Type.String({ title: '退回理由', minLength: 1, maxLength: 2000 }) }),
      },
    },
    async (req) => wf.returnTask(ctx, actorOf(req), (req.params as any).id, (req.body as any).reason),
  );
  app.post(
    '/api/tasks/:id/instructions',
    {
      config: { permission: 'task.supervise' },
      schema: {
        tags,
        summary: '领导批示',
        params: IdParams,
        body: Body({ text: Type.String({ title: '批示内容', minLength: 1, maxLength: 2000 }) }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await wf.remark(ctx, actorOf(req), (req.params as any).id, 'instruction', (req.body as any).text)),
  );
  app.post(
    '/api/tasks/:id/urge',
    {
      config: { permission: 'task.supervise' },
      schema: {
        tags,
        summary: '催办(通知牵头单位)',
        params: IdParams,
        body: Body({ message: Type.Optional(Type.String({ title: '催办内容', maxLength: 500 })) }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await wf.remark(ctx, actorOf(req), (req.params as any).id, 'urge', (req.body as any)?.message)),
  );

  // Progress, attachments, milestones
  app.post(
    '/api/tasks/:id/reports',
    {
      config: { permission: 'task.report' },
      schema: {
        tags,
        summary: '报送进展',
        params: IdParams,
        body: Body({
          text: Type.String({ title: '进展情况', maxLength: 4000 }),
          percent: Type.Integer({ title: '完成进度(%)', minimum: 0, maximum: 100 }),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await progress.report(ctx, actorOf(req), (req.params as any).id, req.body as any)),
  );
  app.post(
    '/api/tasks/:id/attachments',
    {
      config: { permission: 'task.report' },
      schema: { tags, summary: '上传佐证材料(multipart:可选字段 reportId,文件字段 file)', params: IdParams },
    },
    async (req, reply) => {
      const f = await oneFile(req);
      const rid = f.fields.reportId ? Number(f.fields.reportId) : null;
      if (rid !== null && !(Number.isInteger(rid) && rid > 0))
        throw badRequest('VALIDATION_FAILED', '字段「进展报告编号(reportId)」应为正整数');
      return reply.status(201).send(await progress.attach(ctx, actorOf(req), (req.params as any).id, f, rid));
    },
  );
  app.get(
    '/api/tasks/:id/attachments/:attId',
    { config: { permission: 'task.read' }, schema: { tags, summary: '下载佐证材料', params: AttParams } },
    async (req, reply) =>
      sendFile(reply, await progress.download(ctx, actorOf(req), (req.params as any).id, (req.params as any).attId)),
  );
  app.post(
    '/api/tasks/:id/milestones',
    {
      config: { permission: 'task.manage' },
      schema: {
        tags,
        summary: '添加重点项目节点(签约、土地摘牌、开工、投产…)',
        params: IdParams,
        body: Body({
          name: Type.String({ title: '节点名称', minLength: 1, maxLength: 50 }),
          dueDate: DateStr('计划完成日期'),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await progress.addMilestone(ctx, actorOf(req), (req.params as any).id, req.body as any)),
  );
  app.post(
    '/api/tasks/:id/milestones/:milestoneId/done',
    { config: { permission: 'task.report' }, schema: { tags, summary: '节点完成', params: MilestoneParams } },
    async (req) =>
      progress.completeMilestone(ctx, actorOf(req), (req.params as any).id, (req.params as any).milestoneId),
  );

  await app.register(supervisionRoutes, { ctx });
}
