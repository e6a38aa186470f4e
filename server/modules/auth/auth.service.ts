import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import { sha256 } from '../../lib/canonical.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../lib/password.ts';
import type { Actor } from '../../lib/scope.ts';
import { ROLE_PERMISSIONS, type Role } from '../../../common/enums.ts';
import type { DemoInfo, Me, SessionUser } from '../../../common/contracts/auth.ts';
import { DEMO_PASSWORD } from '../demo/generate.ts';
import type { Executor } from '../../db/connect.ts';
import { insertOrgUnit } from '../orgs/orgs.service.ts';
import * as lockout from './lockout.ts';
import { dropSession, noteSessionUse, TOUCH_EVERY_MS, type TouchLog, unwrittenUse } from './session-touch.ts';

export { LOCK_MINUTES, MAX_FAILED_LOGINS } from './lockout.ts';

const token = () => randomBytes(32).toString('base64url');

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  user: SessionUser;
}

export function publicUser(u: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  scope_org_id: number;
  member_id: number | null;
  must_change_password: number;
}): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    scopeOrgId: u.scope_org_id,
    memberId: u.member_id,
    mustChangePassword: !!u.must_change_password,
  };
}

/** A hash of a random password: unknown names spend the same argon2 time as known ones. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$8zKqk2J5QJb2jxV8n9sP0yGkq2xYk7Xo0b0hVdLw8kU';

/**
 * Checks a password (see lockout.ts for the limits). Known and unknown names, and disabled
 * accounts, get the same answers until the right password is given: the password is always
 * checked first, and only then is "账号已停用" said.
 */
export async function login(ctx: Ctx, username: string, password: string, ip: string | null): Promise<LoginResult> {
  const addr = ip ?? '-';
  const ordinal = await lockout.beginAttempt(ctx, username, addr);
  const user = await ctx.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
  if (!ok || !user) {
    const err = await lockout.failedAttempt(ctx, username, addr, ordinal);
    if (user) {
      const now = ctx.clock.now();
      await ctx.db.transaction().execute(async (trx) => {
        // ONE conditional UPDATE: concurrent failures each add 1, and the one that reaches the
        // limit marks the account (administrators see it as locked and can unlock it).
        await trx
          .updateTable('app_user')
          .set({
            failed_logins: sql`failed_logins + 1`,
            locked_until: sql`case when failed_logins + 1 >= ${lockout.MAX_FAILED_LOGINS} then ${new Date(
              now.getTime() + lockout.LOCK_MINUTES * 60000,
            ).toISOString()} else locked_until end`,
            updated_at: now.toISOString(),
          })
          .where('id', '=', user.id)
          .execute();
        await audit(ctx, trx, null, {
          action: err.status === 423 ? 'auth.locked' : 'auth.login_failed',
          entity: 'app_user',
          entityId: user.id,
          after: { username, ip },
        });
      });
    }
    throw err;
  }
  await lockout.succeededAttempt(ctx, username, addr);
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 403, '账号已停用,请联系管理员');
  const now = ctx.clock.now();
  const sessionToken = token();
  const csrfToken = token();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null, updated_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('session')
      .values({
        id: sha256(sessionToken),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + ctx.config.sessionIdleMinutes * 60000).toISOString(),
        ip,
      })
      .execute();
    await audit(ctx, trx, { userId: user.id, username: user.username, ip } as Actor, {
      action: 'auth.login',
      entity: 'app_user',
      entityId: user.id,
    });
  });
  return { sessionToken, csrfToken, user: publicUser(user) };
}

export type SessionLookup =
  | { state: 'none' }
  | { state: 'expired' }
  | { state: 'ok'; sessionId: string; csrfToken: string; actor: Actor; mustChangePassword: boolean };

/**
 * Resolves a cookie token to its actor, sliding the idle timeout forward. The slide is written in
 * the background (session-touch.ts): the request never waits for a write.
 */
