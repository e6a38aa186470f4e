import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, Ok } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/supervision.ts';
import { TaskParams } from '../../../common/contracts/tasks.ts';
import type { Ctx } from '../../context.ts';
import { actorOf, sendFile } from '../../lib/http.ts';
import * as dash from './dashboard.service.ts';
import * as ledger from './ledger.service.ts';
import * as notifications from './notifications.service.ts';
import * as record from './record.service.ts';
import * as settings from './settings.service.ts';

const tags = ['督查督办'];

/** The ledgers and 督办单 (files), the 工作台, notifications and the light settings. */
export default async function supervisionRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/tasks/ledger.xlsx',
    {
      config: { permission: 'task.read', raw: true },
      schema: { tags, summary: '导出任务分解表(按文件分组)', querystring: C.LedgerQuery },
    },
    async (req, reply) => sendFile(reply, await ledger.ledgerXlsx(ctx, actorOf(req), req.query)),
  );
  app.get(
    '/api/tasks/ledger',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '督查台账(打印视图;筛选同任务列表,按文件分组)',
        querystring: C.LedgerQuery,
        response: { 200: C.TaskLedger },
      },
    },
    async (req) => ledger.ledger(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/tasks/ledger.docx',
    {
      config: { permission: 'task.read', raw: true },
      schema: { tags, summary: '导出督查台账(.docx,A4 横向)', querystring: C.LedgerQuery },
    },
    async (req, reply) => sendFile(reply, await ledger.ledgerDocx(ctx, actorOf(req), req.query)),
  );
  app.get(
    '/api/tasks/:id/record.docx',
    {
      config: { permission: 'task.read', raw: true },
      schema: { tags, summary: '导出单项任务办理情况(.docx,含出处与办理记录)', params: TaskParams },
    },
    async (req, reply) => sendFile(reply, await record.taskDocx(ctx, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/tasks/:id/progress.xlsx',
    {
      config: { permission: 'task.read', raw: true },
      schema: { tags, summary: '导出单项任务进展记录', params: TaskParams },
    },
    async (req, reply) => sendFile(reply, await ledger.progressXlsx(ctx, actorOf(req), req.params.id)),
  );
  app.post(
    '/api/tasks/:id/supervision-order',
    {
      config: { permission: 'task.supervise', raw: true },
      schema: {
        tags,
        summary: '对红灯任务下发督办单(返回 .docx)',
        params: TaskParams,
        body: C.SuperviseOrderBody,
      },
    },
    async (req, reply) => sendFile(reply, await ledger.superviseOrder(ctx, actorOf(req), req.params.id, req.body.note)),
  );

  app.get(
    '/api/dashboard',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '工作台:红黄绿灯统计、逾期排名、重点项目',
        querystring: C.DashboardQuery,
        response: { 200: C.Dashboard },
      },
    },
    async (req) => dash.dashboard(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/dashboard/projects/:id',
    {
      config: { permission: 'task.read' },
      schema: { tags, summary: '重点项目节点时间轴', params: TaskParams, response: { 200: C.ProjectTimeline } },
    },
    async (req) => dash.timeline(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/notifications',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '站内通知(临期、逾期、报送、催办、批示)',
        querystring: C.NotificationQuery,
        response: { 200: C.NotificationPage },
      },
    },
    async (req) => notifications.list(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      config: { permission: 'task.read' },
      schema: { tags, summary: '标记已读', params: IdParams, response: { 200: Ok } },
    },
    async (req) => notifications.markRead(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/api/settings/calendar/:year',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '工作日历(节假日与调休上班日)',
        params: C.YearParams,
        response: { 200: C.Calendar },
      },
    },
    async (req) => settings.getCalendar(ctx, req.params.year),
  );
  app.put(
    '/api/settings/calendar/:year',
    {
      config: { permission: 'task.settings' },
      schema: {
        tags,
        summary: '设置某年的节假日与调休上班日',
        params: C.YearParams,
        body: C.CalendarBody,
        response: { 200: Ok },
      },
    },
    async (req) => settings.putCalendar(ctx, actorOf(req), req.params.year, req.body),
  );
  app.get(
    '/api/settings/traffic-light',
    {
      config: { permission: 'task.read' },
      schema: { tags, summary: '红黄绿灯阈值(工作日)', response: { 200: C.Thresholds } },
    },
    async () => settings.getThresholds(ctx),
  );
  app.put(
    '/api/settings/traffic-light',
    {
      config: { permission: 'task.settings' },
      schema: { tags, summary: '设置红黄绿灯阈值', body: C.ThresholdsBody, response: { 200: Ok } },
    },
    async (req) => settings.putThresholds(ctx, actorOf(req), req.body),
  );
}
