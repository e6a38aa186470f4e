/**
 * 民主评议党员 over HTTP: 自评 by the member, grades with 优秀 ≤ 1/3 of the graded, 预备党员 not
 * graded, eligibility checks (switchable; another module can add one), 不合格 into the
 * rectification ledger at the end. Every refusal leaves the grades as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { APPRAISAL_CHECKS } from './appraisal-checks.ts';
import { bj, growBranch } from './test-helpers.ts';

let t: TestApp;
let c: County;
let branch: Client, member: Client, zzb: Client;
let ids: number[];
let id: number;
const db = () => t.database.db;
const grades = async () =>
  (
    await db()
      .selectFrom('appraisal_entry')
      .select(['member_id', 'grade'])
      .where('appraisal_id', '=', id)
      .orderBy('member_id')
      .execute()
  ).map((r) => r.grade);

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(bj('2026-12-10T10:00:00')) });
  c = await seedCounty(t.database.db);
  // 2 + 8 members, the last two 预备党员: 8 graded, so at most 2 优秀.
  ids = await growBranch(db(), c.orgs.a1, 8, 900, 2);
  branch = await as(t.app, 'branch-a1');
  member = await as(t.app, 'member-a');
  zzb = await as(t.app, 'zzb');
});
afterAll(() => t.close());

describe('民主评议党员', () => {
  it('opens once per branch and year with every member; 预备党员 are not graded', async () => {
    const r = await branch.post('/api/org-life/appraisals', { orgId: c.orgs.a1, year: 2026 });
    expect(r.status).toBe(201);
    id = r.body.id;
    expect((await branch.post('/api/org-life/appraisals', { orgId: c.orgs.a1, year: 2026 })).status).toBe(409);
    expect((await branch.post('/api/org-life/appraisals', { orgId: c.orgs.a1, year: 2020 })).status).toBe(400);
    const d = await branch.get(`/api/org-life/appraisals/${id}`);
    expect(d.body).toMatchObject({ members: 10, graded: 8, excellentCap: 2, status: '进行中' });
    expect(
      d.body.entries
        .filter((e: any) => !e.graded)
        .map((e: any) => e.memberId)
        .sort(),
    ).toEqual([ids[6], ids[7]].sort());
  });

  it('a member writes their own 自评', async () => {
    expect(
      (
        await member.request('PUT', `/api/org-life/appraisals/${id}/self`, {
          selfText: '全年按时参加组织生活,带头完成村里的工作。',
        })
      ).status,
    ).toBe(200);
    const e = await db()
      .selectFrom('appraisal_entry')
      .selectAll()
      .where('appraisal_id', '=', id)
      .where('member_id', '=', c.members.mA1)
      .executeTakeFirstOrThrow();
    expect(e.self_text).toContain('按时参加');
    expect(e.self_at).toBe(bj('2026-12-10T10:00:00'));
  });

  it('refuses 优秀 over 1/3, grades for 预备党员, 不合格 without a reason — and changes nothing', async () => {
    const before = await grades();
    const over = await branch.request('PUT', `/api/org-life/appraisals/${id}/grades`, {
      grades: [c.members.mA1, c.members.mA2, ids[0]].map((memberId) => ({ memberId, grade: '优秀' })),
    });
    expect(over.status).toBe(400);
    expect(over.body.code).toBe('EXCELLENT_OVER_CAP');
    expect(over.body.message).toContain('1/3');
    expect(over.body.message).toContain('优秀至多 2 人');
    const prob = await branch.request('PUT', `/api/org-life/appraisals/${id}/grades`, {
      grades: [{ memberId: ids[6], grade: '合格' }],
    });
    expect(prob.status).toBe(400);
    expect(prob.body.message).toContain('是预备党员,参加民主评议但不评定等次');
    const bad = await branch.request('PUT', `/api/org-life/appraisals/${id}/grades`, {
      grades: [{ memberId: ids[1], grade: '不合格' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('须写明理由');
    expect(await grades()).toEqual(before);
  });

  it('an eligibility check caps the grade; the 组织部 can switch it off', async () => {
    expect(APPRAISAL_CHECKS.map((x) => x.key)).toContain('orglife.longAbsence');
    await db()
      .insertInto('orglife_absence')
      .values({
        member_id: ids[0],
        org_id: c.orgs.a1,
        months: 7,
        since_month: '2026-05',
        last_attended_date: '2026-04-05',
        computed_at: bj('2026-12-10T10:00:00'),
      })
      .execute();
    const d = await branch.get(`/api/org-life/appraisals/${id}`);
    expect(d.body.entries.find((e: any) => e.memberId === ids[0]).blocked).toEqual([
      expect.objectContaining({
        key: 'orglife.longAbsence',
        capGrade: '基本合格',
        reason: '自 2026-05 起连续 7 个月未参加组织生活',
      }),
    ]);
    const r = await branch.request('PUT', `/api/org-life/appraisals/${id}/grades`, {
      grades: [{ memberId: ids[0], grade: '合格' }],
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('GRADE_NOT_ELIGIBLE');
    expect(r.body.message).toContain('最高为基本合格');
    expect(
      (await branch.request('PUT', '/api/org-life/appraisal-checks', { enabled: { 'orglife.longAbsence': false } }))
        .status,
    ).toBe(403);
    expect(
      (await zzb.request('PUT', '/api/org-life/appraisal-checks', { enabled: { 'x.unknown': true } })).status,
    ).toBe(400);
    const off = await zzb.request('PUT', '/api/org-life/appraisal-checks', {
      enabled: { 'orglife.longAbsence': false },
    });
    expect(off.status).toBe(200);
    expect(off.body.items[0].enabled).toBe(false);
    expect(
      (
        await branch.request('PUT', `/api/org-life/appraisals/${id}/grades`, {
          grades: [{ memberId: ids[0], grade: '合格' }],
        })
      ).status,
    ).toBe(200);
    await zzb.request('PUT', '/api/org-life/appraisal-checks', { enabled: { 'orglife.longAbsence': true } });
  });

  it('finalizing needs every grade; each 不合格 becomes a rectification item', async () => {
    const missing = await branch.post(`/api/org-life/appraisals/${id}/finalize`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('未评定等次');
    const all = [
      { memberId: c.members.mA1, grade: '优秀' },
      { memberId: c.members.mA2, grade: '优秀' },
      { memberId: ids[0], grade: '基本合格' },
      { memberId: ids[1], grade: '不合格', note: '无正当理由长期不交纳党费' },
      ...[ids[2], ids[3], ids[4], ids[5]].map((memberId) => ({ memberId, grade: '合格' })),
    ];
    expect((await branch.request('PUT', `/api/org-life/appraisals/${id}/grades`, { grades: all })).status).toBe(200);
    const r = await branch.post(`/api/org-life/appraisals/${id}/finalize`, {});
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, rectificationItems: 1 });
    const item = await db().selectFrom('rectification_item').selectAll().executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      org_id: c.orgs.a1,
      issuer_org_id: c.orgs.townA,
      source: '民主评议',
      status: '整改中',
      source_ref: `appraisal:${id}:${ids[1]}`,
    });
    expect(item.problem).toContain('不合格');
    const e = await db()
      .selectFrom('appraisal_entry')
      .select('rect_item_id')
      .where('appraisal_id', '=', id)
      .where('member_id', '=', ids[1])
      .executeTakeFirstOrThrow();
    expect(e.rect_item_id).toBe(item.id);
    expect(
      (
        await branch.request('PUT', `/api/org-life/appraisals/${id}/grades`, {
          grades: [{ memberId: ids[2], grade: '优秀' }],
        })
      ).status,
    ).toBe(409);
    const list = await branch.get('/api/org-life/appraisals?year=2026');
    expect(list.body.items[0]).toMatchObject({ status: '已完成', excellent: 2, selfDone: 1 });
  });
});
