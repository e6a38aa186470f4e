/**
 * 评选表彰 (issue 15 item 8): a round per owner and year with quotas per category, nominations by
 * units (事迹, 组织意见, an optional attachment), 审核 by the superior, 审定 by the owner, 公示 with
 * objections, and the honours recorded on an org or a member.
 */
import {
  COMMEND_CATEGORIES,
  COMMEND_LEVELS,
  COMMEND_QUOTA_MODES,
  COMMEND_ROUND_STATUSES,
  NOMINATION_STATUSES,
} from '../enums.ts';
import { Body, DateStr, Enum, Id, Instant, ItemsOf, ListOf, Nullable, Type, type Static } from './common.ts';
import { Year } from './indicators.ts';
import { PublicityObjection } from './publicity.ts';

const Category = Enum(COMMEND_CATEGORIES, '表彰类别');

/** A quota: a number of places, or a share of the members (or units, for 先进集体) in the owner's subtree. */
export const QuotaInput = Type.Object(
  {
    category: Category,
    count: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, title: '名额' })),
    percent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, title: '名额比例(%)' })),
  },
  { additionalProperties: false },
);
export const RoundCreate = Body({
  year: Year,
  name: Type.String({ minLength: 4, maxLength: 80, title: '表彰名称' }),
  level: Enum(COMMEND_LEVELS, '表彰层级'),
  ownerOrgId: Type.Optional(Id('表彰单位')),
  quotas: Type.Array(QuotaInput, { minItems: 1, maxItems: 4, title: '名额' }),
  quotaMode: Enum(COMMEND_QUOTA_MODES, '超出名额时'),
  deadlineDate: Type.Optional(DateStr('推荐截止日期')),
  objectionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, title: '公示天数(工作日)' })),
});
export type RoundCreate = Static<typeof RoundCreate>;
export const RoundListQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });

export const Quota = Type.Object({
  category: Category,
  count: Nullable(Type.Integer()),
  percent: Nullable(Type.Number()),
  /** Places: the count, or the share of `base` rounded down. */
  places: Type.Integer(),
  /** Members (or units) in scope the share is taken of. */
  base: Type.Integer(),
  /** Nominations 审定 (or published) in this category. */
  approved: Type.Integer(),
  /** Nominations still in the chain (报送, 审核). */
  pending: Type.Integer(),
});
export const RoundSummary = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  name: Type.String(),
  level: Enum(COMMEND_LEVELS, '表彰层级'),
  ownerOrgId: Type.Integer(),
  ownerOrgName: Type.String(),
  status: Enum(COMMEND_ROUND_STATUSES, '状态'),
  quotaMode: Enum(COMMEND_QUOTA_MODES, '超出名额时'),
  deadlineDate: Nullable(DateStr('推荐截止日期')),
  objectionDays: Type.Integer(),
  publicityStartDate: Nullable(DateStr('公示开始')),
  publicityEndDate: Nullable(DateStr('公示结束')),
  docNo: Nullable(Type.String()),
  nominations: Type.Integer(),
});
export type RoundSummary = Static<typeof RoundSummary>;
export const RoundList = ListOf(RoundSummary);
export type RoundList = Static<typeof RoundList>;

export const Nomination = Type.Object({
  id: Type.Integer(),
  roundId: Type.Integer(),
  category: Category,
  orgId: Type.Integer(),
  orgName: Type.String(),
  subjectOrgId: Nullable(Type.Integer()),
  memberId: Nullable(Type.Integer()),
  subjectName: Type.String(),
  subjectUnit: Type.String(),
  deeds: Type.String(),
  opinion: Nullable(Type.String()),
  fileName: Nullable(Type.String()),
  status: Enum(NOMINATION_STATUSES, '状态'),
  returnReason: Nullable(Type.String()),
  submittedAt: Nullable(Instant('报送时间')),
  reviewedAt: Nullable(Instant('审核时间')),
  approvedAt: Nullable(Instant('审定时间')),
  /** For 先进集体: the unit's grade and rank in that year's 年度综合考核 (read only), when assessed. */
  assessment: Nullable(
    Type.Object({ name: Type.String(), grade: Nullable(Type.String()), rank: Nullable(Type.Integer()) }),
  ),
  /** What the caller may do with it now. */
  can: Type.Object({ edit: Type.Boolean(), review: Type.Boolean(), approve: Type.Boolean() }),
  objections: Type.Integer(),
});
export type Nomination = Static<typeof Nomination>;
export const RoundDetail = Type.Object({
  ...RoundSummary.properties,
  /** The caller runs this round (审定, 公示, 发布) rather than nominating in it. */
  canManage: Type.Boolean(),
  quotas: Type.Array(Quota),
  nominations: Type.Array(Nomination),
});
export type RoundDetail = Static<typeof RoundDetail>;

export const NominationInput = Body({
  category: Category,
  /** The nominating unit; default: the caller's own. */
  orgId: Type.Optional(Id('推荐单位')),
  subjectOrgId: Type.Optional(Id('先进集体')),
  memberId: Type.Optional(Id('党员')),
  deeds: Type.String({ minLength: 1, maxLength: 4000, title: '主要事迹' }),
  opinion: Type.Optional(Type.String({ maxLength: 500, title: '组织意见' })),
});
export type NominationInput = Static<typeof NominationInput>;
export const NominationPatch = Body({
  deeds: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, title: '主要事迹' })),
  opinion: Type.Optional(Type.String({ maxLength: 500, title: '组织意见' })),
});
export type NominationPatch = Static<typeof NominationPatch>;
export const Decision = Body({
  pass: Type.Boolean({ title: '是否通过' }),
  reason: Type.Optional(Type.String({ maxLength: 300, title: '退回理由' })),
});
export type Decision = Static<typeof Decision>;
export const DecisionResult = Type.Object({ ok: Type.Boolean(), warning: Nullable(Type.String()) });
export type DecisionResult = Static<typeof DecisionResult>;

export const PublicityInput = Body({ startDate: Type.Optional(DateStr('公示开始日期')) });
export const PublishInput = Body({ docNo: Type.Optional(Type.String({ maxLength: 60, title: '表彰文号' })) });
export const ObjectionInput = Body({ text: Type.String({ minLength: 4, maxLength: 500, title: '异议内容' }) });
export const ObjectionAnswer = Body({
  answer: Type.String({ minLength: 2, maxLength: 500, title: '答复' }),
  upheld: Type.Boolean({ title: '异议是否成立' }),
});
export type ObjectionAnswer = Static<typeof ObjectionAnswer>;
/** The 公示 objection of every posting, with the nomination and its category as this list always gave them. */
export const CommendObjection = Type.Object({
  ...PublicityObjection.properties,
  nominationId: Type.Integer(),
  category: Category,
});
export type CommendObjection = Static<typeof CommendObjection>;
export const CommendObjectionList = ItemsOf(CommendObjection);
export type CommendObjectionList = Static<typeof CommendObjectionList>;

export const Honour = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  level: Type.String(),
  category: Type.String(),
  title: Type.String(),
  grantedBy: Type.String(),
  docNo: Nullable(Type.String()),
  grantedDate: DateStr('表彰日期'),
  /** Who holds it: the org's or the member's name, and the unit. */
  holderName: Type.String(),
  roundId: Nullable(Type.Integer()),
});
export type Honour = Static<typeof Honour>;
export const HonourList = ItemsOf(Honour);
export type HonourList = Static<typeof HonourList>;
