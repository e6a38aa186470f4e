import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  CheckinBody,
  CheckinCodeBody,
  CheckinInfo,
  CheckinInfoQuery,
  CheckinResult,
} from '../../../common/contracts/orglife.ts';
import {
  AbsenceList,
  AbsenceQuery,
  AttendanceQuery,
  CaseDecisionBody,
  CaseList,
  CaseNotifyBody,
  CaseQuery,
  CaseTalkBody,
  CaseView,
  ComplianceList,
  ComplianceQuery,
  CreateRuleSetBody,
  Dashboard,
  DashboardQuery,
  ExportQuery,
  MemberAttendance,
  Recomputed,
  RuleSetList,
} from '../../../common/contracts/orglife-work.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { actorOf } from '../../lib/http.ts';
import { AppError } from '../../lib/errors.ts';
import { sendFile } from '../../lib/http.ts';
import { listAbsences, memberAttendance } from './absences.service.ts';
import { appraisalRoutes } from './appraisal.routes.ts';
import * as cases from './cases.service.ts';
import * as checkin from './checkin.service.ts';
import { listCompliance } from './compliance.service.ts';
import { dashboard } from './dashboard.service.ts';
import { tick } from './jobs.ts';
import { branchLedger, complianceReport } from './ledger.ts';
import { meetingRoutes } from './meetings.routes.ts';
import { createRuleSet, listRuleSets } from './rules.service.ts';

const tags = ['组织生活'];

/** 组织生活 (issue 11): meetings, check-in, rules, compliance, absences, appraisals. */
export default async function orglifeRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  await meetingRoutes(fastify, ctx);
  await appraisalRoutes(fastify, ctx);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { permission: 'orglife.read' as const };
  const manage = { permission: 'orglife.manage' as const };

  // ---- check-in by members ----
  app.post(
    '/api/checkin',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '党员扫码签到(登录后,服务器时间)', body: CheckinBody, response: { 200: CheckinResult } },
    },
    async (req) => checkin.checkin(ctx, actorOf(req), req.body.code),
  );
  app.post(
    '/api/checkin/code',
    {
      config: { permission: 'public', csrfExempt: true },
      schema: {
        tags,
        summary: '用签到表上的个人签到码签到(无需登录;错误次数按来源限制)',
        body: CheckinCodeBody,
        response: { 200: CheckinResult },
      },
    },
    async (req) => checkin.checkinWithCode(ctx, req.body.code, req.body.personalCode, req.ip),
  );
  app.get(
    '/api/checkin/info',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '签到码对应的会议(手机签到页显示)',
        querystring: CheckinInfoQuery,
        response: { 200: CheckinInfo },
      },
    },
    async (req) => checkin.checkinInfo(ctx, req.query.c),
  );

  // ---- compliance ----
  app.get(
    '/api/org-life/compliance',
    {
      config: read,
      schema: {
        tags,
        summary: '各支部各周期应开、已开(达到法定人数)次数',
        querystring: ComplianceQuery,
        response: { 200: ComplianceList },
      },
    },
    async (req) => listCompliance(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/org-life/dashboard',
    {
      config: read,
      schema: {
        tags,
        summary: '组织生活看板(汇总、排名、红黄绿灯)',
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    async (req) => dashboard(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/org-life/compliance.xlsx',
    {
      config: { ...read, raw: true },
      schema: { tags, summary: '组织生活落实情况报表(.xlsx)', querystring: ExportQuery },
    },
    async (req, reply) => sendFile(reply, { ...(await complianceReport(ctx, actorOf(req), req.query)) }),
  );
  app.get(
    '/api/org-life/ledger.xlsx',
    { config: { ...read, raw: true }, schema: { tags, summary: '支部组织生活台账(.xlsx)', querystring: ExportQuery } },
    async (req, reply) => sendFile(reply, { ...(await branchLedger(ctx, actorOf(req), req.query)) }),
  );
  app.post(
    '/api/org-life/recompute',
    {
      config: { permission: 'orglife.rules' },
      schema: { tags, summary: '立即重新计算全县合规与连续缺席(并发送提醒)', response: { 200: Recomputed } },
    },
    async () => {
      const r = await tick(ctx);
      if (!r.ran) throw new AppError('JOB_RUNNING', 409, '计算任务正在运行,请稍后再试');
      return {
        year: r.year,
        items: r.items,
        members: r.members,
        notifications: r.notifications,
        cases: r.cases,
        ms: r.ms,
      };
    },
  );

  // ---- rules ----
  app.get(
    '/api/org-life/rule-sets',
    { config: read, schema: { tags, summary: '组织生活规则版本(含依据)', response: { 200: RuleSetList } } },
    async () => listRuleSets(ctx),
  );
  app.post(
    '/api/org-life/rule-sets',
    {
      config: { permission: 'orglife.rules' },
      schema: {
        tags,
        summary: '新建规则版本(自某日起生效,不追溯)',
        body: CreateRuleSetBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return createRuleSet(ctx, actorOf(req), req.body);
    },
  );

  // ---- absences and cases ----
  app.get(
    '/api/org-life/absences',
    {
      config: read,
      schema: { tags, summary: '连续未参加组织生活的党员', querystring: AbsenceQuery, response: { 200: AbsenceList } },
    },
    async (req) => listAbsences(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/org-life/cases',
    {
      config: read,
      schema: {
        tags,
        summary: '连续6个月未参加组织生活的处置事项',
        querystring: CaseQuery,
        response: { 200: CaseList },
      },
    },
    async (req) => cases.listCases(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/org-life/cases/:id',
    { config: read, schema: { tags, summary: '处置事项详情', params: IdParams, response: { 200: CaseView } } },
    async (req) => cases.getCase(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/org-life/cases/:id/talk',
    {
      config: manage,
      schema: { tags, summary: '记录谈话', params: IdParams, body: CaseTalkBody, response: { 200: Ok } },
    },
    async (req) => cases.recordTalk(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/org-life/cases/:id/notify',
    {
      config: manage,
      schema: { tags, summary: '记录通知本人', params: IdParams, body: CaseNotifyBody, response: { 200: Ok } },
    },
    async (req) => cases.recordNotice(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/org-life/cases/:id/decision',
    {
      config: manage,
      schema: {
        tags,
        summary: '记录支部党员大会决定(办结)',
        params: IdParams,
        body: CaseDecisionBody,
        response: { 200: Ok },
      },
    },
    async (req) => cases.recordDecision(ctx, actorOf(req), req.params.id, req.body),
  );

  // ---- attendance histories ----
  app.get(
    '/api/org-life/my',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '本人参加组织生活情况',
        querystring: AttendanceQuery,
        response: { 200: MemberAttendance },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!actor.memberId) throw new AppError('NOT_A_MEMBER', 404, '当前账号没有关联党员档案');
      return memberAttendance(
        ctx,
        null,
        actor.memberId,
        req.query.year ?? Number(localDate(ctx.clock.now()).slice(0, 4)),
      );
    },
  );
  app.get(
    '/api/org-life/members/:id/attendance',
    {
      config: read,
      schema: {
        tags,
        summary: '党员参加组织生活情况',
        params: IdParams,
        querystring: AttendanceQuery,
        response: { 200: MemberAttendance },
      },
    },
    async (req) => memberAttendance(ctx, actorOf(req), req.params.id, req.query.year),
  );
}
