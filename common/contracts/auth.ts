/** Sign-in, the current user, own password, first-run setup (`/api/auth`). */
import { PERMISSIONS, ROLES } from '../enums.ts';
import { Body, Enum, Nullable, type Static, Type } from './common.ts';

export const Role = Enum(Object.keys(ROLES) as (keyof typeof ROLES)[], '角色');
export type Role = Static<typeof Role>;

/** The signed-in account as the client sees it (never its hash, lock or failure counters). */
export const SessionUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  scopeOrgId: Type.Integer(),
  memberId: Nullable(Type.Integer()),
  mustChangePassword: Type.Boolean(),
});
export type SessionUser = Static<typeof SessionUser>;

export const LoginBody = Body({
  username: Type.String({ title: '用户名', minLength: 1, maxLength: 64 }),
  password: Type.String({ title: '密码', minLength: 1, maxLength: 128 }),
});
export type LoginBody = Static<typeof LoginBody>;

/** The session cookie is set alongside; `csrfToken` goes in `x-csrf-token` on every change. */
export const LoginResult = Type.Object({ user: SessionUser, csrfToken: Type.String() });
export type LoginResult = Static<typeof LoginResult>;

export const Me = Type.Object({
  user: SessionUser,
  /** The account's scope node: everything it sees lies in this subtree. */
  scope: Type.Object({ id: Type.Integer(), name: Type.String(), code: Type.String() }),
  permissions: Type.Array(Enum(PERMISSIONS, '权限')),
  csrfToken: Type.String(),
});
export type Me = Static<typeof Me>;

export const ChangePasswordBody = Body({
  oldPassword: Type.String({ title: '原密码', minLength: 1, maxLength: 128 }),
  newPassword: Type.String({ title: '新密码', minLength: 1, maxLength: 128 }),
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const Username = Type.String({ title: '用户名', minLength: 2, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' });

export const SetupBody = Body({
  token: Type.String({ title: '初始化令牌', minLength: 10, maxLength: 200 }),
  username: Username,
  password: Type.String({ title: '密码', minLength: 1, maxLength: 128 }),
});
export type SetupBody = Static<typeof SetupBody>;

export const SetupStatus = Type.Object({ initialized: Type.Boolean() });
export type SetupStatus = Static<typeof SetupStatus>;
