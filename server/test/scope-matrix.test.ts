/**
 * The scope matrix: for EVERY registered API route, the secretary of 甲镇 (town-a) tries to read or
 * change something of 乙镇 and is refused (404 for out-of-scope objects, 403 where the role lacks the
 * permission), list routes never include 乙镇's rows, and a 党员 sees only their own record.
 * A route without a case here fails the test: new routes must say how they are scoped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type Client } from './harness.ts';
import { as, makeId, seedCounty, type County } from './fixtures.ts';

let t: TestApp;
let c: County;
let townA: Client, townB: Client, member: Client;
let transferB: number;

import type { Case } from './scope-types.ts';
import { scopeModules } from './scope-cases.ts';
import { B_MARKERS } from './scope.test-support.ts';

/** Names that belong to 乙镇 only; none may appear in anything town-a reads. */

const cases: Record<string, Case> = {
  'GET /api/health': { kind: 'public', why: 'health carries no org data' },
  'GET /api/health/live': { kind: 'public', why: 'liveness: instance id and uptime only' },
  'GET /api/health/ready': { kind: 'public', why: 'readiness: database reachable and migration count only' },
  'GET /api/metrics': { kind: 'public', why: 'counts by route pattern, no org data; token or loopback only' },
  'POST /api/auth/login': { kind: 'public', why: 'login' },
  'POST /api/auth/setup': { kind: 'public', why: 'one-time setup token, refused once an admin exists' },
  'GET /api/auth/setup-status': { kind: 'public', why: 'a boolean' },
  'GET /api/auth/demo': { kind: 'public', why: 'demo accounts only when started as npm run demo; empty otherwise' },
  'POST /api/auth/logout': { kind: 'self', why: 'own session only' },
  'GET /api/auth/me': { kind: 'self', why: 'own account only' },
  'POST /api/auth/change-password': { kind: 'self', why: 'own password only' },
  'GET /api/orgs/tree': { kind: 'list', url: () => '/api/orgs/tree?includeDissolved=true' },
  'GET /api/orgs': { kind: 'list', url: () => '/api/orgs?pageSize=500' },
  // 「乙」 and its pinyin would find 乙镇's nodes if the search left the caller's subtree.
  'GET /api/orgs/search': { kind: 'list', url: () => `/api/orgs/search?q=${encodeURIComponent('乙')}&limit=100` },
  'GET /api/orgs/:id': {
    kind: 'denied',
    attempts: () => [
      { method: 'GET', url: `/api/orgs/${c.orgs.townB}` },
      { method: 'GET', url: `/api/orgs/${c.orgs.b1}` },
      { method: 'GET', url: `/api/orgs/tree?rootId=${c.orgs.townB}` },
      { method: 'GET', url: `/api/orgs?parentId=${c.orgs.townB}` },
    ],
  },
  'GET /api/orgs/:id/history': {
    kind: 'denied',
    attempts: () => [{ method: 'GET', url: `/api/orgs/${c.orgs.b1}/history` }],
  },
  'POST /api/orgs': {
    kind: 'denied',
    attempts: () => [
      {
        method: 'POST',
        url: '/api/orgs',
        body: { code: 'HACK1', name: '越权支部', type: '党支部', parentId: c.orgs.townB },
      },
    ],
  },
  'PATCH /api/orgs/:id': {
    kind: 'denied',
    attempts: () => [
      { method: 'PATCH', url: `/api/orgs/${c.orgs.b1}`, body: { name: '越权改名' } },
      { method: 'PATCH', url: `/api/orgs/${c.orgs.a1}`, body: { secretaryMemberId: c.members.mB1 }, status: [400] },
    ],
  },
  'POST /api/orgs/:id/move': {
    kind: 'denied',
    attempts: () => [
      { method: 'POST', url: `/api/orgs/${c.orgs.b1}/move`, body: { parentId: c.orgs.townA } },
      { method: 'POST', url: `/api/orgs/${c.orgs.a1}/move`, body: { parentId: c.orgs.townB } },
    ],
  },
  'POST /api/orgs/:id/dissolve': {
    kind: 'denied',
    attempts: () => [{ method: 'POST', url: `/api/orgs/${c.orgs.b1}/dissolve`, body: {} }],
  },
  'POST /api/orgs/:id/merge': {
    kind: 'denied',
    attempts: () => [
      { method: 'POST', url: `/api/orgs/${c.orgs.b1}/merge`, body: { targetId: c.orgs.a1 } },
      { method: 'POST', url: `/api/orgs/${c.orgs.a2}/merge`, body: { targetId: c.orgs.b1 } },
    ],
  },
  'GET /api/members': { kind: 'list', url: () => '/api/members?pageSize=500' },
  'GET /api/members/:id': {
    kind: 'denied',
    attempts: () => [
      { method: 'GET', url: `/api/members/${c.members.mB1}` },
      { method: 'GET', url: `/api/members?orgId=${c.orgs.b1}` },
    ],
  },
  'GET /api/members/:id/record.docx': {
    kind: 'denied',
    attempts: () => [{ method: 'GET', url: `/api/members/${c.members.mB1}/record.docx` }],
  },
  'POST /api/members': {
    kind: 'denied',
    attempts: () => [
      {
        method: 'POST',
        url: '/api/members',
        body: {
          name: '越权',
          idNumber: makeId('1980-01-01', 901, '男'),
          orgId: c.orgs.b1,
          memberType: '正式',
          category: '在职',
        },
      },
    ],
  },
  'PATCH /api/members/:id': {
    kind: 'denied',
    attempts: () => [{ method: 'PATCH', url: `/api/members/${c.members.mB1}`, body: { phone: '13100000000' } }],
  },
  'GET /api/transfers': { kind: 'list', url: () => '/api/transfers?pageSize=500' },
  'GET /api/transfers/:id': { kind: 'denied', attempts: () => [{ method: 'GET', url: `/api/transfers/${transferB}` }] },
  'GET /api/transfers/targets': {
    kind: 'public',
    why: 'a county-wide directory of receiving branches (names and codes only), needed to address a transfer',
  },
  'POST /api/transfers': {
    kind: 'denied',
    attempts: () => [
      { method: 'POST', url: '/api/transfers', body: { memberId: c.members.mB1, toOrgId: c.orgs.a1, reason: '越权' } },
    ],
  },
  'POST /api/transfers/:id/approve': {
    kind: 'denied',
    attempts: () => [{ method: 'POST', url: `/api/transfers/${transferB}/approve`, body: {} }],
  },
  'POST /api/transfers/:id/reject': {
    kind: 'denied',
    attempts: () => [{ method: 'POST', url: `/api/transfers/${transferB}/reject`, body: { opinion: '越权' } }],
  },
  'POST /api/transfers/:id/revoke': {
    kind: 'denied',
    attempts: () => [{ method: 'POST', url: `/api/transfers/${transferB}/revoke` }],
  },
  'GET /api/users': { kind: 'denied', attempts: () => [{ method: 'GET', url: '/api/users' }] },
  'POST /api/users': {
    kind: 'denied',
    attempts: () => [
      {
        method: 'POST',
        url: '/api/users',
        body: {
          username: 'hack',
          displayName: '越权',
          role: 'unit_admin',
          scopeOrgId: c.orgs.townB,
          password: 'Hack@2026x',
        },
      },
    ],
  },
  'PATCH /api/users/:id': {
    kind: 'denied',
    attempts: () => [{ method: 'PATCH', url: `/api/users/${c.users.townB}`, body: { disabled: true } }],
  },
  'POST /api/users/:id/reset-password': {
    kind: 'denied',
    attempts: () => [{ method: 'POST', url: `/api/users/${c.users.townB}/reset-password` }],
  },
  'POST /api/users/:id/unlock': {
    kind: 'denied',
    attempts: () => [{ method: 'POST', url: `/api/users/${c.users.townB}/unlock` }],
  },
  'GET /api/audit': { kind: 'denied', attempts: () => [{ method: 'GET', url: '/api/audit' }] },
  'GET /api/audit/verify': { kind: 'denied', attempts: () => [{ method: 'GET', url: '/api/audit/verify' }] },
};

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  townA = await as(t.app, 'town-a');
  townB = await as(t.app, 'town-b');
  member = await as(t.app, 'member-a');
  transferB = (
    await townB.post('/api/transfers', { memberId: c.members.mB1, toOrgId: c.orgs.townB, reason: '乙镇内部调整' })
  ).body.id;
  expect(transferB).toBeGreaterThan(0);
  const clients: Record<string, Client> = {};
  const client = async (u: string) => (clients[u] ??= await as(t.app, u));
  for (const [name, mod] of Object.entries(scopeModules)) {
    const ids = await mod.setup({ app: t.app, db: t.database.db, c, client });
    for (const [k, v] of Object.entries(mod.cases(ids, c))) {
      if (cases[k]) throw new Error(`scope case ${k} defined twice (${name})`);
      cases[k] = v;
    }
  }
});
afterAll(() => t.close());

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('scope matrix over every route', () => {
  it('every registered API route has a scope case', () => {
    const missing = t.app.routeTable.map(key).filter((k) => !cases[k]);
    expect(missing).toEqual([]);
    const stale = Object.keys(cases).filter((k) => !t.app.routeTable.some((r) => key(r) === k));
    expect(stale).toEqual([]);
  });

  it('town-a can neither read nor change anything of town-b, and nothing changes', async () => {
    const snapshot = async () => ({
      // Every successful mutation of every module writes an audit row: an unchanged count means
      // no attempt changed anything.
      // (exports are audited too; they read, so they are left out here).
      audit: (await t.database.db.selectFrom('audit_log').select('action').execute()).filter(
        (a) => !/\.(export|download|print)/.test(a.action),
      ).length,
      orgs: await t.database.db.selectFrom('org_unit').selectAll().orderBy('id').execute(),
      members: await t.database.db.selectFrom('member').selectAll().orderBy('id').execute(),
      users: await t.database.db
        .selectFrom('app_user')
        .select(['id', 'role', 'scope_org_id', 'disabled', 'password_hash'])
        .orderBy('id')
        .execute(),
      transfers: await t.database.db.selectFrom('transfer').selectAll().orderBy('id').execute(),
    });
    const before = await snapshot();
    const failures: string[] = [];
    for (const [k, cs] of Object.entries(cases)) {
      if (cs.kind === 'denied') {
        for (const a of cs.attempts()) {
          const r = await townA.request(a.method, a.url, a.body);
          const leaked = B_MARKERS.some((m) => JSON.stringify(r.body).includes(m));
          if (!(a.status ?? [403, 404]).includes(r.status) || leaked)
            failures.push(`${k}: ${a.method} ${a.url} → ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
        }
      } else if (cs.kind === 'custom') {
        failures.push(...(await cs.run(townA)).map((f) => `${k}: ${f}`));
      } else if (cs.kind === 'list') {
        const r = await townA.get(cs.url());
        const text = JSON.stringify(r.body);
        if (r.status !== 200 || B_MARKERS.some((m) => text.includes(m)))
          failures.push(`${k}: ${r.status} leaks 乙镇 data`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // ~450 routes × several attempts: 5 s on a quiet machine, 30 s when two suites share 2 cores.
  }, 120_000);

  it('the same attempts succeed for town-b itself (the matrix is not vacuous)', async () => {
    expect((await townB.get(`/api/orgs/${c.orgs.b1}`)).status).toBe(200);
    expect((await townB.get(`/api/members/${c.members.mB1}`)).status).toBe(200);
    expect((await townB.get(`/api/transfers/${transferB}`)).status).toBe(200);
    const list = await townB.get('/api/members?pageSize=500');
    expect(JSON.stringify(list.body)).toContain('赵四海');
  });

  it('a 党员 sees only their own record through every read route', async () => {
    const list = await member.get('/api/members?pageSize=500');
    expect(list.body.items.map((m: any) => m.id)).toEqual([c.members.mA1]);
    for (const id of [c.members.mA2, c.members.mA3, c.members.mB1])
      expect((await member.get(`/api/members/${id}`)).status).toBe(404);
    const tree = await member.get('/api/orgs/tree');
    expect(tree.body.id).toBe(c.orgs.a1);
    expect(tree.body.children).toEqual([]);
    for (const [k, cs] of Object.entries(cases)) {
      if (cs.kind !== 'denied') continue;
      for (const a of cs.attempts()) {
        if (a.method === 'GET' && a.url.startsWith('/api/members')) continue;
        const r = await member.request(a.method, a.url, a.body);
        expect([403, 404, ...(a.status ?? [])], `${k} ${a.method} ${a.url}`).toContain(r.status);
      }
    }
    for (const w of [
      { method: 'PATCH' as const, url: `/api/members/${c.members.mA1}`, body: { phone: '13100000000' } },
      {
        method: 'POST' as const,
        url: '/api/orgs',
        body: { code: 'M1', name: '党员建的', type: '党小组', parentId: c.orgs.a1 },
      },
      { method: 'GET' as const, url: '/api/transfers' },
    ])
      expect((await member.request(w.method, w.url, w.body)).status).toBe(403);
  });
});
