import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { IdParams } from '../../../common/contracts/common.ts';
import { EntryParams, ManualSaved } from '../../../common/contracts/standards.ts';
import type { Ctx } from '../../context.ts';
import { actorOf, readUpload } from '../../lib/http.ts';
import { sandboxOf } from '../../lib/sandbox.ts';
import { XLSX_TYPE, attachment } from '../imports/xlsx.ts';
import { noticeDocx, plansXlsx, rankingXlsx, sheetXlsx } from './exports.ts';
import { manualToXlsx } from './manual-xlsx.ts';
import * as manuals from './manuals.service.ts';

const tags = ['标准化'];
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const send = (reply: FastifyReply, f: { buf: Buffer; name: string }, type = XLSX_TYPE, ascii = 'standards.xlsx') =>
  reply
    .header('content-type', type)
    .header('content-disposition', attachment(f.name, ascii))
    .header('cache-control', 'no-store')
    .send(f.buf);

/** Exports (.xlsx / .docx) and the manual import. */
export default async function exportRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/standards/manuals/:id/export.xlsx',
    {
      config: { permission: 'standards.read', raw: true },
      schema: { tags, summary: '导出评分手册(.xlsx)', params: IdParams },
    },
    async (req, reply) => {
      const m = await manuals.loadManual(ctx.db, req.params.id);
      return send(
        reply,
        { buf: await manualToXlsx(m), name: `${m.name}(第${m.version}版).xlsx` },
        XLSX_TYPE,
        'manual.xlsx',
      );
    },
  );
  app.post(
    '/api/standards/manuals/import',
    {
      config: { permission: 'standards.manage' },
      schema: { tags, summary: '导入评分手册(.xlsx,multipart 字段 file)', response: { 201: ManualSaved } },
    },
    async (req, reply) => {
      const file = await readUpload(req, { code: 'FILE_REQUIRED', what: 'Excel 文件' });
      // Read in the parse sandbox (bounded zip, capped heap): a bomb fails this request only.
      const data = new Uint8Array(file.data.buffer, file.data.byteOffset, file.data.byteLength);
      const body = await sandboxOf(ctx.config).run('manualXlsx', { data }, { timeoutMs: 30_000 });
      return reply.code(201).send(await manuals.create(ctx, actorOf(req), body));
    },
  );
  app.get(
    '/api/standards/entries/:id/sheet.xlsx',
    {
      config: { permission: 'standards.read', raw: true },
      schema: { tags, summary: '导出支部评分表(自评与初核并列)', params: EntryParams },
    },
    async (req, reply) => send(reply, await sheetXlsx(ctx, actorOf(req), req.params.id), XLSX_TYPE, 'sheet.xlsx'),
  );
  app.get(
    '/api/standards/rounds/:id/ranking.xlsx',
    {
      config: { permission: 'standards.read', raw: true },
      schema: { tags, summary: '导出排名(.xlsx)', params: IdParams },
    },
    async (req, reply) => send(reply, await rankingXlsx(ctx, actorOf(req), req.params.id), XLSX_TYPE, 'ranking.xlsx'),
  );
  app.get(
    '/api/standards/rounds/:id/notice.docx',
    {
      config: { permission: 'standards.manage', raw: true },
      schema: { tags, summary: '公示文稿(.docx)', params: IdParams },
    },
    async (req, reply) => send(reply, await noticeDocx(ctx, actorOf(req), req.params.id), DOCX_TYPE, 'notice.docx'),
  );
  app.get(
    '/api/standards/plans.xlsx',
    { config: { permission: 'standards.read', raw: true }, schema: { tags, summary: '导出整顿台账(.xlsx)' } },
    async (req, reply) => send(reply, await plansXlsx(ctx, actorOf(req))),
  );
}
