/** Party members (`/api/members`): the scoped roster, one record, and its edits. */
import { EDUCATIONS, GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES, MEMBER_TYPES, TRANSFER_STATUSES } from '../enums.ts';
import { Body, CursorPaging, DateStr, Enum, Id, Instant, KeysetListOf, Nullable, type Static, Type } from './common.ts';

export const Gender = Enum(GENDERS, '性别');
export type Gender = Static<typeof Gender>;
export const Education = Enum(EDUCATIONS, '学历');
export type Education = Static<typeof Education>;
export const MemberType = Enum(MEMBER_TYPES, '正式/预备');
export type MemberType = Static<typeof MemberType>;
export const MemberCategory = Enum(MEMBER_CATEGORIES, '党员类别');
export type MemberCategory = Static<typeof MemberCategory>;
export const MemberStatus = Enum(MEMBER_STATUSES, '状态');
export type MemberStatus = Static<typeof MemberStatus>;
export const TransferStatus = Enum(Object.keys(TRANSFER_STATUSES) as (keyof typeof TRANSFER_STATUSES)[], '转接状态');
export type TransferStatus = Static<typeof TransferStatus>;

/** The list filters; also those of the roster export (`GET /api/export/members`). */
export const MemberQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ title: '姓名、拼音首字母或身份证后4位', maxLength: 30 })),
    orgId: Type.Optional(Id('所在组织')),
    category: Type.Optional(MemberCategory),
    memberType: Type.Optional(MemberType),
    status: Type.Optional(MemberStatus),
    ...CursorPaging,
  },
  { additionalProperties: false },
);
export type MemberQuery = Static<typeof MemberQuery>;

/** A member as lists show it: the ID number is masked (full only in the record itself). */
export const Member = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  gender: Gender,
  ethnicity: Nullable(Type.String()),
  birthDate: Nullable(DateStr('出生日期')),
  idNumber: Type.String(),
  phone: Nullable(Type.String()),
  education: Nullable(Education),
  orgId: Type.Integer(),
  orgName: Type.String(),
  orgCode: Type.String(),
  joinDate: Nullable(DateStr('入党日期')),
  fullDate: Nullable(DateStr('转正日期')),
  memberType: MemberType,
  category: MemberCategory,
  status: MemberStatus,
  /** Pinyin initials of the name (张三明 → zsm), what the search box matches. */
  initials: Type.String(),
  createdAt: Instant('登记时间'),
  updatedAt: Instant('修改时间'),
});
export type Member = Static<typeof Member>;
export const MemberList = KeysetListOf(Member);
export type MemberList = Static<typeof MemberList>;

/** One of the member's 组织关系转接, newest first. */
export const MemberTransfer = Type.Object({
  id: Type.Integer(),
  status: TransferStatus,
  fromName: Type.String(),
  toName: Type.String(),
  createdAt: Instant('发起时间'),
  updatedAt: Instant('修改时间'),
});
export type MemberTransfer = Static<typeof MemberTransfer>;

/** The full record (unmasked ID number) with its transfer history. */
export const MemberDetail = Type.Object({ ...Member.properties, transfers: Type.Array(MemberTransfer) });
export type MemberDetail = Static<typeof MemberDetail>;

const fields = {
  name: Type.String({ title: '姓名', minLength: 1, maxLength: 30 }),
  gender: Type.Optional(Gender),
  ethnicity: Type.Optional(Nullable(Type.String({ title: '民族', maxLength: 20 }))),
  birthDate: Type.Optional(Nullable(DateStr('出生日期'))),
  idNumber: Type.String({ title: '身份证号', minLength: 1, maxLength: 18 }),
  phone: Type.Optional(Nullable(Type.String({ title: '手机', maxLength: 20 }))),
  education: Type.Optional(Nullable(Education)),
  orgId: Id('所在支部'),
  joinDate: Type.Optional(Nullable(DateStr('入党日期'))),
  fullDate: Type.Optional(Nullable(DateStr('转正日期'))),
  memberType: MemberType,
  category: MemberCategory,
  status: Type.Optional(MemberStatus),
};

export const MemberCreateBody = Body(fields);
export type MemberCreateBody = Static<typeof MemberCreateBody>;
/** Any subset of the fields; a change of branch goes through a transfer instead. */
export const MemberPatchBody = Type.Partial(MemberCreateBody, { additionalProperties: false });
export type MemberPatchBody = Static<typeof MemberPatchBody>;
