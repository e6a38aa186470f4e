import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import {
  Cockpit,
  FigureOptions,
  Grid,
  GridParams,
  GridSave,
  Imported,
  IndicatorDetail,
  IndicatorInput,
  IndicatorList,
  IndicatorListQuery,
  IndicatorSettings,
  IndicatorSettingsBody,
  OfficialImport,
  OfficialList,
  PeriodQuery,
  Ranking,
  Rates,
  RatesQuery,
  ReportList,
  ReportsQuery,
  ReturnBody,
  TargetInput,
  TargetList,
  UnlockBody,
  ValueList,
  ValuesQuery,
  YearQuery,
} from '../../../common/contracts/indicators.ts';
import type { Ctx } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import { actorOf } from '../../lib/http.ts';
import { orgInScope } from '../../lib/scope.ts';
import { localDate } from '../../lib/clock.ts';
import * as files from './exports.ts';
import * as gridSvc from './grid.service.ts';
import * as registry from './registry.service.ts';
import * as reports from './reports.service.ts';
import { recomputeAll } from './rollup.ts';
import * as views from './views.service.ts';

const tags = ['指标调度'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const send = (reply: FastifyReply, f: { fileName: string; data: Buffer }) =>
  reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('cache-control', 'no-store')
    .send(f.data);

export default async function indicatorRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { permission: 'indicator.read' as const };
  const manage = { permission: 'indicator.manage' as const };

  app.get(
    '/api/indicators',
    {
      config: read,
      schema: { tags, summary: '指标目录', querystring: IndicatorListQuery, response: { 200: IndicatorList } },
    },
    async (req) => registry.list(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/indicators',
    {
      config: manage,
      schema: { tags, summary: '登记指标(一数一源)', body: IndicatorInput, response: { 200: Created } },
    },
    async (req) => registry.create(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/indicators/figures',
    { config: read, schema: { tags, summary: '可用的系统数据项(及已使用它的指标)', response: { 200: FigureOptions } } },
    async (req) => registry.figures(ctx, actorOf(req)),
  );
  app.get(
    '/api/indicators/settings',
    { config: read, schema: { tags, summary: '报送截止日与序时进度亮灯规则', response: { 200: IndicatorSettings } } },
    async () => registry.settings(ctx.db),
  );
  app.patch(
    '/api/indicators/settings',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改报送截止日与亮灯规则(重算当年灯)',
        body: IndicatorSettingsBody,
        response: { 200: IndicatorSettings },
      },
    },
    async (req) => {
      const s = await registry.saveSettings(ctx, actorOf(req), req.body);
      const today = localDate(ctx.clock.now());
      await ctx.db.transaction().execute((trx) => recomputeAll(trx, Number(today.slice(0, 4)), today));
      return s;
    },
  );
  app.get(
    '/api/indicators/cockpit',
    {
      config: read,
      schema: { tags, summary: '驾驶舱:一个单位某月全部指标', querystring: PeriodQuery, response: { 200: Cockpit } },
    },
    async (req) => views.cockpit(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/indicators/dispatch.xlsx',
    {
      config: { ...read, raw: true },
      schema: { tags, summary: '导出调度表(.xlsx,合并表头)', querystring: PeriodQuery },
    },
    async (req, reply) => send(reply, await files.dispatchXlsx(ctx, actorOf(req), req.query)),
  );
  app.get(
    '/api/indicators/:id',
    { config: read, schema: { tags, summary: '指标卡', params: IdParams, response: { 200: IndicatorDetail } } },
    async (req) => registry.detail(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/indicators/:id',
    {
      config: manage,
      schema: { tags, summary: '修改指标定义', params: IdParams, body: IndicatorInput, response: { 200: Ok } },
    },
    async (req) => registry.update(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/indicators/:id/targets',
    {
      config: read,
      schema: { tags, summary: '年度目标', params: IdParams, querystring: YearQuery, response: { 200: TargetList } },
    },
    async (req) => views.targets(ctx, actorOf(req), req.params.id, req.query.year),
  );
  app.post(
    '/api/indicators/:id/targets',
    {
      config: manage,
      schema: {
        tags,
        summary: '设定单位年度目标(可分解到月)',
        params: IdParams,
        body: TargetInput,
        response: { 200: Ok },
      },
    },
    async (req) => views.setTarget(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/indicators/:id/values',
    {
      config: read,
      schema: {
        tags,
        summary: '逐月数值、目标与灯',
        params: IdParams,
        querystring: ValuesQuery,
        response: { 200: ValueList },
      },
    },
    async (req) => views.values(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/indicators/:id/ranking',
    {
      config: read,
      schema: {
        tags,
        summary: '下级单位排名及升降',
        params: IdParams,
        querystring: PeriodQuery,
        response: { 200: Ranking },
      },
    },
    async (req) => views.ranking(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/indicators/:id/official',
    {
      config: read,
      schema: {
        tags,
        summary: '统计部门数据(只读)',
        params: IdParams,
        querystring: YearQuery,
        response: { 200: OfficialList },
      },
    },
    async (req) => views.official(ctx, actorOf(req), req.params.id, req.query.year),
  );
  app.post(
    '/api/indicators/:id/official',
    {
      config: manage,
      schema: {
        tags,
        summary: '导入统计部门数据(与调度数分开保存)',
        params: IdParams,
        body: OfficialImport,
        response: { 200: Imported },
      },
    },
    async (req) => views.importOfficial(ctx, actorOf(req), req.params.id, req.body),
  );

  // ---- reporting ----
  app.get(
    '/api/indicator-reports',
    {
      config: read,
      schema: { tags, summary: '某月应报单位及状态', querystring: ReportsQuery, response: { 200: ReportList } },
    },
    async (req) => reports.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/indicator-reports/rates',
    {
      config: read,
      schema: { tags, summary: '报送率与及时率(按单位、层级)', querystring: RatesQuery, response: { 200: Rates } },
    },
    async (req) => reports.rates(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/indicator-reports/:orgId/:period',
    { config: read, schema: { tags, summary: '填报表', params: GridParams, response: { 200: Grid } } },
    async (req) => gridSvc.grid(ctx, actorOf(req), req.params.orgId, req.params.period),
  );
  app.post(
    '/api/indicator-reports/:orgId/:period',
    {
      config: { permission: 'indicator.report' },
      schema: {
        tags,
        summary: '保存填报表(全部通过校验才保存)',
        params: GridParams,
        body: GridSave,
        response: { 200: Ok },
      },
    },
    async (req) => gridSvc.save(ctx, actorOf(req), req.params.orgId, req.params.period, req.body),
  );
  app.get(
    '/api/indicator-reports/:orgId/:period/template.xlsx',
    { config: { ...read, raw: true }, schema: { tags, summary: '下载填报模板(.xlsx)', params: GridParams } },
    async (req, reply) => send(reply, await files.templateXlsx(ctx, actorOf(req), req.params.orgId, req.params.period)),
  );
  app.post(
    '/api/indicator-reports/:orgId/:period/upload',
    {
      config: { permission: 'indicator.report' },
      schema: { tags, summary: '上传填好的模板(multipart,字段 file)', params: GridParams, response: { 200: Ok } },
    },
    async (req) => {
      // Scope first: a neighbour's grid is a 404 whatever is uploaded.
      await orgInScope(ctx.db, actorOf(req), req.params.orgId);
      if (!req.isMultipart())
        throw badRequest('FILE_REQUIRED', '请以 multipart/form-data 上传 Excel 文件(字段名 file)');
      const file = await req.file();
      if (file?.fieldname !== 'file') throw badRequest('FILE_REQUIRED', '请选择要上传的 Excel 文件(字段名 file)');
      return files.uploadXlsx(ctx, actorOf(req), req.params.orgId, req.params.period, await file.toBuffer());
    },
  );
  app.post(
    '/api/indicator-reports/:orgId/:period/submit',
    {
      config: { permission: 'indicator.report' },
      schema: { tags, summary: '报送', params: GridParams, response: { 200: Ok } },
    },
    async (req) => gridSvc.submit(ctx, actorOf(req), req.params.orgId, req.params.period),
  );
  app.post(
    '/api/indicator-reports/:orgId/:period/approve',
    {
      config: { permission: 'indicator.approve' },
      schema: { tags, summary: '审核通过', params: GridParams, response: { 200: Ok } },
    },
    async (req) => gridSvc.approve(ctx, actorOf(req), req.params.orgId, req.params.period),
  );
  app.post(
    '/api/indicator-reports/:orgId/:period/return',
    {
      config: { permission: 'indicator.approve' },
      schema: { tags, summary: '退回(须说明原因)', params: GridParams, body: ReturnBody, response: { 200: Ok } },
    },
    async (req) => gridSvc.returnGrid(ctx, actorOf(req), req.params.orgId, req.params.period, req.body.reason),
  );
  app.post(
    '/api/indicator-reports/:orgId/:period/unlock',
    {
      config: { permission: 'indicator.approve' },
      schema: { tags, summary: '逾期解锁补报(留痕)', params: GridParams, body: UnlockBody, response: { 200: Created } },
    },
    async (req) => gridSvc.unlock(ctx, actorOf(req), req.params.orgId, req.params.period, req.body),
  );
}
