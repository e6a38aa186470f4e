import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import { Body, DateStr, Enum, IdParams, Nullable, Paging } from '../../lib/schemas.ts';
import { EDUCATIONS, GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES, MEMBER_TYPES } from '../../../common/enums.ts';
import * as svc from './members.service.ts';

const tags = ['党员'];
const lit = (xs: readonly string[], title: string) => Enum(xs, title);

const fields = {
  name: Type.String({ title: '姓名', minLength: 1, maxLength: 30 }),
  gender: Type.Optional(lit(GENDERS, '性别')),
  ethnicity: Type.Optional(Nullable(Type.String({ title: '民族', maxLength: 20 }))),
  birthDate: Type.Optional(Nullable(DateStr('出生日期'))),
  idNumber: Type.String({ title: '身份证号', minLength: 1, maxLength: 18 }),
  phone: Type.Optional(Nullable(Type.String({ title: '手机', maxLength: 20 }))),
  education: Type.Optional(Nullable(lit(EDUCATIONS, '学历'))),
  orgId: Type.Integer({ title: '所在支部', minimum: 1 }),
  joinDate: Type.Optional(Nullable(DateStr('入党日期'))),
  fullDate: Type.Optional(Nullable(DateStr('转正日期'))),
  memberType: lit(MEMBER_TYPES, '正式/预备'),
  category: lit(MEMBER_CATEGORIES, '党员类别'),
  status: Type.Optional(lit(MEMBER_STATUSES, '状态')),
};

export const MemberQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ title: '姓名、拼音首字母或身份证后4位', maxLength: 30 })),
    orgId: Type.Optional(Type.Integer({ minimum: 1 })),
    category: Type.Optional(lit(MEMBER_CATEGORIES, '党员类别')),
    memberType: Type.Optional(lit(MEMBER_TYPES, '正式/预备')),
    status: Type.Optional(lit(MEMBER_STATUSES, '状态')),
    ...Paging,
  },
  { additionalProperties: false },
);

export default async function memberRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  app.get(
    '/api/members',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '党员列表(按管辖范围;q 可为姓名、拼音首字母如 zsm、或身份证后 4 位)',
        querystring: MemberQuery,
      },
    },
    async (req) => svc.list(ctx, actorOf(req), req.query as any),
  );

  app.get(
    '/api/members/:id',
    { config: { permission: 'member.read' }, schema: { tags, summary: '党员详情', params: IdParams } },
    async (req) => svc.get(ctx, actorOf(req), (req.params as any).id),
  );

  app.post(
    '/api/members',
    {
      config: { permission: 'member.write' },
      schema: { tags, summary: '新增党员', body: Body(fields) },
    },
    async (req, reply) => reply.status(201).send(await svc.create(ctx, actorOf(req), req.body as any)),
  );

  const patch: Record<string, any> = {};
  for (const [k, v] of Object.entries(fields))
    patch[k] = (v as any)[Symbol.for('TypeBox.Optional')] ? v : Type.Optional(v as any);
  app.patch(
    '/api/members/:id',
    {
      config: { permission: 'member.write' },
      schema: { tags, summary: '修改党员信息', params: IdParams, body: Body(patch) },
    },
    async (req) => svc.update(ctx, actorOf(req), (req.params as any).id, req.body as any),
  );
}
