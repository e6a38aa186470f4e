/**
 * 指标调度: the indicator registry (one number, one source), targets, the monthly reporting grid
 * with submit → approve/return, roll-up up the org tree with 序时进度 lights, rankings, the cockpit.
 * Periods are months `YYYY-MM`; a quarterly indicator is due in months 03/06/09/12, a yearly one in 12.
 */
import { Body, Enum, Id, Instant, Nullable, Type, type Static } from './common.ts';
import {
  INDICATOR_AGGREGATIONS,
  INDICATOR_FREQUENCIES,
  INDICATOR_LIGHTS,
  INDICATOR_PACES,
  INDICATOR_REPORT_STATUSES,
  INDICATOR_SOURCES,
  INDICATOR_TARGET_SOURCES,
} from '../enums.ts';

export const Period = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', title: '期间(YYYY-MM)' });
export const Year = Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' });
const Num = (title: string) => Type.Number({ title });

export const IndicatorInput = Body({
  name: Type.String({ minLength: 2, maxLength: 60, title: '指标名称' }),
  definition: Type.Optional(Type.String({ maxLength: 500, title: '指标含义' })),
  unit: Type.String({ minLength: 1, maxLength: 12, title: '计量单位' }),
  frequency: Enum(INDICATOR_FREQUENCIES, '更新频率'),
  aggregation: Enum(INDICATOR_AGGREGATIONS, '汇总方式'),
  source: Enum(INDICATOR_SOURCES, '数据来源'),
  figureKey: Type.Optional(Nullable(Type.String({ maxLength: 60, title: '系统数据项' }))),
  numeratorId: Type.Optional(Nullable(Id('分子指标'))),
  denominatorId: Type.Optional(Nullable(Id('分母指标'))),
  baseId: Type.Optional(Nullable(Id('增速基数指标'))),
  weightId: Type.Optional(Nullable(Id('权重指标'))),
  ownerOrgId: Id('牵头单位'),
  leader: Type.Optional(Type.String({ maxLength: 30, title: '分管领导' })),
  warnThreshold: Type.Optional(Nullable(Num('触警阈值'))),
  excellentThreshold: Type.Optional(Nullable(Num('优质阈值'))),
  higherIsBetter: Type.Optional(Type.Boolean({ title: '越大越好' })),
  minValue: Type.Optional(Nullable(Num('最小值'))),
  maxValue: Type.Optional(Nullable(Num('最大值'))),
  jumpPercent: Type.Optional(Nullable(Type.Number({ minimum: 1, maximum: 10000, title: '波动说明阈值(%)' }))),
  isKey: Type.Optional(Type.Boolean({ title: '关键指标' })),
  reporterOrgIds: Type.Optional(Type.Array(Id('填报单位'), { maxItems: 5000, title: '填报单位' })),
});
export type IndicatorInput = Static<typeof IndicatorInput>;

export const IndicatorSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  unit: Type.String(),
  frequency: Enum(INDICATOR_FREQUENCIES, '更新频率'),
  aggregation: Enum(INDICATOR_AGGREGATIONS, '汇总方式'),
  source: Enum(INDICATOR_SOURCES, '数据来源'),
  ownerOrgId: Type.Integer(),
  ownerOrgName: Type.String(),
  leader: Nullable(Type.String()),
  isKey: Type.Boolean(),
});
export type IndicatorSummary = Static<typeof IndicatorSummary>;
export const IndicatorList = Type.Object({ items: Type.Array(IndicatorSummary), total: Type.Integer() });
export type IndicatorList = Static<typeof IndicatorList>;
export const IndicatorListQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 30, title: '关键词' })) },
  { additionalProperties: false },
);

export const IndicatorDetail = Type.Object({
  ...IndicatorSummary.properties,
  definition: Nullable(Type.String()),
  figureKey: Nullable(Type.String()),
  figureLabel: Nullable(Type.String()),
  numeratorId: Nullable(Type.Integer()),
  denominatorId: Nullable(Type.Integer()),
  baseId: Nullable(Type.Integer()),
  weightId: Nullable(Type.Integer()),
  warnThreshold: Nullable(Type.Number()),
  excellentThreshold: Nullable(Type.Number()),
  higherIsBetter: Type.Boolean(),
  minValue: Nullable(Type.Number()),
  maxValue: Nullable(Type.Number()),
  jumpPercent: Nullable(Type.Number()),
  reporters: Type.Array(Type.Object({ orgId: Type.Integer(), orgName: Type.String() })),
});
export type IndicatorDetail = Static<typeof IndicatorDetail>;

