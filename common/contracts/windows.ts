/**
 * 作风监督 contract: service windows and posters, the public rating page, 差评 cases, monthly
 * statistics and rankings, 约谈 records and 作风监督员's 暗访 reports. Phones appear only masked,
 * except in the audited `GET /api/rating-cases/:id/phone` used for 回访.
 */
import { RATING_CASE_RESOLUTIONS, RATING_CASE_STATUSES, RATING_LEVELS, WINDOW_KINDS } from '../enums.ts';
import { Body, DateStr, Enum, Id, Nullable, Paging, Type, type Static } from './common.ts';

const Str = (title: string, max: number, min = 0) => Type.String({ title, maxLength: max, minLength: min });
const Month = Type.String({ title: '月份', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
export const Level = Enum(RATING_LEVELS, '评价等级');
export const Light = Enum(['red', 'yellow', 'green', 'none'] as const, '灯');
export type Light = Static<typeof Light>;

// ---- windows ----------------------------------------------------------------------------------
export const WindowListQuery = Type.Object(
  {
    orgId: Type.Optional(Id('单位')),
    q: Type.Optional(Str('关键词', 50)),
    includeInactive: Type.Optional(Type.Boolean({ title: '含已停用' })),
    ...Paging,
  },
  { additionalProperties: false },
);
export type WindowListQuery = Static<typeof WindowListQuery>;
export const WindowRow = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  kind: Type.String(),
  location: Nullable(Type.String()),
  active: Type.Boolean(),
  itemCount: Type.Integer(),
});
export type WindowRow = Static<typeof WindowRow>;
export const WindowList = Type.Object({ items: Type.Array(WindowRow), total: Type.Integer() });
export type WindowList = Static<typeof WindowList>;

const ItemNames = Type.Array(Str('服务事项', 60, 1), { title: '服务事项', maxItems: 100 });
export const WindowCreate = Body({
  orgId: Id('所属单位'),
  name: Str('窗口名称', 60, 1),
  kind: Enum(WINDOW_KINDS, '类型'),
  location: Type.Optional(Nullable(Str('位置', 100))),
  items: Type.Optional(ItemNames),
});
export type WindowCreate = Static<typeof WindowCreate>;
export const WindowPatch = Body({
  name: Type.Optional(Str('窗口名称', 60, 1)),
  kind: Type.Optional(Enum(WINDOW_KINDS, '类型')),
  location: Type.Optional(Nullable(Str('位置', 100))),
  active: Type.Optional(Type.Boolean({ title: '启用' })),
  items: Type.Optional(ItemNames),
});
export type WindowPatch = Static<typeof WindowPatch>;
export const ServiceItem = Type.Object({ id: Type.Integer(), name: Type.String(), active: Type.Boolean() });
export const WindowDetail = Type.Composite([
  WindowRow,
  Type.Object({
    items: Type.Array(ServiceItem),
    orgPath: Type.String(),
    month: Type.Object({ ratings: Type.Integer(), goodRate: Nullable(Type.Number()), badCount: Type.Integer() }),
    ticketsIssued: Type.Integer(),
    ticketsUsed: Type.Integer(),
  }),
]);
export type WindowDetail = Static<typeof WindowDetail>;
export const Poster = Type.Object({
  code: Type.String(),
  name: Type.String(),
  orgName: Type.String(),
  kind: Type.String(),
  location: Nullable(Type.String()),
  url: Type.String(),
  qrSvg: Type.String(),
  loopback: Type.Boolean(),
  levels: Type.Array(Type.String()),
  items: Type.Array(Type.String()),
});
export type Poster = Static<typeof Poster>;
export const TicketsBody = Body({ count: Type.Integer({ title: '张数', minimum: 1, maximum: 500 }) });
export const Tickets = Type.Object({
  windowCode: Type.String(),
  issuedDate: Type.String(),
  codes: Type.Array(Type.String()),
});
export type Tickets = Static<typeof Tickets>;
export const RatingListQuery = Type.Object(
  { month: Type.Optional(Month), level: Type.Optional(Level), ...Paging },
  { additionalProperties: false },
);
export const RatingRow = Type.Object({
  id: Type.Integer(),
  level: Type.String(),
  itemName: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
  verified: Type.Boolean(),
  suspect: Type.Boolean(),
  suspectReason: Nullable(Type.String()),
  excluded: Type.Boolean(),
  ratedAt: Type.String(),
  caseId: Nullable(Type.Integer()),
});
export type RatingRow = Static<typeof RatingRow>;
export const RatingList = Type.Object({ items: Type.Array(RatingRow), total: Type.Integer() });
export type RatingList = Static<typeof RatingList>;

