import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import { actorOf } from '../../lib/http.ts';
import { MemberQuery } from '../members/members.routes.ts';
import type { ImportKind } from './columns.ts';
import { exportMembers, exportOrgs } from './export.ts';
import { errorReport, jobStatus, startImport } from './imports.service.ts';
import { buildTemplate } from './templates.ts';
import { attachment, XLSX_TYPE } from './xlsx.ts';

const tags = ['导入导出'];
const JobParams = Type.Object(
  { jobId: Type.String({ title: '任务编号', pattern: '^[0-9a-f-]{36}$' }) },
  { additionalProperties: false },
);
const stamp = (ctx: Ctx) => ctx.clock.now().toISOString().slice(0, 10).replace(/-/g, '');
const KIND_LABEL: Record<ImportKind, string> = { orgs: '组织', members: '党员' };

const sendXlsx = (reply: FastifyReply, buf: Buffer | Readable, name: string, ascii: string) =>
  reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachment(name, ascii))
    .header('cache-control', 'no-store')
    .send(buf);

async function upload(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, kind: ImportKind) {
  if (!req.isMultipart()) throw badRequest('FILE_REQUIRED', '请以 multipart/form-data 上传 Excel 文件(字段名 file)');
  const file = await req.file();
  if (file?.fieldname !== 'file') throw badRequest('FILE_REQUIRED', '请选择要上传的 Excel 文件(字段名 file)');
  const buf = await file.toBuffer();
  const r = await startImport(ctx, actorOf(req), kind, buf, file.filename || `${KIND_LABEL[kind]}.xlsx`);
  return reply.status(202).send(r);
}

export default async function importRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/import/templates/orgs',
    { config: { permission: 'org.write' }, schema: { tags, summary: '下载组织导入模板(.xlsx)' } },
    async (req, reply) =>
      sendXlsx(reply, await buildTemplate(ctx, actorOf(req), 'orgs'), '组织导入模板.xlsx', 'org-template.xlsx'),
  );
  app.get(
    '/api/import/templates/members',
    { config: { permission: 'member.write' }, schema: { tags, summary: '下载党员导入模板(.xlsx)' } },
    async (req, reply) =>
      sendXlsx(reply, await buildTemplate(ctx, actorOf(req), 'members'), '党员导入模板.xlsx', 'member-template.xlsx'),
  );

  app.post(
    '/api/import/orgs',
    {
      config: { permission: 'org.write' },
      schema: { tags, summary: '上传组织 Excel(multipart,字段 file)→ 202 {jobId};逐行校验,全部正确才整表导入' },
    },
    (req, reply) => upload(ctx, req, reply, 'orgs'),
  );
  app.post(
    '/api/import/members',
    {
      config: { permission: 'member.write' },
      schema: { tags, summary: '上传党员 Excel(multipart,字段 file)→ 202 {jobId};逐行校验,全部正确才整表导入' },
    },
    (req, reply) => upload(ctx, req, reply, 'members'),
  );

  app.get(
    '/api/import/jobs/:jobId',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '导入进度与校验结果(仅上传者本人可见,保留 1 小时)', params: JobParams },
    },
    async (req) => jobStatus(ctx, actorOf(req), (req.params as any).jobId),
  );
  app.get(
    '/api/import/jobs/:jobId/error-report',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '下载错误报告:原表,错误单元格标红,末列为错误说明', params: JobParams },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        await errorReport(ctx, actorOf(req), (req.params as any).jobId),
        `导入错误报告-${stamp(ctx)}.xlsx`,
        'import-errors.xlsx',
      ),
  );

  app.get(
    '/api/export/members',
    {
      config: { permission: 'member.read' },
      schema: { tags, summary: '导出党员名册(.xlsx,筛选条件同党员列表)', querystring: MemberQuery },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        await exportMembers(ctx, actorOf(req), req.query as any),
        `党员名册-${stamp(ctx)}.xlsx`,
        'members.xlsx',
      ),
  );
  app.get(
    '/api/export/orgs',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '导出组织机构(.xlsx)',
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ maxLength: 50 })), parentId: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        await exportOrgs(ctx, actorOf(req), req.query as any),
        `组织机构-${stamp(ctx)}.xlsx`,
        'orgs.xlsx',
      ),
  );
}
