/** 调研统筹: research visits, their conflict warnings, coordination, findings and overviews. */
import {
  FINDING_KINDS,
  FINDING_OUTCOMES,
  HOST_LEVELS,
  PLAN_KINDS,
  VISIT_STATUSES,
  VISIT_WARNINGS,
  VISITOR_LEVELS,
} from '../enums.ts';
import { Body, DateStr, Enum, Id, Instant, ItemsOf, ListOf, Nullable, Paging, type Static, Type } from './common.ts';

const WarningKind = Enum(Object.keys(VISIT_WARNINGS) as (keyof typeof VISIT_WARNINGS)[], '提示类型');

export const VisitWarning = Type.Object({
  kind: WarningKind,
  message: Type.String(),
  otherVisitId: Type.Optional(Type.Integer()),
});
export type VisitWarning = Static<typeof VisitWarning>;

export const Escort = Type.Object(
  {
    level: Enum(HOST_LEVELS, '陪同层级'),
    count: Type.Integer({ minimum: 0, maximum: 100, title: '陪同人数' }),
  },
  { additionalProperties: false },
);
export type Escort = Static<typeof Escort>;

const visitFields = {
  title: Type.String({ title: '调研课题', minLength: 1, maxLength: 200 }),
  startDate: DateStr('开始日期'),
  endDate: DateStr('结束日期'),
  placeOrgIds: Type.Array(Id('调研地点'), { title: '调研地点', minItems: 1, maxItems: 20 }),
  leader: Type.Optional(Type.String({ title: '带队领导', minLength: 1, maxLength: 50 })),
  visitorLevel: Type.Optional(Enum(VISITOR_LEVELS, '带队领导层级')),
  members: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { title: '成员', maxItems: 30 })),
  planKind: Type.Optional(Enum(PLAN_KINDS, '计划类型')),
  escorts: Type.Optional(Type.Array(Escort, { title: '陪同', maxItems: 3 })),
  escortReason: Type.Optional(Nullable(Type.String({ title: '陪同超标理由', maxLength: 500 }))),
  taskId: Type.Optional(Nullable(Id('牵头课题任务'))),
};
export const VisitBody = Body(visitFields);
export type VisitBody = Static<typeof VisitBody>;
export const VisitPatch = Body(Object.fromEntries(Object.entries(visitFields).map(([k, v]) => [k, Type.Optional(v)])));
export type VisitPatch = Partial<VisitBody>;

export const VisitCreated = Type.Object({ id: Type.Integer(), warnings: Type.Array(VisitWarning) });
export type VisitCreated = Static<typeof VisitCreated>;

export const Place = Type.Object({ id: Type.Integer(), name: Type.String(), townshipName: Nullable(Type.String()) });
export const VisitSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  leader: Type.String(),
  visitorLevel: Type.String(),
  planKind: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  status: Type.String(),
  ownerOrg: Type.Object({ id: Type.Integer(), name: Type.String() }),
  places: Type.Array(Place),
  warningCount: Type.Integer(),
  flagCount: Type.Integer(),
});
export type VisitSummary = Static<typeof VisitSummary>;

export const CheckResult = Type.Object({ warnings: Type.Array(VisitWarning), others: Type.Array(VisitSummary) });
export type CheckResult = Static<typeof CheckResult>;

export const VisitQuery = Type.Object(
  {
    from: Type.Optional(DateStr('起始日期')),
    to: Type.Optional(DateStr('截止日期')),
    leader: Type.Optional(Type.String({ maxLength: 50, title: '带队领导' })),
    placeOrgId: Type.Optional(Id('调研地点')),
    status: Type.Optional(Enum(VISIT_STATUSES, '状态')),
    /** host: visits to places in my scope; owner: visits my scope registered. */
    side: Type.Optional(Enum(['host', 'owner'] as const, '范围')),
    q: Type.Optional(Type.String({ maxLength: 50, title: '关键词' })),
    ...Paging,
  },
  { additionalProperties: false },
);
export type VisitQuery = Static<typeof VisitQuery>;
export const VisitList = ListOf(VisitSummary);
export type VisitList = Static<typeof VisitList>;

export const Finding = Type.Object({
  id: Type.Integer(),
  visitId: Type.Integer(),
  visitTitle: Type.String(),
  leader: Type.String(),
  visitDate: Type.String(),
  org: Type.Object({ id: Type.Integer(), name: Type.String() }),
  kind: Type.String(),
  text: Type.String(),
  taskId: Nullable(Type.Integer()),
  rectificationId: Nullable(Type.Integer()),
  createdAt: Type.String(),
});
export type Finding = Static<typeof Finding>;

