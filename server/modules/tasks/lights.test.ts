import http from 'node:http';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { advanceDays, publish, xlsxRows } from './tasks.test-support.ts';
import { claimLock } from '../../lib/jobs.ts';
import { tick } from './reminders.ts';
import { recomputeAll } from './lights.ts';
import { LEDGER_HEADERS } from './ledger.service.ts';

// Monday 2026-11-02, 09:00 Shanghai.
const clock = new ManualClock('2026-11-02T01:00:00Z');
const hooks: any[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    hooks.push(JSON.parse(body));
    res.end('ok');
  });
});
let t: TestApp;
let c: County;
let admin: Client, dcs: Client, townA: Client, townB: Client;
let clients: Record<string, Client>;
let onTime: number, late: number, neverAccepted: number, weekly: number;
const light = async (id: number) => (await dcs.get(`/api/tasks/${id}`)).body;
const next = (days: number) => advanceDays(clock, days, clients);
const notes = () => t.database.db.selectFrom('notification').selectAll().orderBy('id').execute();

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  t = await createTestApp({
    clock,
    env: { LUOSHI_WEBHOOK_URL: `http://127.0.0.1:${(server.address() as any).port}/hook` },
  });
  c = await seedCounty(t.database.db);
  [admin, dcs, townA, townB] = await Promise.all(['admin', 'dcs', 'town-a', 'town-b'].map((u) => as(t.app, u)));
  clients = { admin, dcs, 'town-a': townA, 'town-b': townB };
  const p = await publish(dcs, '2026-11-02', [
    { leadOrgId: c.orgs.townA, dueDate: '2026-11-27', text: '按时推进的任务' },
    { leadOrgId: c.orgs.townA, dueDate: '2026-11-13', text: '会逾期的任务' },
    { leadOrgId: c.orgs.townB, dueDate: '2026-12-31', text: '迟迟不签收的任务' },
    { leadOrgId: c.orgs.townB, dueDate: null, text: '每周报送的长期任务' },
  ]);
  [onTime, late, neverAccepted, weekly] = p.taskIds;
  await dcs.patch(`/api/tasks/${weekly}`, { reportCycle: 'weekly' });
  for (const id of [onTime, late]) await townA.post(`/api/tasks/${id}/accept`);
  await townB.post(`/api/tasks/${weekly}/accept`);
});
afterAll(async () => {
  await t.close();
  server.close();
});

describe('traffic lights follow the clock (working days)', () => {
  it('all green on the day of dispatch', async () => {
    const r = await dcs.get('/api/tasks?page=1&pageSize=50');
    expect(r.body.items.map((i: any) => i.light)).toEqual(['green', 'green', 'green', 'green']);
    expect((await dcs.get('/api/dashboard')).body.lights).toEqual({ green: 4, yellow: 0, red: 0 });
  });

  it('not accepted after 2 working days → red (签收超时); the weekend does not count', async () => {
    await next(2); // Wed 11-04: 2 working days
    expect((await light(neverAccepted)).light).toBe('green');
    await next(1); // Thu 11-05: 3
    const r = await light(neverAccepted);
    expect(r.light).toBe('red');
    expect(r.lightReasons[0]).toContain('签收超时');
    const red = await dcs.get('/api/tasks?light=red');
    expect(red.body.items.map((i: any) => i.id)).toEqual([neverAccepted]);
  });

  it('progress reports keep a task green; a lagging one turns yellow, then the deadline passes → red', async () => {
    await townA.post(`/api/tasks/${onTime}/reports`, { text: '进展顺利', percent: 40 });
    await townA.post(`/api/tasks/${late}/reports`, { text: '开始排查', percent: 20 });
    await next(4); // Mon 11-09: 'late' has 4 working days left, 5 of 9 elapsed (56%) with 20% progress
    expect((await light(onTime)).light).toBe('green');
    const y = await light(late);
    expect(y.light).toBe('yellow');
    await next(3); // Thu 11-12: 1 working day left, 89% of the time gone at 20% → red
    expect((await light(late)).light).toBe('red');
    await townA.post(`/api/tasks/${late}/reports`, { text: '抓紧推进', percent: 90 });
    expect((await light(late)).light).toBe('yellow');
    await next(4); // Mon 11-16: overdue by 1 working day
    const r = await light(late);
    expect(r).toMatchObject({ light: 'red', overdue: true });
    expect(r.lightReasons[0]).toBe('已逾期 1 个工作日');
    const overdue = await dcs.get('/api/tasks?overdue=true');
    expect(overdue.body.items.map((i: any) => i.id)).toEqual([late]);
  });

  it('weekly reporting: late → yellow, long late → red (反馈超时)', async () => {
    // accepted 11-02, no report: 10 working days by 11-16 → 5 late → yellow
    expect((await light(weekly)).light).toBe('yellow');
    await next(1);
    const r = await light(weekly);
    expect(r.light).toBe('red');
    expect(r.lightReasons[0]).toContain('反馈超时');
    await townB.post(`/api/tasks/${weekly}/reports`, { text: '本周情况', percent: 10 });
    expect((await light(weekly)).light).toBe('green');
  });

  it('工作台: counts by light and a ranking of units by overdue tasks', async () => {
    const d = (await dcs.get('/api/dashboard')).body;
    expect(d.lights).toEqual({ green: 2, yellow: 0, red: 2 });
    expect(d.overdue).toBe(1);
    expect(d.ranking).toEqual([{ orgId: c.orgs.townA, orgName: '甲镇党委', overdue: 1 }]);
    const b = (await townB.get('/api/dashboard')).body;
    expect(b.lights).toEqual({ green: 1, yellow: 0, red: 1 });
    expect(b.ranking).toEqual([]);
    expect((await townB.get(`/api/dashboard?orgId=${c.orgs.townA}`)).status).toBe(404);
  });
});

