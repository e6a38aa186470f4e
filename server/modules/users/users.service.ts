import { randomInt } from 'node:crypto';
import type { Selectable } from 'kysely';
import type {
  UserCreateBody,
  UserList,
  UserListQuery,
  UserPatchBody,
  UserRow,
} from '../../../common/contracts/users.ts';
import type { Ctx } from '../../context.ts';
import type { AppUserTable } from '../../db/schema.ts';
import { pageWindow } from '../../lib/paging.ts';
import { audit, nowIso } from '../../context.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { checkPasswordPolicy, hashPassword } from '../../lib/password.ts';
import { rememberPassword } from '../auth/auth.service.ts';
import { clearLocks } from '../auth/lockout.ts';
import { orgInScope, scopedOrgIds, type Actor } from '../../lib/scope.ts';
import { ROLE_RANK, ROLES, type Role } from '../../../common/enums.ts';
import { containsText } from '../../lib/like.ts';

const toDto = (u: Selectable<AppUserTable> & { scope_name: string }, now: Date): UserRow => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role as Role,
  roleLabel: ROLES[u.role as Role],
  scopeOrgId: u.scope_org_id,
  scopeOrgName: u.scope_name,
  memberId: u.member_id,
  mustChangePassword: !!u.must_change_password,
  // The server clock, like the login check that sets the lock (tests move it).
  locked: !!u.locked_until && new Date(u.locked_until) > now,
  disabled: !!u.disabled,
  createdAt: u.created_at,
});

/** Accounts whose scope node lies in the caller's subtree. */
export async function list(ctx: Ctx, actor: Actor, f: UserListQuery): Promise<UserList> {
  let q = ctx.db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.scope_org_id')
    .where('u.scope_org_id', 'in', scopedOrgIds(ctx.db, actor.scopePath));
  if (f.q) q = q.where((eb) => eb.or([containsText('u.username', f.q!), containsText('u.display_name', f.q!)]));
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { limit, offset } = pageWindow(f);
  const rows = await q
    .selectAll('u')
    .select('o.name as scope_name')
    .orderBy('u.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const now = ctx.clock.now();
  return { items: rows.map((u) => toDto(u, now)), total: Number(n) };
}

function assertGrantable(actor: Actor, role: Role) {
  if (ROLE_RANK[role] > ROLE_RANK[actor.role])
    throw new AppError('ROLE_TOO_HIGH', 403, `不能授予高于本人的角色「${ROLES[role]}」`);
}

async function userInScope(ctx: Ctx, actor: Actor, id: number) {
  const u = await ctx.db
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', id)
    .where('scope_org_id', 'in', scopedOrgIds(ctx.db, actor.scopePath))
    .executeTakeFirst();
  if (!u) throw notFound('账号', 'USER_NOT_FOUND');
  if (ROLE_RANK[u.role as Role] > ROLE_RANK[actor.role]) throw notFound('账号', 'USER_NOT_FOUND');
  return u;
}

/**
 * Changing another account (role, scope, status, password, lock) takes a higher role, or a
 * 系统管理员: one 组织部管理员 cannot disable, demote or reset another.
 */
function assertManageable(actor: Actor, u: { id: number; role: string }) {
  if (u.id === actor.userId || actor.role === 'sysadmin') return;
  if (ROLE_RANK[u.role as Role] >= ROLE_RANK[actor.role])
    throw new AppError(
      'PEER_ACCOUNT',
      403,
      `不能修改同级角色「${ROLES[u.role as Role]}」的账号,请由系统管理员或更高级别的管理员办理`,
    );
}

/** Creates an account scoped inside the caller's subtree with a role not above the caller's. */
export async function create(ctx: Ctx, actor: Actor, input: UserCreateBody) {
  assertGrantable(actor, input.role);
  checkPasswordPolicy(input.password, { username: input.username, displayName: input.displayName });
  const org = await orgInScope(ctx.db, actor, input.scopeOrgId);
  if (input.memberId) {
    const m = await ctx.db
      .selectFrom('member')
      .select(['id', 'org_id'])
      .where('id', '=', input.memberId)
      .where('org_id', 'in', scopedOrgIds(ctx.db, org.path))
      .executeTakeFirst();
    if (!m) throw badRequest('MEMBER_NOT_IN_SCOPE', '关联的党员须在该账号的管辖范围内');
  } else if (input.role === 'member') throw badRequest('MEMBER_REQUIRED', '党员账号须关联一名党员');
  const password_hash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
    if (dup) throw conflict('USERNAME_TAKEN', `用户名「${input.username}」已被使用`);
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        password_hash,
        role: input.role,
        scope_org_id: org.id,
        member_id: input.memberId ?? null,
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'user.create',
      entity: 'app_user',
      entityId: r.id,
      after: { username: input.username, role: input.role, scopeOrgId: org.id },
    });
    return { id: r.id };
  });
}

export async function update(ctx: Ctx, actor: Actor, id: number, patch: UserPatchBody) {
  const u = await userInScope(ctx, actor, id);
  assertManageable(actor, u);
  if (id === actor.userId && (patch.role || patch.disabled || patch.scopeOrgId))
    throw badRequest('SELF_EDIT', '不能修改本人的角色、范围或停用本人账号');
  if (patch.role) assertGrantable(actor, patch.role);
  if (patch.scopeOrgId) await orgInScope(ctx.db, actor, patch.scopeOrgId);
  return ctx.db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { updated_at: nowIso(ctx) };
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.scopeOrgId !== undefined) set.scope_org_id = patch.scopeOrgId;
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    await trx.updateTable('app_user').set(set).where('id', '=', id).execute();
    // A change of role, scope or status ends the user's sessions so it takes effect at once.
    if (patch.role || patch.scopeOrgId || patch.disabled)
      await trx.deleteFrom('session').where('user_id', '=', id).execute();
    await audit(ctx, trx, actor, {
      action: 'user.update',
      entity: 'app_user',
      entityId: id,
      before: { role: u.role, scopeOrgId: u.scope_org_id, disabled: u.disabled },
      after: patch,
    });
    return { ok: true };
  });
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
export function temporaryPassword(): string {
  for (;;) {
    const p = `${Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}#`;
    try {
      checkPasswordPolicy(p);
      return p;
    } catch {
      /* draw again */
    }
  }
}

/** Sets a temporary password (shown once), unlocks, ends sessions, and forces a change at next login. */
export async function resetPassword(ctx: Ctx, actor: Actor, id: number) {
  const u = await userInScope(ctx, actor, id);
  assertManageable(actor, u);
  const temp = temporaryPassword();
  const password_hash = await hashPassword(temp);
  await clearLocks(ctx, u.username);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        password_hash,
        // The person's own password goes into the history: they cannot go back to it.
        password_history: rememberPassword(u.password_history, u.password_hash, !u.must_change_password),
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('session').where('user_id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'user.reset_password', entity: 'app_user', entityId: id });
  });
  return { temporaryPassword: temp };
}

/**
 * Lifts the login lock of an account: every address's lock and the account-wide slowdown (see
 * auth/lockout.ts). The password is unchanged. Same rule as other changes: a higher role or a
 * 系统管理员.
 */
export async function unlock(ctx: Ctx, actor: Actor, id: number) {
  const u = await userInScope(ctx, actor, id);
  assertManageable(actor, u);
  await clearLocks(ctx, u.username);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'user.unlock',
      entity: 'app_user',
      entityId: id,
      before: { failedLogins: u.failed_logins, lockedUntil: u.locked_until },
    });
  });
  return { ok: true };
}
