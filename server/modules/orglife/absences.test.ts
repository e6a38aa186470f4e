/**
 * Absence streaks: the pure rule (请假 and months without a meeting pause, attendance ends), then over
 * HTTP with a moving clock: a member absent three months is listed and the branch warned once; at six
 * months a case opens and is handled step by step (谈话, 通知本人, 支部大会决定); the member's own
 * attendance history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { streakOf, type MonthState } from './absences.service.ts';
import { tick } from './jobs.ts';
import { bj, growBranch, memberAccount } from './test-helpers.ts';

const S = (attended: boolean, leave = false, expected = true): MonthState => ({ attended, leave, expected });

describe('streaks (pure)', () => {
  it('counts consecutive absent months back from this month', () => {
    const m = new Map([
      ['2026-01', S(true)],
      ['2026-02', S(false)],
      ['2026-03', S(false)],
      ['2026-04', S(false)],
    ]);
    expect(streakOf(m, '2026-04')).toEqual({ months: 3, sinceMonth: '2026-02' });
    expect(streakOf(m, '2026-06')).toEqual({ months: 3, sinceMonth: '2026-02' }); // no meetings since: paused
  });
  it('请假 pauses without breaking; attendance ends the streak; 列席 invitations do not count as expected', () => {
    const m = new Map([
      ['2025-11', S(false)],
      ['2025-12', S(false, true)],
      ['2026-01', S(false)],
      ['2026-02', S(false, false, false)],
      ['2026-03', S(false)],
    ]);
    expect(streakOf(m, '2026-03')).toEqual({ months: 3, sinceMonth: '2025-11' });
    m.set('2026-01', S(true));
    expect(streakOf(m, '2026-03')).toEqual({ months: 1, sinceMonth: '2026-03' });
    expect(streakOf(new Map(), '2026-03')).toEqual({ months: 0, sinceMonth: null });
  });
});

let t: TestApp;
let c: County;
let clock: ManualClock;
let branch: Client, zzb: Client;
let ids: number[];
const db = () => t.database.db;

beforeAll(async () => {
  clock = new ManualClock(bj('2026-03-20T10:00:00'));
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  ids = await growBranch(db(), c.orgs.a1, 4, 800);
  await memberAccount(db(), 'm-absent', ids[0], c.orgs.a1);
  branch = await as(t.app, 'branch-a1');
  zzb = await as(t.app, 'zzb');
});
afterAll(() => t.close());

/** A monthly 主题党日; `absent` skip it, `leave` are excused, everyone else made up by 补签. */
async function month(mo: string, absent: number[], leave: number[] = []) {
  const r = await branch.post('/api/meetings', {
    orgId: c.orgs.a1,
    types: ['主题党日'],
    heldAt: bj(`2026-${mo}-05T09:00:00`),
    topic: `${mo}月主题党日`,
    backdateReason: '按纸质签到表补录',
  });
  expect(r.status).toBe(201);
  const people = await db()
    .selectFrom('meeting_attendee')
    .select('member_id')
    .where('meeting_id', '=', r.body.id)
    .execute();
  for (const p of people) {
    if (absent.includes(p.member_id)) continue;
    const status = leave.includes(p.member_id) ? '请假' : '补签';
    expect(
      (
        await branch.post(`/api/meetings/${r.body.id}/attendance`, {
          memberId: p.member_id,
          status,
          reason: '纸质签到表',
        })
      ).status,
    ).toBe(200);
  }
  return r.body.id as number;
}

