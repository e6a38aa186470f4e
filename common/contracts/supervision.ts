/**
 * Around the tasks: the 工作台 (dashboard), generated ledgers and the 督办单, notifications, and the
 * settings that drive the traffic lights (working-day calendar, thresholds).
 */
import { keysOf, MILESTONE_STATES, NOTIFICATION_KINDS } from '../enums.ts';
import { Body, DateStr, Enum, Id, Instant, ListOf, Nullable, Paging, type Static, Type } from './common.ts';
import { Light, TaskFilters, TaskStatus } from './tasks.ts';

/** The ledgers (print view, .xlsx, .docx) filter like the task list, over every matching row. */
export const LedgerQuery = Type.Object(TaskFilters, { additionalProperties: false });
export type LedgerQuery = Static<typeof LedgerQuery>;

/** 督查台账 as the print view lays it out: rows grouped by source document, numbered through. */
export const TaskLedger = Type.Object({
  /** The local date the ledger was drawn up (统计日期). */
  statDate: DateStr('统计日期'),
  /** Rows past the cap (20,000) were left out. */
  truncated: Type.Boolean(),
  groups: Type.Array(
    Type.Object({
      source: Type.String(),
      rows: Type.Array(
        Type.Object({
          seq: Type.Integer(),
          id: Type.Integer(),
          text: Type.String(),
          leadOrg: Type.String(),
          coOrgs: Type.String(),
          leader: Nullable(Type.String()),
          deadline: Type.String(),
          progress: Type.String(),
          status: Type.String(),
          overdue: Type.Boolean(),
          light: Light,
        }),
      ),
    }),
  ),
});
export type TaskLedger = Static<typeof TaskLedger>;
export const SuperviseOrderBody = Body({ note: Type.Optional(Type.String({ title: '督办要求', maxLength: 1000 })) });
export type SuperviseOrderBody = Static<typeof SuperviseOrderBody>;

// ── 工作台 ──

export const DashboardQuery = Type.Object({ orgId: Type.Optional(Id('单位')) }, { additionalProperties: false });
export type DashboardQuery = Static<typeof DashboardQuery>;

const count = Type.Integer({ minimum: 0 });
export const Dashboard = Type.Object({
  today: DateStr('统计日期'),
  total: count,
  /** Unfinished tasks by light. */
  lights: Type.Object({ green: count, yellow: count, red: count }),
  status: Type.Object({ pending: count, doing: count, requested: count, done: count }),
  overdue: count,
  /** Lead units by number of overdue tasks, top ten. */
  ranking: Type.Array(Type.Object({ orgId: Type.Integer(), orgName: Type.String(), overdue: count })),
  keyProjects: Type.Array(
    Type.Object({
      id: Type.Integer(),
      text: Type.String(),
      light: Light,
      status: TaskStatus,
      progress: Type.Integer(),
      dueDate: Nullable(DateStr('完成时限')),
      leadName: Type.String(),
    }),
  ),
});
export type Dashboard = Static<typeof Dashboard>;

export const ProjectTimeline = Type.Object({
  task: Type.Object({
    id: Type.Integer(),
    text: Type.String(),
    leadName: Type.String(),
    dueDate: Nullable(DateStr('完成时限')),
    progress: Type.Integer(),
  }),
  milestones: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      dueDate: DateStr('计划完成日期'),
      doneDate: Nullable(DateStr('完成日期')),
      state: Enum(keysOf(MILESTONE_STATES), '节点状态'),
    }),
  ),
});
export type ProjectTimeline = Static<typeof ProjectTimeline>;

// ── Notifications ──

export const NotificationQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean({ title: '仅未读' })), ...Paging },
  { additionalProperties: false },
);
export type NotificationQuery = Static<typeof NotificationQuery>;

export const Notification = Type.Object({
  id: Type.Integer(),
  kind: Enum(keysOf(NOTIFICATION_KINDS), '通知类型'),
  kindLabel: Type.String(),
  message: Type.String(),
  taskId: Nullable(Type.Integer()),
  /** The web path the notification opens (modules other than tasks). */
  link: Nullable(Type.String()),
  orgId: Type.Integer(),
  orgName: Type.String(),
  createdAt: Instant('时间'),
  readAt: Nullable(Instant('已读时间')),
});
export type Notification = Static<typeof Notification>;
export const NotificationPage = ListOf(Notification);
export type NotificationPage = Static<typeof NotificationPage>;

// ── Settings ──

export const YearParams = Type.Object(
  { year: Type.Integer({ title: '年份', minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);
export const CalendarBody = Body({
  holidays: Type.Array(DateStr('节假日'), { title: '节假日', maxItems: 366 }),
  workdays: Type.Array(DateStr('调休上班日'), { title: '调休上班日', maxItems: 366 }),
});
export type CalendarBody = Static<typeof CalendarBody>;
export const Calendar = Type.Object({
  year: Type.Integer(),
  holidays: Type.Array(DateStr('节假日')),
  workdays: Type.Array(DateStr('调休上班日')),
  weekendsOff: Type.Boolean(),
});
export type Calendar = Static<typeof Calendar>;

const Workdays = (title: string) => Type.Integer({ title, minimum: 0, maximum: 365 });
/** The traffic-light thresholds, in working days (percentage points for the lag). */
export const Thresholds = Type.Object({
  acceptWorkdays: Workdays('签收时限'),
  dueSoonWorkdays: Workdays('临期预警'),
  lagYellowPercent: Workdays('进度滞后黄灯'),
  lagRedPercent: Workdays('进度滞后红灯'),
  weeklyCycleWorkdays: Workdays('每周报送周期'),
  monthlyCycleWorkdays: Workdays('每月报送周期'),
  reportRedWorkdays: Workdays('反馈超时红灯'),
});
export type Thresholds = Static<typeof Thresholds>;
export const ThresholdsBody = Type.Partial(Thresholds, { additionalProperties: false });
export type ThresholdsBody = Static<typeof ThresholdsBody>;
