import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, Ok } from '../../../common/contracts/common.ts';
import {
  AttendanceBody,
  CheckinOpened,
  CheckinState,
  CreateMeetingBody,
  GuestBody,
  MeetingDetail,
  MeetingIdParams,
  MeetingList,
  MeetingListQuery,
  MeetingSubParams,
  MinutesUploaded,
  PatchMeetingBody,
  ResolutionBody,
  ResolutionTask,
  ResolutionTaskBody,
  SigninCodes,
  VoidBody,
} from '../../../common/contracts/orglife.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { readUpload, sendFile } from '../../lib/http.ts';
import * as att from './attendance.service.ts';
import * as checkin from './checkin.service.ts';
import * as meetings from './meetings.service.ts';
import { minutesDocx } from './print.ts';

const tags = ['组织生活'];

/** Meeting records: create, edit, void, attendance, 列席, minutes, resolutions, attachments, print, check-in. */
export async function meetingRoutes(fastify: FastifyInstance, ctx: Ctx) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { permission: 'orglife.read' as const };
  const manage = { permission: 'orglife.manage' as const };
  const params = MeetingIdParams;

  app.post(
    '/api/meetings',
    {
      config: manage,
      schema: {
        tags,
        summary: '记录会议(可同时计为多种类型;应到按当日名册生成)',
        body: CreateMeetingBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return meetings.createMeeting(ctx, actorOf(req), req.body);
    },
  );
  app.get(
    '/api/meetings',
    {
      config: read,
      schema: {
        tags,
        summary: '会议列表(本人管辖范围)',
        querystring: MeetingListQuery,
        response: { 200: MeetingList },
      },
    },
    async (req) => meetings.listMeetings(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/meetings/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '会议详情(应到、签到、请假、缺席、决议、附件)',
        params,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => meetings.getMeeting(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/meetings/:id',
    { config: manage, schema: { tags, summary: '修改会议', params, body: PatchMeetingBody, response: { 200: Ok } } },
    async (req) => meetings.patchMeeting(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/meetings/:id/void',
    {
      config: manage,
      schema: { tags, summary: '作废会议记录(保留,须填原因)', params, body: VoidBody, response: { 200: Ok } },
    },
    async (req) => meetings.voidMeeting(ctx, actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/meetings/:id/confirm',
    { config: manage, schema: { tags, summary: '计划召开的会议确认已召开', params, response: { 200: Ok } } },
    async (req) => meetings.confirmMeeting(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/meetings/:id/attendance',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记请假、补签或改为缺席(须填原因,记审计)',
        params,
        body: AttendanceBody,
        response: { 200: Ok },
      },
    },
    async (req) => att.recordAttendance(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/meetings/:id/guests',
    { config: manage, schema: { tags, summary: '邀请列席', params, body: GuestBody, response: { 201: Created } } },
    async (req, reply) => {
      reply.code(201);
      return att.addGuest(ctx, actorOf(req), req.params.id, req.body);
    },
  );
  app.post(
    '/api/meetings/:id/resolutions',
    { config: manage, schema: { tags, summary: '添加决议', params, body: ResolutionBody, response: { 201: Created } } },
    async (req, reply) => {
      reply.code(201);
      return att.addResolution(ctx, actorOf(req), req.params.id, req.body.text);
    },
  );
  app.post(
    '/api/meetings/:id/resolutions/:sub/task',
    {
      config: manage,
      schema: {
        tags,
        summary: '决议转为督查督办任务',
        params: MeetingSubParams,
        body: ResolutionTaskBody,
        response: { 201: ResolutionTask },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return att.resolutionToTask(ctx, actorOf(req), req.params.id, req.params.sub, req.body);
    },
  );
  app.post(
    '/api/meetings/:id/minutes',
    {
      config: manage,
      schema: { tags, summary: '上传会议记录(.docx,正文成为会议内容)', params, response: { 201: MinutesUploaded } },
    },
    async (req, reply) => {
      const f = await readUpload(req);
      const r = await att.uploadMinutes(ctx, actorOf(req), req.params.id, {
        filename: f.filename,
        mimetype: f.mimetype,
        data: f.data,
      });
      reply.code(201);
      return r;
    },
  );
  app.post(
    '/api/meetings/:id/attachments',
    {
      config: manage,
      schema: {
        tags,
        summary: '上传附件(照片、签到表扫描件;multipart 字段 kind 与 file)',
        params,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const f = await readUpload(req);
      const r = await att.attach(ctx, actorOf(req), req.params.id, f, f.fields.kind ?? '其他');
      reply.code(201);
      return r;
    },
  );
  app.get(
    '/api/meetings/:id/attachments/:sub',
    { config: { ...read, raw: true }, schema: { tags, summary: '下载附件', params: MeetingSubParams } },
    async (req, reply) => sendFile(reply, await att.download(ctx, actorOf(req), req.params.id, req.params.sub)),
  );
  app.get(
    '/api/meetings/:id/minutes.docx',
    { config: { ...read, raw: true }, schema: { tags, summary: '会议记录(.docx,会议记录本格式)', params } },
    async (req, reply) => sendFile(reply, { ...(await minutesDocx(ctx, actorOf(req), req.params.id)) }),
  );

  app.post(
    '/api/meetings/:id/checkin/open',
    {
      config: manage,
      schema: { tags, summary: '开启签到,返回签到码与二维码地址', params, response: { 200: CheckinOpened } },
    },
    async (req) => checkin.openCheckin(ctx, actorOf(req), req.params.id, req),
  );
  app.post(
    '/api/meetings/:id/checkin/close',
    { config: manage, schema: { tags, summary: '结束签到', params, response: { 200: Ok } } },
    async (req) => checkin.closeCheckin(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/meetings/:id/checkin',
    { config: read, schema: { tags, summary: '签到大屏:二维码、实时人数', params, response: { 200: CheckinState } } },
    async (req) => checkin.checkinState(ctx, actorOf(req), req.params.id, req),
  );
  app.post(
    '/api/meetings/:id/signin-codes',
    {
      config: manage,
      schema: {
        tags,
        summary: '生成签到表个人签到码(只显示一次,重新生成则旧码作废)',
        params,
        response: { 200: SigninCodes },
      },
    },
    async (req) => checkin.signinCodes(ctx, actorOf(req), req.params.id, req),
  );
}
