/** 共驻共建 routes, part 5: quarterly letters to employers and bimonthly bulletins (.docx, .xlsx). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as S from '../../../common/contracts/cobuild-service.ts';
import { Created, IdParams } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { audit } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import type { Actor } from '../../lib/scope.ts';
import { bulletinDocx, bulletinXlsx, letterDocx, letterXlsx } from './docs.ts';
import * as bulletins from './bulletins.service.ts';
import * as reports from './reports.service.ts';

const tags = ['共驻共建'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default async function reportRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  /** Sends a file and records the download (who read which letter). */
  const send = async (reply: FastifyReply, actor: Actor, id: number, name: string, type: string, data: Buffer) => {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, actor, {
        action: 'cobuild.report.download',
        entity: 'cobuild_report',
        entityId: id,
        after: { name },
      }),
    );
    return reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(data);
  };

  app.get(
    '/api/cobuild/letters',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '季度反馈函(本单位及下级)',
        querystring: S.LetterQuery,
        response: { 200: S.LetterList },
      },
    },
    async (req) => reports.listLetters(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/cobuild/letters/generate',
    {
      config: { permission: 'cobuild.settings' },
      schema: {
        tags,
        summary: '生成季度反馈函并送达各单位',
        body: S.GenerateLetters,
        response: { 200: S.GenerateResult },
      },
    },
    async (req) => reports.generateLetters(ctx, actorOf(req), req.body.year, req.body.quarter),
  );
  app.get(
    '/api/cobuild/letters/:id',
    {
      config: { permission: 'cobuild.read' },
      schema: { tags, summary: '反馈函内容', params: IdParams, response: { 200: S.LetterDetail } },
    },
    async (req) => reports.letter(ctx, actorOf(req), req.params.id),
  );
  for (const ext of ['docx', 'xlsx'] as const)
    app.get(
      `/api/cobuild/letters/:id/letter.${ext}`,
      {
        config: { permission: 'cobuild.read', raw: true },
        schema: { tags, summary: `下载反馈函(.${ext})`, params: IdParams },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { row, data } = await reports.getReport(ctx, actor, 'letter', req.params.id);
        const file = ext === 'docx' ? await letterDocx(data) : await letterXlsx(data);
        return send(reply, actor, row.id, `${data.unit.name}-${data.title}.${ext}`, ext === 'docx' ? DOCX : XLSX, file);
      },
    );

  app.get(
    '/api/cobuild/bulletins',
    {
      config: { permission: 'cobuild.read' },
      schema: { tags, summary: '双月通报', response: { 200: S.BulletinList } },
    },
    async (req) => bulletins.listBulletins(ctx, actorOf(req)),
  );
  app.post(
    '/api/cobuild/bulletins',
    {
      config: { permission: 'cobuild.settings' },
      schema: { tags, summary: '生成双月通报(本人管辖范围)', body: S.GenerateBulletin, response: { 201: Created } },
    },
    async (req, reply) =>
      reply.code(201).send(await bulletins.generateBulletin(ctx, actorOf(req), req.body.year, req.body.bimester)),
  );
  for (const ext of ['docx', 'xlsx'] as const)
    app.get(
      `/api/cobuild/bulletins/:id/bulletin.${ext}`,
      {
        config: { permission: 'cobuild.read', raw: true },
        schema: { tags, summary: `下载通报(.${ext})`, params: IdParams },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { row, data } = await reports.getReport(ctx, actor, 'bulletin', req.params.id);
        const file = ext === 'docx' ? await bulletinDocx(data) : await bulletinXlsx(data);
        return send(reply, actor, row.id, `${data.title}.${ext}`, ext === 'docx' ? DOCX : XLSX, file);
      },
    );
}