// ---- settings and 评价内容 ----------------------------------------------------------------------
export const HardestRule = Type.Object(
  {
    metric: Enum(['satisfaction', 'unresolved'] as const, '评选规则'),
    minRatings: Type.Integer({ title: '最少评价数', minimum: 0, maximum: 100_000 }),
    count: Type.Integer({ title: '上榜数量', minimum: 1, maximum: 50 }),
  },
  { additionalProperties: false },
);
export const WindowSettings = Type.Object(
  {
    caseWorkdays: Type.Integer({ title: '差评办理时限(工作日)', minimum: 1, maximum: 30 }),
    appealWorkdays: Type.Integer({ title: '申诉时限(工作日)', minimum: 1, maximum: 30 }),
    retentionDays: Type.Integer({ title: '电话保留天数', minimum: 0, maximum: 365 }),
    untrackedPerSourceDay: Type.Integer({ title: '同一来源每窗口每日计入上限', minimum: 1, maximum: 10_000 }),
    untrackedPerDeviceDay: Type.Integer({ title: '同一设备每窗口每日计入上限', minimum: 1, maximum: 100 }),
    burstPerMinute: Type.Integer({ title: '同一来源每窗口每分钟上限', minimum: 1, maximum: 1000 }),
    hardest: HardestRule,
  },
  { additionalProperties: false },
);
export type WindowSettings = Static<typeof WindowSettings>;
export const WindowSettingsPatch = Type.Partial(WindowSettings, { additionalProperties: false });
export const RatingContent = Type.Object({
  version: Type.Integer(),
  questions: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type RatingContent = Static<typeof RatingContent>;
export const RatingContentList = Type.Object({ items: Type.Array(RatingContent) });
export const RatingContentCreate = Body({
  questions: Type.Array(Str('评价指标', 20, 1), { title: '评价指标', minItems: 1, maxItems: 8 }),
  note: Type.Optional(Str('修订说明', 200)),
});

// ---- public -------------------------------------------------------------------------------------
export const CodeParams = Type.Object(
  { code: Type.String({ title: '窗口码', minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);
export const PublicWindow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  orgName: Type.String(),
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  levels: Type.Array(Type.String()),
  content: Type.Object({ version: Type.Integer(), questions: Type.Array(Type.String()) }),
});
export type PublicWindow = Static<typeof PublicWindow>;
export const PublicRatingBody = Body({
  windowCode: Type.String({ title: '窗口码', minLength: 1, maxLength: 20 }),
  level: Level,
  comment: Type.Optional(Str('意见建议', 500)),
  phone: Type.Optional(Type.String({ title: '联系电话', pattern: '^1[3-9]\\d{9}$' })),
  itemId: Type.Optional(Id('服务事项')),
  ticket: Type.Optional(Type.String({ title: '评价码', minLength: 4, maxLength: 20 })),
  contentVersion: Type.Optional(Id('评价内容版本')),
  scores: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1, maximum: 5, title: '分项评分' }), { title: '分项评分', maxItems: 8 }),
  ),
  device: Type.Optional(Type.String({ title: '设备标识', pattern: '^[A-Za-z0-9_-]{8,64}$' })),
});
export type PublicRatingBody = Static<typeof PublicRatingBody>;
export const PublicRatingCreated = Type.Object({
  id: Type.Integer(),
  /** A 差评 gets a 复评码: the citizen enters it on the same page to rate the fix. */
  followUpCode: Type.Optional(Type.String()),
  dueDate: Type.Optional(Type.String()),
});
export type PublicRatingCreated = Static<typeof PublicRatingCreated>;
export const FollowUpParams = Type.Object(
  { code: Type.String({ title: '复评码', minLength: 4, maxLength: 20 }) },
  { additionalProperties: false },
);
export const PublicFollowUp = Type.Object({
  windowName: Type.String(),
  orgName: Type.String(),
  status: Type.String(),
  resolution: Nullable(Type.String()),
  resolutionNote: Nullable(Type.String()),
  canRerate: Type.Boolean(),
  rerated: Type.Boolean(),
});
export type PublicFollowUp = Static<typeof PublicFollowUp>;
export const PublicRerateBody = Body({
  code: Type.String({ title: '复评码', minLength: 4, maxLength: 20 }),
  level: Level,
  comment: Type.Optional(Str('意见', 500)),
});
export type PublicRerateBody = Static<typeof PublicRerateBody>;

