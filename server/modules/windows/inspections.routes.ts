import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Created, IdParams } from '../../../common/contracts/common.ts';
import * as C from '../../../common/contracts/windows-supervision.ts';
import { Converted } from '../../../common/contracts/windows.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { sendFile } from './files.ts';
import * as ins from './inspections.service.ts';

const tags = ['作风监督·暗访'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export default async function inspectionRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/inspections',
    {
      config: { permission: 'window.inspect' },
      schema: { tags, summary: '暗访报告', querystring: C.InspectionListQuery, response: { 200: C.InspectionList } },
    },
    async (req) => ins.list(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/inspections',
    {
      config: { permission: 'window.inspect' },
      schema: { tags, summary: '提交暗访报告(可附照片)', body: C.InspectionCreate, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await ins.create(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/inspections/activity',
    {
      config: { permission: 'window.inspect' },
      schema: { tags, summary: '作风监督员月度履职情况', querystring: C.ActivityQuery, response: { 200: C.Activity } },
    },
    async (req) => ins.activity(ctx, actorOf(req), req.query.month),
  );
  app.get(
    '/api/inspections/:id',
    {
      config: { permission: 'window.inspect' },
      schema: { tags, summary: '暗访报告详情', params: IdParams, response: { 200: C.InspectionDetail } },
    },
    async (req) => ins.get(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/inspections/:id/photos/:photoId',
    {
      config: { permission: 'window.inspect', raw: true },
      schema: { tags, summary: '暗访照片', params: C.PhotoParams },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await ins.photo(ctx, actorOf(req), req.params.id, req.params.photoId),
        'application/octet-stream',
      ),
  );
  app.post(
    '/api/inspections/:id/case',
    {
      config: { permission: 'window.inspect' },
      schema: { tags, summary: '转为工单(限期核实整改)', params: IdParams, response: { 200: Converted } },
    },
    async (req) => ins.toCase(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/inspections/:id/rectification',
    {
      config: { permission: 'window.inspect' },
      schema: {
        tags,
        summary: '交办整改(进入问题整改台账)',
        params: IdParams,
        body: C.ToRectificationBody,
        response: { 200: Converted },
      },
    },
    async (req) => ins.toRectification(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/inspections/:id/notice',
    {
      config: { permission: 'window.inspect' },
      schema: {
        tags,
        summary: '直接下发整改通知书',
        params: IdParams,
        body: C.NoticeBody,
        response: { 200: Converted },
      },
    },
    async (req) => ins.issueNotice(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/inspections/:id/notice.docx',
    {
      config: { permission: 'window.inspect', raw: true },
      schema: { tags, summary: '下载整改通知书(.docx)', params: IdParams },
    },
    async (req, reply) => sendFile(reply, await ins.noticeDocx(ctx, actorOf(req), req.params.id), DOCX),
  );
}
