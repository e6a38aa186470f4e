/**
 * 双报到 / 共驻共建 contract, part 1: communities, registrations (报到), per-employer rosters and the
 * three lists (需求/资源/项目) with two-way claims. Activities, points and reports are in
 * cobuild-service.ts. The acceptance shapes (`GET /needs`, `POST /needs/:id/claim`,
 * `GET /registrations?communityId=`) are kept exactly.
 */
import {
  COBUILD_CATEGORIES,
  COBUILD_CLAIM_STATUSES,
  COBUILD_COMMUNITY_KINDS,
  COBUILD_NEED_STATUSES,
  COBUILD_PROJECT_STATUSES,
  COBUILD_REG_STATUSES,
} from '../enums.ts';
import { Body, DateStr, Enum, Id, ItemsOf, ListOf, Nullable, Paging, type Static, Type } from './common.ts';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as (keyof T & string)[];
const Text = (title: string, max: number, min = 0) => Type.String({ title, maxLength: max, minLength: min });
const Reason = (title = '理由') => Type.String({ title, minLength: 2, maxLength: 500 });
export const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String() });
export type OrgRef = Static<typeof OrgRef>;
const Q = <T extends Record<string, any>>(props: T) => Type.Object(props, { additionalProperties: false });

// ── communities ──────────────────────────────────────────────────────────────
export const Community = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Enum(COBUILD_COMMUNITY_KINDS, '类型'),
  township: Nullable(Type.String()),
  address: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  active: Type.Boolean(),
});
export type Community = Static<typeof Community>;
export const CommunityQuery = Q({
  q: Type.Optional(Text('名称', 50)),
  /** Only the communities the caller manages (in scope). */
  managed: Type.Optional(Type.Boolean({ title: '仅本人管辖' })),
});
export const CommunityList = ItemsOf(Community);
export const CommunityCandidate = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  township: Nullable(Type.String()),
  kind: Enum(COBUILD_COMMUNITY_KINDS, '类型'),
});
export const CandidateList = ItemsOf(CommunityCandidate);
export const RegisterCommunities = Body({
  items: Type.Array(
    Type.Object({ orgId: Id('组织'), kind: Enum(COBUILD_COMMUNITY_KINDS, '类型') }, { additionalProperties: false }),
    { minItems: 1, maxItems: 1000, title: '社区' },
  ),
});
export type RegisterCommunities = Static<typeof RegisterCommunities>;
export const Count = Type.Object({ count: Type.Integer() });
export const UpdateCommunity = Body({
  address: Type.Optional(Nullable(Text('地址', 200))),
  contactPhone: Type.Optional(Nullable(Type.String({ title: '联系电话', pattern: '^[0-9-]{7,20}$' }))),
  active: Type.Optional(Type.Boolean({ title: '启用' })),
});
export type UpdateCommunity = Static<typeof UpdateCommunity>;

// ── registrations ────────────────────────────────────────────────────────────
export const RegStatus = Enum(keys(COBUILD_REG_STATUSES), '报到状态');
export const Registration = Type.Object({
  id: Type.Integer(),
  kind: Enum(['member', 'unit'] as const, '类型'),
  community: OrgRef,
  unit: OrgRef,
  /** Null for unit registrations. The name is shown to the community only while it concerns them. */
  member: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), phone: Nullable(Type.String()) })),
  status: RegStatus,
  /** Active but not re-confirmed by `dueDate` (逾期未复核): counts as not reported. */
  lapsed: Type.Boolean(),
  address: Nullable(Type.String()),
  skills: Nullable(Type.String()),
  note: Nullable(Type.String()),
  reportedDate: Type.String(),
  acceptedDate: Nullable(Type.String()),
  confirmedDate: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  declineReason: Nullable(Type.String()),
  endedDate: Nullable(Type.String()),
  endReason: Nullable(Type.String()),
  /** The caller may accept/decline (the community side). */
  canDecide: Type.Boolean(),
});
export type Registration = Static<typeof Registration>;
export const RegistrationQuery = Q({
  communityId: Type.Optional(Id('社区')),
  unitId: Type.Optional(Id('单位')),
  kind: Type.Optional(Enum(['member', 'unit'] as const, '类型')),
  status: Type.Optional(RegStatus),
  q: Type.Optional(Text('姓名', 20)),
  ...Paging,
});
export type RegistrationQuery = Static<typeof RegistrationQuery>;
export const RegistrationList = ListOf(Registration);
export const ReportBody = Body({
  communityId: Id('社区'),
  address: Type.Optional(Nullable(Text('居住小区/楼栋', 100))),
  skills: Type.Optional(Nullable(Text('特长', 200))),
});
export type ReportBody = Static<typeof ReportBody>;
export const UnitReportBody = Body({
  unitId: Id('单位'),
  communityId: Id('社区'),
  note: Type.Optional(Nullable(Text('共建内容', 500))),
});
export type UnitReportBody = Static<typeof UnitReportBody>;
export const ReasonBody = Body({ reason: Reason() });
export type ReasonBody = Static<typeof ReasonBody>;
export const RegistrationEvent = Type.Object({
  kind: Type.String(),
  note: Nullable(Type.String()),
  actor: Nullable(Type.String()),
  at: Type.String(),
});
export const RegistrationDetail = Type.Composite([
  Registration,
  Type.Object({ events: Type.Array(RegistrationEvent) }),
]);
export type RegistrationDetail = Static<typeof RegistrationDetail>;

