import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, Ok } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/windows-supervision.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { sendFile } from './files.ts';
import * as iv from './interviews.service.ts';
import * as st from './stats.service.ts';

const tags = ['作风监督·统计排名'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export default async function statsRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/windows/stats',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '月度统计与排名、办事最难窗口', querystring: C.StatsQuery, response: { 200: C.Stats } },
    },
    async (req) => st.stats(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/windows/trend',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '逐月趋势', querystring: C.TrendQuery, response: { 200: C.Trend } },
    },
    async (req) => st.trend(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/windows/report.docx',
    {
      config: { permission: 'window.read', raw: true },
      schema: { tags, summary: '月度好差评情况通报(.docx)', querystring: C.ReportQuery },
    },
    async (req, reply) => sendFile(reply, await iv.report(ctx, actorOf(req), req.query.month), DOCX),
  );
  app.get(
    '/api/window-interviews',
    {
      config: { permission: 'window.read' },
      schema: { tags, summary: '约谈记录', querystring: C.InterviewListQuery, response: { 200: C.InterviewList } },
    },
    async (req) => iv.listInterviews(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/window-interviews/run',
    {
      config: { permission: 'window.supervise' },
      schema: {
        tags,
        summary: '按月生成约谈(连续两个月列入办事最难窗口)',
        body: C.InterviewRunBody,
        response: { 200: C.JobsResult },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return {
        phonesPurged: 0,
        interviewsCreated: await iv.runInterviews(ctx, actor.scopePath, req.body.month, actor),
        overdueNotified: 0,
      };
    },
  );
  app.post(
    '/api/window-interviews/:id/record',
    {
      config: { permission: 'window.supervise' },
      schema: { tags, summary: '记录约谈情况', params: IdParams, body: C.InterviewRecordBody, response: { 200: Ok } },
    },
    async (req) => iv.recordInterview(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/windows/jobs/run',
    {
      config: { permission: 'window.supervise' },
      schema: { tags, summary: '立即执行定时任务(删除过期电话、生成约谈、逾期提醒)', response: { 200: C.JobsResult } },
    },
    async (req) => {
      const actor = actorOf(req);
      return iv.runJobs(ctx, actor.scopePath, actor);
    },
  );
}
