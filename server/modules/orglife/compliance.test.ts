/**
 * Compliance: the pure rules (periods, pro rata, quorum, versions, 党小组 per group, lights) with
 * many cases, then over HTTP: versioned rule sets (not retroactive), the roster on a past date
 * across a transfer, the dashboard's roll-up and ranking, and the figures other modules read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, insertOrg, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { figureByKey } from '../figures.ts';
import {
  branchLight,
  evaluate,
  quorumMet,
  setFor,
  type BranchInput,
  type MeetingInput,
  type RuleSet,
} from './compliance.ts';
import { periodLabel, periodOf, periodsOfYear, proRata } from './periods.ts';
import { branchRoster } from './roster.ts';
import { bj, growBranch } from './test-helpers.ts';

const rule = (over: Partial<RuleSet['rules'][number]> = {}): RuleSet['rules'][number] => ({
  id: 1,
  ruleSetId: 1,
  orgType: '党支部',
  meetingType: '支部党员大会',
  frequency: 'quarter',
  atLeast: 1,
  minFullMembers: 0,
  perGroup: false,
  quorum: 'voting_majority',
  source: '条例',
  ...over,
});
const set = (id: number, from: string, rules: RuleSet['rules'], due = 7): RuleSet => ({
  id,
  name: `v${id}`,
  effectiveFrom: from,
  dueSoonDays: due,
  rules,
});
const branch = (over: Partial<BranchInput> = {}): BranchInput => ({
  id: 10,
  type: '党支部',
  since: null,
  fullMembers: 20,
  groups: [],
  ...over,
});
let mid = 1;
const meeting = (date: string, types: string[], present = 8, expected = 10, orgId = 10): MeetingInput => ({
  id: mid++,
  orgId,
  heldDate: date,
  types,
  expected,
  expectedVoting: expected,
  present,
  presentVoting: present,
});

describe('periods and pro rata (pure)', () => {
  it('cuts a year into months, quarters, halves', () => {
    expect(periodsOfYear(2026, 'quarter').map((p) => [p.key, p.start, p.end])).toEqual([
      ['2026-Q1', '2026-01-01', '2026-03-31'],
      ['2026-Q2', '2026-04-01', '2026-06-30'],
      ['2026-Q3', '2026-07-01', '2026-09-30'],
      ['2026-Q4', '2026-10-01', '2026-12-31'],
    ]);
    expect(periodsOfYear(2028, 'month')[1].end).toBe('2028-02-29');
    expect(periodOf('2026-07-01', 'half').key).toBe('2026-H2');
    expect(periodLabel('2026-Q2')).toBe('2026年第二季度');
    expect(periodLabel('2026-03')).toBe('2026年3月');
    expect(periodLabel('2026-H1')).toBe('2026年上半年');
  });
  it('a branch set up mid-period owes its share, rounded', () => {
    const q1 = periodOf('2026-02-01', 'quarter');
    expect(proRata(1, q1, null)).toBe(1);
    expect(proRata(1, q1, '2026-01-01')).toBe(1);
    expect(proRata(1, q1, '2026-02-10')).toBe(1); // 50 of 90 days
    expect(proRata(1, q1, '2026-03-01')).toBe(0); // 31 of 90 days
    expect(proRata(3, q1, '2026-03-01')).toBe(1);
    expect(proRata(1, q1, '2026-04-02')).toBe(0);
  });
});

describe('quorum and rule versions (pure)', () => {
  it('党员大会 needs more than half of the voting members; half is enough for a 支委会', () => {
    const c = (present: number, expected: number, pv = present, ev = expected) => ({
      present,
      expected,
      presentVoting: pv,
      expectedVoting: ev,
    });
    expect(quorumMet('voting_majority', c(5, 10))).toBe(false);
    expect(quorumMet('voting_majority', c(6, 10))).toBe(true);
    expect(quorumMet('voting_majority', c(6, 11, 5, 10))).toBe(false); // 预备党员 do not vote
    expect(quorumMet('half', c(5, 10))).toBe(true);
    expect(quorumMet('half', c(4, 10))).toBe(false);
    expect(quorumMet('half', c(2, 3))).toBe(true);
    expect(quorumMet('any', c(1, 30))).toBe(true);
    expect(quorumMet('any', c(0, 30))).toBe(false);
  });
  it('a period is judged by the version in force on its first day', () => {
    const sets = [set(1, '2018-10-28', []), set(2, '2026-05-01', [])];
    expect(setFor(sets, '2026-04-01')!.id).toBe(1);
    expect(setFor(sets, '2026-05-01')!.id).toBe(2);
    expect(setFor(sets, '2026-07-01')!.id).toBe(2);
    expect(setFor(sets, '2010-01-01')!.id).toBe(1);
  });
  it('evaluates: held with quorum, below quorum shown apart, missed, due, open', () => {
    const sets = [
      set(1, '2018-10-28', [rule(), rule({ id: 2, meetingType: '主题党日', frequency: 'month', quorum: 'half' })]),
    ];
    const items = evaluate(
      2026,
      '2026-05-25',
      sets,
      [branch()],
      [
        meeting('2026-02-10', ['支部党员大会', '主题党日'], 8),
        meeting('2026-03-10', ['主题党日'], 3), // below half
        meeting('2026-05-05', ['支部党员大会'], 5), // 5 of 10 is not more than half
        meeting('2026-05-06', ['主题党日'], 5),
      ],
    );
    const get = (type: string, period: string) => items.find((i) => i.type === type && i.period === period);
    expect(get('支部党员大会', '2026-Q1')).toMatchObject({ required: 1, held: 1, status: 'done' });
    expect(get('支部党员大会', '2026-Q2')).toMatchObject({ held: 0, belowQuorum: 1, status: 'open' });
    expect(get('主题党日', '2026-01')).toMatchObject({ held: 0, status: 'missed' });
    expect(get('主题党日', '2026-03')).toMatchObject({ held: 0, belowQuorum: 1, status: 'missed' });
    expect(get('主题党日', '2026-05')).toMatchObject({ held: 1, status: 'done' });
    expect(get('主题党日', '2026-06')).toBeUndefined(); // not started
    expect(evaluate(2026, '2026-06-25', sets, [branch()], []).find((i) => i.period === '2026-06')!.status).toBe('due');
  });
  it('支委会 only from 7 正式党员; 党小组会 per group, one group cannot cover another', () => {
    const sets = [
      set(1, '2018-10-28', [
        rule({ meetingType: '支部委员会', frequency: 'month', minFullMembers: 7, quorum: 'half' }),
        rule({ id: 3, meetingType: '党小组会', frequency: 'month', perGroup: true, quorum: 'half' }),
      ]),
    ];
    const small = evaluate(2026, '2026-02-15', sets, [branch({ fullMembers: 6 })], []);
    expect(small.filter((i) => i.type === '支部委员会')).toEqual([]);
    const b = branch({
      groups: [
        { id: 21, since: null },
        { id: 22, since: null },
      ],
    });
    const items = evaluate(
      2026,
      '2026-02-15',
      sets,
      [b],
      [meeting('2026-01-05', ['党小组会'], 4, 5, 21), meeting('2026-01-20', ['党小组会'], 4, 5, 21)],
    );
    expect(items.find((i) => i.type === '党小组会' && i.period === '2026-01')).toMatchObject({
      required: 2,
      held: 1,
      status: 'missed',
    });
    expect(evaluate(2026, '2026-02-15', sets, [branch()], []).some((i) => i.type === '党小组会')).toBe(false);
  });
  it('a new version changes later periods only; 党总支 follow their own rules', () => {
    const v1 = set(1, '2018-10-28', [
      rule({ meetingType: '党课', frequency: 'quarter', quorum: 'half' }),
      rule({ id: 5, orgType: '党总支', frequency: 'half' }),
    ]);
    const v2 = set(
      2,
      '2026-07-01',
      [rule({ id: 9, ruleSetId: 2, meetingType: '党课', frequency: 'half', quorum: 'half' })],
      10,
    );
    const items = evaluate(2026, '2026-12-31', [v1, v2], [branch(), branch({ id: 11, type: '党总支' })], []);
    const k = items.filter((i) => i.orgId === 10).map((i) => `${i.period}:${i.ruleSetId}`);
    expect(k).toEqual(['2026-Q1:1', '2026-Q2:1', '2026-H2:2']);
    // H1 is judged by v1 (which has a 党总支 rule); H2 by v2, which has none.
    expect(items.filter((i) => i.orgId === 11).map((i) => i.period)).toEqual(['2026-H1']);
    const before = evaluate(2026, '2026-06-30', [v1, v2], [branch({ id: 11, type: '党总支' })], []);
    expect(before.map((i) => i.period)).toEqual(['2026-H1']);
  });
  it('lights: red when the last completed period was missed, yellow when due soon', () => {
    const it = (type: string, period: string, periodEnd: string, status: 'done' | 'missed' | 'due' | 'open') => ({
      type,
      period,
      periodEnd,
      status,
    });
    expect(
      branchLight(
        [it('主题党日', '2026-04', '2026-04-30', 'done'), it('主题党日', '2026-05', '2026-05-31', 'open')],
        '2026-05-20',
      ),
    ).toBe('green');
    expect(
      branchLight(
        [it('主题党日', '2026-04', '2026-04-30', 'missed'), it('主题党日', '2026-05', '2026-05-31', 'done')],
        '2026-05-20',
      ),
    ).toBe('red');
    expect(
      branchLight(
        [it('主题党日', '2026-04', '2026-04-30', 'done'), it('主题党日', '2026-05', '2026-05-31', 'missed')],
        '2026-06-02',
      ),
    ).toBe('red');
    expect(branchLight([it('主题党日', '2026-05', '2026-05-31', 'due')], '2026-05-28')).toBe('yellow');
  });
});

let t: TestApp;
let c: County;
let clock: ManualClock;
let zzb: Client, townA: Client, branchA: Client;
const db = () => t.database.db;

beforeAll(async () => {
  clock = new ManualClock(bj('2026-05-20T10:00:00'));
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  await growBranch(db(), c.orgs.a1, 8, 500);
  zzb = await as(t.app, 'zzb');
  townA = await as(t.app, 'town-a');
  branchA = await as(t.app, 'branch-a1');
});
afterAll(() => t.close());
/** Sessions time out when the clock jumps: log in again after moving it. */
async function relogin() {
  zzb = await as(t.app, 'zzb');
  townA = await as(t.app, 'town-a');
  branchA = await as(t.app, 'branch-a1');
}