describe('calendar and thresholds in settings', () => {
  it('only the administrator edits; bad lists are refused in Chinese', async () => {
    expect((await dcs.request('PUT', '/api/settings/calendar/2026', { holidays: [], workdays: [] })).status).toBe(403);
    const bad = await admin.request('PUT', '/api/settings/calendar/2026', {
      holidays: ['2026-11-18'],
      workdays: ['2026-11-19'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'CALENDAR_INVALID',
      message: '调休上班日「2026-11-19」不是周末(工作日本来就上班)',
    });
    expect((await admin.get('/api/settings/calendar/2026')).body).toMatchObject({ holidays: [], workdays: [] });
  });

  it('a holiday changes the working-day count at once', async () => {
    // Tue 11-17; 'late' is overdue by 2 working days; declare 11-16 and 11-17 holidays → still overdue (calendar days) but 1 working day
    expect((await light(late)).lightReasons[0]).toBe('已逾期 2 个工作日');
    const r = await admin.request('PUT', '/api/settings/calendar/2026', {
      holidays: ['2026-11-16', '2026-11-17'],
      workdays: ['2026-11-14'],
    });
    expect(r.status).toBe(200);
    expect((await light(late)).lightReasons[0]).toBe('已逾期 1 个工作日');
    expect((await dcs.get('/api/settings/calendar/2026')).body).toMatchObject({
      holidays: ['2026-11-16', '2026-11-17'],
      workdays: ['2026-11-14'],
    });
  });

  it('thresholds: a longer acceptance time turns the unaccepted task back to green', async () => {
    const bad = await admin.request('PUT', '/api/settings/traffic-light', { lagYellowPercent: 60 });
    expect(bad.body.message).toBe('进度滞后红灯阈值不能小于黄灯阈值');
    expect((await admin.request('PUT', '/api/settings/traffic-light', { acceptWorkdays: 30 })).status).toBe(200);
    const relaxed = await light(neverAccepted);
    expect(relaxed.light).not.toBe('red');
    expect(relaxed.lightReasons.join()).not.toContain('签收超时');
    expect((await admin.request('PUT', '/api/settings/traffic-light', { acceptWorkdays: 2 })).status).toBe(200);
    expect((await light(neverAccepted)).light).toBe('red');
  });
});

describe('督办单 and ledgers', () => {
  it('a 督办单 only for red tasks, addressed to the lead unit', async () => {
    const green = await dcs.post(`/api/tasks/${onTime}/supervision-order`, {});
    expect(green.status).toBe(400);
    expect(green.body.message).toBe('只有红灯任务才能下发督办单(当前为绿灯)');
    const r = await dcs.post(`/api/tasks/${late}/supervision-order`, { note: '三日内报送' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const text = (await mammoth.extractRawText({ buffer: r.raw })).value;
    expect(text).toContain('督 办 单');
    expect(text).toContain('甲镇党委:');
    expect(text).toContain('督办事项:会逾期的任务');
    expect(text).toContain('已逾期');
    expect(text).toContain('督办〔2026〕1号');
    const n = (await townA.get('/api/notifications')).body.items;
    expect(n[0]).toMatchObject({ kind: 'supervise_order', taskId: late });
    expect((await townA.post(`/api/tasks/${late}/supervision-order`, {})).status).toBe(403);
  });

  it('任务分解表 .xlsx with the office’s columns, grouped by document', async () => {
    const r = await dcs.get('/api/tasks/ledger.xlsx');
    expect(r.status).toBe(200);
    const rows = await xlsxRows(r.raw);
    expect(rows[0][0]).toBe('重点工作任务分解表');
    expect(rows[2]).toEqual([...LEDGER_HEADERS]);
    expect(rows[2]).toEqual(['序号', '工作任务', '牵头单位', '配合单位', '责任领导', '完成时限', '进展情况', '状态']);
    expect(rows[3][0]).toBe('来源:测试会议(2026年11月02日)');
    const lateRow = rows.find((x) => x[1] === '会逾期的任务')!;
    expect(lateRow[2]).toBe('甲镇党委');
    expect(lateRow[5]).toBe('2026年11月13日');
    expect(lateRow[6]).toContain('90% 抓紧推进');
    expect(lateRow[7]).toBe('办理中(逾期) 红灯');
    // town-b's ledger holds only its own tasks
    const b = await xlsxRows((await townB.get('/api/tasks/ledger.xlsx')).raw);
    expect(b.slice(4).map((x) => x[1])).toEqual(['迟迟不签收的任务', '每周报送的长期任务']);
  });

  it('督查台账 for print (JSON) and Word: the list filters, every row grouped by document; a task 办理情况 .docx', async () => {
    const all = await dcs.get('/api/tasks/ledger');
    expect(all.status).toBe(200);
    expect(all.body.groups.map((g: any) => g.source)).toEqual(['测试会议(2026年11月02日)']);
    const rows = all.body.groups[0].rows;
    expect(rows.map((r: any) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows.find((r: any) => r.id === late)).toMatchObject({
      text: '会逾期的任务',
      leadOrg: '甲镇党委',
      deadline: '2026年11月13日',
      status: '办理中(逾期)',
      overdue: true,
      light: 'red',
    });
    // The same filters as the list: what the list showed is what prints.
    const list = await dcs.get('/api/tasks?overdue=true&pageSize=100');
    const red = await dcs.get('/api/tasks/ledger?overdue=true');
    expect(red.body.groups.flatMap((g: any) => g.rows.map((r: any) => r.id))).toEqual(
      list.body.items.map((i: any) => i.id).sort((a: number, b: number) => a - b),
    );
    const lead = await townA.get('/api/tasks/ledger?lead=true');
    expect(lead.body.groups[0].rows.map((r: any) => r.leadOrg)).toEqual(['甲镇党委', '甲镇党委']);
    const bad = await dcs.get('/api/tasks/ledger?light=purple');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('红黄绿灯');

    const docx = await dcs.get('/api/tasks/ledger.docx?overdue=true');
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(docx.headers['content-disposition']))).toMatch(/督查台账-\d{8}\.docx/);
    const text = (await mammoth.extractRawText({ buffer: docx.raw })).value;
    expect(text).toContain('重点工作任务督查台账');
    expect(text).toContain('来源:测试会议(2026年11月02日)');
    expect(text).toContain('会逾期的任务');
    expect(text).not.toContain('按时推进的任务'); // filtered out
    const b = (await mammoth.extractRawText({ buffer: (await townB.get('/api/tasks/ledger.docx')).raw })).value;
    expect(b).toContain('迟迟不签收的任务');
    expect(b).not.toContain('会逾期的任务');

    const one = await townA.get(`/api/tasks/${late}/record.docx`);
    expect(one.status).toBe(200);
    const rec = (await mammoth.extractRawText({ buffer: one.raw })).value;
    for (const s of [
      '重点工作任务办理情况',
      '会逾期的任务',
      '甲镇党委',
      '2026年11月13日',
      '抓紧推进',
      '办理记录',
      '签收',
    ])
      expect(rec).toContain(s);
    expect((await townB.get(`/api/tasks/${late}/record.docx`)).status).toBe(404);
  });

  it('per-task progress history .xlsx', async () => {
    const rows = await xlsxRows((await dcs.get(`/api/tasks/${late}/progress.xlsx`)).raw);
    expect(rows[2]).toEqual(['序号', '报送时间', '进度', '进展情况', '报送人', '佐证材料']);
    expect(rows[3].slice(2, 5)).toEqual(['20%', '开始排查', 'town-a']);
    expect(rows[4].slice(2, 5)).toEqual(['90%', '抓紧推进', 'town-a']);
  });
});

describe('reminders scheduler', () => {
  it('creates due-soon / overdue / report-due notifications once per task and day, and calls the webhook', async () => {
    hooks.length = 0;
    await t.database.db.deleteFrom('notification').execute();
    // Per-reminder webhooks are the 'immediate' mode (the default digest mode: modules/digest).
    await t.database.db
      .insertInto('setting')
      .values({
        key: 'notify.digest',
        value: '{"webhookMode":"immediate","hour":8}',
        updated_at: '2026-01-01T00:00:00Z',
      })
      .execute();
    const r1 = await tick(t.app.ctx, clock.now());
    expect(r1.ran).toBe(true);
    expect(r1.created.overdue).toBe(1);
    const first = await notes();
    expect(first.find((n) => n.kind === 'overdue')).toMatchObject({ task_id: late, org_id: c.orgs.townA });
    expect(first.find((n) => n.kind === 'overdue')!.message).toContain('已逾期');
    expect(hooks).toHaveLength(1);
    expect(hooks[0].notifications.map((n: any) => n.kind)).toEqual(first.map((n) => n.kind));
    // again the same day: nothing new, no webhook
    const r2 = await tick(t.app.ctx, clock.now());
    expect(r2.created).toEqual({ due_soon: 0, overdue: 0, report_due: 0 });
    expect((await notes()).length).toBe(first.length);
    expect(hooks).toHaveLength(1);
    // the next day: a new overdue notice
    await next(1);
    const r3 = await tick(t.app.ctx, clock.now());
    expect(r3.created.overdue).toBe(1);
  });

  /**
   * On SQLite every query is synchronous, so a run that only awaits queries is one stretch of
   * microtasks: the day's first tick held a 100,000-task county 3.6 s (bench/tasks.ts). Both the
   * full recompute and a tick's pass give the event loop a turn per page: a callback queued before
   * the run gets its turn before the run ends. (PostgreSQL waits for the network at every query.)
   */
  it('the light recompute and a tick give the event loop turns while they run', async () => {
    const ordered = async (run: () => Promise<unknown>) => {
      const order: string[] = [];
      setImmediate(() => order.push('turn'));
      await run().finally(() => order.push('done'));
      return order;
    };
    expect(await ordered(() => recomputeAll(t.app.ctx))).toEqual(['turn', 'done']);
    await tick(t.app.ctx, clock.now());
    // Again the same day, past the run's lease: nothing new to notify (no webhook call), only the
    // pass over the tasks changed since.
    clock.advance(11 * 60_000);
    await t.database.db.updateTable('task').set({ updated_at: clock.now().toISOString() }).execute();
    const again = ordered(() => tick(t.app.ctx, clock.now()));
    expect(await again).toEqual(['turn', 'done']);
  });

  it('report-due and due-soon notices', async () => {
    // 'weekly' last reported Tue 11-17; a week later it is due
    await next(7); // Wed 11-25: 6 working days since the report on Tue 11-17 (a holiday week earlier)
    const r = await tick(t.app.ctx, clock.now());
    expect(r.created.report_due).toBe(1);
    // 'onTime' is due Fri 11-27: 2 working days left
    expect(r.created.due_soon).toBe(1);
    const ns = await notes();
    expect(ns.find((n) => n.kind === 'report_due')).toMatchObject({ task_id: weekly, org_id: c.orgs.townB });
    expect(ns.find((n) => n.kind === 'due_soon')).toMatchObject({ task_id: onTime });
  });

  it('another instance holding the lease makes this one skip; an expired lease is taken over', async () => {
    // Once per period: start after the previous runs' leases (10 minutes) have ended.
    const now = new Date(clock.now().getTime() + 11 * 60_000);
    expect(await claimLock(t.app.ctx.db, 'reminders', 'other-instance', now, 10 * 60_000)).toBe(true);
    expect((await tick(t.app.ctx, now, 'me')).ran).toBe(false);
    expect((await tick(t.app.ctx, new Date(now.getTime() + 11 * 60_000), 'me')).ran).toBe(true);
  });

  it('a finished run keeps the lease to the end of its period: another instance skips until then', async () => {
    const now = new Date(clock.now().getTime() + 40 * 60_000); // after the leases above
    expect((await tick(t.app.ctx, now, 'A')).ran).toBe(true);
    expect((await tick(t.app.ctx, new Date(now.getTime() + 9 * 60_000), 'B')).ran).toBe(false);
    expect(await claimLock(t.app.ctx.db, 'reminders', 'B', new Date(now.getTime() + 10 * 60_000), 60_000)).toBe(true);
  });

  it('concurrent runs never duplicate a notification', async () => {
    await next(1);
    const before = (await notes()).length;
    const runs = await Promise.all([
      tick(t.app.ctx, clock.now(), 'A'),
      tick(t.app.ctx, clock.now(), 'B'),
      tick(t.app.ctx, clock.now(), 'C'),
    ]);
    expect(runs.some((r) => r.ran)).toBe(true);
    const after = await notes();
    const keys = after.map((n) => n.dedupe_key);
    expect(new Set(keys).size).toBe(keys.length);
    const today = after.filter((n) => n.dedupe_key.endsWith(':2026-11-26'));
    expect(today.length).toBe(after.length - before);
    expect(today.filter((n) => n.kind === 'overdue').map((n) => n.task_id)).toEqual([late]);
  });

  it('later ticks of a day read only the tasks changed since, and the next day still turns the lights', async () => {
    await next(1); // Fri 11-27: the first tick of the day is a complete pass
    const full = await tick(t.app.ctx, clock.now());
    expect(full.ran).toBe(true);
    expect(full.examined).toBeGreaterThanOrEqual(3);
    clock.advance(11 * 60_000);
    const idle = await tick(t.app.ctx, clock.now());
    expect(idle).toMatchObject({ ran: true, examined: 0, created: { due_soon: 0, overdue: 0, report_due: 0 } });
    // A task dispatched in between, due on Monday: the next tick sees it (and only it) and warns.
    clock.advance(11 * 60_000);
    const made = await dcs.post('/api/tasks', {
      text: '周一前完成的新任务',
      leadOrgId: c.orgs.townA,
      dueDate: '2026-11-30',
    });
    expect(made.status).toBe(201);
    clock.advance(11 * 60_000);
    const inc = await tick(t.app.ctx, clock.now());
    expect(inc.examined).toBe(1);
    expect(inc.created.due_soon).toBe(1);
    const soon = await t.database.db
      .selectFrom('notification')
      .select(['kind', 'org_id'])
      .where('task_id', '=', made.body.id)
      .where('kind', '=', 'due_soon')
      .execute();
    expect(soon).toEqual([{ kind: 'due_soon', org_id: c.orgs.townA }]);
    // Tue 12-01: the deadline has passed; the day's first tick turns the untouched task red and warns.
    await next(4);
    const nextDay = await tick(t.app.ctx, clock.now());
    expect(nextDay.examined).toBeGreaterThanOrEqual(4);
    const row = await t.database.db
      .selectFrom('task')
      .select('light')
      .where('id', '=', made.body.id)
      .executeTakeFirstOrThrow();
    expect(row.light).toBe('red');
    const overdue = await t.database.db
      .selectFrom('notification')
      .select('dedupe_key')
      .where('task_id', '=', made.body.id)
      .where('kind', '=', 'overdue')
      .execute();
    expect(overdue.map((n) => n.dedupe_key)).toEqual([`overdue:${made.body.id}:2026-12-01`]);
  });
});
