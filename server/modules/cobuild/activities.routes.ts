/** 共驻共建 routes, part 3: activities, sign-up, QR sign-in/out, photos and verification. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as C from '../../../common/contracts/cobuild.ts';
import * as S from '../../../common/contracts/cobuild-service.ts';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { readUpload } from '../../lib/http.ts';
import * as acts from './activities.service.ts';
import * as att from './attendance.service.ts';
import * as signups from './signups.service.ts';

const tags = ['共驻共建'];

export default async function activityRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/cobuild/activities',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '活动列表', querystring: S.ActivityQuery, response: { 200: S.ActivityList } },
    },
    async (req) => acts.list(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/cobuild/activities/:id',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '活动详情(参加人仅社区可见)', params: IdParams, response: { 200: S.ActivityDetail } },
    },
    async (req) => acts.detail(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cobuild/activities',
    {
      config: { permission: 'cobuild.manage' },
      schema: {
        tags,
        summary: '发布活动(可由需求或项目转入,设报名上限)',
        body: S.NewActivity,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send(await acts.create(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/cobuild/activities/:id/cancel',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '取消活动(须填理由)', params: IdParams, body: C.ReasonBody, response: { 200: Ok } },
    },
    async (req) => acts.cancel(ctx, actorOf(req), req.params.id, req.body.reason),
  );
  app.get(
    '/api/cobuild/activities/:id/qr',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '现场签到、签退二维码', params: IdParams, response: { 200: S.ActivityQr } },
    },
    async (req) => signups.qr(ctx, actorOf(req), req.params.id, req),
  );
  app.post(
    '/api/cobuild/activities/:id/signup',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '报名参加活动', params: IdParams, response: { 201: Created } },
    },
    async (req, reply) => reply.code(201).send(await signups.signup(ctx, actorOf(req), req.params.id)),
  );
  app.post(
    '/api/cobuild/activities/:id/signup/cancel',
    {
      config: { permission: 'cobuild.self' },
      schema: { tags, summary: '取消报名(签到前)', params: IdParams, response: { 200: Ok } },
    },
    async (req) => signups.cancelSignup(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/cobuild/scan',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '扫码签到或签退(以服务器时间为准,可附手机定位)',
        body: S.ScanBody,
        response: { 200: S.ScanResult },
      },
    },
    async (req) => att.scan(ctx, actorOf(req), req.body),
  );
  app.post(
    '/api/cobuild/activities/:id/photos',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '上传现场照片(multipart,字段 file;JPG/PNG/WEBP)',
        params: IdParams,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      // Out of scope is a 404 before anything is read from the upload.
      await acts.visibleActivity(ctx.db, actorOf(req), req.params.id);
      const f = await readUpload(req, { what: '照片' });
      return reply
        .code(201)
        .send(await att.addPhoto(ctx, actorOf(req), req.params.id, { filename: f.filename, data: f.data }));
    },
  );
  app.get(
    '/api/cobuild/activities/:id/photos/:photoId',
    {
      config: { permission: 'cobuild.self', raw: true },
      schema: { tags, summary: '查看现场照片', params: S.PhotoParams },
    },
    async (req, reply) => {
      const f = await att.photo(ctx, actorOf(req), req.params.id, req.params.photoId);
      return reply
        .header('content-type', f.mime)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(f.data);
    },
  );
  app.post(
    '/api/cobuild/activities/:id/verify-all',
    {
      config: { permission: 'cobuild.manage' },
      schema: {
        tags,
        summary: '核验全部已签退的参加记录',
        params: IdParams,
        response: { 200: S.VerifyAllResult },
      },
    },
    async (req) => att.verifyAll(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/cobuild/verifications',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '待核验的参加记录', querystring: S.PendingQuery, response: { 200: S.PendingList } },
    },
    async (req) => att.pending(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/cobuild/signups/:id/verify',
    {
      config: { permission: 'cobuild.manage' },
      schema: {
        tags,
        summary: '核验参加记录(认定时长并记分)',
        params: IdParams,
        body: S.VerifyBody,
        response: { 200: S.VerifyResult },
      },
    },
    async (req) => att.verify(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/cobuild/signups/:id/reject',
    {
      config: { permission: 'cobuild.manage' },
      schema: { tags, summary: '核验不通过(须填理由)', params: IdParams, body: C.ReasonBody, response: { 200: Ok } },
    },
    async (req) => att.reject(ctx, actorOf(req), req.params.id, req.body.reason),
  );
}