describe('rule versions over HTTP', () => {
  const v = (effectiveFrom: string) => ({
    name: '本县实施细则',
    effectiveFrom,
    dueSoonDays: 10,
    note: '党课改为每半年至少1次',
    rules: [
      {
        orgType: '党支部',
        meetingType: '党课',
        frequency: 'half',
        atLeast: 1,
        minFullMembers: 0,
        perGroup: false,
        quorum: 'half',
        source: '县委组织部〔2026〕3号',
      },
    ],
  });
  it('ships the default rules with their source', async () => {
    const r = await branchA.get('/api/org-life/rule-sets');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0]).toMatchObject({ effectiveFrom: '2018-10-28', current: true, effectiveTo: null });
    const dh = r.body.items[0].rules.find((x: any) => x.meetingType === '支部党员大会' && x.orgType === '党支部');
    expect(dh).toMatchObject({ frequency: 'quarter', atLeast: 1, quorum: 'voting_majority' });
    expect(dh.source).toContain('支部工作条例');
  });
  it('cannot take effect in the past (judged periods keep their rules); only the 组织部 may add one', async () => {
    const n = (await db().selectFrom('orglife_rule_set').selectAll().execute()).length;
    const past = await zzb.post('/api/org-life/rule-sets', v('2026-05-01'));
    expect(past.status).toBe(400);
    expect(past.body.message).toContain('不能早于今天');
    expect((await branchA.post('/api/org-life/rule-sets', v('2026-07-01'))).status).toBe(403);
    const dup = await zzb.post('/api/org-life/rule-sets', {
      ...v('2026-07-01'),
      rules: [v('x').rules[0], v('x').rules[0]],
    });
    expect(dup.status).toBe(400);
    expect((await db().selectFrom('orglife_rule_set').selectAll().execute()).length).toBe(n);
  });
  it('from its date, later periods are judged by it; earlier ones keep the old rule', async () => {
    await branchA.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['党课'],
      heldAt: bj('2026-02-10T09:00:00'),
      topic: '党课',
      backdateReason: '补录',
    });
    const r = await zzb.post('/api/org-life/rule-sets', v('2026-07-01'));
    expect(r.status).toBe(201);
    clock.set(bj('2026-12-31T10:00:00'));
    await relogin();
    const items = (await townA.get(`/api/org-life/compliance?orgId=${c.orgs.a1}&year=2026&type=党课`)).body.items;
    expect(items.map((i: any) => [i.period, i.ruleSetId === r.body.id, i.held])).toEqual([
      ['2026-Q1', false, 0],
      ['2026-Q2', false, 0],
      ['2026-H2', true, 0],
    ]);
    const sets = await branchA.get('/api/org-life/rule-sets');
    expect(sets.body.items[1].effectiveTo).toBe('2026-06-30');
    clock.set(bj('2026-05-20T10:00:00'));
    await relogin();
  });
});