export async function resolveSession(
  ctx: Ctx,
  sessionToken: string | undefined,
  ip: string | null,
  log: TouchLog,
): Promise<SessionLookup> {
  if (!sessionToken) return { state: 'none' };
  const id = sha256(sessionToken);
  const row = await ctx.db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('org_unit as o', 'o.id', 'u.scope_org_id')
    .select([
      's.id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      's.created_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.scope_org_id',
      'u.member_id',
      'u.disabled',
      'u.must_change_password',
      'o.path',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return { state: 'expired' };
  const now = ctx.clock.now();
  const idleMs = ctx.config.sessionIdleMinutes * 60000;
  // expires_at slides at most once a minute, so it may lag the last request by up to a minute:
  // the idle check allows that minute (a session never ends early, at most a minute late). A use
  // whose touch is still queued (behind a long write) counts as if written. The absolute lifetime
  // counts from login, however busy the session.
  const unwritten = unwrittenUse(ctx.db, id);
  const expiresAt = Math.max(new Date(row.expires_at).getTime(), unwritten === undefined ? 0 : unwritten + idleMs);
  const idleOver = expiresAt + TOUCH_EVERY_MS <= now.getTime();
  const lifeOver = new Date(row.created_at).getTime() + ctx.config.sessionMaxHours * 3600_000 <= now.getTime();
  if (idleOver || lifeOver || row.disabled) {
    // The row goes in the background (session-touch.ts): the answer does not depend on it.
    dropSession(ctx.db, id, () => ctx.db.deleteFrom('session').where('id', '=', id).execute(), log);
    return { state: 'expired' };
  }
  noteSessionUse(
    ctx.db,
    id,
    now.getTime(),
    new Date(row.last_seen_at).getTime(),
    (at) =>
      ctx.db
        .updateTable('session')
        .set({ last_seen_at: new Date(at).toISOString(), expires_at: new Date(at + idleMs).toISOString() })
        .where('id', '=', id)
        // Never backwards (another instance may have written a later use first).
        .where('last_seen_at', '<', new Date(at).toISOString())
        .execute(),
    log,
  );
  return {
    state: 'ok',
    sessionId: id,
    csrfToken: row.csrf_token,
    mustChangePassword: !!row.must_change_password,
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role as Role,
      scopeOrgId: row.scope_org_id,
      scopePath: row.path,
      memberId: row.member_id,
      ip,
    },
  };
}

export async function logout(ctx: Ctx, sessionId: string, actor: Actor) {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('session').where('id', '=', sessionId).execute();
    await audit(ctx, trx, actor, { action: 'auth.logout', entity: 'app_user', entityId: actor.userId });
  });
}

/** How many previous passwords may not be used again. */
export const PASSWORD_HISTORY = 5;
export const passwordHistory = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);
/**
 * The history after leaving `hash` (kept only when it was the person's own password, not a
 * temporary one an administrator set), newest first, at most PASSWORD_HISTORY entries.
 */
export const rememberPassword = (json: string | null, hash: string, own: boolean) =>
  JSON.stringify((own ? [hash, ...passwordHistory(json)] : passwordHistory(json)).slice(0, PASSWORD_HISTORY));

/** The caller's account, scope node, permissions and CSRF token (what the web app starts from). */
export async function me(ctx: Ctx, actor: Actor, csrfToken: string): Promise<Me> {
  const u = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const scope = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'name', 'code'])
    .where('id', '=', actor.scopeOrgId)
    .executeTakeFirstOrThrow();
  return { user: publicUser(u), scope, permissions: [...ROLE_PERMISSIONS[actor.role]], csrfToken };
}

export async function hasAdmin(ctx: Ctx): Promise<boolean> {
  const admin = await ctx.db.selectFrom('app_user').select('id').where('role', '=', 'sysadmin').executeTakeFirst();
  return !!admin;
}

/**
 * The demo accounts for the login page — only when the server was started as the demo
 * (config.demo, set by server/scripts/demo.ts alone); otherwise nothing, whatever the database holds.
 */
export async function demoInfo(ctx: Ctx): Promise<DemoInfo> {
  if (!ctx.config.demo) return { demo: false, password: null, accounts: [] };
  const rows = await ctx.db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.scope_org_id')
    .select(['u.username', 'u.display_name', 'u.role', 'o.name as scope'])
    .where('u.username', 'like', 'demo-%')
    .where('u.disabled', '=', 0)
    .orderBy('u.id')
    .execute();
  return {
    demo: true,
    password: DEMO_PASSWORD,
    accounts: rows.map((r) => ({
      username: r.username,
      displayName: r.display_name,
      role: r.role as DemoInfo['accounts'][number]['role'],
      scopeName: r.scope,
    })),
  };
}

