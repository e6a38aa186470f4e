/**
 * The template's example rows are refused (a template uploaded as downloaded adds no fictional
 * member or 示例村 branch), and every export's file name carries the LOCAL date in one format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { EXAMPLE_ROW_MESSAGE } from './templates.ts';
import { upload, waitJob } from './test-helpers.ts';

// 03:30 on 4 December in Beijing is still 3 December in UTC.
const clock = new ManualClock('2026-12-03T19:30:00Z');
let t: TestApp;
let c: County;
let townA: Client;
const count = async (table: 'member' | 'org_unit') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  townA = await as(t.app, 'town-a');
});
afterAll(() => t.close());

describe('template example rows', () => {
  for (const kind of ['members', 'orgs'] as const) {
    it(`the ${kind} template uploaded unchanged is refused row by row, nothing imported`, async () => {
      const table = kind === 'members' ? 'member' : 'org_unit';
      const before = await count(table);
      const tpl = await townA.get(`/api/import/templates/${kind}`);
      expect(tpl.status).toBe(200);
      const r = await upload(townA, `/api/import/${kind}`, tpl.raw, '模板.xlsx');
      const job = await waitJob(townA, r.body.jobId);
      expect(job).toMatchObject({ status: 'failed', imported: 0, errorCount: 2 });
      expect(job.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
        [2, EXAMPLE_ROW_MESSAGE],
        [3, EXAMPLE_ROW_MESSAGE],
      ]);
      expect(await count(table)).toBe(before);
    });
  }
});

describe('export file names', () => {
  const nameOf = (h: Record<string, unknown>) =>
    decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(h['content-disposition']))![1]);
  it('members, orgs and the rectification ledger carry the local date as YYYYMMDD', async () => {
    const m = await townA.get('/api/export/members');
    expect(m.status).toBe(200);
    expect(nameOf(m.headers)).toBe('党员名册-20261204.xlsx');
    expect(nameOf((await townA.get('/api/export/orgs')).headers)).toBe('组织机构-20261204.xlsx');
    const dcs = await as(t.app, 'dcs');
    const r = await dcs.get('/api/rectifications/export.xlsx');
    expect(r.status).toBe(200);
    expect(nameOf(r.headers)).toBe('问题整改台账-20261204.xlsx');
    expect(nameOf((await dcs.get('/api/rectifications/summary.xlsx')).headers)).toBe('整改情况汇总-20261204.xlsx');
    expect(c.orgs.townA).toBeGreaterThan(0);
  });
});