describe('roster on the meeting date, roll-up and figures', () => {
  it('a member who transferred after the date belongs to the old branch for that date', async () => {
    const mover = (await growBranch(db(), c.orgs.a2, 1, 700))[0];
    await db()
      .insertInto('transfer')
      .values({
        member_id: mover,
        from_org_id: c.orgs.a2,
        to_org_id: c.orgs.a1,
        approver_org_id: c.orgs.townA,
        status: 'done',
        reason: '搬迁',
        created_by: 1,
        created_at: bj('2026-04-01T09:00:00'),
        updated_at: bj('2026-04-02T09:00:00'),
      })
      .execute();
    await db().updateTable('member').set({ org_id: c.orgs.a1 }).where('id', '=', mover).execute();
    const a1 = await db()
      .selectFrom('org_unit')
      .select(['id', 'type', 'path'])
      .where('id', '=', c.orgs.a1)
      .executeTakeFirstOrThrow();
    const a2 = await db()
      .selectFrom('org_unit')
      .select(['id', 'type', 'path'])
      .where('id', '=', c.orgs.a2)
      .executeTakeFirstOrThrow();
    expect((await branchRoster(db(), a2, '2026-03-15')).map((r) => r.memberId)).toContain(mover);
    expect((await branchRoster(db(), a1, '2026-03-15')).map((r) => r.memberId)).not.toContain(mover);
    expect((await branchRoster(db(), a1, '2026-04-01')).map((r) => r.memberId)).not.toContain(mover);
    expect((await branchRoster(db(), a2, '2026-04-01')).map((r) => r.memberId)).toContain(mover);
    // Completed on 2 April: from that day on he is in the new branch.
    expect((await branchRoster(db(), a1, '2026-04-02')).map((r) => r.memberId)).toContain(mover);
    expect((await branchRoster(db(), a2, '2026-04-02')).map((r) => r.memberId)).not.toContain(mover);
    const m = await townA.post('/api/meetings', {
      orgId: c.orgs.a2,
      types: ['主题党日'],
      heldAt: bj('2026-03-15T09:00:00'),
      topic: '三月主题党日',
      backdateReason: '补录',
    });
    const rows = await db()
      .selectFrom('meeting_attendee')
      .select('member_id')
      .where('meeting_id', '=', m.body.id)
      .execute();
    expect(rows.map((r) => r.member_id).sort()).toEqual([c.members.mA3, mover].sort());
  });

  it('the dashboard rolls up to the township with a ranking and lights', async () => {
    for (const mo of ['01', '02', '03', '04'])
      await branchA.post('/api/meetings', {
        orgId: c.orgs.a1,
        types: ['主题党日'],
        heldAt: bj(`2026-${mo}-08T09:00:00`),
        topic: `${mo}月主题党日`,
        backdateReason: '补录',
      });
    // Everyone checks in: 补签 for all, as a paper sign-in sheet entered afterwards.
    const ids = (await db().selectFrom('meeting').select('id').where('org_id', '=', c.orgs.a1).execute()).map(
      (r) => r.id,
    );
    for (const id of ids) {
      const people = await db()
        .selectFrom('meeting_attendee')
        .select('member_id')
        .where('meeting_id', '=', id)
        .execute();
      for (const p of people)
        await branchA.post(`/api/meetings/${id}/attendance`, {
          memberId: p.member_id,
          status: '补签',
          reason: '纸质签到表',
        });
    }
    const d = await townA.get('/api/org-life/dashboard?year=2026');
    expect(d.status).toBe(200);
    expect(d.body.org.id).toBe(c.orgs.townA);
    const a1 = d.body.children.find((x: any) => x.orgId === c.orgs.a1);
    const a2 = d.body.children.find((x: any) => x.orgId === c.orgs.a2);
    expect(a1.rate).toBeGreaterThan(a2.rate);
    expect(a1.rank).toBe(1);
    expect(a2.rank).toBe(2);
    expect(a2.light).toBe('red');
    expect(d.body.children.some((x: any) => x.orgId === c.orgs.b1)).toBe(false);
    expect(d.body.byType.find((x: any) => x.type === '主题党日')).toMatchObject({ required: 8, held: 4 });
    expect(d.body.attendanceRate).toBeGreaterThan(0);
    const county = await zzb.get('/api/org-life/dashboard?year=2026');
    expect(county.body.children.map((x: any) => x.orgId)).toEqual([c.orgs.townA, c.orgs.townB]);
  });

  it('figures for other modules: compliance rate, missing meetings, attendance', async () => {
    const q = { orgIds: [c.orgs.townA, c.orgs.a1, c.orgs.b1], from: '2026-01-01', to: '2026-04-30' };
    const rate = await figureByKey('orglife.complianceRate')!.compute(db(), q);
    // 党员大会 Q1, 党课 Q1, 主题党日 × 4 and (10 正式党员) 支委会 × 4: 5 of 10 held.
    expect(rate.get(c.orgs.a1)!).toMatchObject({ numerator: 5, denominator: 10, value: 50 });
    expect(rate.get(c.orgs.a1)!.detail).toContain('未按期');
    const miss = await figureByKey('orglife.missingMeetings')!.compute(db(), q);
    expect(miss.get(c.orgs.a1)!.detail).toContain('2026年第一季度支部党员大会');
    expect(miss.get(c.orgs.townA)!.value).toBeGreaterThan(miss.get(c.orgs.a1)!.value!);
    const att = await figureByKey('orglife.attendanceRate')!.compute(db(), q);
    expect(att.get(c.orgs.a1)!.value).toBe(100);
    expect(att.get(c.orgs.b1)!.value).toBeNull();
  });

  it('a branch set up late owes nothing for earlier periods', async () => {
    const late = await insertOrg(db(), {
      code: 'TA09',
      name: '甲镇新设党支部',
      type: '党支部',
      parentId: c.orgs.townA,
    });
    await db()
      .updateTable('org_unit')
      .set({ created_at: bj('2026-05-15T09:00:00') })
      .where('id', '=', late)
      .execute();
    await zzb.post('/api/org-life/recompute');
    const items = (await townA.get(`/api/org-life/compliance?orgId=${late}&year=2026`)).body.items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((i: any) => i.periodEnd < '2026-05-15')).toEqual([]);
    expect(items.find((i: any) => i.type === '主题党日')).toMatchObject({ period: '2026-05', required: 1 });
  });
});
