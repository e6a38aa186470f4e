/**
 * 双报到 / 共驻共建 contract, part 2: activities (sign-up, QR sign-in/out, photos, verification),
 * points (versioned rules, caps, vetoes, ledgers, rankings), letters and bulletins, the county
 * overview, the member's own page and the module settings. The acceptance shape
 * `GET /points?memberId=` → `{ items: [{ at, points, reason, capped }], total, sum }` is kept exactly.
 */
import { COBUILD_ACTIONS, COBUILD_CAP_PERIODS, COBUILD_CATEGORIES, COBUILD_VERIFICATIONS } from '../enums.ts';
import { Body, DateStr, Enum, Id, Instant, ItemsOf, ListOf, Nullable, Paging, type Static, Type } from './common.ts';
import { OrgRef, Registration } from './cobuild.ts';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as (keyof T & string)[];
const Text = (title: string, max: number, min = 0) => Type.String({ title, maxLength: max, minLength: min });
const Q = <T extends Record<string, any>>(props: T) => Type.Object(props, { additionalProperties: false });
const Year = Type.Integer({ title: '年度', minimum: 2000, maximum: 2100 });
const Half = (title: string, max: number) => Type.Number({ title, minimum: 0, maximum: max, multipleOf: 0.5 });

// ── activities ───────────────────────────────────────────────────────────────
export const Verification = Enum(keys(COBUILD_VERIFICATIONS), '核验状态');
export const MySignup = Type.Object({
  id: Type.Integer(),
  status: Enum(['signed_up', 'cancelled'] as const, '报名状态'),
  checkinAt: Nullable(Type.String()),
  checkoutAt: Nullable(Type.String()),
  hours: Nullable(Type.Number()),
  verification: Verification,
  verifiedHours: Nullable(Type.Number()),
});
export const Activity = Type.Object({
  id: Type.Integer(),
  community: OrgRef,
  need: Nullable(Type.Object({ id: Type.Integer(), title: Type.String() })),
  project: Nullable(Type.Object({ id: Type.Integer(), title: Type.String() })),
  title: Type.String(),
  category: Type.String(),
  description: Nullable(Type.String()),
  place: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  activityDate: Type.String(),
  signupLimit: Type.Integer(),
  signedUp: Type.Integer(),
  status: Enum(['open', 'cancelled'] as const, '活动状态'),
  cancelReason: Nullable(Type.String()),
  /** From the server clock: upcoming 未开始 · ongoing 进行中 · ended 已结束. */
  phase: Enum(['upcoming', 'ongoing', 'ended'] as const, '阶段'),
  mySignup: Nullable(MySignup),
  pendingVerifications: Type.Integer(),
  canManage: Type.Boolean(),
});
export type Activity = Static<typeof Activity>;
export const Participant = Type.Object({
  id: Type.Integer(),
  member: Type.Object({ id: Type.Integer(), name: Type.String(), phone: Nullable(Type.String()) }),
  unit: Type.String(),
  status: Enum(['signed_up', 'cancelled'] as const, '报名状态'),
  signedUpAt: Type.String(),
  checkinAt: Nullable(Type.String()),
  checkoutAt: Nullable(Type.String()),
  hours: Nullable(Type.Number()),
  /** Metres between the phone and the activity's place at sign-in, when both are known. */
  distanceM: Nullable(Type.Integer()),
  verification: Verification,
  verifiedHours: Nullable(Type.Number()),
  verifyNote: Nullable(Type.String()),
});
export type Participant = Static<typeof Participant>;
export const Photo = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  uploadedAt: Type.String(),
  uploader: Type.String(),
});
export const ActivityDetail = Type.Composite([
  Activity,
  Type.Object({ participants: Type.Array(Participant), photos: Type.Array(Photo) }),
]);
export type ActivityDetail = Static<typeof ActivityDetail>;
export const ActivityQuery = Q({
  communityId: Type.Optional(Id('社区')),
  fromDate: Type.Optional(DateStr('开始日期')),
  toDate: Type.Optional(DateStr('结束日期')),
  mine: Type.Optional(Type.Boolean({ title: '我报名的' })),
  /** From today on, soonest first (what a member can still sign up for). */
  upcoming: Type.Optional(Type.Boolean({ title: '即将开展' })),
  ...Paging,
});
export type ActivityQuery = Static<typeof ActivityQuery>;
export const ActivityList = ListOf(Activity);
export const NewActivity = Body({
  communityId: Id('社区'),
  needId: Type.Optional(Nullable(Id('需求'))),
  projectId: Type.Optional(Nullable(Id('项目'))),
  title: Text('活动名称', 100, 2),
  category: Enum(COBUILD_CATEGORIES, '类别'),
  description: Type.Optional(Nullable(Text('活动内容', 2000))),
  place: Text('地点', 200, 2),
  lat: Type.Optional(Nullable(Type.Number({ title: '纬度', minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ title: '经度', minimum: -180, maximum: 180 }))),
  startsAt: Instant('开始时间'),
  endsAt: Instant('结束时间'),
  signupLimit: Type.Integer({ title: '报名人数上限', minimum: 1, maximum: 1000 }),
});
export type NewActivity = Static<typeof NewActivity>;
export const ActivityQr = Type.Object({
  signInUrl: Type.String(),
  signOutUrl: Type.String(),
  signInQr: Type.String(),
  signOutQr: Type.String(),
  /** The links point at 127.0.0.1/localhost: a phone cannot open them (set PUBLIC_URL). */
  loopback: Type.Boolean(),
});
export const ScanBody = Body({
  token: Type.String({ title: '二维码', minLength: 8, maxLength: 64 }),
  lat: Type.Optional(Type.Number({ title: '纬度', minimum: -90, maximum: 90 })),
  lng: Type.Optional(Type.Number({ title: '经度', minimum: -180, maximum: 180 })),
  accuracy: Type.Optional(Type.Number({ title: '定位精度', minimum: 0, maximum: 100000 })),
});
export type ScanBody = Static<typeof ScanBody>;
export const ScanResult = Type.Object({
  action: Enum(['in', 'out'] as const, '签到/签退'),
  activity: Type.Object({ id: Type.Integer(), title: Type.String(), place: Type.String() }),
  at: Type.String(),
  hours: Nullable(Type.Number()),
  distanceM: Nullable(Type.Integer()),
});
export const VerifyBody = Body({
  /** Hours credited; defaults to the signed hours (sign-in to sign-out within the activity). */
  hours: Type.Optional(Half('认定时长', 24)),
  note: Type.Optional(Nullable(Text('核验意见', 500))),
});
export type VerifyBody = Static<typeof VerifyBody>;
export const VerifyResult = Type.Object({ hours: Type.Number(), points: Type.Number(), capped: Type.Number() });
export const VerifyAllResult = Type.Object({ count: Type.Integer(), points: Type.Number(), capped: Type.Number() });
export const PendingVerification = Type.Object({
  id: Type.Integer(),
  activity: Type.Object({ id: Type.Integer(), title: Type.String(), activityDate: Type.String() }),
  community: OrgRef,
  member: Type.Object({ id: Type.Integer(), name: Type.String(), phone: Nullable(Type.String()) }),
  unit: Type.String(),
  checkinAt: Nullable(Type.String()),
  checkoutAt: Nullable(Type.String()),
  hours: Nullable(Type.Number()),
  distanceM: Nullable(Type.Integer()),
  photos: Type.Integer(),
});
export const PendingQuery = Q({
  communityId: Type.Optional(Id('社区')),
  activityId: Type.Optional(Id('活动')),
  ...Paging,
});
export type PendingQuery = Static<typeof PendingQuery>;
export const PendingList = ListOf(PendingVerification);
export const PhotoParams = Type.Object({ id: Id('活动'), photoId: Id('照片') }, { additionalProperties: false });

