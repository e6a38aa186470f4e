/** 组织关系转接 (`/api/transfers`): out-side approval, then the receiving side accepts. */
import { DateStr, Body, Enum, Id, Instant, ListOf, Nullable, Paging, type Static, Type, ItemsOf } from './common.ts';
import { Gender, MemberType, TransferStatus } from './members.ts';
import { OrgType } from './orgs.ts';

export { TransferStatus };

export const TransferListQuery = Type.Object(
  { box: Type.Optional(Enum(['todo', 'all'] as const, '列表')), ...Paging },
  { additionalProperties: false },
);
export type TransferListQuery = Static<typeof TransferListQuery>;

const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String() });
/** The part the caller plays: out (member's branch), approver (its superior), in (receiving side). */
export const TransferSide = Enum(['out', 'in', 'approver'] as const, '办理方');
export type TransferSide = Static<typeof TransferSide>;

export const TransferStep = Type.Object({
  step: Type.String(),
  opinion: Nullable(Type.String()),
  at: Instant('办理时间'),
  actor: Type.String(),
});
export type TransferStep = Static<typeof TransferStep>;

export const Transfer = Type.Object({
  id: Type.Integer(),
  status: TransferStatus,
  statusLabel: Type.String(),
  /** Only the out side and the approver read the reason. */
  reason: Nullable(Type.String()),
  from: OrgRef,
  to: OrgRef,
  approver: OrgRef,
  /** The receiving side sees the member's basic facts only: no id, ID number or phone. */
  member: Type.Object({
    id: Type.Optional(Type.Integer()),
    name: Type.String(),
    gender: Gender,
    memberType: MemberType,
    joinDate: Nullable(DateStr('入党日期')),
    idNumber: Type.Optional(Type.String()),
    phone: Type.Optional(Nullable(Type.String())),
  }),
  mySides: Type.Array(TransferSide),
  createdAt: Instant('发起时间'),
  updatedAt: Instant('修改时间'),
  /** The steps so far (detail only; lists send an empty array). */
  steps: Type.Array(TransferStep),
});
export type Transfer = Static<typeof Transfer>;
export const TransferList = ListOf(Transfer);
export type TransferList = Static<typeof TransferList>;

export const TargetQuery = Type.Object(
  { q: Type.Optional(Type.String({ title: '名称或编码', maxLength: 50 })) },
  { additionalProperties: false },
);
export type TargetQuery = Static<typeof TargetQuery>;
/** An organization that can receive members (county-wide directory: name and code only). */
export const TransferTarget = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  type: OrgType,
});
export type TransferTarget = Static<typeof TransferTarget>;
export const TransferTargets = ItemsOf(TransferTarget);
export type TransferTargets = Static<typeof TransferTargets>;

export const TransferCreateBody = Body({
  memberId: Id('党员'),
  toOrgId: Id('接收组织'),
  reason: Type.String({ title: '转接原因', minLength: 1, maxLength: 500 }),
});
export type TransferCreateBody = Static<typeof TransferCreateBody>;
export const ApproveBody = Body({ opinion: Type.Optional(Type.String({ title: '意见', maxLength: 500 })) });
export type ApproveBody = Static<typeof ApproveBody>;
export const RejectBody = Body({ opinion: Type.String({ title: '退回理由', minLength: 1, maxLength: 500 }) });
export type RejectBody = Static<typeof RejectBody>;
