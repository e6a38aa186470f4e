import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { as, type County, seedCounty } from '../test/fixtures.ts';
import { publish } from './tasks/tasks.test-support.ts';
import { FIGURES, figureByKey } from './figures.ts';

let t: TestApp;
let c: County;
beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  const dcs = await as(t.app, 'dcs');
  const { taskIds } = await publish(dcs, '2026-01-10', [
    { leadOrgId: c.orgs.a1, dueDate: '2026-03-31' }, // closed on time
    { leadOrgId: c.orgs.a2, dueDate: '2026-03-31' }, // closed late
    { leadOrgId: c.orgs.a2, dueDate: '2026-04-30' }, // still open: overdue at the end of June
    { leadOrgId: c.orgs.b1, dueDate: '2026-03-31' }, // 乙镇: never counted for 甲镇
  ]);
  const db = t.database.db;
  // 2026-03-31T17:00Z is 2026-04-01 01:00 in Beijing: late, although the UTC date is the 31st.
  await db
    .updateTable('task')
    .set({ status: 'done', closed_at: '2026-03-30T02:00:00.000Z' })
    .where('id', '=', taskIds[0])
    .execute();
  await db
    .updateTable('task')
    .set({ status: 'done', closed_at: '2026-03-31T17:00:00.000Z' })
    .where('id', '=', taskIds[1])
    .execute();
});
afterAll(async () => t.close());

describe('figures computed from records', () => {
  it('keys are unique and every provider answers for every requested org', async () => {
    expect(new Set(FIGURES.map((f) => f.key)).size).toBe(FIGURES.length);
    for (const f of FIGURES) {
      const m = await f.compute(t.database.db, {
        orgIds: [c.orgs.townA, c.orgs.townB],
        from: '2026-01-01',
        to: '2026-12-31',
      });
      expect([...m.keys()].sort()).toEqual([c.orgs.townA, c.orgs.townB].sort());
    }
  });

  it('task on-time rate covers the subtree and compares local closing dates', async () => {
    const m = await figureByKey('tasks.onTimeRate')!.compute(t.database.db, {
      orgIds: [c.orgs.townA, c.orgs.a1, c.orgs.dept],
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(m.get(c.orgs.townA)).toMatchObject({ value: 33.3, numerator: 1, denominator: 3 });
    expect(m.get(c.orgs.a1)).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
    expect(m.get(c.orgs.dept)?.value).toBeNull();
  });

  it('overdue tasks at the end of the period', async () => {
    const f = figureByKey('tasks.overdueCount')!;
    const june = await f.compute(t.database.db, {
      orgIds: [c.orgs.townA, c.orgs.townB],
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(june.get(c.orgs.townA)?.value).toBe(1);
    expect(june.get(c.orgs.townB)?.value).toBe(1);
    const march = await f.compute(t.database.db, { orgIds: [c.orgs.townA], from: '2026-01-01', to: '2026-03-31' });
    expect(march.get(c.orgs.townA)?.value).toBe(0);
  });
});