// ---- cases --------------------------------------------------------------------------------------
export const CaseListQuery = Type.Object(
  {
    status: Type.Optional(Enum([...RATING_CASE_STATUSES, 'open'] as const, '状态')),
    light: Type.Optional(Light),
    orgId: Type.Optional(Id('单位')),
    windowId: Type.Optional(Id('窗口')),
    ...Paging,
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;
export const CaseRow = Type.Object({
  id: Type.Integer(),
  windowId: Nullable(Type.Integer()),
  windowName: Nullable(Type.String()),
  orgId: Type.Integer(),
  orgName: Type.String(),
  source: Type.String(),
  level: Nullable(Type.String()),
  problem: Type.String(),
  status: Type.String(),
  openedDate: Type.String(),
  dueDate: Type.String(),
  light: Light,
  phoneMasked: Nullable(Type.String()),
});
export type CaseRow = Static<typeof CaseRow>;
export const CaseList = Type.Object({
  items: Type.Array(CaseRow),
  total: Type.Integer(),
  lights: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer() }),
});
export type CaseList = Static<typeof CaseList>;
export const CaseStep = Type.Object({
  step: Type.String(),
  note: Nullable(Type.String()),
  reached: Nullable(Type.Boolean()),
  actorName: Nullable(Type.String()),
  at: Type.String(),
});
export const CaseDetail = Type.Composite([
  CaseRow,
  Type.Object({
    comment: Nullable(Type.String()),
    itemName: Nullable(Type.String()),
    ratedAt: Nullable(Type.String()),
    verified: Type.Boolean(),
    hasPhone: Type.Boolean(),
    phonePurged: Type.Boolean(),
    callbackDone: Type.Boolean(),
    resolution: Nullable(Type.String()),
    resolutionNote: Nullable(Type.String()),
    rectificationId: Nullable(Type.Integer()),
    rerateLevel: Nullable(Type.String()),
    reratedAt: Nullable(Type.String()),
    appealReason: Nullable(Type.String()),
    appealAt: Nullable(Type.String()),
    appealDeadlineDate: Type.String(),
    /** The unit may still appeal (open, not appealed yet, a citizen's rating, within the limit). */
    canAppeal: Type.Boolean(),
    appealOpinion: Nullable(Type.String()),
    appealUpheld: Nullable(Type.Boolean()),
    closedAt: Nullable(Type.String()),
    excluded: Type.Boolean(),
    steps: Type.Array(CaseStep),
  }),
]);
export type CaseDetail = Static<typeof CaseDetail>;
export const CasePhone = Type.Object({ phone: Type.String() });
export const VerifyBody = Body({ note: Str('核实情况', 2000, 1) });
export const CallbackBody = Body({
  reached: Type.Boolean({ title: '是否接通' }),
  words: Str('回访记录', 2000, 1),
});
export const ResolveBody = Body({
  resolution: Enum(RATING_CASE_RESOLUTIONS, '处置方式'),
  note: Str('整改措施或解释说明', 2000, 1),
  owner: Type.Optional(Str('责任人', 50)),
  deadlineDate: Type.Optional(DateStr('整改时限')),
});
export type ResolveBody = Static<typeof ResolveBody>;
export const CloseBody = Body({ note: Type.Optional(Str('办结说明', 1000)) });
export const AppealBody = Body({ reason: Str('申诉理由', 2000, 1) });
export const AppealDecisionBody = Body({
  upheld: Type.Boolean({ title: '申诉是否成立' }),
  opinion: Str('复核意见', 2000, 1),
});
export const CaseStatusOk = Type.Object({ ok: Type.Boolean(), status: Type.String() });

export const Converted = Type.Object({
  caseId: Nullable(Type.Integer()),
  rectificationId: Nullable(Type.Integer()),
  noticeNo: Nullable(Type.String()),
});
