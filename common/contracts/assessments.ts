/**
 * 年度综合考核: a scheme of weighted parts, each computed from records (figure registry, the
 * indicators' roll-up, 平时 scores entered with a reason), bonuses/deductions/veto with reasons,
 * quotas for 优秀/良好, 公示 with objections, a per-unit breakdown the assessed unit can read.
 */
import { ASSESSMENT_ADJUSTMENTS, ASSESSMENT_GRADES, ASSESSMENT_SOURCES, ASSESSMENT_STATUSES } from '../enums.ts';
import { Body, DateStr, Enum, Id, Instant, ListOf, Nullable, Type, type Static } from './common.ts';
import { Year } from './indicators.ts';
import { PublicityObjection, PublicityObjectionList } from './publicity.ts';

const SOURCES = Object.keys(ASSESSMENT_SOURCES) as (keyof typeof ASSESSMENT_SOURCES)[];
export const AssessmentPartInput = Type.Object(
  {
    source: Enum(SOURCES, '考核内容'),
    weight: Type.Number({ minimum: 0, maximum: 100, title: '权重' }),
  },
  { additionalProperties: false },
);
export const AssessmentCreate = Body({
  year: Year,
  name: Type.String({ minLength: 4, maxLength: 80, title: '考核名称' }),
  orgIds: Type.Array(Id('参加考核单位'), { minItems: 1, maxItems: 500, title: '参加考核单位' }),
  parts: Type.Array(AssessmentPartInput, { minItems: 1, maxItems: 6, title: '考核内容' }),
  excellentPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100, title: '优秀比例上限' })),
  goodPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100, title: '良好比例上限' })),
  bonusCap: Type.Optional(Type.Number({ minimum: 0, maximum: 10, title: '每个单位加分上限' })),
  bonusPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100, title: '可加分单位比例上限' })),
  objectionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, title: '公示天数' })),
});
export type AssessmentCreate = Static<typeof AssessmentCreate>;

export const AssessmentPart = Type.Object({
  source: Type.String(),
  label: Type.String(),
  weight: Type.Number(),
});
export const AssessmentSummary = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  name: Type.String(),
  ownerOrgName: Type.String(),
  status: Enum(ASSESSMENT_STATUSES, '状态'),
  units: Type.Integer(),
  computedAt: Nullable(Instant('计算时间')),
  publicityStartDate: Nullable(DateStr('公示开始')),
  publicityEndDate: Nullable(DateStr('公示结束')),
});
export type AssessmentSummary = Static<typeof AssessmentSummary>;
export const AssessmentList = ListOf(AssessmentSummary);
export type AssessmentList = Static<typeof AssessmentList>;
export const AssessmentListQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });

/** One part of a unit's score: the figure, where it comes from, and what it adds. */
export const UnitPart = Type.Object({
  source: Type.String(),
  label: Type.String(),
  weight: Type.Number(),
  /** The figure (%, 分) or null = 无数据: its weight is shared among the parts that have data. */
  value: Nullable(Type.Number()),
  /** Weighted points this part adds to the base score. */
  points: Nullable(Type.Number()),
  detail: Type.String(),
  link: Nullable(Type.String()),
});
export const Adjustment = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  kind: Enum(ASSESSMENT_ADJUSTMENTS, '类别'),
  points: Nullable(Type.Number()),
  reason: Type.String(),
  byName: Type.String(),
  at: Instant('时间'),
});
export const MonthlyScore = Type.Object({
  orgId: Type.Integer(),
  month: Type.Integer(),
  score: Type.Number(),
  reason: Type.String(),
  byName: Type.String(),
  at: Instant('时间'),
});
export const AssessmentUnit = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  parts: Type.Array(UnitPart),
  base: Nullable(Type.Number()),
  bonus: Type.Number(),
  deduction: Type.Number(),
  total: Nullable(Type.Number()),
  rank: Nullable(Type.Integer()),
  grade: Nullable(Enum(ASSESSMENT_GRADES, '等次')),
  vetoed: Type.Boolean(),
  vetoReasons: Type.Array(Type.String()),
  /** Why a unit with the score for a better grade did not get it (quota, veto). */
  note: Nullable(Type.String()),
});
export type AssessmentUnit = Static<typeof AssessmentUnit>;
export const AssessmentDetail = Type.Object({
  ...AssessmentSummary.properties,
  parts: Type.Array(AssessmentPart),
  excellentPercent: Type.Number(),
  goodPercent: Type.Number(),
  bonusCap: Type.Number(),
  bonusPercent: Type.Number(),
  objectionDays: Type.Integer(),
  /** Whether the caller runs this assessment (scores, adjustments, 公示) or is only assessed. */
  canManage: Type.Boolean(),
  units: Type.Array(AssessmentUnit),
  adjustments: Type.Array(Adjustment),
  scores: Type.Array(MonthlyScore),
});
export type AssessmentDetail = Static<typeof AssessmentDetail>;

export const MonthlyScoreInput = Body({
  orgId: Id('单位'),
  month: Type.Integer({ minimum: 1, maximum: 12, title: '月份' }),
  score: Type.Number({ minimum: 0, maximum: 100, title: '平时得分' }),
  reason: Type.String({ minLength: 2, maxLength: 300, title: '评分依据' }),
});
export type MonthlyScoreInput = Static<typeof MonthlyScoreInput>;
export const AdjustmentInput = Body({
  orgId: Id('单位'),
  kind: Enum(ASSESSMENT_ADJUSTMENTS, '类别'),
  /** Points for 加分/扣分; none for 一票否决. */
  points: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20, title: '分值' })),
  reason: Type.String({ minLength: 4, maxLength: 300, title: '理由' }),
});
export type AdjustmentInput = Static<typeof AdjustmentInput>;
export const Computed = Type.Object({
  units: Type.Integer(),
  grades: Type.Record(Type.String(), Type.Integer()),
});
export type Computed = Static<typeof Computed>;
export const PublicityInput = Body({ startDate: Type.Optional(DateStr('公示开始日期')) });
export const ObjectionInput = Body({
  orgId: Id('单位'),
  text: Type.String({ minLength: 4, maxLength: 500, title: '异议内容' }),
});
export type ObjectionInput = Static<typeof ObjectionInput>;
export const ObjectionAnswer = Body({
  answer: Type.String({ minLength: 2, maxLength: 500, title: '答复' }),
  upheld: Type.Boolean({ title: '是否采纳' }),
});
export type ObjectionAnswer = Static<typeof ObjectionAnswer>;
/** The 公示 objection of every posting (common/contracts/publicity.ts). */
export const Objection = PublicityObjection;
export const ObjectionList = PublicityObjectionList;
export type ObjectionList = Static<typeof ObjectionList>;
export const ObjectionParams = Type.Object(
  { id: Id('考核'), objectionId: Id('异议') },
  { additionalProperties: false },
);
export type Objection = Static<typeof Objection>;
