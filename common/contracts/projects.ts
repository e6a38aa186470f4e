/**
 * 重点项目 investment: the year's planned investment split by month, each month's completed
 * investment reported by the lead unit (万元), the project's light per work-rules.md §5.3, and an
 * extracted task's target taken over as an indicator target. A project is a key-project task
 * (`task.key_project`): its id is the task's id.
 */
import { Body, DateStr, Id, Instant, Nullable, type Static, Type } from './common.ts';
import { Period, Year } from './indicators.ts';
import { Light } from './tasks.ts';

export const ProjectParams = Type.Object({ id: Id('项目编号') }, { additionalProperties: false });
export type ProjectParams = Static<typeof ProjectParams>;
export const ProjectMonthParams = Type.Object({ id: Id('项目编号'), period: Period }, { additionalProperties: false });
export type ProjectMonthParams = Static<typeof ProjectMonthParams>;
export const ProjectYearQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
export type ProjectYearQuery = Static<typeof ProjectYearQuery>;
export const ProjectListQuery = Type.Object(
  { year: Type.Optional(Year), orgId: Type.Optional(Id('单位')) },
  { additionalProperties: false },
);
export type ProjectListQuery = Static<typeof ProjectListQuery>;

/** A cell as typed or pasted from Excel ("1,234.5", "１２"): checked by the server with a Chinese message. */
const Cell = (title: string) => Type.Union([Type.Number(), Type.String({ maxLength: 30 })], { title });

export const InvestmentPlanBody = Body({
  year: Year,
  /** Planned investment of each month, Jan..Dec (万元; empty = 0). */
  months: Type.Array(Nullable(Cell('月度计划投资')), { minItems: 12, maxItems: 12, title: '月度计划投资' }),
});
export type InvestmentPlanBody = Static<typeof InvestmentPlanBody>;

export const InvestmentReportBody = Body({
  completed: Cell('本月完成投资'),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500, title: '说明' }))),
});
export type InvestmentReportBody = Static<typeof InvestmentReportBody>;

const Money = Nullable(Type.Number());

export const InvestmentMonth = Type.Object({
  period: Type.String(),
  planned: Money,
  completed: Money,
  /** 累计计划 / 累计完成 through this month. */
  cumPlanned: Money,
  cumCompleted: Money,
  /** 累计完成 / 累计计划 in %; null when nothing was planned yet (shown —). */
  rate: Money,
  deadlineDate: DateStr('报送截止日'),
  /** Past the deadline without an unlock: the lead unit cannot report it. */
  locked: Type.Boolean(),
  unlockedUntilDate: Nullable(DateStr('补报截止日')),
  /** Past the deadline, planned and not reported. */
  overdue: Type.Boolean(),
  note: Nullable(Type.String()),
  reportedAt: Nullable(Instant('报送时间')),
  reporterName: Nullable(Type.String()),
  onTime: Nullable(Type.Boolean()),
});
export type InvestmentMonth = Static<typeof InvestmentMonth>;

/** A project's light and the reasons in words (the same for the detail and the 工作台 panel). */
const Judged = {
  light: Nullable(Light),
  reasons: Type.Array(Type.String()),
};

export const InvestmentGrid = Type.Object({
  taskId: Type.Integer(),
  text: Type.String(),
  leadOrgId: Type.Integer(),
  leadName: Type.String(),
  year: Type.Integer(),
  /** Years that have a plan (the year selector). */
  years: Type.Array(Type.Integer()),
  hasPlan: Type.Boolean(),
  annualPlanned: Money,
  /** The month the light compares (the last reported or past its deadline); null before any. */
  asOfPeriod: Nullable(Type.String()),
  cumPlanned: Money,
  cumCompleted: Money,
  rate: Money,
  ...Judged,
  months: Type.Array(InvestmentMonth),
  /** The caller may set the plan (督查 manages the project) / report months (acts for the lead unit). */
  canPlan: Type.Boolean(),
  canReport: Type.Boolean(),
});
export type InvestmentGrid = Static<typeof InvestmentGrid>;

export const ProjectSummary = Type.Object({
  id: Type.Integer(),
  text: Type.String(),
  leadOrgId: Type.Integer(),
  leadName: Type.String(),
  annualPlanned: Money,
  asOfPeriod: Nullable(Type.String()),
  cumPlanned: Money,
  cumCompleted: Money,
  rate: Money,
  ...Judged,
  /** The next milestone not reached, with its planned date. */
  nextMilestone: Nullable(Type.Object({ name: Type.String(), dueDate: DateStr('计划日期') })),
});
export type ProjectSummary = Static<typeof ProjectSummary>;
export const ProjectList = Type.Object({
  year: Type.Integer(),
  items: Type.Array(ProjectSummary),
  total: Type.Integer(),
  /** Totals of the listed projects (万元). */
  cumPlanned: Type.Number(),
  cumCompleted: Type.Number(),
  counts: Type.Object({ green: Type.Integer(), yellow: Type.Integer(), red: Type.Integer() }),
});
export type ProjectList = Static<typeof ProjectList>;

/** 「设为指标目标」: a target phrase of the task becomes an org's annual target of an indicator. */
export const TaskTargetBody = Body({
  indicatorId: Id('指标'),
  orgId: Id('目标单位'),
  year: Year,
  annual: Type.Number({ title: '全年目标' }),
  targetText: Type.String({ minLength: 1, maxLength: 200, title: '任务中的目标' }),
});
export type TaskTargetBody = Static<typeof TaskTargetBody>;
