/**
 * Simultaneous check-ins to one meeting (everyone scans the QR code as the meeting starts): every
 * accepted check-in is counted in 实到. On PostgreSQL the check-ins run in parallel transactions;
 * before the meeting row was locked the derived counts lost updates (the bench saw 287 of 300).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { Client, createTestApp, type TestApp } from '../../test/harness.ts';
import { bj, growBranch } from './test-helpers.ts';

let t: TestApp;
let c: County;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(bj('2026-03-10T10:00:00')) });
  c = await seedCounty(t.database.db);
  // 甲镇东村: 张三明, 李晓红 + 22 more = 24 正式党员.
  await growBranch(db(), c.orgs.a1, 22, 500);
});
afterAll(() => t.close());

it('24 members checking in at the same moment are all counted, and the requirement turns done', async () => {
  const branch = await as(t.app, 'branch-a1');
  const created = await branch.post('/api/meetings', {
    orgId: c.orgs.a1,
    types: ['主题党日'],
    heldAt: bj('2026-03-10T09:30:00'),
    topic: '同时签到',
  });
  expect(created.status).toBe(201);
  const id = created.body.id as number;
  const { code } = (await branch.post(`/api/meetings/${id}/checkin/open`)).body;
  const sheet = await branch.post(`/api/meetings/${id}/signin-codes`);
  expect(sheet.body.items).toHaveLength(24);

  const results = await Promise.all(
    sheet.body.items.map((s: { code: string }) =>
      new Client(t.app).post('/api/checkin/code', { code, personalCode: s.code }),
    ),
  );
  expect(results.map((r) => r.status)).toEqual(Array(24).fill(200));

  const m = await db()
    .selectFrom('meeting')
    .select(['expected', 'present'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const rows = await db()
    .selectFrom('meeting_attendee')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', id)
    .where('status', '=', '出席')
    .executeTakeFirstOrThrow();
  expect(Number(rows.n)).toBe(24);
  expect(m).toEqual({ expected: 24, present: 24 });
  const audits = await db()
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'meeting.checkin')
    .where('entity_id', '=', String(id))
    .executeTakeFirstOrThrow();
  expect(Number(audits.n)).toBe(24);

  const comp = await branch.get(`/api/org-life/compliance?orgId=${c.orgs.a1}&year=2026&type=主题党日&period=2026-03`);
  expect(comp.body.items).toEqual([expect.objectContaining({ held: 1, belowQuorum: 0, status: 'done' })]);
});
