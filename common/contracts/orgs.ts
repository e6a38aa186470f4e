/** The organization tree (`/api/orgs`): nodes, their history, and the changes to the tree. */
import { ORG_STATUSES, ORG_TYPES } from '../enums.ts';
import { Body, Enum, Id, Instant, ListOf, Nullable, Ok, Paging, type Static, Type, ItemsOf } from './common.ts';

export const OrgType = Enum(ORG_TYPES, '组织类型');
export type OrgType = Static<typeof OrgType>;
export const OrgStatus = Enum(ORG_STATUSES, '状态');
export type OrgStatus = Static<typeof OrgStatus>;
const Code = Type.String({ title: '组织编码', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });
const Name = Type.String({ title: '名称', minLength: 1, maxLength: 100 });
const ShortName = Nullable(Type.String({ title: '简称', maxLength: 50 }));
const SortOrder = Type.Integer({ title: '排序', minimum: 0, maximum: 100000 });

export const OrgTreeQuery = Type.Object(
  { rootId: Type.Optional(Id('根组织')), includeDissolved: Type.Optional(Type.Boolean({ title: '含已撤销' })) },
  { additionalProperties: false },
);
export type OrgTreeQuery = Static<typeof OrgTreeQuery>;

/** What the tree shows of a node (the detail and the list add the rest). */
const nodeFields = {
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  type: OrgType,
  status: OrgStatus,
  parentId: Nullable(Type.Integer()),
  sortOrder: Type.Integer(),
};

/** One node of the caller's tree, with its children (a county is ~3,000 nodes in one answer). */
export const OrgNode = Type.Recursive((Self) => Type.Object({ ...nodeFields, children: Type.Array(Self) }), {
  $id: 'OrgNode',
});
export type OrgNode = Static<typeof OrgNode>;

export const OrgListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ title: '名称、简称或编码', maxLength: 50 })),
    parentId: Type.Optional(Id('上级组织')),
    type: Type.Optional(OrgType),
    status: Type.Optional(OrgStatus),
    ...Paging,
  },
  { additionalProperties: false },
);
export type OrgListQuery = Static<typeof OrgListQuery>;

/**
 * The shared org picker's server search (`GET /api/orgs/search`): over the caller's whole subtree,
 * by name, short name, code or pinyin (initials 「cgz」 or full 「chengguan」), only the node types the
 * field accepts; `ids` resolves the labels of values already chosen.
 */
export const OrgSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ title: '名称、简称、编码或拼音', maxLength: 50 })),
    types: Type.Optional(Type.Array(OrgType, { title: '组织类型', maxItems: ORG_TYPES.length })),
    ids: Type.Optional(Type.Array(Id('组织'), { title: '组织', maxItems: 200 })),
    limit: Type.Optional(Type.Integer({ title: '条数', minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type OrgSearchQuery = Static<typeof OrgSearchQuery>;
export const OrgHit = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  type: OrgType,
  /** The parent's name, to tell 「第一党支部」 of one village from another's. */
  parentName: Nullable(Type.String()),
});
export type OrgHit = Static<typeof OrgHit>;
export const OrgHits = ItemsOf(OrgHit);
export type OrgHits = Static<typeof OrgHits>;

const orgFields = {
  ...nodeFields,
  depth: Type.Integer(),
  secretaryMemberId: Nullable(Type.Integer()),
  createdAt: Instant('创建时间'),
  updatedAt: Instant('修改时间'),
};
export const Org = Type.Object(orgFields);
export type Org = Static<typeof Org>;

/** A row of the flat list: the node and its parent's code and name (null at the top). */
export const OrgRow = Type.Object({
  ...orgFields,
  parentCode: Nullable(Type.String()),
  parentName: Nullable(Type.String()),
});
export type OrgRow = Static<typeof OrgRow>;
export const OrgList = ListOf(OrgRow);
export type OrgList = Static<typeof OrgList>;

export const OrgDetail = Type.Object({
  ...orgFields,
  /** Null for the caller's scope root: what lies above it is outside the caller's view. */
  /** The superior, also when it lies above the caller's scope (then `inScope` is false: shown, not opened). */
  parent: Nullable(
    Type.Object({ id: Type.Integer(), name: Type.String(), code: Type.String(), inScope: Type.Boolean() }),
  ),
  secretary: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  counts: Type.Object({
    children: Type.Integer(),
    descendants: Type.Integer(),
    members: Type.Integer(),
    directMembers: Type.Integer(),
  }),
});
export type OrgDetail = Static<typeof OrgDetail>;

export const OrgHistoryEntry = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  detail: Type.String(),
  at: Instant('时间'),
  actor: Nullable(Type.String()),
});
export type OrgHistoryEntry = Static<typeof OrgHistoryEntry>;
export const OrgHistory = ItemsOf(OrgHistoryEntry);
export type OrgHistory = Static<typeof OrgHistory>;

export const OrgCreateBody = Body({
  code: Code,
  name: Name,
  shortName: Type.Optional(ShortName),
  type: OrgType,
  parentId: Id('上级组织'),
  sortOrder: Type.Optional(SortOrder),
});
export type OrgCreateBody = Static<typeof OrgCreateBody>;

export const OrgPatchBody = Body({
  code: Type.Optional(Code),
  name: Type.Optional(Name),
  shortName: Type.Optional(ShortName),
  type: Type.Optional(OrgType),
  sortOrder: Type.Optional(SortOrder),
  secretaryMemberId: Type.Optional(Nullable(Id('书记'))),
});
export type OrgPatchBody = Static<typeof OrgPatchBody>;

export const OrgMoveBody = Body({ parentId: Id('新上级组织') });
export type OrgMoveBody = Static<typeof OrgMoveBody>;
export const OrgDissolveBody = Body({ reason: Type.Optional(Type.String({ title: '撤销原因', maxLength: 200 })) });
export type OrgDissolveBody = Static<typeof OrgDissolveBody>;
export const OrgMergeBody = Body({ targetId: Id('并入的组织') });
export type OrgMergeBody = Static<typeof OrgMergeBody>;

export const OrgMerged = Type.Object({ ...Ok.properties, movedMembers: Type.Integer(), movedChildren: Type.Integer() });
export type OrgMerged = Static<typeof OrgMerged>;
