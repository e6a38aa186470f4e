import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Body, Enum, Type } from '../../../common/contracts/common.ts';
import { DigestPreview, DigestRunResult, NotificationPrefs, PrefsBody } from '../../../common/contracts/digest.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { actorOf } from '../../lib/http.ts';
import { INSTANCE } from '../../lib/jobs.ts';
import * as digest from './digest.service.ts';

const tags = ['提醒与汇总'];
const Settings = Type.Object({
  webhookMode: Enum(['digest', 'immediate'] as const, 'webhook 推送方式'),
  hour: Type.Integer({ minimum: 0, maximum: 23, title: '汇总发送时间(时)' }),
});

export default async function digestRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/notification-prefs',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '我的提醒方式', response: { 200: NotificationPrefs } },
    },
    async (req) => digest.getPrefs(ctx.db, actorOf(req).userId),
  );
  app.put(
    '/api/notification-prefs',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '设置提醒方式(每日汇总或逐条)和不接收的通知',
        body: PrefsBody,
        response: { 200: NotificationPrefs },
      },
    },
    async (req) => digest.putPrefs(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/digest/preview',
    {
      config: { permission: 'task.read' },
      schema: { tags, summary: '本单位今日汇总(预览)', response: { 200: DigestPreview } },
    },
    async (req) => {
      const today = localDate(ctx.clock.now());
      return { date: today, units: await digest.buildDigests(ctx.db, today, actorOf(req).scopePath) };
    },
  );
  app.post(
    '/api/digest/run',
    {
      config: { permission: 'task.settings' },
      schema: { tags, summary: '立即发送今日汇总(每天只发一次)', response: { 200: DigestRunResult } },
    },
    async () => digest.runDigest(ctx, { holder: INSTANCE, force: true }),
  );
  app.get(
    '/api/digest/settings',
    { config: { permission: 'task.settings' }, schema: { tags, summary: '汇总设置', response: { 200: Settings } } },
    async () => digest.loadSettings(ctx.db),
  );
  app.put(
    '/api/digest/settings',
    {
      config: { permission: 'task.settings' },
      schema: { tags, summary: '修改汇总设置', body: Body(Settings.properties), response: { 200: Settings } },
    },
    async (req) => digest.putSettings(ctx, actorOf(req), req.body),
  );
}