/** Changes one's own password (not one of the last five); all other sessions of the user end. */
export async function changePassword(
  ctx: Ctx,
  actor: Actor,
  sessionId: string,
  oldPassword: string,
  newPassword: string,
) {
  const user = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, oldPassword))) throw badRequest('BAD_OLD_PASSWORD', '原密码不正确');
  checkPasswordPolicy(newPassword, { username: user.username, displayName: user.display_name });
  if (oldPassword === newPassword) throw badRequest('PASSWORD_UNCHANGED', '新密码不能与原密码相同');
  const history = passwordHistory(user.password_history);
  for (const h of history)
    if (await verifyPassword(h, newPassword))
      throw badRequest('PASSWORD_REUSED', `新密码不能与最近 ${PASSWORD_HISTORY} 次用过的密码相同`);
  const password_hash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        password_hash,
        password_history: rememberPassword(user.password_history, user.password_hash, !user.must_change_password),
        must_change_password: 0,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', actor.userId)
      .execute();
    await trx.deleteFrom('session').where('user_id', '=', actor.userId).where('id', '!=', sessionId).execute();
    await audit(ctx, trx, actor, { action: 'auth.change_password', entity: 'app_user', entityId: actor.userId });
  });
}

/** Creates the first administrator from a one-time setup token (start-up prints the link). */
export async function completeSetup(ctx: Ctx, setupToken: string, username: string, password: string) {
  checkPasswordPolicy(password, { username });
  const now = ctx.clock.now();
  const hashed = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('setup_token').selectAll().where('id', '=', sha256(setupToken)).executeTakeFirst();
    if (!t || t.used_at || new Date(t.expires_at) <= now)
      throw new AppError('SETUP_TOKEN_INVALID', 400, '初始化链接无效或已过期(有效期 30 分钟),请重启服务获取新链接');
    const admins = await trx.selectFrom('app_user').select('id').where('role', '=', 'sysadmin').executeTakeFirst();
    if (admins) throw new AppError('SETUP_DONE', 409, '系统已初始化,不能再次创建管理员');
    const root = await ensureRootOrg(trx, ctx);
    await trx.updateTable('setup_token').set({ used_at: now.toISOString() }).where('id', '=', t.id).execute();
    const id = await insertAdmin(trx, username, hashed, root, now);
    await audit(ctx, trx, null, {
      action: 'auth.setup',
      entity: 'app_user',
      entityId: id,
      after: { username, role: 'sysadmin' },
    });
  });
}

/** A system administrator over the whole tree (first run only: setup link or LUOSHI_ADMIN_PASSWORD). */
async function insertAdmin(trx: Executor, username: string, passwordHash: string, rootId: number, now: Date) {
  const r = await trx
    .insertInto('app_user')
    .values({
      username,
      display_name: '系统管理员',
      password_hash: passwordHash,
      role: 'sysadmin',
      scope_org_id: rootId,
      member_id: null,
      must_change_password: 0,
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** An administrator needs a scope; an empty database gets a root node to hold the tree. */
export async function ensureRootOrg(trx: Executor, ctx: Ctx): Promise<number> {
  const root = await trx
    .selectFrom('org_unit')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (root) return root.id;
  return insertOrgUnit(trx, nowIso(ctx), { code: 'ROOT', name: '本级党委', shortName: '本级', type: '党委' }, null);
}

/**
 * Boot-time administrator: with LUOSHI_ADMIN_PASSWORD and no administrator, creates `admin`.
 * Without it, returns a one-time setup token (valid 30 minutes) for the printed link.
 */
export async function bootstrapAdmin(ctx: Ctx): Promise<{ created?: string; setupToken?: string } | null> {
  if (await hasAdmin(ctx)) return null;
  const now = ctx.clock.now();
  if (ctx.config.adminPassword) {
    checkPasswordPolicy(ctx.config.adminPassword, { username: 'admin' });
    const hashed = await hashPassword(ctx.config.adminPassword);
    await ctx.db.transaction().execute(async (trx) => {
      const root = await ensureRootOrg(trx, ctx);
      const id = await insertAdmin(trx, 'admin', hashed, root, now);
      await audit(ctx, trx, null, {
        action: 'auth.bootstrap_admin',
        entity: 'app_user',
        entityId: id,
        after: { username: 'admin' },
      });
    });
    return { created: 'admin' };
  }
  const t = token();
  await ctx.db
    .insertInto('setup_token')
    .values({ id: sha256(t), expires_at: new Date(now.getTime() + 30 * 60000).toISOString(), used_at: null })
    .execute();
  return { setupToken: t };
}
