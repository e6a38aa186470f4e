import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { newWindow, publicPost, rate } from './test-helpers.ts';

// Monday 2026-03-02, 10:00 in Beijing.
const clock = new ManualClock('2026-03-02T02:00:00Z');
let t: TestApp;
let c: County;
let townA: Client, townB: Client, dcs: Client, member: Client;
let win: { id: number; code: string };
const db = () => t.database.db;
const caseRow = (id: number) =>
  db().selectFrom('rating_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  [townA, townB, dcs, member] = await Promise.all(['town-a', 'town-b', 'dcs', 'member-a'].map((u) => as(t.app, u)));
  win = await newWindow(townA, c.orgs.townA, '甲镇便民服务中心综合窗口');
});
afterAll(() => t.close());

describe('windows', () => {
  it('a unit creates windows in its subtree only; the list has the acceptance shape', async () => {
    expect(win.code).toMatch(/^[A-Z2-9]{6}$/);
    const list = await townA.get('/api/windows');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      id: win.id,
      code: win.code,
      name: '甲镇便民服务中心综合窗口',
      orgId: c.orgs.townA,
    });
    const bad: [unknown, RegExp, number][] = [
      [{ orgId: c.orgs.townB, name: '越权窗口', kind: '窗口' }, /不存在或无权访问/, 404],
      [{ orgId: c.orgs.townA, name: '', kind: '窗口' }, /窗口名称/, 400],
      [{ orgId: c.orgs.townA, name: '某窗口', kind: '柜台' }, /类型/, 400],
      [{ orgId: c.orgs.townA, name: '某窗口', kind: '窗口', extra: 1 }, /extra|不允许|未知/, 400],
    ];
    for (const [b, m, s] of bad) {
      const r = await townA.post('/api/windows', b);
      expect(r.status).toBe(s);
      expect(r.body.message).toMatch(m);
    }
    expect(await db().selectFrom('service_window').select('id').execute()).toHaveLength(1);
    expect((await member.get('/api/windows')).status).toBe(403);
    expect((await townB.get(`/api/windows/${win.id}`)).status).toBe(404);
  });

  it('items are replaced by name (removed ones deactivated, kept for old ratings); the change is audited', async () => {
    const r = await townA.patch(`/api/windows/${win.id}`, { items: ['户籍办理', '居住证办理'] });
    expect(r.status).toBe(200);
    const items = await db()
      .selectFrom('service_item')
      .select(['name', 'active'])
      .where('window_id', '=', win.id)
      .orderBy('id')
      .execute();
    expect(items).toEqual([
      { name: '户籍办理', active: 1 },
      { name: '社保卡申领', active: 0 },
      { name: '居住证办理', active: 1 },
    ]);
    const audit = await db().selectFrom('audit_log').select('action').where('entity', '=', 'service_window').execute();
    expect(audit.map((a) => a.action)).toEqual(['window.create', 'window.update']);
  });

  it('the poster carries the QR code (SVG rendered offline), the short code and the five levels', async () => {
    const p = await townA.get(`/api/windows/${win.id}/poster`);
    expect(p.status).toBe(200);
    expect(p.body.code).toBe(win.code);
    expect(p.body.url).toMatch(new RegExp(`/r/${win.code}$`));
    expect(p.body.levels).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    const svg = Buffer.from(p.body.qrSvg.split(',')[1], 'base64').toString();
    expect(svg).toMatch(/^<svg/);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('the public page shows the window and the current 评价内容, nothing personal; an unknown code is 404', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/public/windows/${win.code.toLowerCase()}` });
    expect(r.statusCode).toBe(200);
    const b = r.json();
    expect(b).toMatchObject({
      code: win.code,
      orgName: '甲镇党委',
      content: { version: 1, questions: ['服务效率', '服务水平', '服务态度'] },
    });
    expect(b.items.map((i: any) => i.name)).toEqual(['户籍办理', '居住证办理']);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/windows/NOPE99' })).statusCode).toBe(404);
  });
});

describe('a 差评 case from rating to close', () => {
  let caseId: number;
  let followUp: string;

  it('非常不满意 with a phone opens a case due in 5 working days; the phone is kept only on the case', async () => {
    const r = await rate(t.app, {
      windowCode: win.code,
      level: '非常不满意',
      comment: '让我跑了三趟,态度很差',
      phone: '13912345678',
    });
    expect(r.status).toBe(201);
    expect(r.body.dueDate).toBe('2026-03-09');
    followUp = r.body.followUpCode;
    expect(followUp).toMatch(/^[A-Z2-9]{8}$/);
    const rating = await db().selectFrom('rating').selectAll().where('id', '=', r.body.id).executeTakeFirstOrThrow();
    expect(rating).toMatchObject({
      level: 1,
      phone_masked: '139****5678',
      verified: 0,
      suspect: 0,
      rated_date: '2026-03-02',
    });
    const cs = await db()
      .selectFrom('rating_case')
      .selectAll()
      .where('rating_id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    caseId = cs.id;
    expect(cs).toMatchObject({
      status: '待核实',
      due_date: '2026-03-09',
      contact_phone: '13912345678',
      org_id: c.orgs.townA,
    });
    expect(cs.rerate_hash).not.toContain(followUp);
    const list = await townA.get('/api/rating-cases?status=待核实');
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      id: caseId,
      windowId: win.id,
      dueDate: '2026-03-09',
      status: '待核实',
      light: 'green',
      phoneMasked: '139****5678',
    });
    expect(JSON.stringify(list.body)).not.toContain('13912345678');
    expect(JSON.stringify((await townA.get(`/api/rating-cases/${caseId}`)).body)).not.toContain('13912345678');
    const n = await db().selectFrom('notification').selectAll().where('kind', '=', 'rating_case').execute();
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ org_id: c.orgs.townA, link: `/rating-cases/${caseId}` });
  });

  it('a unit cannot close a case before the 回访, nor skip steps; nothing changes', async () => {
    const before = await caseRow(caseId);
    for (const [url, body] of [
      [`/api/rating-cases/${caseId}/close`, {}],
      [`/api/rating-cases/${caseId}/resolve`, { resolution: '解释说明', note: '已解释' }],
      [`/api/rating-cases/${caseId}/callback`, { reached: true, words: '未核实先回访' }],
    ] as const) {
      const r = await townA.post(url, body);
      expect(r.status).toBe(409);
      expect(r.body.message).toMatch(/不能/);
    }
    expect(await caseRow(caseId)).toEqual(before);
    expect(
      (await townA.post(`/api/rating-cases/${caseId}/verify`, { note: '经查属实,窗口人员解释不清' })).body.status,
    ).toBe('待回访');
    const closing = await townA.post(`/api/rating-cases/${caseId}/close`, {});
    expect(closing.status).toBe(409);
    expect(closing.body.code).toBe('CALLBACK_REQUIRED');
    expect(closing.body.message).toContain('尚未回访');
    expect((await caseRow(caseId)).status).toBe('待回访');
  });

  it('the unit reveals the phone for the call (audited), records the 回访 and the 整改 in the ledger', async () => {
    expect((await townB.get(`/api/rating-cases/${caseId}/phone`)).status).toBe(404);
    expect((await dcs.get(`/api/rating-cases/${caseId}/phone`)).status).toBe(403);
    const ph = await townA.get(`/api/rating-cases/${caseId}/phone`);
    expect(ph.body.phone).toBe('13912345678');
    expect(
      await db().selectFrom('audit_log').select('id').where('action', '=', 'rating_case.phone_reveal').execute(),
    ).toHaveLength(1);
    clock.advance(20 * 60_000);
    const cb = await townA.post(`/api/rating-cases/${caseId}/callback`, {
      reached: true,
      words: '群众反映材料清单不清楚,要求一次告知',
    });
    expect(cb.body.status).toBe('待处置');
    const res = await townA.post(`/api/rating-cases/${caseId}/resolve`, {
      resolution: '整改',
      note: '制作一次性告知单,窗口人员培训',
      owner: '窗口负责人',
      deadlineDate: '2026-03-06',
    });
    expect(res.body.status).toBe('待复评');
    const cs = await caseRow(caseId);
    expect(cs.callback_done).toBe(1);
    expect(cs.first_response_at).toBe('2026-03-02T02:00:00.000Z');
    const item = await db()
      .selectFrom('rectification_item')
      .selectAll()
      .where('id', '=', cs.rectification_id!)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      source: '好差评',
      org_id: c.orgs.townA,
      issuer_org_id: c.orgs.county,
      deadline_date: '2026-03-06',
      source_ref: `rating_case:${caseId}`,
    });
    const steps = await db()
      .selectFrom('rating_case_step')
      .select(['step', 'reached'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    expect(steps.map((s) => s.step)).toEqual(['立案', '核实', '回访', '整改']);
    expect(steps[2].reached).toBe(1);
  });

  it('the citizen sees the result by 复评码 and re-rates once; the case closes; a second use is refused', async () => {
    const f = await t.app.inject({ method: 'GET', url: `/api/public/followups/${followUp.toLowerCase()}` });
    expect(f.json()).toMatchObject({ status: '待复评', resolution: '整改', canRerate: true, orgName: '甲镇党委' });
    expect(f.body).not.toContain('139');
    const r = await publicPost(t.app, '/api/public/rerate', { code: followUp, level: '满意', comment: '改进了' });
    expect(r.status).toBe(200);
    expect(await caseRow(caseId)).toMatchObject({ status: '已办结', rerate_level: 4, closed_date: '2026-03-02' });
    const again = await publicPost(t.app, '/api/public/rerate', { code: followUp, level: '非常满意' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已经使用过');
    expect((await caseRow(caseId)).rerate_level).toBe(4);
    expect((await publicPost(t.app, '/api/public/rerate', { code: 'ZZZZZZZZ', level: '满意' })).status).toBe(404);
  });

  it('every change to the case is in the audit chain', async () => {
    const a = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'rating_case')
      .where('entity_id', '=', String(caseId))
      .orderBy('seq')
      .execute();
    expect(a.map((x) => x.action)).toEqual([
      'rating_case.open',
      'rating_case.核实',
      'rating_case.phone_reveal',
      'rating_case.回访',
      'rating_case.整改',
      'rating_case.rerate',
    ]);
  });
});

describe('申诉复核', () => {
  it('an appeal within the deadline goes to a supervisor; rejected, the case continues; the unit cannot decide', async () => {
    const r = await rate(t.app, { windowCode: win.code, level: '不满意', comment: '排队太久' });
    const cs = await db()
      .selectFrom('rating_case')
      .select('id')
      .where('rating_id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    expect(
      (await townA.post(`/api/rating-cases/${cs.id}/appeal`, { reason: '当日系统故障,非窗口原因' })).body.status,
    ).toBe('申诉中');
    expect(
      (await townA.post(`/api/rating-cases/${cs.id}/appeal-decision`, { upheld: true, opinion: '自己批准' })).status,
    ).toBe(403);
    const d = await dcs.post(`/api/rating-cases/${cs.id}/appeal-decision`, {
      upheld: false,
      opinion: '排队时长与系统故障无关,申诉不成立',
    });
    expect(d.body.status).toBe('待核实');
    expect(await caseRow(cs.id)).toMatchObject({ appeal_upheld: 0, status: '待核实' });
    expect(
      (await db().selectFrom('rating').select('excluded').where('id', '=', r.body.id).executeTakeFirstOrThrow())
        .excluded,
    ).toBe(0);
    const twice = await townA.post(`/api/rating-cases/${cs.id}/appeal`, { reason: '再次申诉' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已申诉过');
  });

  it('an upheld appeal keeps the rating but excludes it from statistics; an appeal after the deadline is refused', async () => {
    const r = await rate(t.app, { windowCode: win.code, level: '非常不满意', comment: '骂人的话' }, '198.51.100.1');
    const cs = await db()
      .selectFrom('rating_case')
      .select('id')
      .where('rating_id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    await townA.post(`/api/rating-cases/${cs.id}/appeal`, { reason: '恶意差评,当日未办理任何业务' });
    expect(
      (await dcs.post(`/api/rating-cases/${cs.id}/appeal-decision`, { upheld: true, opinion: '经查监控,申诉成立' }))
        .body.status,
    ).toBe('申诉成立');
    expect(
      await db().selectFrom('rating').select(['excluded']).where('id', '=', r.body.id).executeTakeFirstOrThrow(),
    ).toEqual({ excluded: 1 });
    const stats = await dcs.get('/api/windows/stats?month=2026-03');
    const row = stats.body.rows.find((x: any) => x.key === win.id);
    expect(row).toMatchObject({ ratings: 2, badCount: 2, excluded: 1 });

    const late = await rate(t.app, { windowCode: win.code, level: '不满意' }, '198.51.100.2');
    const lc = await db()
      .selectFrom('rating_case')
      .select('id')
      .where('rating_id', '=', late.body.id)
      .executeTakeFirstOrThrow();
    clock.set('2026-03-06T02:00:00Z'); // Friday: 4 working days later, the limit is 3
    [townA] = await Promise.all([as(t.app, 'town-a')]);
    const a = await townA.post(`/api/rating-cases/${lc.id}/appeal`, { reason: '迟到的申诉' });
    expect(a.status).toBe(409);
    expect(a.body.code).toBe('APPEAL_LATE');
    expect(a.body.message).toContain('2026-03-05');
    expect((await caseRow(lc.id)).status).toBe('待核实');
  });

  it('overdue cases turn red and are notified once', async () => {
    clock.set('2026-03-10T02:00:00Z');
    [townA, dcs] = await Promise.all([as(t.app, 'town-a'), as(t.app, 'dcs')]);
    const red = await dcs.get('/api/rating-cases?light=red');
    expect(red.body.total).toBe(2);
    expect(red.body.lights.red).toBe(2);
    const run = await dcs.post('/api/windows/jobs/run');
    expect(run.body.overdueNotified).toBe(2);
    expect((await dcs.post('/api/windows/jobs/run')).body.overdueNotified).toBe(0);
  });
});
