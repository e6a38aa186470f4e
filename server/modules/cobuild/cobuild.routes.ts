/**
 * 共驻共建 routes, part 1 (communities, registrations, rosters, settings, overview, the member's
 * page); the plugin also registers the other parts (lists, activities, points, reports). The
 * quarterly letters are a job in server/jobs.ts (`cobuildLettersJob`).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as C from '../../../common/contracts/cobuild.ts';
import * as S from '../../../common/contracts/cobuild-service.ts';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import activityRoutes from './activities.routes.ts';
import * as communities from './communities.service.ts';
import listRoutes from './lists.routes.ts';
import pointRoutes from './points.routes.ts';
import * as regs from './registrations.service.ts';
import reportRoutes from './reports.routes.ts';
import * as roster from './roster.service.ts';
import * as stats from './stats.service.ts';

export const tags = ['共驻共建'];

export default async function cobuildRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/cobuild/communities',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '报到社区名录(名称、所属乡镇、联系方式)',
        querystring: C.CommunityQuery,
        response: { 200: C.CommunityList },
      },
    },
    async (req) => communities.directory(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/cobuild/communities/candidates',
    {
      config: { permission: 'cobuild.settings' },
      schema: { tags, summary: '可登记为报到社区的村/社区党组织(按名称识别)', response: { 200: C.CandidateList } },
    },
    async (req) => communities.candidates(ctx, actorOf(req)),
  );
  app.post(
    '/api/cobuild/communities',
    {
      config: { permission: 'cobuild.settings' },
      schema: {
        tags,
        summary: '登记报到社区(村/社区的党支部或党总支)',
        body: C.RegisterCommunities,
        response: { 201: C.Count },
      },
    },
    async (req, reply) => reply.code(201).send(await communities.register(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/cobuild/communities/:id',
    {
      config: { permission: 'cobuild.settings' },
      schema: {
        tags,
        summary: '修改社区地址、电话或停用',
        params: IdParams,
        body: C.UpdateCommunity,
        response: { 200: Ok },
      },
    },
    async (req) => communities.update(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/cobuild/settings',
    {
      config: { permission: 'cobuild.read' },
      schema: { tags, summary: '共驻共建设置', response: { 200: S.Settings } },
    },
    async () => communities.getSettings(ctx),
  );
  app.put(
    '/api/cobuild/settings',
    {
      config: { permission: 'cobuild.settings' },
      schema: {
        tags,
        summary: '修改共驻共建设置(复核周期、签到时间、报到率目标、评议规则)',
        body: S.SettingsBody,
        response: { 200: S.Settings },
      },
    },
    async (req) => communities.putSettings(ctx, actorOf(req), req.body),
  );

  app.get(
    '/api/cobuild/registrations',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '报到记录(社区、单位或本人)',
        querystring: C.RegistrationQuery,
        response: { 200: C.RegistrationList },
      },
    },
    async (req) => regs.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/cobuild/registrations/:id',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '报到记录详情与经过',
        params: IdParams,
        response: { 200: C.RegistrationDetail },
      },
    },
    async (req) => regs.get(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cobuild/registrations',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '在职党员到居住地社区报到(同一时间只能一个社区)',
        body: C.ReportBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send(await regs.report(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/cobuild/registrations/unit',
    {
      config: { permission: 'cobuild.manage' },
      schema: {
        tags,
        summary: '单位党组织作为共建单位到社区报到(结对)',
        body: C.UnitReportBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send(await regs.reportUnit(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/cobuild/registrations/:id/accept',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '社区确认报到', params: IdParams, response: { 200: Ok } },
    },
    async (req) => regs.accept(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cobuild/registrations/:id/decline',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '社区退回报到(须填理由)', params: IdParams, body: C.ReasonBody, response: { 200: Ok } },
    },
    async (req) => regs.decline(ctx, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/cobuild/registrations/:id/confirm',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '党员复核报到(每半年)', params: IdParams, response: { 200: Ok } },
    },
    async (req) => regs.confirm(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cobuild/registrations/:id/end',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '结束报到(搬离、调整等,须填理由)',
        params: IdParams,
        body: C.ReasonBody,
        response: { 200: Ok },
      },
    },
    async (req) => regs.end(ctx, actorOf(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/cobuild/roster',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '本单位在职党员报到情况(已报到、待确认、逾期、未报到)',
        querystring: C.RosterQuery,
        response: { 200: C.Roster },
      },
    },
    async (req) => roster.roster(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/cobuild/units',
    {
      config: { permission: 'cobuild.read' },
      schema: { tags, summary: '各单位报到率', querystring: C.UnitQuery, response: { 200: C.UnitRateList } },
    },
    async (req) => roster.unitRates(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/cobuild/overview',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '共驻共建总览(报到率、活动、服务时长)',
        querystring: S.OverviewQuery,
        response: { 200: S.Overview },
      },
    },
    async (req) => stats.overview(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/cobuild/rankings',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '积分与服务排名(党员、单位、社区)',
        querystring: S.RankingQuery,
        response: { 200: S.Rankings },
      },
    },
    async (req) => stats.rankings(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/cobuild/me',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '我的报到与积分', response: { 200: S.MyCobuild } },
    },
    async (req) => stats.me(ctx, actorOf(req)),
  );

  await app.register(listRoutes, { ctx });
  await app.register(activityRoutes, { ctx });
  await app.register(pointRoutes, { ctx });
  await app.register(reportRoutes, { ctx });
}