export const FigureOption = Type.Object({
  key: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  module: Type.String(),
  description: Type.String(),
  usedBy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
});
export const FigureOptions = Type.Object({ items: Type.Array(FigureOption) });
export type FigureOptions = Static<typeof FigureOptions>;
export type FigureOption = Static<typeof FigureOption>;

export const IndicatorSettings = Type.Object({
  deadlineDay: Type.Integer({ minimum: 1, maximum: 28, title: '次月报送截止日' }),
  aheadPoints: Type.Number({ minimum: 0, maximum: 100, title: '提前(高于序时)百分点' }),
  yellowPoints: Type.Number({ minimum: 0, maximum: 100, title: '滞后黄灯(低于序时)百分点' }),
  redPoints: Type.Number({ minimum: 0, maximum: 100, title: '滞后红灯(低于序时)百分点' }),
});
export type IndicatorSettings = Static<typeof IndicatorSettings>;
export const IndicatorSettingsBody = Type.Object(IndicatorSettings.properties, { additionalProperties: false });

// ---- targets ----
export const TargetInput = Body({
  orgId: Id('单位'),
  year: Year,
  annual: Type.Number({ title: '全年目标' }),
  /** Cumulative targets per month (序时目标), Jan..Dec; omitted = the annual target spread evenly. */
  months: Type.Optional(Nullable(Type.Array(Type.Number({ title: '月度累计目标' }), { minItems: 12, maxItems: 12 }))),
  source: Type.Optional(Enum(INDICATOR_TARGET_SOURCES, '目标来源')),
  sourceRef: Type.Optional(Nullable(Type.String({ maxLength: 60, title: '来源说明' }))),
});
export type TargetInput = Static<typeof TargetInput>;
export const Target = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  year: Type.Integer(),
  annual: Type.Number(),
  months: Nullable(Type.Array(Type.Number())),
  source: Enum(INDICATOR_TARGET_SOURCES, '目标来源'),
  sourceRef: Nullable(Type.String()),
  /** The task the target was taken from (「设为指标目标」) and its target phrase. */
  task: Type.Optional(Nullable(Type.Object({ id: Type.Integer(), text: Type.String(), targetText: Type.String() }))),
});
export type Target = Static<typeof Target>;
export const TargetList = Type.Object({ items: Type.Array(Target) });
export type TargetList = Static<typeof TargetList>;
export const YearQuery = Type.Object({ year: Year }, { additionalProperties: false });

// ---- values (roll-up with lights) ----
export const ValuesQuery = Type.Object(
  { year: Year, orgId: Type.Optional(Id('单位')) },
  { additionalProperties: false },
);
/** The roll-up of one indicator for one org and period (indicator_rollup), as every view shows it. */
const Rollup = {
  /** This month's figure (本月); null = no data (shown as —). */
  value: Nullable(Type.Number()),
  /** 累计 (sum indicators) or the level at the period (rates). */
  cumValue: Nullable(Type.Number()),
  /** The annual target (a rate for growth indicators). */
  target: Nullable(Type.Number()),
  /** Completion of the annual target in %, or the growth rate for growth indicators. */
  completion: Nullable(Type.Number()),
  pace: Nullable(Enum(INDICATOR_PACES, '序时进度')),
  light: Nullable(Enum(INDICATOR_LIGHTS, '灯')),
};
export const ValueRow = Type.Object({
  orgId: Type.Integer(),
  period: Type.String(),
  ...Rollup,
  /** 序时目标: what the cumulative figure should be by this period. */
  paceTarget: Nullable(Type.Number()),
  /** The worst light this period ever had (a red that recovered stays on record). */
  worstLight: Nullable(Enum(INDICATOR_LIGHTS, '灯')),
});
export type ValueRow = Static<typeof ValueRow>;
export const ValueList = Type.Object({ items: Type.Array(ValueRow) });
export type ValueList = Static<typeof ValueList>;

export const PeriodQuery = Type.Object(
  { period: Period, orgId: Type.Optional(Id('单位')) },
  { additionalProperties: false },
);
export const RankingRow = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  cumValue: Nullable(Type.Number()),
  completion: Nullable(Type.Number()),
  light: Nullable(Enum(INDICATOR_LIGHTS, '灯')),
  pace: Nullable(Enum(INDICATOR_PACES, '序时进度')),
  rank: Nullable(Type.Integer()),
  prevRank: Nullable(Type.Integer()),
  /** Positive = moved up. */
  rankChange: Nullable(Type.Integer()),
});
export type RankingRow = Static<typeof RankingRow>;
export const Ranking = Type.Object({ items: Type.Array(RankingRow) });
export type Ranking = Static<typeof Ranking>;

