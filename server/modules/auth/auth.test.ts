import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type TestApp } from '../../test/harness.ts';
import { as, PASSWORD, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { bootstrapAdmin } from './auth.service.ts';

const clock = new ManualClock('2026-03-02T02:00:00Z');
let t: TestApp;
let c: County;
beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
});
afterAll(() => t.close());

describe('login and session', () => {
  it('logs in, sets an httpOnly SameSite=strict cookie, and returns a CSRF token', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'town-a', password: PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/luoshi_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(r.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(r.json().user).toMatchObject({ username: 'town-a', role: 'unit_admin' });
    const s = await t.database.db.selectFrom('session').selectAll().execute();
    expect(s.length).toBeGreaterThan(0);
    // The stored id is a hash, never the cookie value itself.
    expect(cookie).not.toContain(s[s.length - 1].id);
  });

  it('rejects a wrong password with a Chinese message and counts down to the lockout', async () => {
    const r = await new Client(t.app).post('/api/auth/login', { username: 'dcs', password: 'wrong' });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(r.body.message).toContain('再错 4 次');
  });

  it('locks the account on the 5th failure; a 6th attempt, even with the right password, is refused for 15 minutes', async () => {
    const cl = new Client(t.app);
    for (let i = 0; i < 4; i++)
      expect((await cl.post('/api/auth/login', { username: 'zzb', password: 'bad' })).status).toBe(401);
    const fifth = await cl.post('/api/auth/login', { username: 'zzb', password: 'bad' });
    expect(fifth.status).toBe(423);
    const sixth = await cl.post('/api/auth/login', { username: 'zzb', password: PASSWORD });
    expect(sixth.status).toBe(423);
    expect(sixth.body.code).toBe('ACCOUNT_LOCKED');
    expect(sixth.body.message).toMatch(/锁定.*分钟/);
    const u = await t.database.db
      .selectFrom('app_user')
      .select('locked_until')
      .where('username', '=', 'zzb')
      .executeTakeFirstOrThrow();
    expect(u.locked_until).not.toBeNull();
    clock.advance(15 * 60_000 + 1000);
    expect((await cl.post('/api/auth/login', { username: 'zzb', password: PASSWORD })).status).toBe(200);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const r = await new Client(t.app).post('/api/auth/login', { username: 'nobody', password: 'x' });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('BAD_CREDENTIALS');
  });

  it('expires an idle session after 30 minutes, and sliding activity keeps it alive', async () => {
    const cl = await as(t.app, 'dcs');
    clock.advance(20 * 60_000);
    expect((await cl.get('/api/auth/me')).status).toBe(200);
    clock.advance(20 * 60_000); // 40 minutes after login, 20 after the last request
    expect((await cl.get('/api/auth/me')).status).toBe(200);
    clock.advance(31 * 60_000);
    const r = await cl.get('/api/auth/me');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已超时,请重新登录' });
  });

  it('requires the CSRF header on mutations', async () => {
    const cl = await as(t.app, 'town-a');
    const body = { code: 'CSRF1', name: '测试支部', type: '党支部', parentId: c.orgs.townA };
    const no = await cl.request('POST', '/api/orgs', body, { 'x-csrf-token': 'forged' });
    expect(no.status).toBe(403);
    expect(no.body.code).toBe('CSRF_FAILED');
    expect(
      await t.database.db.selectFrom('org_unit').select('id').where('code', '=', 'CSRF1').executeTakeFirst(),
    ).toBeUndefined();
    const yes = await cl.post('/api/orgs', body);
    expect(yes.status).toBe(201);
  });

  it('logout ends the session', async () => {
    const cl = await as(t.app, 'town-b');
    const cookie = cl.cookie;
    expect((await cl.post('/api/auth/logout')).status).toBe(200);
    const again = new Client(t.app);
    again.cookie = cookie;
    expect((await again.get('/api/auth/me')).status).toBe(401);
  });

  it("changes one's own password under the policy", async () => {
    const cl = await as(t.app, 'branch-a1');
    const weak = await cl.post('/api/auth/change-password', { oldPassword: PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('PASSWORD_WEAK');
    const wrongOld = await cl.post('/api/auth/change-password', { oldPassword: 'nope', newPassword: 'New@pass22' });
    expect(wrongOld.body.code).toBe('BAD_OLD_PASSWORD');
    expect(
      (await cl.post('/api/auth/change-password', { oldPassword: PASSWORD, newPassword: 'New@pass22' })).status,
    ).toBe(200);
    expect(
      (await new Client(t.app).post('/api/auth/login', { username: 'branch-a1', password: PASSWORD })).status,
    ).toBe(401);
    await new Client(t.app).login('branch-a1', 'New@pass22');
    const row = await t.database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', 'branch-a1')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('an admin reset forces a password change at next login; nothing else works until then', async () => {
    const admin = await as(t.app, 'admin');
    const r = await admin.post(`/api/users/${c.users.townB}/reset-password`);
    expect(r.status).toBe(200);
    const temp = r.body.temporaryPassword as string;
    const u = await new Client(t.app).login('town-b', temp);
    const me = await u.get('/api/auth/me');
    expect(me.body.user.mustChangePassword).toBe(true);
    const blocked = await u.get('/api/orgs/tree');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await u.post('/api/auth/change-password', { oldPassword: temp, newPassword: 'Town@b2026' })).status).toBe(
      200,
    );
    expect((await u.get('/api/orgs/tree')).status).toBe(200);
  });
});

describe('first administrator', () => {
  it('creates admin from LUOSHI_ADMIN_PASSWORD, or issues a one-time 30-minute setup link', async () => {
    const t2 = await createTestApp({ clock });
    try {
      const boot = await bootstrapAdmin(t2.app.ctx);
      expect(boot?.setupToken).toBeTruthy();
      const anon = new Client(t2.app);
      expect((await anon.get('/api/auth/setup-status')).body.initialized).toBe(false);
      const weak = await anon.post('/api/auth/setup', { token: boot!.setupToken, username: 'root', password: 'short' });
      expect(weak.body.code).toBe('PASSWORD_WEAK');
      expect(
        (await anon.post('/api/auth/setup', { token: boot!.setupToken, username: 'root', password: 'Qing@2026shan' }))
          .status,
      ).toBe(200);
      expect(
        (await anon.post('/api/auth/setup', { token: boot!.setupToken, username: 'root2', password: 'Qing@2026shan' }))
          .body.code,
      ).toBe('SETUP_TOKEN_INVALID');
      await new Client(t2.app).login('root', 'Qing@2026shan');
      expect(await bootstrapAdmin(t2.app.ctx)).toBeNull();
    } finally {
      await t2.close();
    }
    const t3 = await createTestApp({ clock, env: { LUOSHI_ADMIN_PASSWORD: 'Boot@2026x' } });
    try {
      expect(await bootstrapAdmin(t3.app.ctx)).toEqual({ created: 'admin' });
      await new Client(t3.app).login('admin', 'Boot@2026x');
    } finally {
      await t3.close();
    }
  });

  it('an expired setup link is refused', async () => {
    const t4 = await createTestApp({ clock });
    try {
      const boot = await bootstrapAdmin(t4.app.ctx);
      clock.advance(31 * 60_000);
      const r = await new Client(t4.app).post('/api/auth/setup', {
        token: boot!.setupToken,
        username: 'root',
        password: 'Qing@2026shan',
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('SETUP_TOKEN_INVALID');
      expect(await t4.database.db.selectFrom('app_user').select('id').execute()).toHaveLength(0);
    } finally {
      await t4.close();
    }
  });
});
