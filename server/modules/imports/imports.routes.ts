import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ImportAccepted, ImportJob, JobParams, OrgExportQuery } from '../../../common/contracts/imports.ts';
import { MemberQuery } from '../../../common/contracts/members.ts';
import type { Ctx } from '../../context.ts';
import { fileDate } from '../../lib/filename.ts';
import { actorOf, readUpload, type RoutePermission } from '../../lib/http.ts';
import type { ImportKind } from './columns.ts';
import { exportMembers, exportOrgs } from './export.ts';
import { errorReport, jobStatus, startImport } from './imports.service.ts';
import { buildTemplate } from './templates.ts';
import { attachment, XLSX_TYPE } from './xlsx.ts';

const tags = ['导入导出'];
/** Routes that answer with an .xlsx file, not JSON. */
const file = (permission: RoutePermission) => ({ permission, raw: true });
// The local date (Asia/Shanghai), one format for every export: lib/filename.ts.
const stamp = (ctx: Ctx) => fileDate(ctx.clock.now());
const KIND_LABEL: Record<ImportKind, string> = { orgs: '组织', members: '党员' };
/** Importing a kind of record takes the permission to write it. */
const WRITE = { orgs: 'org.write', members: 'member.write' } as const;

const sendXlsx = (reply: FastifyReply, buf: Buffer | Readable, name: string, ascii: string) =>
  reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachment(name, ascii))
    .header('cache-control', 'no-store')
    .send(buf);

async function upload(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, kind: ImportKind) {
  const file = await readUpload(req, { code: 'FILE_REQUIRED', what: 'Excel 文件' });
  const r = await startImport(ctx, actorOf(req), kind, file.data, file.filename || `${KIND_LABEL[kind]}.xlsx`);
  return reply.status(202).send(r);
}

export default async function importRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // One template and one upload route per kind: /api/import/templates/orgs, /api/import/orgs, …
  for (const kind of ['orgs', 'members'] as const) {
    const permission = WRITE[kind];
    app.get(
      `/api/import/templates/${kind}`,
      { config: file(permission), schema: { tags, summary: `下载${KIND_LABEL[kind]}导入模板(.xlsx)` } },
      async (req, reply) =>
        sendXlsx(
          reply,
          await buildTemplate(ctx, actorOf(req), kind),
          `${KIND_LABEL[kind]}导入模板.xlsx`,
          `${kind === 'orgs' ? 'org' : 'member'}-template.xlsx`,
        ),
    );
    app.post(
      `/api/import/${kind}`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `上传${KIND_LABEL[kind]} Excel(multipart,字段 file)→ 202 {jobId};逐行校验,全部正确才整表导入`,
          response: { 202: ImportAccepted },
        },
      },
      (req, reply) => upload(ctx, req, reply, kind),
    );
  }

  app.get(
    '/api/import/jobs/:jobId',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '导入进度与校验结果(仅上传者本人可见,保留 1 小时)',
        params: JobParams,
        response: { 200: ImportJob },
      },
    },
    async (req) => jobStatus(ctx, actorOf(req), req.params.jobId),
  );
  app.get(
    '/api/import/jobs/:jobId/error-report',
    {
      config: file('authenticated'),
      schema: { tags, summary: '下载错误报告:原表,错误单元格标红,末列为错误说明', params: JobParams },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        await errorReport(ctx, actorOf(req), req.params.jobId),
        `导入错误报告-${stamp(ctx)}.xlsx`,
        'import-errors.xlsx',
      ),
  );

  app.get(
    '/api/export/members',
    {
      config: file('member.read'),
      schema: { tags, summary: '导出党员名册(.xlsx,筛选条件同党员列表)', querystring: MemberQuery },
    },
    async (req, reply) =>
      sendXlsx(reply, await exportMembers(ctx, actorOf(req), req.query), `党员名册-${stamp(ctx)}.xlsx`, 'members.xlsx'),
  );
  app.get(
    '/api/export/orgs',
    {
      config: file('org.read'),
      schema: { tags, summary: '导出组织机构(.xlsx)', querystring: OrgExportQuery },
    },
    async (req, reply) =>
      sendXlsx(reply, await exportOrgs(ctx, actorOf(req), req.query), `组织机构-${stamp(ctx)}.xlsx`, 'orgs.xlsx'),
  );
}