// ── points ───────────────────────────────────────────────────────────────────
export const Action = Enum(keys(COBUILD_ACTIONS), '积分类别');
export const CapPeriod = Enum(keys(COBUILD_CAP_PERIODS), '封顶周期');
export const PointRules = Type.Object(
  {
    actions: Type.Object(
      {
        report: Type.Integer({ title: '报到积分', minimum: 0, maximum: 100 }),
        serviceHour: Half('每小时志愿服务积分', 20),
        leadProject: Type.Integer({ title: '牵头项目积分', minimum: 0, maximum: 100 }),
        needFulfilled: Type.Integer({ title: '认领需求完成积分', minimum: 0, maximum: 100 }),
      },
      { additionalProperties: false },
    ),
    caps: Type.Array(
      Type.Object(
        {
          action: Enum(['report', 'service', 'leadProject', 'needFulfilled'] as const, '积分类别'),
          period: CapPeriod,
          max: Type.Number({ title: '封顶分值', minimum: 0, maximum: 10000, multipleOf: 0.5 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20, title: '封顶规则' },
    ),
    /** A veto (一票否决) zeroes the vetoed period; off = vetoes are refused. */
    vetoEnabled: Type.Boolean({ title: '启用一票否决' }),
    /** Balances restart at zero each year (else they accumulate). */
    yearlyReset: Type.Boolean({ title: '每年清零' }),
  },
  { additionalProperties: false },
);
export type PointRules = Static<typeof PointRules>;
export const RuleVersion = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  effectiveDate: Type.String(),
  rules: PointRules,
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  current: Type.Boolean(),
});
export const RuleList = ItemsOf(RuleVersion);
export const NewRuleVersion = Body({
  effectiveDate: DateStr('生效日期'),
  rules: PointRules,
  note: Type.Optional(Nullable(Text('修订说明', 500))),
});
export type NewRuleVersion = Static<typeof NewRuleVersion>;

export const PointEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  entryDate: Type.String(),
  points: Type.Number(),
  reason: Type.String(),
  /** The excess over a cap: recorded, not counted in `sum`. */
  capped: Type.Boolean(),
  /** Inside a vetoed period: recorded, not counted. */
  vetoed: Type.Boolean(),
  action: Action,
  source: Type.String(),
  ruleVersion: Nullable(Type.Integer()),
});
export type PointEntry = Static<typeof PointEntry>;
export const PointsQuery = Q({
  memberId: Type.Optional(Id('党员')),
  unitId: Type.Optional(Id('单位')),
  year: Type.Optional(Year),
  ...Paging,
});
export type PointsQuery = Static<typeof PointsQuery>;
export const PointLedger = Type.Object({
  items: Type.Array(PointEntry),
  total: Type.Integer(),
  /** The balance: counted points of the year (yearly reset) or up to its end (accumulating). */
  sum: Type.Number(),
  cappedSum: Type.Number(),
  year: Type.Integer(),
  yearlyReset: Type.Boolean(),
  subject: Type.Object({ kind: Enum(['member', 'unit'] as const, '对象'), id: Type.Integer(), name: Type.String() }),
});
export const AdjustBody = Body({
  memberId: Type.Optional(Id('党员')),
  unitId: Type.Optional(Id('单位')),
  points: Type.Number({ title: '调整分值', minimum: -100, maximum: 100, multipleOf: 0.5 }),
  reason: Type.String({ title: '调整理由', minLength: 4, maxLength: 500 }),
  entryDate: Type.Optional(DateStr('计入日期')),
});
export type AdjustBody = Static<typeof AdjustBody>;
export const Veto = Type.Object({
  id: Type.Integer(),
  subject: Type.Object({ kind: Enum(['member', 'unit'] as const, '对象'), id: Type.Integer(), name: Type.String() }),
  period: Type.String(),
  fromDate: Type.String(),
  toDate: Type.String(),
  reason: Type.String(),
  status: Enum(['active', 'lifted'] as const, '状态'),
  liftReason: Nullable(Type.String()),
  createdAt: Type.String(),
});
export const VetoList = ItemsOf(Veto);
export const VetoQuery = Q({ year: Type.Optional(Year) });
export const NewVeto = Body({
  memberId: Type.Optional(Id('党员')),
  unitId: Type.Optional(Id('单位')),
  year: Year,
  quarter: Type.Optional(Type.Integer({ title: '季度', minimum: 1, maximum: 4 })),
  reason: Type.String({ title: '否决理由', minLength: 4, maxLength: 500 }),
});
export type NewVeto = Static<typeof NewVeto>;
export const RankingQuery = Q({
  kind: Enum(['member', 'unit', 'community'] as const, '排名对象'),
  year: Type.Optional(Year),
  ...Paging,
});
export type RankingQuery = Static<typeof RankingQuery>;
export const RankingRow = Type.Object({
  rank: Type.Integer(),
  id: Type.Integer(),
  name: Type.String(),
  /** Member: employer unit; unit: parent; community: township. */
  parent: Nullable(Type.String()),
  points: Type.Number(),
  hours: Type.Number(),
  /** Units: 报到率 (%); communities: registered members. */
  rate: Nullable(Type.Number()),
  activities: Nullable(Type.Integer()),
});
export const Rankings = ListOf(RankingRow);

