/** Accounts (`/api/users`): scoped to the manager's subtree, never granted above the manager's role. */
import { Role, Username } from './auth.ts';
import { Body, Id, Instant, ListOf, Nullable, Paging, type Static, Type } from './common.ts';

export const UserListQuery = Type.Object(
  { q: Type.Optional(Type.String({ title: '用户名或姓名', maxLength: 50 })), ...Paging },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const UserRow = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  roleLabel: Type.String(),
  scopeOrgId: Type.Integer(),
  scopeOrgName: Type.String(),
  memberId: Nullable(Type.Integer()),
  mustChangePassword: Type.Boolean(),
  /** Locked after repeated wrong passwords (until the lock runs out or a reset). */
  locked: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Instant('创建时间'),
});
export type UserRow = Static<typeof UserRow>;
export const UserList = ListOf(UserRow);
export type UserList = Static<typeof UserList>;

export const UserCreateBody = Body({
  username: Username,
  displayName: Type.String({ title: '姓名', minLength: 1, maxLength: 30 }),
  role: Role,
  scopeOrgId: Id('管辖范围'),
  memberId: Type.Optional(Nullable(Id('关联党员'))),
  password: Type.String({ title: '初始密码', minLength: 1, maxLength: 128 }),
});
export type UserCreateBody = Static<typeof UserCreateBody>;

export const UserPatchBody = Body({
  displayName: Type.Optional(Type.String({ title: '姓名', minLength: 1, maxLength: 30 })),
  role: Type.Optional(Role),
  scopeOrgId: Type.Optional(Id('管辖范围')),
  disabled: Type.Optional(Type.Boolean({ title: '停用' })),
});
export type UserPatchBody = Static<typeof UserPatchBody>;

/** Shown once to the manager; the account must change it at the next login. */
export const TemporaryPassword = Type.Object({ temporaryPassword: Type.String() });
export type TemporaryPassword = Static<typeof TemporaryPassword>;
