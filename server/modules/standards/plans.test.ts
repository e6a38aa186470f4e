import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { type County, as, seedCounty } from '../../test/fixtures.ts';
import { type Client, type TestApp, createTestApp } from '../../test/harness.ts';
import { count } from './standards.test-support.ts';

let t: TestApp;
let c: County;
let zzb: Client, townA: Client, branchA1: Client;
const clock = new ManualClock('2026-12-08T02:00:00.000Z'); // Tue 2026-12-08 10:00 Shanghai

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
  townA = await as(t.app, 'town-a');
  branchA1 = await as(t.app, 'branch-a1');
});
afterAll(() => t.close());

describe('后进 整顿 with problems in the rectification ledger, and 示范点', () => {
  let plan: number;
  it('a plan puts its problems in the ledger; the branch reports monthly; 逐条验收 lifts it', async () => {
    const items = await count(t, 'rectification_item');
    const r = await zzb.post('/api/standards/plans', {
      orgId: c.orgs.a2,
      basis: '2026年度标准化考评排名末位',
      contactLeader: '县委组织部副部长 王明',
      problems: [
        { problem: '党员大会未按季度召开', measures: '制定年度计划,按季度召开', deadlineDate: '2027-03-31' },
        { problem: '台账资料不健全', deadlineDate: '2027-02-28' },
      ],
    });
    expect(r.status).toBe(201);
    plan = r.body.id;
    expect(await count(t, 'rectification_item')).toBe(items + 2);
    const ledger = await t.database.db
      .selectFrom('rectification_item')
      .selectAll()
      .where('source', '=', '标准化')
      .orderBy('id')
      .execute();
    expect(ledger.map((x) => [x.org_id, x.problem, x.source_ref])).toEqual([
      [c.orgs.a2, '党员大会未按季度召开', `std_plan:${plan}`],
      [c.orgs.a2, '台账资料不健全', `std_plan:${plan}`],
    ]);
    const dup = await zzb.post('/api/standards/plans', {
      orgId: c.orgs.a2,
      basis: '重复',
      contactLeader: '王明',
      problems: [{ problem: 'x' }],
    });
    expect(dup.status).toBe(409);
    const prog = await townA.post(`/api/standards/plans/${plan}/progress`, {
      month: '2026-12',
      text: '已召开党员大会一次',
    });
    expect(prog.status).toBe(200);
    const d = await townA.get(`/api/standards/plans/${plan}`);
    expect(d.body.progress).toEqual([expect.objectContaining({ month: '2026-12' })]);
    const [p1, p2] = d.body.problems;
    const a1 = await townA.post(`/api/standards/plans/${plan}/problems/${p1.id}/accept`, { note: '已按季度召开' });
    expect(a1.status).toBe(200);
    let row = await t.database.db.selectFrom('std_plan').selectAll().where('id', '=', plan).executeTakeFirstOrThrow();
    expect(row.status).toBe('整顿中');
    await townA.post(`/api/standards/plans/${plan}/problems/${p2.id}/accept`, { note: '台账已补齐' });
    row = await t.database.db.selectFrom('std_plan').selectAll().where('id', '=', plan).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: '已摘帽', lifted_date: '2026-12-08' });
    const list = await zzb.get('/api/standards/plans');
    expect(list.body.items[0]).toMatchObject({ id: plan, status: '已摘帽', items: 2, accepted: 2 });
  });

  it('a branch cannot accept its own problems', async () => {
    const r = await zzb.post('/api/standards/plans', {
      orgId: c.orgs.a1,
      basis: '书记出缺超过3个月',
      contactLeader: '王明',
      problems: [{ problem: '书记空缺' }],
    });
    const d = await branchA1.get(`/api/standards/plans/${r.body.id}`);
    const x = await branchA1.post(`/api/standards/plans/${r.body.id}/problems/${d.body.problems[0].id}/accept`, {
      note: '自己验收',
    });
    expect(x.status).toBe(403);
    expect(x.body.message).toBe('整顿支部不能验收本支部的问题');
  });

  it('names a 示范点 for a year with a reason, once', async () => {
    const r = await zzb.post('/api/standards/models', { orgId: c.orgs.a1, year: 2027, reason: '标准化建设成效突出' });
    expect(r.status).toBe(201);
    const again = await zzb.post('/api/standards/models', { orgId: c.orgs.a1, year: 2027, reason: '重复' });
    expect(again.status).toBe(409);
    const list = await branchA1.get(`/api/standards/models?orgId=${c.orgs.a1}`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ orgId: c.orgs.a1, year: 2027, reason: '标准化建设成效突出' }),
    ]);
  });
});