// ── letters, bulletins, overview ─────────────────────────────────────────────
export const ReportSummary = Type.Object({
  inService: Type.Integer(),
  reported: Type.Integer(),
  rate: Nullable(Type.Number()),
  activities: Type.Integer(),
  hours: Type.Number(),
  points: Type.Number(),
});
export const Letter = Type.Object({
  id: Type.Integer(),
  unit: OrgRef,
  period: Type.String(),
  title: Type.String(),
  fromDate: Type.String(),
  toDate: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  summary: ReportSummary,
});
export const LetterMember = Type.Object({
  name: Type.String(),
  branch: Type.String(),
  community: Nullable(Type.String()),
  state: Type.String(),
  activities: Type.Integer(),
  hours: Type.Number(),
  points: Type.Number(),
  yearPoints: Type.Number(),
  services: Type.Array(
    Type.Object({ date: Type.String(), title: Type.String(), community: Type.String(), hours: Type.Number() }),
  ),
});
export const LetterDetail = Type.Composite([
  Letter,
  Type.Object({
    members: Type.Array(LetterMember),
    pairings: Type.Array(Type.Object({ community: Type.String(), since: Nullable(Type.String()) })),
    claims: Type.Array(Type.Object({ need: Type.String(), community: Type.String(), status: Type.String() })),
    projects: Type.Array(Type.Object({ title: Type.String(), community: Type.String(), status: Type.String() })),
  }),
]);
export const LetterQuery = Q({
  year: Type.Optional(Year),
  quarter: Type.Optional(Type.Integer({ title: '季度', minimum: 1, maximum: 4 })),
  unitId: Type.Optional(Id('单位')),
  ...Paging,
});
export type LetterQuery = Static<typeof LetterQuery>;
export const LetterList = ListOf(Letter);
export const GenerateLetters = Body({ year: Year, quarter: Type.Integer({ title: '季度', minimum: 1, maximum: 4 }) });
export type GenerateLetters = Static<typeof GenerateLetters>;
export const GenerateResult = Type.Object({ count: Type.Integer() });