describe('streaks over HTTP, warnings and the 6-month case', () => {
  it('a member absent three months is listed; 请假 pauses; attending resets', async () => {
    await month('01', [ids[0], ids[1], ids[2]]);
    await month('02', [ids[0], ids[2]], [ids[1]]);
    await month('03', [ids[0], ids[1]]);
    const r = await branch.get(`/api/org-life/absences?orgId=${c.orgs.a1}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: any) => [i.memberId, i.months])).toEqual([
      [ids[0], 3],
      [ids[1], 2],
    ]);
    expect(r.body.total).toBe(2);
    expect(r.body.items[0]).toMatchObject({ sinceMonth: '2026-01', orgId: c.orgs.a1, caseId: null });
    const three = await branch.get(`/api/org-life/absences?minMonths=3`);
    expect(three.body.items.map((i: any) => i.memberId)).toEqual([ids[0]]);
    const row = await db().selectFrom('orglife_absence').selectAll().where('member_id', '=', ids[2]).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('the branch secretary is warned once at 3 months', async () => {
    const first = await tick(t.app.ctx);
    expect(first.ran).toBe(true);
    const again = await tick(t.app.ctx);
    expect(again.notifications).toBe(0);
    const n = await db().selectFrom('notification').selectAll().where('kind', '=', 'orglife_absence').execute();
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ org_id: c.orgs.a1 });
    expect(n[0].message).toContain('已连续 3 个月未参加组织生活');
    expect(n[0].link).toBe(`/org-life/absences?orgId=${c.orgs.a1}`);
  });

  it('at six months a case opens for the branch (once)', async () => {
    clock.set(bj('2026-06-20T10:00:00'));
    branch = await as(t.app, 'branch-a1');
    await month('04', [ids[0]]);
    await month('05', [ids[0]]);
    await month('06', [ids[0]]);
    const r = await tick(t.app.ctx);
    expect(r.cases).toBe(1);
    expect((await tick(t.app.ctx)).cases).toBe(0);
    const cases = await branch.get('/api/org-life/cases');
    expect(cases.body.total).toBe(1);
    expect(cases.body.items[0]).toMatchObject({
      member: { id: ids[0] },
      sinceMonth: '2026-01',
      monthsAtOpen: 6,
      currentMonths: 6,
      status: '处理中',
    });
    const kinds = (await db().selectFrom('notification').select('kind').execute()).map((x) => x.kind).sort();
    expect(kinds.filter((k) => k === 'orglife_case')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'orglife_absence')).toHaveLength(2); // 3 and 5 months
    const list = await branch.get('/api/org-life/absences');
    expect(list.body.items[0]).toMatchObject({ memberId: ids[0], months: 6, caseId: cases.body.items[0].id });
  });

  it('the case is handled step by step; the decision must be a 支部党员大会 record', async () => {
    const id = (await branch.get('/api/org-life/cases')).body.items[0].id;
    const early = await branch.post(`/api/org-life/cases/${id}/decision`, { meetingId: 1, decision: '限期改正' });
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('谈话和通知本人');
    const future = await branch.post(`/api/org-life/cases/${id}/talk`, {
      talkDate: '2026-06-25',
      talkBy: '张三明',
      content: 'x',
    });
    expect(future.status).toBe(400);
    expect(
      (
        await branch.post(`/api/org-life/cases/${id}/talk`, {
          talkDate: '2026-06-18',
          talkBy: '张三明',
          content: '本人外出务工,表示今后按时参加',
        })
      ).status,
    ).toBe(200);
    expect(
      (await branch.post(`/api/org-life/cases/${id}/notify`, { notifiedDate: '2026-06-19', method: '书面' })).status,
    ).toBe(200);
    const own = await db()
      .selectFrom('notification')
      .selectAll()
      .where('kind', '=', 'orglife_case')
      .where('user_id', 'is not', null)
      .execute();
    expect(own).toHaveLength(1);
    const themeDay = (
      await db().selectFrom('meeting').select('id').where('topic', '=', '06月主题党日').executeTakeFirstOrThrow()
    ).id;
    const wrong = await branch.post(`/api/org-life/cases/${id}/decision`, {
      meetingId: themeDay,
      decision: '限期改正',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('支部党员大会');
    const dh = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['支部党员大会'],
      heldAt: bj('2026-06-20T09:00:00'),
      topic: '研究长期不参加组织生活党员的处置',
    });
    const done = await branch.post(`/api/org-life/cases/${id}/decision`, {
      meetingId: dh.body.id,
      decision: '限期改正',
      note: '限三个月内改正',
    });
    expect(done.status).toBe(200);
    const row = await db().selectFrom('orglife_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: '已办结',
      decision: '限期改正',
      decision_meeting_id: dh.body.id,
      decided_date: '2026-06-20',
      talk_by: '张三明',
    });
    expect(
      (await branch.post(`/api/org-life/cases/${id}/talk`, { talkDate: '2026-06-18', talkBy: 'x', content: 'x' }))
        .status,
    ).toBe(409);
    expect(
      (await db().selectFrom('audit_log').select('action').where('action', 'like', 'orglife.case%').execute())
        .map((a) => a.action)
        .sort(),
    ).toEqual(['orglife.case_decision', 'orglife.case_notify', 'orglife.case_open', 'orglife.case_talk'].sort());
  });

  it("a member sees their own attendance; a branch sees its members'", async () => {
    const me = await as(t.app, 'm-absent');
    const r = await me.get('/api/org-life/my?year=2026');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ member: { id: ids[0] }, months: 6, attended: 0, rate: 0 });
    expect(r.body.expected).toBeGreaterThanOrEqual(6);
    expect(r.body.items[0].types).toBeInstanceOf(Array);
    const other = await branch.get(`/api/org-life/members/${ids[1]}/attendance`);
    expect(other.body).toMatchObject({ leave: 1, months: 0 });
    expect((await me.get(`/api/org-life/members/${ids[1]}/attendance`)).status).toBe(403);
    zzb = await as(t.app, 'zzb');
    expect((await zzb.get(`/api/org-life/members/${c.members.mB1}/attendance`)).status).toBe(200);
  });
});
