import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, DateStr, IdParams, Paging } from '../../lib/schemas.ts';
import * as ledger from './ledger.service.ts';
import * as dash from './dashboard.service.ts';
import * as settings from './settings.service.ts';
import * as notifications from './notify.ts';
import { sendFile } from './files.ts';

const tags = ['督查督办'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const Year = Type.Object(
  { year: Type.Integer({ title: '年份', minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);
const Wd = (title: string) => Type.Integer({ title, minimum: 0, maximum: 365 });

export default async function supervisionRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/tasks/ledger.xlsx',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '导出任务分解表(按文件分组)',
        querystring: Type.Object(
          { documentId: Type.Optional(Type.Integer({ minimum: 1, title: '文件' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) =>
      sendFile(reply, {
        fileName: '任务分解表.xlsx',
        mime: XLSX,
        data: await ledger.ledgerXlsx(ctx, actorOf(req), req.query as any),
      }),
  );

  app.get(
    '/api/tasks/:id/progress.xlsx',
    { config: { permission: 'task.read' }, schema: { tags, summary: '导出单项任务进展记录', params: IdParams } },
    async (req, reply) =>
      sendFile(reply, {
        fileName: `任务${(req.params as any).id}-进展情况.xlsx`,
        mime: XLSX,
        data: await ledger.progressXlsx(ctx, actorOf(req), (req.params as any).id),
      }),
  );

  app.post(
    '/api/tasks/:id/supervision-order',
    {
      config: { permission: 'task.supervise' },
      schema: {
        tags,
        summary: '对红灯任务下发督办单(返回 .docx)',
        params: IdParams,
        body: Body({ note: Type.Optional(Type.String({ title: '督办要求', maxLength: 1000 })) }),
      },
    },
    async (req, reply) => {
      const r = await ledger.superviseOrder(ctx, actorOf(req), (req.params as any).id, (req.body as any)?.note);
      return sendFile(reply, { fileName: r.fileName, mime: DOCX, data: r.data });
    },
  );

  app.get(
    '/api/dashboard',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '工作台:红黄绿灯统计、逾期排名、重点项目',
        querystring: Type.Object(
          { orgId: Type.Optional(Type.Integer({ minimum: 1, title: '单位' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => dash.dashboard(ctx, actorOf(req), req.query as any),
  );
  app.get(
    '/api/dashboard/projects/:id',
    { config: { permission: 'task.read' }, schema: { tags, summary: '重点项目节点时间轴', params: IdParams } },
    async (req) => dash.timeline(ctx, actorOf(req), (req.params as any).id),
  );

  app.get(
    '/api/notifications',
    {
      config: { permission: 'task.read' },
      schema: {
        tags,
        summary: '站内通知(临期、逾期、报送、催办、批示)',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), ...Paging }, { additionalProperties: false }),
      },
    },
    async (req) => notifications.list(ctx, actorOf(req), req.query as any),
  );
  app.post(
    '/api/notifications/:id/read',
    { config: { permission: 'task.read' }, schema: { tags, summary: '标记已读', params: IdParams } },
    async (req) => notifications.markRead(ctx, actorOf(req), (req.params as any).id),
  );

  app.get(
    '/api/settings/calendar/:year',
    { config: { permission: 'task.read' }, schema: { tags, summary: '工作日历(节假日与调休上班日)', params: Year } },
    async (req) => settings.getCalendar(ctx, (req.params as any).year),
  );
  app.put(
    '/api/settings/calendar/:year',
    {
      config: { permission: 'task.settings' },
      schema: {
        tags,
        summary: '设置某年的节假日与调休上班日',
        params: Year,
        body: Body({
          holidays: Type.Array(DateStr('节假日'), { title: '节假日', maxItems: 366 }),
          workdays: Type.Array(DateStr('调休上班日'), { title: '调休上班日', maxItems: 366 }),
        }),
      },
    },
    async (req) => settings.putCalendar(ctx, actorOf(req), (req.params as any).year, req.body as any),
  );
  app.get(
    '/api/settings/traffic-light',
    { config: { permission: 'task.read' }, schema: { tags, summary: '红黄绿灯阈值(工作日)' } },
    async () => settings.getThresholds(ctx),
  );
  app.put(
    '/api/settings/traffic-light',
    {
      config: { permission: 'task.settings' },
      schema: {
        tags,
        summary: '设置红黄绿灯阈值',
        body: Body({
          acceptWorkdays: Type.Optional(Wd('签收时限')),
          dueSoonWorkdays: Type.Optional(Wd('临期预警')),
          lagYellowPercent: Type.Optional(Wd('进度滞后黄灯')),
          lagRedPercent: Type.Optional(Wd('进度滞后红灯')),
          weeklyCycleWorkdays: Type.Optional(Wd('每周报送周期')),
          monthlyCycleWorkdays: Type.Optional(Wd('每月报送周期')),
          reportRedWorkdays: Type.Optional(Wd('反馈超时红灯')),
        }),
      },
    },
    async (req) => settings.putThresholds(ctx, actorOf(req), req.body as any),
  );
}