export const VisitDetail = Type.Object({
  ...VisitSummary.properties,
  members: Type.Array(Type.String()),
  escorts: Type.Array(Escort),
  escortReason: Nullable(Type.String()),
  taskId: Nullable(Type.Integer()),
  confirmReason: Nullable(Type.String()),
  mergedInto: Nullable(Type.Object({ id: Type.Integer(), title: Type.String() })),
  mergedFrom: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), leader: Type.String() })),
  warnings: Type.Array(VisitWarning),
  others: Type.Array(VisitSummary),
  proposals: Type.Array(
    Type.Object({
      id: Type.Integer(),
      startDate: Type.String(),
      endDate: Type.String(),
      places: Nullable(Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }))),
      note: Type.String(),
      status: Type.String(),
      createdAt: Type.String(),
    }),
  ),
  flags: Type.Array(
    Type.Object({
      id: Type.Integer(),
      org: Type.Object({ id: Type.Integer(), name: Type.String() }),
      note: Type.String(),
      createdAt: Type.String(),
    }),
  ),
  findings: Type.Array(Finding),
  previousFindings: Type.Array(Finding),
  can: Type.Object({ edit: Type.Boolean(), coordinate: Type.Boolean(), flag: Type.Boolean(), record: Type.Boolean() }),
  createdAt: Instant('登记时间'),
});
export type VisitDetail = Static<typeof VisitDetail>;

export const ConfirmBody = Body({ reason: Type.Optional(Type.String({ title: '确认理由', maxLength: 500 })) });
export const MergeBody = Body({ intoVisitId: Id('合并到的调研') });
export const CancelBody = Body({ reason: Type.String({ title: '取消原因', minLength: 1, maxLength: 500 }) });
export const ProposalBody = Body({
  startDate: DateStr('建议开始日期'),
  endDate: DateStr('建议结束日期'),
  placeOrgIds: Type.Optional(Type.Array(Id('建议地点'), { minItems: 1, maxItems: 20, title: '建议地点' })),
  note: Type.String({ title: '建议说明', minLength: 1, maxLength: 500 }),
});
export type ProposalBody = Static<typeof ProposalBody>;
export const ProposalParams = Type.Object(
  { id: Id('编号'), proposalId: Id('建议编号') },
  { additionalProperties: false },
);
export const AnswerBody = Body({ accept: Type.Boolean({ title: '是否接受' }) });
export const FlagBody = Body({
  orgId: Type.Optional(Id('接待单位')),
  note: Type.String({ title: '撞车情况', minLength: 1, maxLength: 500 }),
});
export const FindingBody = Body({
  placeOrgId: Id('调研地点'),
  kind: Enum(FINDING_KINDS, '成果类型'),
  text: Type.String({ title: '调研发现', minLength: 1, maxLength: 2000 }),
  outcome: Type.Optional(Enum(FINDING_OUTCOMES, '转化方式')),
  leadOrgId: Type.Optional(Id('责任单位')),
  dueDate: Type.Optional(Nullable(DateStr('完成时限'))),
});
export type FindingBody = Static<typeof FindingBody>;
export const FindingCreated = Type.Object({
  id: Type.Integer(),
  taskId: Nullable(Type.Integer()),
  rectificationId: Nullable(Type.Integer()),
});

export const FindingQuery = Type.Object(
  { orgId: Type.Optional(Id('地点')), q: Type.Optional(Type.String({ maxLength: 50, title: '关键词' })), ...Paging },
  { additionalProperties: false },
);
export const FindingList = ListOf(Finding);
/** The 带队领导 named in visits so far (the calendar's per-leader view). */
export const LeaderList = ItemsOf(Type.String());

export const YearQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' })) },
  { additionalProperties: false },
);
export const Heat = Type.Object({
  year: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      orgId: Type.Integer(),
      name: Type.String(),
      months: Type.Array(Type.Integer()),
      total: Type.Integer(),
    }),
  ),
  max: Type.Integer(),
});
export type Heat = Static<typeof Heat>;
export const UnvisitedQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' })),
    level: Type.Optional(Enum(['township', 'village'] as const, '层级')),
  },
  { additionalProperties: false },
);
export const Unvisited = ItemsOf(
  Type.Object({ id: Type.Integer(), name: Type.String(), parentName: Nullable(Type.String()), type: Type.String() }),
);
export type Unvisited = Static<typeof Unvisited>;

/** The configurable limits of the conflict check. */
export const Limits = Type.Object(
  {
    windowDays: Type.Integer({ minimum: 0, maximum: 90, title: '重复调研间隔(天)' }),
    monthlyMax: Type.Integer({ minimum: 1, maximum: 100, title: '每月接待上限' }),
    classicRouteMax: Type.Integer({ minimum: 1, maximum: 100, title: '经典路线年度次数' }),
    escortLimits: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 50 })), {
      title: '陪同人数上限',
    }),
  },
  { additionalProperties: false },
);
export type Limits = Static<typeof Limits>;