export const Bulletin = Type.Object({
  id: Type.Integer(),
  org: OrgRef,
  period: Type.String(),
  title: Type.String(),
  fromDate: Type.String(),
  toDate: Type.String(),
  createdAt: Type.String(),
  summary: ReportSummary,
});
export const BulletinList = ItemsOf(Bulletin);
export const GenerateBulletin = Body({
  year: Year,
  bimester: Type.Integer({ title: '双月期次', minimum: 1, maximum: 6 }),
});
export type GenerateBulletin = Static<typeof GenerateBulletin>;

export const OverviewQuery = Q({ year: Type.Optional(Year) });
export const Overview = Type.Object({
  year: Type.Integer(),
  targetRate: Type.Number(),
  inService: Type.Integer(),
  reported: Type.Integer(),
  rate: Nullable(Type.Number()),
  communities: Type.Integer(),
  pairedUnits: Type.Integer(),
  openNeeds: Type.Integer(),
  doneNeeds: Type.Integer(),
  activities: Type.Integer(),
  verifiedHours: Type.Number(),
  points: Type.Number(),
  unitRates: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), inService: Type.Integer(), rate: Nullable(Type.Number()) }),
  ),
  communityActivities: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), activities: Type.Integer(), hours: Type.Number() }),
  ),
  monthly: Type.Array(Type.Object({ month: Type.String(), activities: Type.Integer(), hours: Type.Number() })),
});
export type Overview = Static<typeof Overview>;

// ── the member's own page, settings ──────────────────────────────────────────
export const MyCobuild = Type.Object({
  member: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    category: Type.String(),
    branch: Type.String(),
    unit: OrgRef,
  }),
  /** Must report to a community (在职, 组织关系不在村/社区). */
  required: Type.Boolean(),
  notRequiredReason: Nullable(Type.String()),
  /** Where the member serves: the community reported to, or the member's own 村/社区. */
  home: Nullable(OrgRef),
  registration: Nullable(Registration),
  history: Type.Array(Registration),
  reconfirmMonths: Type.Integer(),
  points: Type.Object({ year: Type.Integer(), sum: Type.Number(), capped: Type.Number(), hours: Type.Number() }),
});
export const Settings = Type.Object({
  reconfirmMonths: Type.Integer({ title: '复核周期(月)', minimum: 1, maximum: 24 }),
  checkinOpensMin: Type.Integer({ title: '提前签到(分钟)', minimum: 0, maximum: 240 }),
  checkoutGraceMin: Type.Integer({ title: '结束后可签退(分钟)', minimum: 0, maximum: 720 }),
  targetRate: Type.Number({ title: '报到率目标(%)', minimum: 0, maximum: 100 }),
});
export type Settings = Static<typeof Settings>;
export const SettingsBody = Body({
  reconfirmMonths: Type.Optional(Settings.properties.reconfirmMonths),
  checkinOpensMin: Type.Optional(Settings.properties.checkinOpensMin),
  checkoutGraceMin: Type.Optional(Settings.properties.checkoutGraceMin),
  targetRate: Type.Optional(Settings.properties.targetRate),
});
export type SettingsBody = Static<typeof SettingsBody>;
