/**
 * Every public endpoint (no login) survives hostile input: never a 5xx, every refusal in Chinese,
 * the server keeps answering. New public endpoints add one line to PUBLIC_ENDPOINTS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';
import { as, seedCounty, type County } from './fixtures.ts';
import { fuzz, type FuzzTarget } from './fuzz.ts';
import { ManualClock } from '../lib/clock.ts';
import { publish } from '../modules/tasks/tasks.test-support.ts';
import { newWindow } from '../modules/windows/test-helpers.ts';

let t: TestApp;
let c: County;
let token = '';
let feedbackUrl = '';
let windowCode = '';

beforeAll(async () => {
  // A manual clock: the login slowdown (which hundreds of wrong logins trigger) is recorded, not slept.
  t = await createTestApp({ clock: new ManualClock() });
  c = await seedCounty(t.database.db);
  const zzb = await as(t.app, 'zzb');
  const id = (await zzb.post('/api/reviews', { title: '模糊测试评议', year: 2026, orgIds: [c.orgs.townA] })).body.id;
  token = (await zzb.post(`/api/reviews/${id}/tokens`, { count: 1 })).body.tokens[0];
  await zzb.post(`/api/reviews/${id}/open-voting`);
  // A published 为民办实事 set, so that valid feedback bodies get past the 404.
  const dcs = await as(t.app, 'dcs');
  const p = await publish(dcs, '2026-03-01', [
    { leadOrgId: c.orgs.townA, dueDate: '2026-12-31', text: '建成便民服务中心' },
  ]);
  const set = (await dcs.post('/api/public-sets', { title: '为民办实事', kind: '民生实事', documentId: p.documentId }))
    .body.id;
  expect((await dcs.post(`/api/public-sets/${set}/publish`, { publicity: false })).status).toBe(200);
  feedbackUrl = `/api/public/sets/${set}/items/${p.taskIds[0]}/feedback`;
  // A window, so that valid 作风监督 ratings get past the 404.
  windowCode = (await newWindow(await as(t.app, 'town-a'), c.orgs.townA, '模糊测试窗口')).code;
});
afterAll(() => t.close());

const FEEDBACK = '/api/public/sets/:id/items/:taskId/feedback';
const PUBLIC_ENDPOINTS: (() => FuzzTarget)[] = [
  () => ({
    method: 'POST',
    url: '/api/ballots',
    valid: { token, ratings: [{ orgId: c.orgs.townA, grade: '好' }], nonce: 'n'.repeat(32) },
  }),
  () => ({ method: 'POST', url: '/api/ballots/form', valid: { token } }),
  () => ({
    method: 'PUT',
    url: '/api/ballots/draft',
    valid: { token, ratings: [{ orgId: c.orgs.townA, grade: '好' }] },
  }),
  () => ({ method: 'POST', url: '/api/auth/login', valid: { username: 'town-a', password: 'Wrong@pass1' } }),
  () => ({
    method: 'POST',
    url: '/api/auth/setup',
    valid: { token: 'x'.repeat(43), username: 'chief', password: 'Kx9#lake2026' },
  }),
  () => ({ method: 'POST', url: feedbackUrl, route: FEEDBACK, valid: { kind: '意见', text: '进度请及时公开' } }),
  () => ({ method: 'POST', url: '/api/public/ratings', valid: { windowCode, level: '满意', comment: '办事很快' } }),
  () => ({ method: 'POST', url: '/api/public/rerate', valid: { code: 'ABCD2345', level: '满意', comment: '已整改' } }),
  () => ({ method: 'POST', url: '/api/checkin/code', valid: { code: 'ABCD2345', personalCode: 'EFGH6789' } }),
];

describe('fuzzing the public endpoints', () => {
  for (const [i, make] of PUBLIC_ENDPOINTS.entries())
    it(`public endpoint #${i + 1}: hostile bodies, content types and headers → 4xx in Chinese, never 5xx`, async () => {
      const target = make();
      const r = await fuzz(t.app, target, { rounds: 60, seed: i + 1 });
      expect(r.failures, `${target.method} ${target.url}`).toEqual([]);
      expect(r.requests).toBeGreaterThan(100);
    }, 120_000);

  it('the public POST routes are all in the list', () => {
    const listed = PUBLIC_ENDPOINTS.map((m) => `${m().method} ${m().route ?? m().url}`);
    const publicWrites = t.app.routeTable
      .filter((r) => r.permission === 'public' && r.method !== 'GET')
      .map((r) => `${r.method} ${r.url}`);
    expect(publicWrites.sort()).toEqual([...listed].sort());
  });
});