export const CockpitRow = Type.Object({
  indicatorId: Type.Integer(),
  name: Type.String(),
  unit: Type.String(),
  aggregation: Enum(INDICATOR_AGGREGATIONS, '汇总方式'),
  ...Rollup,
  growth: Nullable(Type.Number()),
  lights: Type.Object({ green: Type.Integer(), yellow: Type.Integer(), red: Type.Integer() }),
});
export type CockpitRow = Static<typeof CockpitRow>;
export const Cockpit = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  period: Type.String(),
  /** 序时进度 of the period in % of the year. */
  elapsed: Type.Number(),
  items: Type.Array(CockpitRow),
});
export type Cockpit = Static<typeof Cockpit>;

// ---- reporting grid ----
export const GridParams = Type.Object({ orgId: Id('单位'), period: Period }, { additionalProperties: false });
export const GridRow = Type.Object({
  indicatorId: Type.Integer(),
  name: Type.String(),
  unit: Type.String(),
  value: Nullable(Type.Number()),
  note: Nullable(Type.String()),
  lastValue: Nullable(Type.Number()),
  minValue: Nullable(Type.Number()),
  maxValue: Nullable(Type.Number()),
  jumpPercent: Nullable(Type.Number()),
});
export const Grid = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  period: Type.String(),
  status: Enum(INDICATOR_REPORT_STATUSES, '状态'),
  deadlineDate: Type.String(),
  locked: Type.Boolean(),
  unlockedUntilDate: Nullable(Type.String()),
  submittedAt: Nullable(Instant('报送时间')),
  reason: Nullable(Type.String()),
  rows: Type.Array(GridRow),
});
export type Grid = Static<typeof Grid>;
export const GridSave = Body({
  values: Type.Array(
    Type.Object(
      {
        indicatorId: Id('指标'),
        /** A number, or the text of a pasted cell ("1,234.5"); empty = no figure. */
        value: Nullable(Type.Union([Type.Number(), Type.String({ maxLength: 40 })], { title: '数值' })),
        note: Type.Optional(Nullable(Type.String({ maxLength: 300, title: '说明' }))),
      },
      { additionalProperties: false },
    ),
    { maxItems: 500, title: '数值' },
  ),
});
export type GridSave = Static<typeof GridSave>;
export const ReturnBody = Body({ reason: Type.String({ minLength: 2, maxLength: 300, title: '退回原因' }) });
export const UnlockBody = Body({
  reason: Type.String({ minLength: 2, maxLength: 300, title: '解锁原因' }),
  untilDate: Type.String({ format: 'date', title: '补报截止日期' }),
});
export type UnlockBody = Static<typeof UnlockBody>;

export const ReportsQuery = Type.Object(
  { period: Period, orgId: Type.Optional(Id('单位')) },
  { additionalProperties: false },
);
export const ReportRow = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  depth: Type.Integer(),
  period: Type.String(),
  status: Enum(INDICATOR_REPORT_STATUSES, '状态'),
  deadlineDate: Type.String(),
  submittedAt: Nullable(Type.String()),
  onTime: Nullable(Type.Boolean()),
  reason: Nullable(Type.String()),
});
export const ReportList = Type.Object({ items: Type.Array(ReportRow) });
export type ReportList = Static<typeof ReportList>;
export type ReportRow = Static<typeof ReportRow>;

export const RatesQuery = Type.Object(
  { year: Year, orgId: Type.Optional(Id('单位')) },
  { additionalProperties: false },
);
export const RateRow = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  depth: Type.Integer(),
  expected: Type.Integer(),
  actual: Type.Integer(),
  onTime: Type.Integer(),
  reportingRate: Nullable(Type.Number()),
  onTimeRate: Nullable(Type.Number()),
});
export const Rates = Type.Object({
  units: Type.Array(RateRow),
  levels: Type.Array(
    Type.Object({
      depth: Type.Integer(),
      expected: Type.Integer(),
      actual: Type.Integer(),
      onTime: Type.Integer(),
      reportingRate: Nullable(Type.Number()),
      onTimeRate: Nullable(Type.Number()),
    }),
  ),
});
export type Rates = Static<typeof Rates>;

// ---- official statistics (read-only imports, kept apart from 调度数) ----
export const OfficialImport = Body({
  rows: Type.Array(
    Type.Object(
      { orgId: Id('单位'), period: Period, value: Type.Number({ title: '数值' }) },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 5000, title: '统计数据' },
  ),
  batch: Type.String({ minLength: 2, maxLength: 60, title: '来源批次(如 统计局2026年3月月报)' }),
});
export const OfficialRow = Type.Object({
  orgId: Type.Integer(),
  period: Type.String(),
  value: Type.Number(),
  batch: Type.String(),
  importedAt: Type.String(),
});
export const OfficialList = Type.Object({ items: Type.Array(OfficialRow) });
export const Imported = Type.Object({ imported: Type.Integer() });
