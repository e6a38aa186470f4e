import type { Generated } from 'kysely';

/** 指标调度 and 目标责任书 (migration 202612031900_indicators). */
export interface IndicatorTable {
  id: Generated<number>;
  name: string;
  definition: string | null;
  unit: string;
  frequency: string;
  aggregation: string;
  source: string;
  /** Set when source = 系统数据: a key of server/modules/figures.ts. */
  figure_key: string | null;
  numerator_id: number | null;
  denominator_id: number | null;
  base_id: number | null;
  weight_id: number | null;
  owner_org_id: number;
  leader: string | null;
  warn_threshold: number | null;
  excellent_threshold: number | null;
  higher_is_better: number;
  min_value: number | null;
  max_value: number | null;
  jump_percent: number | null;
  is_key: number;
  created_at: string;
  updated_at: string;
}
export interface IndicatorReporterTable {
  indicator_id: number;
  org_id: number;
}
export interface IndicatorTargetTable {
  id: Generated<number>;
  indicator_id: number;
  org_id: number;
  year: number;
  annual: number;
  months_json: string | null;
  source: string;
  source_ref: string | null;
  /** The task the target was taken from (source 任务) and its target phrase (migration 202612050200_projects). */
  task_id: number | null;
  task_target: string | null;
  updated_at: string;
}
export interface IndicatorValueTable {
  indicator_id: number;
  org_id: number;
  period: string;
  value: number | null;
  note: string | null;
  updated_by: number | null;
  updated_at: string;
}
export interface IndicatorReportTable {
  id: Generated<number>;
  org_id: number;
  period: string;
  status: string;
  deadline_date: string;
  submitted_at: string | null;
  on_time: number | null;
  decided_at: string | null;
  decided_by: number | null;
  reason: string | null;
  updated_at: string;
}
export interface IndicatorUnlockTable {
  id: Generated<number>;
  org_id: number;
  period: string;
  until_date: string;
  reason: string;
  actor_id: number | null;
  at: string;
}
export interface IndicatorOfficialTable {
  indicator_id: number;
  org_id: number;
  period: string;
  value: number;
  batch: string;
  imported_at: string;
}
export interface IndicatorRollupTable {
  indicator_id: number;
  org_id: number;
  period: string;
  value: number | null;
  cum_value: number | null;
  target: number | null;
  pace_target: number | null;
  completion: number | null;
  pace: string | null;
  light: string | null;
  worst_light: string | null;
  /** Raw sums behind a plain sum/average: Σ month figures, Σ 累计, reporters (null: not a plain sum). */
  acc_v: number | null;
  acc_c: number | null;
  acc_n: number | null;
}
export interface ResponsibilityLetterTable {
  id: Generated<number>;
  org_id: number;
  issuer_org_id: number;
  year: number;
  title: string;
  items_json: string;
  status: string;
  unit_signed_at: string | null;
  unit_signer_id: number | null;
  unit_signer_name: string | null;
  issuer_signed_at: string | null;
  issuer_signer_id: number | null;
  issuer_signer_name: string | null;
  created_by: number | null;
  created_at: string;
}

/** 年度综合考核 (migration 202612040600_indicators_assessment). */
export interface AssessmentTable {
  id: Generated<number>;
  owner_org_id: number;
  year: number;
  name: string;
  /** [{source, weight}] */
  parts_json: string;
  excellent_percent: number;
  good_percent: number;
  bonus_cap: number;
  bonus_percent: number;
  objection_days: number;
  status: string;
  computed_at: string | null;
  publicity_start_date: string | null;
  publicity_end_date: string | null;
  created_by: number | null;
  created_at: string;
}
export interface AssessmentUnitTable {
  assessment_id: number;
  org_id: number;
  org_path: string;
  /** The computed breakdown (UnitPart[]), null until computed. */
  parts_json: string | null;
  base: number | null;
  bonus: number;
  deduction: number;
  total: number | null;
  rank: number | null;
  grade: string | null;
  vetoed: number;
  veto_json: string | null;
  note: string | null;
}
export interface AssessmentScoreTable {
  id: Generated<number>;
  assessment_id: number;
  org_id: number;
  month: number;
  score: number;
  reason: string;
  by_id: number | null;
  by_name: string;
  at: string;
}
export interface AssessmentAdjustmentTable {
  id: Generated<number>;
  assessment_id: number;
  org_id: number;
  kind: string;
  points: number | null;
  reason: string;
  by_id: number | null;
  by_name: string;
  at: string;
}
export interface IndicatorsDB {
  assessment: AssessmentTable;
  assessment_unit: AssessmentUnitTable;
  assessment_score: AssessmentScoreTable;
  assessment_adjustment: AssessmentAdjustmentTable;
  indicator: IndicatorTable;
  indicator_reporter: IndicatorReporterTable;
  indicator_target: IndicatorTargetTable;
  indicator_value: IndicatorValueTable;
  indicator_report: IndicatorReportTable;
  indicator_unlock: IndicatorUnlockTable;
  indicator_official: IndicatorOfficialTable;
  indicator_rollup: IndicatorRollupTable;
  responsibility_letter: ResponsibilityLetterTable;
}