// ── per-employer rosters ─────────────────────────────────────────────────────
export const RosterQuery = Q({
  unitId: Type.Optional(Id('单位')),
  state: Type.Optional(Enum(['reported', 'pending', 'lapsed', 'none'] as const, '报到情况')),
  q: Type.Optional(Text('姓名', 20)),
  ...Paging,
});
export type RosterQuery = Static<typeof RosterQuery>;
export const RosterRow = Type.Object({
  memberId: Type.Integer(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  branch: Type.String(),
  unit: OrgRef,
  /** reported 已报到 · pending 待社区确认 · lapsed 逾期未复核 · none 未报到 */
  state: Enum(['reported', 'pending', 'lapsed', 'none'] as const, '报到情况'),
  community: Nullable(OrgRef),
  registrationId: Nullable(Type.Integer()),
  acceptedDate: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  yearHours: Type.Number(),
  yearPoints: Type.Number(),
});
export const Roster = Type.Object({
  items: Type.Array(RosterRow),
  total: Type.Integer(),
  summary: Type.Object({ inService: Type.Integer(), reported: Type.Integer(), rate: Nullable(Type.Number()) }),
});
export const UnitRate = Type.Object({
  unit: OrgRef,
  parentName: Nullable(Type.String()),
  inService: Type.Integer(),
  reported: Type.Integer(),
  pending: Type.Integer(),
  lapsed: Type.Integer(),
  rate: Nullable(Type.Number()),
  /** Communities the unit is paired with (共建单位). */
  pairedCommunities: Type.Integer(),
});
export type UnitRate = Static<typeof UnitRate>;
export const UnitQuery = Q({ q: Type.Optional(Text('名称', 50)) });
export const UnitRateList = Type.Object({ items: Type.Array(UnitRate), targetRate: Type.Number() });

// ── needs, resources, projects, claims ───────────────────────────────────────
const Category = Enum(COBUILD_CATEGORIES, '类别');
export const NeedStatus = Enum(keys(COBUILD_NEED_STATUSES), '需求状态');
export const ClaimStatus = Enum(keys(COBUILD_CLAIM_STATUSES), '认领状态');
export const MyClaim = Nullable(Type.Object({ id: Type.Integer(), status: ClaimStatus }));
export const Need = Type.Object({
  id: Type.Integer(),
  community: OrgRef,
  title: Type.String(),
  category: Type.String(),
  description: Nullable(Type.String()),
  place: Nullable(Type.String()),
  startDate: Type.String(),
  endDate: Type.String(),
  headcount: Type.Integer(),
  /** People pledged by accepted claims. */
  claimedCount: Type.Integer(),
  pendingClaims: Type.Integer(),
  skills: Nullable(Type.String()),
  status: NeedStatus,
  closeReason: Nullable(Type.String()),
  doneDate: Nullable(Type.String()),
  createdAt: Type.String(),
  /** The caller's own (member) claim on this need. */
  myClaim: MyClaim,
  canManage: Type.Boolean(),
});
export type Need = Static<typeof Need>;
export const NeedQuery = Q({
  communityId: Type.Optional(Id('社区')),
  status: Type.Optional(NeedStatus),
  category: Type.Optional(Category),
  q: Type.Optional(Text('关键词', 50)),
  ...Paging,
});
export type NeedQuery = Static<typeof NeedQuery>;
export const NeedList = ListOf(Need);
const NeedFields = {
  title: Text('需求名称', 100, 2),
  category: Category,
  description: Type.Optional(Nullable(Text('需求内容', 2000))),
  place: Type.Optional(Nullable(Text('地点', 200))),
  startDate: DateStr('开始日期'),
  endDate: DateStr('结束日期'),
  headcount: Type.Integer({ title: '需要人数', minimum: 1, maximum: 500 }),
  skills: Type.Optional(Nullable(Text('技能要求', 200))),
};
export const NewNeed = Body({ communityId: Id('社区'), ...NeedFields });
export type NewNeed = Static<typeof NewNeed>;
export const UpdateNeed = Body({
  title: Type.Optional(NeedFields.title),
  category: Type.Optional(Category),
  description: NeedFields.description,
  place: NeedFields.place,
  startDate: Type.Optional(NeedFields.startDate),
  endDate: Type.Optional(NeedFields.endDate),
  headcount: Type.Optional(NeedFields.headcount),
  skills: NeedFields.skills,
});
export type UpdateNeed = Static<typeof UpdateNeed>;
export const ClaimBody = Body({
  /** Claim on behalf of a unit (共建单位) in the caller's scope; omitted = the caller as a member. */
  unitId: Type.Optional(Id('认领单位')),
  headcount: Type.Optional(Type.Integer({ title: '认领人数', minimum: 1, maximum: 500 })),
  note: Type.Optional(Nullable(Text('说明', 500))),
});
export type ClaimBody = Static<typeof ClaimBody>;

export const Claim = Type.Object({
  id: Type.Integer(),
  target: Enum(['need', 'resource'] as const, '认领对象'),
  need: Nullable(Type.Object({ id: Type.Integer(), title: Type.String(), community: OrgRef })),
  resource: Nullable(Type.Object({ id: Type.Integer(), title: Type.String(), owner: Type.String() })),
  claimant: Enum(['member', 'unit', 'community'] as const, '认领方'),
  /** Who claimed: a unit or community name, or a member's name (masked outside their community). */
  claimantName: Type.String(),
  headcount: Type.Integer(),
  note: Nullable(Type.String()),
  status: ClaimStatus,
  reason: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  canDecide: Type.Boolean(),
  canWithdraw: Type.Boolean(),
});
export type Claim = Static<typeof Claim>;
export const ClaimQuery = Q({
  needId: Type.Optional(Id('需求')),
  resourceId: Type.Optional(Id('资源')),
  status: Type.Optional(ClaimStatus),
  /** todo: claims waiting for the caller's answer; mine: the caller's (or their units') claims. */
  box: Type.Optional(Enum(['todo', 'mine'] as const, '范围')),
  ...Paging,
});
export type ClaimQuery = Static<typeof ClaimQuery>;
export const ClaimList = ListOf(Claim);
export const AcceptBody = Body({ note: Type.Optional(Nullable(Text('答复', 500))) });
export type AcceptBody = Static<typeof AcceptBody>;

export const Resource = Type.Object({
  id: Type.Integer(),
  ownerKind: Enum(['member', 'unit'] as const, '提供方'),
  owner: Type.String(),
  unit: OrgRef,
  title: Type.String(),
  category: Type.String(),
  description: Nullable(Type.String()),
  availableFrom: Type.String(),
  availableTo: Type.String(),
  contact: Nullable(Type.String()),
  status: Enum(['available', 'withdrawn'] as const, '状态'),
  createdAt: Type.String(),
  claims: Type.Integer(),
  canManage: Type.Boolean(),
});
export type Resource = Static<typeof Resource>;
export const ResourceQuery = Q({
  unitId: Type.Optional(Id('单位')),
  /** Resources a community may claim (offered by its paired units and registered members). */
  forCommunityId: Type.Optional(Id('社区')),
  q: Type.Optional(Text('关键词', 50)),
  ...Paging,
});
export type ResourceQuery = Static<typeof ResourceQuery>;
export const ResourceList = ListOf(Resource);
export const NewResource = Body({
  /** Offered by a unit in the caller's scope; omitted = by the caller as a member. */
  unitId: Type.Optional(Id('单位')),
  title: Text('资源名称', 100, 2),
  category: Category,
  description: Type.Optional(Nullable(Text('资源内容', 2000))),
  availableFrom: DateStr('可提供开始日期'),
  availableTo: DateStr('可提供结束日期'),
  contact: Type.Optional(Nullable(Text('联系方式', 100))),
});
export type NewResource = Static<typeof NewResource>;
export const ResourceClaimBody = Body({ communityId: Id('社区'), note: Type.Optional(Nullable(Text('用途', 500))) });
export type ResourceClaimBody = Static<typeof ResourceClaimBody>;

export const ProjectStatus = Enum(keys(COBUILD_PROJECT_STATUSES), '项目状态');
export const Project = Type.Object({
  id: Type.Integer(),
  community: OrgRef,
  lead: OrgRef,
  leadMember: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  title: Type.String(),
  category: Type.String(),
  description: Nullable(Type.String()),
  startDate: Type.String(),
  endDate: Type.String(),
  status: ProjectStatus,
  doneDate: Nullable(Type.String()),
  activities: Type.Integer(),
  canManage: Type.Boolean(),
});
export type Project = Static<typeof Project>;
export const ProjectQuery = Q({
  communityId: Type.Optional(Id('社区')),
  status: Type.Optional(ProjectStatus),
  ...Paging,
});
export type ProjectQuery = Static<typeof ProjectQuery>;
export const ProjectList = ListOf(Project);
export const NewProject = Body({
  communityId: Id('社区'),
  leadOrgId: Id('牵头单位'),
  leadMemberId: Type.Optional(Nullable(Id('项目负责人'))),
  title: Text('项目名称', 100, 2),
  category: Category,
  description: Type.Optional(Nullable(Text('项目内容', 2000))),
  startDate: DateStr('开始日期'),
  endDate: DateStr('结束日期'),
});
export type NewProject = Static<typeof NewProject>;
