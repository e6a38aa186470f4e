import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Ok } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/projects.ts';
import { TaskParams } from '../../../common/contracts/tasks.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as investment from './investment.service.ts';
import * as projects from './projects.service.ts';

const tags = ['重点项目'];

/** 重点项目 investment (plan, monthly completion, light) and 「设为指标目标」. Each route: schema, permission, one call. */
export default async function projectRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/projects',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '重点项目投资与红黄绿灯(本级及下级,红灯在前)',
        querystring: C.ProjectListQuery,
        response: { 200: C.ProjectList },
      },
    },
    async (req) => projects.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/projects/:id/investment',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '项目投资表:逐月计划、完成、累计、完成率与灯',
        params: C.ProjectParams,
        querystring: C.ProjectYearQuery,
        response: { 200: C.InvestmentGrid },
      },
    },
    async (req) => investment.grid(ctx, actorOf(req), req.params.id, req.query.year),
  );
  app.put(
    '/api/projects/:id/investment/plan',
    {
      config: { permission: 'task.manage' },
      schema: {
        tags,
        summary: '制定年度投资计划(分解到月,万元)',
        params: C.ProjectParams,
        body: C.InvestmentPlanBody,
        response: { 200: Ok },
      },
    },
    async (req) => investment.savePlan(ctx, actorOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/projects/:id/investment/:period',
    {
      config: { permission: 'task.report' },
      schema: {
        tags,
        summary: '牵头单位报送当月完成投资(万元;逾期须上级解锁)',
        params: C.ProjectMonthParams,
        body: C.InvestmentReportBody,
        response: { 200: Ok },
      },
    },
    async (req) => investment.report(ctx, actorOf(req), req.params.id, req.params.period, req.body),
  );
  app.post(
    '/api/tasks/:id/indicator-target',
    {
      config: { permission: 'indicator.manage' },
      schema: {
        tags,
        summary: '把任务中的量化目标设为指标的年度目标(记录来源任务)',
        params: TaskParams,
        body: C.TaskTargetBody,
        response: { 200: Ok },
      },
    },
    async (req) => projects.targetFromTask(ctx, actorOf(req), req.params.id, req.body),
  );
}
