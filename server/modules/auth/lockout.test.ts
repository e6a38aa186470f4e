/**
 * Login limits that hold under concurrency and do not hand out denial of service: per (account,
 * address) lock at the 5th failure, account-wide slowdown, administrator unlock, identical
 * answers for unknown names and disabled accounts, sessions that never end early but do end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { as, insertUser, PASSWORD, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { slowdownMs } from './lockout.ts';

const clock = new ManualClock('2026-03-02T02:00:00Z');
let t: TestApp;
let c: County;
beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  await insertUser(t.database.db, { username: 'zzb2', role: 'org_admin', scopeOrgId: c.orgs.county });
  await insertUser(t.database.db, { username: 'gone', role: 'unit_admin', scopeOrgId: c.orgs.townA });
  await t.database.db.updateTable('app_user').set({ disabled: 1 }).where('username', '=', 'gone').execute();
});
afterAll(() => t.close());

const login = (username: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { username, password } });
const user = (username: string) =>
  t.database.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
const auditOf = async (action: string, entityId: number) =>
  (await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(entityId)).execute())
    .map((a) => a.action)
    .filter((a) => a === action).length;
const statuses = (rs: { statusCode: number }[]) => {
  const m: Record<number, number> = {};
  for (const r of rs) m[r.statusCode] = (m[r.statusCode] ?? 0) + 1;
  return m;
};

describe('parallel wrong passwords', () => {
  it('20 parallel wrong logins: exactly 5 are checked (4 × 401, the 5th locks), 15 are refused unchecked; the account counts 5', async () => {
    const rs = await Promise.all(Array.from({ length: 20 }, () => login('dcs', 'Wrong@pass1', '10.0.0.20')));
    expect(statuses(rs)).toEqual({ 401: 4, 423: 16 });
    expect(rs.find((r) => r.statusCode === 423)!.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(rs.find((r) => r.statusCode === 423)!.json().message).toMatch(/锁定.*分钟/);
    const u = await user('dcs');
    expect(u.failed_logins).toBe(5);
    expect(u.locked_until).not.toBeNull();
    expect(await auditOf('auth.login_failed', u.id)).toBe(4);
    expect(await auditOf('auth.locked', u.id)).toBe(1);
    // The right password from the locked address is refused without being checked.
    expect((await login('dcs', PASSWORD, '10.0.0.20')).statusCode).toBe(423);
  });

  it('the lock is per address: the owner logs in from elsewhere (slowed down, not refused)', async () => {
    clock.slept.length = 0;
    const r = await login('dcs', PASSWORD, '10.0.0.21');
    expect(r.statusCode).toBe(200);
    expect(clock.slept).toEqual([slowdownMs(5)]);
    expect(slowdownMs(5)).toBeGreaterThan(0);
    const u = await user('dcs');
    expect(u.failed_logins).toBe(0);
    expect(u.locked_until).toBeNull();
  });

  it('account-wide slowdown: one failure from each of 6 addresses slows every further attempt, growing', async () => {
    for (let i = 0; i < 6; i++) expect((await login('town-b', 'Wrong@pass1', `10.0.1.${i}`)).statusCode).toBe(401);
    clock.slept.length = 0;
    expect((await login('town-b', 'Wrong@pass1', '10.0.1.99')).statusCode).toBe(401);
    expect((await login('town-b', PASSWORD, '10.0.1.98')).statusCode).toBe(200);
    expect(clock.slept).toEqual([slowdownMs(6), slowdownMs(7)]);
    expect(slowdownMs(7)).toBeGreaterThan(slowdownMs(6));
    expect(slowdownMs(100)).toBe(8000);
  });

  it('failures older than 15 minutes no longer count', async () => {
    for (let i = 0; i < 4; i++) await login('branch-a1', 'Wrong@pass1', '10.0.2.1');
    clock.advance(16 * 60_000);
    const r = await login('branch-a1', 'Wrong@pass1', '10.0.2.1');
    expect(r.statusCode).toBe(401);
    expect(r.json().message).toContain('再错 4 次');
  });
});

describe('answers reveal nothing about the account', () => {
  it('an unknown name gets the same messages, lock and slowdown as a real one', async () => {
    const seq = async (name: string, ip: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await login(name, 'Wrong@pass1', ip);
        out.push(`${r.statusCode} ${r.json().code} ${r.json().message}`);
      }
      return out;
    };
    const real = await seq('member-a', '10.0.3.1');
    const ghost = await seq('nobody-here', '10.0.3.2');
    expect(ghost).toEqual(real);
    expect(real[0]).toContain('用户名或密码错误');
    expect(real[4]).toMatch(/^423 ACCOUNT_LOCKED/);
  });

  it('a disabled account answers like any other until the right password is given', async () => {
    const wrong = await login('gone', 'Wrong@pass1', '10.0.4.1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('BAD_CREDENTIALS');
    const right = await login('gone', PASSWORD, '10.0.4.1');
    expect(right.statusCode).toBe(403);
    expect(right.json()).toMatchObject({ code: 'ACCOUNT_DISABLED', message: '账号已停用,请联系管理员' });
  });
});

describe('administrator unlock and peer accounts', () => {
  it('an org administrator unlocks a lower account: its locked addresses can log in again', async () => {
    for (let i = 0; i < 5; i++) await login('town-a', 'Wrong@pass1', '10.0.5.1');
    expect((await login('town-a', PASSWORD, '10.0.5.1')).statusCode).toBe(423);
    const list = (await (await as(t.app, 'zzb')).get('/api/users?q=town-a')).body.items;
    expect(list.find((u: any) => u.username === 'town-a').locked).toBe(true);
    const zzb = await as(t.app, 'zzb');
    const r = await zzb.post(`/api/users/${c.users.townA}/unlock`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true });
    const u = await user('town-a');
    expect([u.failed_logins, u.locked_until]).toEqual([0, null]);
    expect(await auditOf('user.unlock', c.users.townA)).toBe(1);
    const keys = (await t.database.db.selectFrom('rate_counter').select('key').execute()).map((k) => k.key);
    const name = Buffer.from('town-a').toString('base64url');
    expect(keys.filter((k) => k.startsWith('login') && k.includes(name))).toEqual([]);
    expect(keys.some((k) => k.startsWith('login'))).toBe(true); // other accounts' counters stay
    expect((await login('town-a', PASSWORD, '10.0.5.1')).statusCode).toBe(200);
  });

  it('one 组织部管理员 cannot disable, reset or unlock another; a 系统管理员 can', async () => {
    const zzb2 = await as(t.app, 'zzb2');
    const before = await user('zzb');
    const dis = await zzb2.patch(`/api/users/${c.users.zzb}`, { disabled: true });
    expect(dis.status).toBe(403);
    expect(dis.body.code).toBe('PEER_ACCOUNT');
    expect(dis.body.message).toContain('系统管理员');
    expect((await zzb2.post(`/api/users/${c.users.zzb}/reset-password`)).status).toBe(403);
    expect((await zzb2.post(`/api/users/${c.users.zzb}/unlock`)).status).toBe(403);
    const after = await user('zzb');
    expect([after.disabled, after.password_hash]).toEqual([before.disabled, before.password_hash]);
    // Lower roles stay manageable; the system administrator manages everyone.
    expect((await zzb2.patch(`/api/users/${c.users.townB}`, { displayName: '乙镇书记' })).status).toBe(200);
    const admin = await as(t.app, 'admin');
    expect((await admin.patch(`/api/users/${c.users.zzb}`, { disabled: true })).status).toBe(200);
    expect((await user('zzb')).disabled).toBe(1);
    expect((await admin.patch(`/api/users/${c.users.zzb}`, { disabled: false })).status).toBe(200);
  });
});

describe('passwords', () => {
  it('refuses common passwords, the user name inside, and the last five passwords; nothing changes', async () => {
    const cl = await as(t.app, 'member-a');
    const hash = (await user('member-a')).password_hash;
    for (const [pw, code] of [
      ['Admin@123', 'PASSWORD_COMMON'],
      ['P@ssw0rd!', 'PASSWORD_COMMON'],
      ['Woaini1314!', 'PASSWORD_COMMON'],
      ['Qwerty123!', 'PASSWORD_COMMON'],
      ['Xmember-a2026', 'PASSWORD_CONTAINS_NAME'],
    ]) {
      const r = await cl.post('/api/auth/change-password', { oldPassword: PASSWORD, newPassword: pw });
      expect([r.status, r.body.code], pw).toEqual([400, code]);
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await user('member-a')).password_hash).toBe(hash);
    expect(
      (await cl.post('/api/auth/change-password', { oldPassword: PASSWORD, newPassword: 'Lake#2026pine' })).status,
    ).toBe(200);
    expect(
      (await cl.post('/api/auth/change-password', { oldPassword: 'Lake#2026pine', newPassword: 'Moon#2026reed' }))
        .status,
    ).toBe(200);
    const back = await cl.post('/api/auth/change-password', { oldPassword: 'Moon#2026reed', newPassword: PASSWORD });
    expect([back.status, back.body.code]).toEqual([400, 'PASSWORD_REUSED']);
    const hist = JSON.parse((await user('member-a')).password_history!);
    expect(hist).toHaveLength(2);
  });
});

describe('sessions', () => {
  it('never end early: used at 0 s and 59 s, still alive 30 min 58 s after login; absolute lifetime 12 h', async () => {
    const cl = await as(t.app, 'dcs');
    clock.advance(59_000);
    expect((await cl.get('/api/auth/me')).status).toBe(200);
    clock.advance(30 * 60_000 - 1000); // 30 min after the last request, less one second
    expect((await cl.get('/api/auth/me')).status).toBe(200);
    // A busy session still ends 12 hours after login.
    const busy = await as(t.app, 'town-b');
    for (let h = 0; h < 12 * 3; h++) {
      clock.advance(20 * 60_000);
      const r = await busy.get('/api/auth/me');
      if (h < 12 * 3 - 1) expect(r.status, `after ${(h + 1) * 20} min`).toBe(200);
      else expect([r.status, r.body.code]).toEqual([401, 'SESSION_EXPIRED']);
    }
  });
});
