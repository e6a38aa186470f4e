/** 共驻共建 routes, part 4: ledgers, manual adjustments, vetoes and the versioned rules. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as C from '../../../common/contracts/cobuild.ts';
import * as S from '../../../common/contracts/cobuild-service.ts';
import { Created, IdParams, Ok } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import * as ledger from './ledger.service.ts';

const tags = ['共驻共建'];

export default async function pointRoutes(fastify: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/cobuild/points',
    {
      config: { permission: 'cobuild.self' },
      schema: {
        tags,
        summary: '积分台账(党员本人,或管辖范围内的党员、单位);capped 为超出封顶、记录但不计入的分值',
        querystring: S.PointsQuery,
        response: { 200: S.PointLedger },
      },
    },
    async (req) => ledger.ledger(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/cobuild/points/adjustments',
    {
      config: { permission: 'cobuild.settings' },
      schema: { tags, summary: '人工调整积分(必须写明理由,留痕)', body: S.AdjustBody, response: { 201: Created } },
    },
    async (req, reply) => reply.code(201).send(await ledger.adjust(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/cobuild/rules',
    {
      config: { permission: 'cobuild.read' },
      schema: { tags, summary: '积分规则各版本', response: { 200: S.RuleList } },
    },
    async () => ledger.listRules(ctx),
  );
  app.post(
    '/api/cobuild/rules',
    {
      config: { permission: 'cobuild.settings' },
      schema: { tags, summary: '发布新版积分规则(自生效日起适用)', body: S.NewRuleVersion, response: { 201: Created } },
    },
    async (req, reply) => reply.code(201).send(await ledger.addRule(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/cobuild/vetoes',
    {
      config: { permission: 'cobuild.read' },
      schema: { tags, summary: '一票否决记录', querystring: S.VetoQuery, response: { 200: S.VetoList } },
    },
    async (req) => ledger.listVetoes(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/cobuild/vetoes',
    {
      config: { permission: 'cobuild.settings' },
      schema: { tags, summary: '一票否决(该年度或季度积分清零)', body: S.NewVeto, response: { 201: Created } },
    },
    async (req, reply) => reply.code(201).send(await ledger.veto(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/cobuild/vetoes/:id/lift',
    {
      config: { permission: 'cobuild.settings' },
      schema: { tags, summary: '撤销一票否决(须填理由)', params: IdParams, body: C.ReasonBody, response: { 200: Ok } },
    },
    async (req) => ledger.liftVeto(ctx, actorOf(req), req.params.id, req.body.reason),
  );
}
