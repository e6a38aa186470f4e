/** 作风监督 contract, part 2: monthly statistics and rankings, 约谈 records, 暗访 reports. */
import { INSPECTION_STATUSES } from '../enums.ts';
import { Body, DateStr, Enum, Id, Instant, Nullable, Paging, Type, type Static } from './common.ts';

const Str = (title: string, max: number, min = 0) => Type.String({ title, maxLength: max, minLength: min });
const Month = Type.String({ title: '月份', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });

// ---- statistics ---------------------------------------------------------------------------------
export const StatsQuery = Type.Object(
  {
    month: Month,
    groupBy: Type.Optional(Enum(['window', 'unit', 'township'] as const, '统计口径')),
    orgId: Type.Optional(Id('单位')),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;
export const StatsRow = Type.Object({
  key: Type.Integer(),
  name: Type.String(),
  orgName: Type.String(),
  rank: Nullable(Type.Integer()),
  ratings: Type.Integer(),
  good: Type.Integer(),
  goodRate: Nullable(Type.Number()),
  badCount: Type.Integer(),
  rectified: Type.Integer(),
  rectifyRate: Nullable(Type.Number()),
  withPhone: Type.Integer(),
  calledBack: Type.Integer(),
  callbackRate: Nullable(Type.Number()),
  avgResponseHours: Nullable(Type.Number()),
  ticketsIssued: Type.Integer(),
  unratedRate: Nullable(Type.Number()),
  verified: Type.Integer(),
  suspect: Type.Integer(),
  excluded: Type.Integer(),
});
export type StatsRow = Static<typeof StatsRow>;
export const Stats = Type.Object({
  month: Type.String(),
  groupBy: Type.String(),
  rows: Type.Array(StatsRow),
  total: StatsRow,
  hardest: Type.Array(
    Type.Object({ windowId: Type.Integer(), name: Type.String(), orgName: Type.String(), why: Type.String() }),
  ),
  rule: Type.String(),
});
export type Stats = Static<typeof Stats>;
export const TrendQuery = Type.Object(
  {
    months: Type.Optional(Type.Integer({ title: '月数', minimum: 1, maximum: 36, default: 12 })),
    orgId: Type.Optional(Id('单位')),
    windowId: Type.Optional(Id('窗口')),
  },
  { additionalProperties: false },
);
export const Trend = Type.Object({
  points: Type.Array(
    Type.Object({
      month: Type.String(),
      ratings: Type.Integer(),
      goodRate: Nullable(Type.Number()),
      badCount: Type.Integer(),
      rectifyRate: Nullable(Type.Number()),
      callbackRate: Nullable(Type.Number()),
    }),
  ),
});
export type Trend = Static<typeof Trend>;
export const ReportQuery = Type.Object({ month: Month }, { additionalProperties: false });

// ---- 约谈 ---------------------------------------------------------------------------------------
export const InterviewListQuery = Type.Object(
  { status: Type.Optional(Enum(['待约谈', '已约谈'] as const, '状态')), ...Paging },
  { additionalProperties: false },
);
export const InterviewRow = Type.Object({
  id: Type.Integer(),
  windowId: Type.Integer(),
  windowName: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  month: Type.String(),
  reason: Type.String(),
  status: Type.String(),
  heldDate: Nullable(Type.String()),
  interviewer: Nullable(Type.String()),
  record: Nullable(Type.String()),
});
export type InterviewRow = Static<typeof InterviewRow>;
export const InterviewList = Type.Object({ items: Type.Array(InterviewRow), total: Type.Integer() });
export const InterviewRunBody = Body({ month: Month });
export const InterviewRecordBody = Body({
  heldDate: DateStr('约谈日期'),
  interviewer: Str('约谈人', 50, 1),
  record: Str('约谈记录', 5000, 1),
});
export const JobsResult = Type.Object({
  phonesPurged: Type.Integer(),
  interviewsCreated: Type.Integer(),
  overdueNotified: Type.Integer(),
});
export type JobsResult = Static<typeof JobsResult>;

// ---- 暗访 reports -------------------------------------------------------------------------------
export const Photo = Body({
  fileName: Str('文件名', 200, 1),
  contentBase64: Type.String({ title: '照片内容', maxLength: 1_400_000 }),
});
export const InspectionCreate = Body({
  orgId: Id('被查单位'),
  windowId: Type.Optional(Nullable(Id('窗口'))),
  visitedAt: Instant('暗访时间'),
  findings: Str('所见情况', 5000, 1),
  photos: Type.Optional(Type.Array(Photo, { title: '照片', maxItems: 6 })),
});
export type InspectionCreate = Static<typeof InspectionCreate>;
export const InspectionListQuery = Type.Object(
  { month: Type.Optional(Month), status: Type.Optional(Enum(INSPECTION_STATUSES, '状态')), ...Paging },
  { additionalProperties: false },
);
export type InspectionListQuery = Static<typeof InspectionListQuery>;
export const InspectionRow = Type.Object({
  id: Type.Integer(),
  inspectorName: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  windowId: Nullable(Type.Integer()),
  windowName: Nullable(Type.String()),
  visitedAt: Type.String(),
  findings: Type.String(),
  status: Type.String(),
  caseId: Nullable(Type.Integer()),
  rectificationId: Nullable(Type.Integer()),
  noticeNo: Nullable(Type.String()),
  photoCount: Type.Integer(),
});
export type InspectionRow = Static<typeof InspectionRow>;
export const InspectionList = Type.Object({ items: Type.Array(InspectionRow), total: Type.Integer() });
export type InspectionList = Static<typeof InspectionList>;
export const InspectionDetail = Type.Composite([
  InspectionRow,
  Type.Object({
    photos: Type.Array(Type.Object({ id: Type.Integer(), fileName: Type.String() })),
    noticeText: Nullable(Type.String()),
    noticeDueDate: Nullable(Type.String()),
  }),
]);
export type InspectionDetail = Static<typeof InspectionDetail>;
export const PhotoParams = Type.Object({ id: Id('编号'), photoId: Id('照片编号') }, { additionalProperties: false });
export const ToRectificationBody = Body({
  deadlineDate: Type.Optional(DateStr('整改时限')),
  measures: Type.Optional(Str('整改要求', 2000)),
});
export const NoticeBody = Body({
  requirements: Str('整改要求', 2000, 1),
  deadlineDate: DateStr('整改时限'),
});
export const ActivityQuery = Type.Object({ month: Month }, { additionalProperties: false });
export const Activity = Type.Object({
  month: Type.String(),
  items: Type.Array(
    Type.Object({
      inspectorId: Type.Integer(),
      inspectorName: Type.String(),
      reports: Type.Integer(),
      cases: Type.Integer(),
      rectifications: Type.Integer(),
      notices: Type.Integer(),
    }),
  ),
});
export type Activity = Static<typeof Activity>;
