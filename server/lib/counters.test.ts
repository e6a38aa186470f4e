import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { hit, peek, purgeExpired, reset } from './counters.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('database counters', () => {
  it('parallel hits on one key each get their own count (atomic upsert)', async () => {
    const now = new Date('2026-12-03T08:00:10Z');
    const counts = await Promise.all(Array.from({ length: 20 }, () => hit(t.database.db, 'k:par', 600, now)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await peek(t.database.db, 'k:par', 600, now)).toBe(20);
  });

  it('a new window starts from zero; reset and purge remove rows', async () => {
    const db = t.database.db;
    const t0 = new Date('2026-12-03T08:00:00Z');
    expect(await hit(db, 'k:win', 60, t0)).toBe(1);
    expect(await hit(db, 'k:win', 60, new Date(t0.getTime() + 59_000))).toBe(2);
    expect(await hit(db, 'k:win', 60, new Date(t0.getTime() + 60_000))).toBe(1);
    await reset(db, 'k:win');
    expect(await peek(db, 'k:win', 60, new Date(t0.getTime() + 60_000))).toBe(0);
    await hit(db, 'k:old', 60, t0);
    expect(await purgeExpired(db, new Date(t0.getTime() + 120_000))).toBeGreaterThanOrEqual(1);
    expect(await peek(db, 'k:old', 60, t0)).toBe(0);
  });
});
