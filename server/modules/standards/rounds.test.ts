import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { type County, as, seedCounty } from '../../test/fixtures.ts';
import { type Client, type TestApp, createTestApp } from '../../test/harness.ts';
import { STANDARD_MANUAL } from './defaults.ts';
import { fullSheet, put } from './standards.test-support.ts';

let t: TestApp;
let c: County;
let zzb: Client, townA: Client, branchA1: Client;
let standardId: number;
let starsId: number;
const clock = new ManualClock('2026-12-01T02:00:00.000Z'); // Tue 2026-12-01 10:00 Shanghai

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
  townA = await as(t.app, 'town-a');
  branchA1 = await as(t.app, 'branch-a1');
  const manuals = (await zzb.get('/api/standards/manuals')).body.items;
  standardId = manuals.find((m: any) => m.scheme === '标准化').id;
  starsId = manuals.find((m: any) => m.scheme === '星级').id;
});
afterAll(() => t.close());

describe('a scoring round: 自评 → 初核 → 审定, grades, 公示, results', () => {
  let round: number;
  let entryA1: number;
  let entryA2: number;

  it('starts a round over the branches in scope with a fixed manual version', async () => {
    const r = await zzb.post('/api/standards/rounds', {
      manualId: standardId,
      year: 2026,
      name: '2026年度党支部标准化考评',
      orgIds: [c.orgs.a1, c.orgs.a2, c.orgs.b1],
      selfWeight: 40,
      superiorWeight: 60,
      selfDueDate: '2026-12-10',
      reviewDueDate: '2026-12-20',
      objectionDays: 5,
    });
    expect(r.status).toBe(201);
    round = r.body.id;
    const entries = await t.database.db.selectFrom('std_entry').selectAll().where('round_id', '=', round).execute();
    expect(entries.map((e) => e.status)).toEqual(['待自评', '待自评', '待自评']);
    entryA1 = entries.find((e) => e.org_id === c.orgs.a1)?.id ?? 0;
    entryA2 = entries.find((e) => e.org_id === c.orgs.a2)?.id ?? 0;
    const list = await townA.get('/api/standards/rounds');
    expect(list.body.items).toEqual([expect.objectContaining({ id: round, year: 2026, status: '评分中', entries: 2 })]);
    const bad = await zzb.post('/api/standards/rounds', {
      manualId: standardId,
      year: 2026,
      name: '权重错误',
      selfWeight: 50,
      superiorWeight: 60,
      selfDueDate: '2026-12-10',
      reviewDueDate: '2026-12-20',
      objectionDays: 5,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('权重之和须为 100');
  });

  it('editing the manual in use creates version 2; the round keeps version 1', async () => {
    const edited = structuredClone(STANDARD_MANUAL);
    edited.dimensions[0].items[0].criterion = '每月集中学习不少于 2 次';
    const r = await put(zzb, `/api/standards/manuals/${standardId}`, { ...edited, note: '年中调整学习频次' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 2, newVersion: true });
    expect(r.body.id).not.toBe(standardId);
    const v1 = await t.database.db
      .selectFrom('std_manual')
      .selectAll()
      .where('id', '=', standardId)
      .executeTakeFirstOrThrow();
    expect(v1.content_json).not.toContain('不少于 2 次');
    const rd = await zzb.get(`/api/standards/rounds/${round}`);
    expect(rd.body).toMatchObject({ manualId: standardId, manualVersion: 1 });
    const audits = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'standards.manual.version')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('auto-filled items show their figure; scores outside the bounds are refused', async () => {
    const s = await branchA1.get(`/api/standards/entries/${entryA1}`);
    const g2 = s.body.items.find((i: any) => i.code === 'G2');
    expect(g2.auto).toMatchObject({ key: 'rectifications.overdueCount', value: 0, points: 3 });
    // 书记 vacancy from the org tree's history: 甲镇东村 has had no secretary since it was created
    const b1 = s.body.items.find((i: any) => i.code === 'B1');
    expect(b1.auto).toMatchObject({
      key: 'orgs.secretaryVacancyMonths',
      value: 10,
      points: 1,
      link: `/orgs/${c.orgs.a1}`,
    });
    expect(b1.auto.detail).toContain('书记自 2026-01-01 起空缺');
    // 组织生活 items read the orglife figures: 甲镇东村 has recorded no meeting in 2026, so every
    // requirement period that has ended (Q1–Q3 党员大会/党课, Jan–Nov 主题党日) counts as missed
    const c1 = s.body.items.find((i: any) => i.code === 'C1');
    expect(c1.auto).toMatchObject({
      key: 'orglife.missingMeetings',
      value: 17,
      points: 0, // 8 − 17 × 2, floored at 0
      link: `/org-life?orgId=${c.orgs.a1}&year=2026`,
    });
    expect(c1.auto.detail).toMatch(/^缺 17 次:2026年第一季度支部党员大会、.* 等$/);
    // no meeting held → no attendance rate → the item is scored by hand (no auto points)
    const c2 = s.body.items.find((i: any) => i.code === 'C2');
    expect(c2.auto).toMatchObject({
      key: 'orglife.attendanceRate',
      value: null,
      points: null,
      detail: '期间内没有已召开的会议',
      link: `/org-life/meetings?orgId=${c.orgs.a1}`,
    });
    const e2 = s.body.items.find((i: any) => i.code === 'E2');
    expect(e2.auto).toMatchObject({
      key: 'orglife.longAbsentMembers',
      value: 0,
      points: 5,
      detail: '截至 2026-12-01 没有长期不参加组织生活的党员',
      link: `/org-life/absences?orgId=${c.orgs.a1}&minMonths=6`,
    });
    const over = await put(branchA1, `/api/standards/entries/${entryA1}/self`, { items: [{ code: 'A1', points: 6 }] });
    expect(over.status).toBe(400);
    expect(over.body.message).toBe('A1 理论学习:得分 6 超过分值 5');
    const under = await put(branchA1, `/api/standards/entries/${entryA1}/self`, {
      items: [{ code: 'A2', points: -1 }],
    });
    expect(under.status).toBe(400);
    expect(under.body.message).toContain('低于最低分 0');
    const level = await put(branchA1, `/api/standards/entries/${entryA1}/self`, { items: [{ code: 'A1', points: 4 }] });
    expect(level.body.message).toContain('须为某一等次的分值');
    const noReason = await put(branchA1, `/api/standards/entries/${entryA1}/self`, {
      items: [{ code: 'G2', points: 2 }],
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('自动计算为 3 分,改为 2 分须说明理由');
    const twice = await put(branchA1, `/api/standards/entries/${entryA1}/self`, {
      items: [
        { code: 'A2', points: 5 },
        { code: 'A2', points: 3 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toBe('A2 意识形态工作:同一项目填报了两次');
    expect(await t.database.db.selectFrom('std_score').selectAll().execute()).toEqual([]);
  });

  it('a branch cannot score another branch; a township cannot self-assess for a branch', async () => {
    const other = await put(branchA1, `/api/standards/entries/${entryA2}/self`, { items: [{ code: 'A1', points: 5 }] });
    expect(other.status).toBe(404);
    const town = await put(townA, `/api/standards/entries/${entryA1}/self`, { items: [{ code: 'A1', points: 5 }] });
    expect(town.status).toBe(403);
    expect(town.body.message).toBe('自评只能由支部本身填报');
  });

  it('refuses to submit without the required evidence, then submits; a submitted sheet is locked', async () => {
    const items = await fullSheet(branchA1, entryA1);
    const noEvidence = items.map((x: any) => (x.code === 'B2' ? { ...x, evidence: [] } : x));
    const r = await put(branchA1, `/api/standards/entries/${entryA1}/self`, { items: noEvidence, submit: true });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('B2 按期换届:缺少佐证材料(换届批复)');
    const overridden = items.map((x: any) =>
      x.code === 'G3' ? { ...x, points: 2, overrideReason: '一项任务延期经县委同意,按半项计' } : x,
    );
    const ok = await put(branchA1, `/api/standards/entries/${entryA1}/self`, { items: overridden, submit: true });
    expect(ok.status).toBe(200);
    const e = await t.database.db
      .selectFrom('std_entry')
      .selectAll()
      .where('id', '=', entryA1)
      .executeTakeFirstOrThrow();
    expect(e.status).toBe('待初核');
    // 100 base − B1 (1 of 5, 书记空缺) − C1 (0 of 8, 17 meetings missed) − G3 (overridden to 2 of 3)
    expect(e.self_score).toBe(100 - 4 - 8 - 1);
    const ov = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'standards.score.override')
      .executeTakeFirstOrThrow();
    expect(ov.after_json).toContain('一项任务延期');
    const again = await put(branchA1, `/api/standards/entries/${entryA1}/self`, { items: [{ code: 'A1', points: 5 }] });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('自评已提交,不能修改');
  });

  it('the township reviews side by side and returns one item with a reason', async () => {
    const noReason = await townA.post(`/api/standards/entries/${entryA1}/review`, { items: [], returnCodes: ['F1'] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toBe('退回须说明理由');
    const notLevel = await townA.post(`/api/standards/entries/${entryA1}/review`, {
      items: [{ code: 'A1', points: 4, comment: '学习记录不全' }],
    });
    expect(notLevel.status).toBe(400);
    expect(notLevel.body.message).toContain('须为某一等次的分值(好5/较好3.8/一般2.5/差0)');
    const ok = await townA.post(`/api/standards/entries/${entryA1}/review`, {
      items: [],
      returnCodes: ['F1'],
      returnReason: '阵地照片不清晰,请重新上传',
    });
    expect(ok.status).toBe(200);
    const s = await branchA1.get(`/api/standards/entries/${entryA1}`);
    expect(s.body.entry).toMatchObject({ status: '已退回', returnReason: '阵地照片不清晰,请重新上传' });
    expect(s.body.items.find((i: any) => i.code === 'F1').returned).toBe(true);
    const notReturned = await put(branchA1, `/api/standards/entries/${entryA1}/self`, {
      items: [{ code: 'A1', points: 5 }],
    });
    expect(notReturned.body.message).toBe('A1 理论学习:未被退回的项目不能修改');
    const fixed = await put(branchA1, `/api/standards/entries/${entryA1}/self`, {
      items: [{ code: 'F1', points: 3, evidence: [{ type: '照片', note: '重新拍摄的阵地照片' }] }],
      submit: true,
    });
    expect(fixed.status).toBe(200);
    const pass = await townA.post(`/api/standards/entries/${entryA1}/review`, {
      items: [
        { code: 'A1', points: 3.8, comment: '学习记录不全' },
        { code: 'F1', points: 2, comment: '誓词未上墙' },
      ],
    });
    expect(pass.status).toBe(200);
    const e = await t.database.db
      .selectFrom('std_entry')
      .selectAll()
      .where('id', '=', entryA1)
      .executeTakeFirstOrThrow();
    // self: 87 − F1 (3 of 4 after the return); superior: that − A1 (5→3.8) − F1 (3→2)
    expect(e).toMatchObject({ status: '待审定', self_score: 86, superior_score: 83.8 });
    const s2 = await townA.get(`/api/standards/entries/${entryA1}`);
    expect(s2.body.items.find((i: any) => i.code === 'A1')).toMatchObject({
      selfPoints: 5,
      superiorPoints: 3.8,
      superiorComment: '学习记录不全',
    });
  });

  it('a superior never approves its own branch; 组织部 审定 combines 40/60', async () => {
    const own = await branchA1.post(`/api/standards/entries/${entryA1}/review`, { items: [] });
    expect(own.status).toBe(403);
    expect(own.body.message).toBe('不能审核本支部自己的评分');
    const townApprove = await townA.post(`/api/standards/entries/${entryA1}/approve`, {});
    expect(townApprove.status).toBe(403);
    const ok = await zzb.post(`/api/standards/entries/${entryA1}/approve`, {});
    expect(ok.status).toBe(200);
    const e = await t.database.db
      .selectFrom('std_entry')
      .selectAll()
      .where('id', '=', entryA1)
      .executeTakeFirstOrThrow();
    expect(e).toMatchObject({ status: '已审定', total: 84.7, vetoed: 0 }); // 0.4 × 86 + 0.6 × 83.8 = 84.68
  });

  it('grading waits for every entry, then ranks and grades; results have the acceptance shape', async () => {
    const early = await zzb.post(`/api/standards/rounds/${round}/grade`, {});
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('未审定');
    // the other two branches: scored by their township on their behalf is refused, so set up directly
    for (const [id, pts] of [
      [entryA2, 60],
      [
        (
          await t.database.db
            .selectFrom('std_entry')
            .select('id')
            .where('org_id', '=', c.orgs.b1)
            .executeTakeFirstOrThrow()
        ).id,
        84.7, // ties with 甲镇东村
      ],
    ] as const)
      await t.database.db
        .updateTable('std_entry')
        .set({ status: '已审定', self_score: pts, superior_score: pts, total: pts })
        .where('id', '=', id)
        .execute();
    const r = await zzb.post(`/api/standards/rounds/${round}/grade`, {});
    expect(r.status).toBe(200);
    expect(r.body.graded).toBe(3);
    const res = await zzb.get(`/api/standards/rounds/${round}/results`);
    expect(res.body.items.map((x: any) => [x.orgId, x.total, x.grade, x.rank])).toEqual([
      [c.orgs.a1, 84.7, '中间', 1],
      [c.orgs.b1, 84.7, '中间', 1],
      [c.orgs.a2, 60, '后进', 3],
    ]);
    for (const x of res.body.items)
      expect(Object.keys(x)).toEqual(expect.arrayContaining(['orgId', 'selfScore', 'superiorScore', 'total', 'grade']));
    // the township sees its own branches only, and no grades before 公示
    const mine = await townA.get(`/api/standards/rounds/${round}/results`);
    expect(mine.body.items.map((x: any) => [x.orgId, x.grade])).toEqual([
      [c.orgs.a1, null],
      [c.orgs.a2, null],
    ]);
  });

  it('公示: objection window in working days, an objection answered with a change, published after', async () => {
    // A window that would have started yesterday is refused, and the round stays as it was.
    const past = await zzb.post(`/api/standards/rounds/${round}/publicity`, { startDate: '2026-11-30' });
    expect([past.status, past.body.message]).toEqual([409, '公示开始日期不能早于今天']);
    expect((await zzb.get(`/api/standards/rounds/${round}`)).body.status).toBe('评分中');
    const r = await zzb.post(`/api/standards/rounds/${round}/publicity`, {});
    expect(r.status).toBe(200);
    const rd = await zzb.get(`/api/standards/rounds/${round}`);
    expect(rd.body).toMatchObject({
      status: '公示中',
      publicityStartDate: '2026-12-01',
      publicityEndDate: '2026-12-07',
    });
    const o = await branchA1.post(`/api/standards/rounds/${round}/objections`, {
      orgId: c.orgs.a2,
      text: '西村党员大会记录缺失,得分偏高',
    });
    expect(o.status).toBe(404); // a branch objects only about what it can see
    const o2 = await townA.post(`/api/standards/rounds/${round}/objections`, {
      orgId: c.orgs.a2,
      text: '西村组织生活会已于11月召开,应予更正',
    });
    expect(o2.status).toBe(201);
    const early = await zzb.post(`/api/standards/rounds/${round}/publish`, {});
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('2026-12-07');
    const ans = await zzb.post(`/api/standards/rounds/${round}/objections/${o2.body.id}/answer`, {
      answer: '经核实属实,更正总分',
      newTotal: 72,
      newGrade: '中间',
    });
    expect(ans.status).toBe(200);
    const change = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'standards.objection.change')
      .executeTakeFirstOrThrow();
    expect(change.before_json).toContain('后进');
    expect(change.after_json).toContain('中间');
    clock.set('2026-12-08T02:00:00.000Z');
    // a week later: sessions have idled out
    zzb = await as(t.app, 'zzb');
    townA = await as(t.app, 'town-a');
    branchA1 = await as(t.app, 'branch-a1');
    const late = await townA.post(`/api/standards/rounds/${round}/objections`, { orgId: c.orgs.a1, text: '逾期异议' });
    expect(late.status).toBe(409);
    const pub = await zzb.post(`/api/standards/rounds/${round}/publish`, {});
    expect(pub.status).toBe(200);
    const list = await zzb.get('/api/standards/rounds');
    expect(list.body.items[0]).toMatchObject({ id: round, year: 2026, status: '已发布' });
    const mine = await townA.get(`/api/standards/rounds/${round}/results`);
    expect(mine.body.items.find((x: any) => x.orgId === c.orgs.a2)).toMatchObject({ total: 72, grade: '中间' });
  });

  it('an enforced quota refuses a direct grade beyond it', async () => {
    const r = await zzb.post('/api/standards/rounds', {
      manualId: starsId,
      year: 2026,
      name: '2026年度五星创评',
      orgIds: [c.orgs.a1, c.orgs.a2],
      selfWeight: 0,
      superiorWeight: 100,
      selfDueDate: '2026-12-20',
      reviewDueDate: '2026-12-30',
      objectionDays: 5,
    });
    const entries = await t.database.db
      .selectFrom('std_entry')
      .selectAll()
      .where('round_id', '=', r.body.id)
      .orderBy('id')
      .execute();
    const first = await zzb.post(`/api/standards/entries/${entries[0].id}/direct-grade`, {
      grade: '五星',
      reason: '2026年获市级先进基层党组织',
    });
    expect(first.status).toBe(200);
    const second = await zzb.post(`/api/standards/entries/${entries[1].id}/direct-grade`, {
      grade: '五星',
      reason: '获县级表彰',
    });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain('已达指导比例 10%');
    const e2 = await t.database.db
      .selectFrom('std_entry')
      .selectAll()
      .where('id', '=', entries[1].id)
      .executeTakeFirstOrThrow();
    expect(e2.direct_grade).toBeNull();
  });
});
