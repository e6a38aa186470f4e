import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { UnreadCount, Workbench } from '../../../common/contracts/workbench.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as wb from './workbench.service.ts';

const tags = ['工作台'];

export default async function workbenchRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/workbench',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '我的工作台:待办事项及数量(按角色与管辖范围)', response: { 200: Workbench } },
    },
    async (req) => wb.workbench(ctx, actorOf(req)),
  );
  app.get(
    '/api/workbench/unread',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '未读通知数(页头铃铛)', response: { 200: UnreadCount } },
    },
    async (req) => ({ count: await wb.unreadCount(ctx, actorOf(req)) }),
  );
}
