import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { advanceDays, publish, upload } from './tasks.test-support.ts';

// Monday 2026-11-02, 09:00 in Shanghai.
const clock = new ManualClock('2026-11-02T01:00:00Z');
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-up-'));
let t: TestApp;
let c: County;
let dcs: Client, townA: Client, townB: Client, branchA1: Client;
const task = (id: number) =>
  t.database.db.selectFrom('task').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = async (id: number) =>
  (await t.database.db.selectFrom('task_event').select('kind').where('task_id', '=', id).orderBy('id').execute()).map(
    (e) => e.kind,
  );

beforeAll(async () => {
  t = await createTestApp({ clock, env: { LUOSHI_UPLOAD_DIR: uploadDir } });
  c = await seedCounty(t.database.db);
  [dcs, townA, townB, branchA1] = await Promise.all(['dcs', 'town-a', 'town-b', 'branch-a1'].map((u) => as(t.app, u)));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

describe('workflow 待签收 → 办理中 → 申请办结 → 已办结', () => {
  let id: number;
  beforeAll(async () => {
    clock.set('2026-11-02T01:00:00Z');
    ({
      taskIds: [id],
    } = await publish(dcs, '2026-11-02', [
      { leadOrgId: c.orgs.townA, coOrgIds: [c.orgs.dept], dueDate: '2026-11-27' },
    ]));
  });

  it('the lead unit accepts', async () => {
    const r = await townA.post(`/api/tasks/${id}/accept`);
    expect(r.status).toBe(200);
    expect(await task(id)).toMatchObject({ status: 'doing', accepted_date: '2026-11-02' });
    const again = await townA.post(`/api/tasks/${id}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('任务当前状态为「办理中」,不能签收');
  });

  it('办结 without a report is refused, nothing changed', async () => {
    const r = await townA.post(`/api/tasks/${id}/request-close`, { summary: '已完成' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'REPORT_REQUIRED', message: '申请办结前须至少报送一次进展情况(附佐证材料)' });
    expect((await task(id)).status).toBe('doing');
    expect(await events(id)).toEqual(['dispatch', 'accept']);
  });

  it('the lead unit reports progress with an attachment', async () => {
    await advanceDays(clock, 1, { dcs, 'town-a': townA, 'town-b': townB, 'branch-a1': branchA1 });
    const r = await townA.post(`/api/tasks/${id}/reports`, { text: '已排查 12 个村', percent: 40 });
    expect(r.status).toBe(201);
    expect(await task(id)).toMatchObject({ progress: 40, last_report_date: '2026-11-03' });
    const a = await upload(
      townA,
      `/api/tasks/${id}/attachments`,
      { reportId: String(r.body.id) },
      { name: '排查台账.xlsx', data: Buffer.from('evidence-bytes') },
    );
    expect(a.status).toBe(201);
    const row = await t.database.db
      .selectFrom('task_attachment')
      .selectAll()
      .where('id', '=', a.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      task_id: id,
      report_id: r.body.id,
      file_name: '排查台账.xlsx',
      size: 14,
      uploaded_by: c.users.townA,
      uploaded_at: '2026-11-03T01:00:00.000Z',
    });
    // Where the store keeps it: the upload directory on SQLite, file_chunk rows on PostgreSQL.
    if (t.database.dialect === 'postgres') {
      const chunks = await t.database.db
        .selectFrom('file_chunk')
        .select('data')
        .where('area', '=', 'tasks')
        .where('name', '=', row.stored_name)
        .execute();
      expect(Buffer.concat(chunks.map((x) => Buffer.from(x.data))).toString()).toBe('evidence-bytes');
      expect(fs.existsSync(path.join(uploadDir, 'tasks', row.stored_name))).toBe(false);
    } else expect(fs.readFileSync(path.join(uploadDir, 'tasks', row.stored_name), 'utf8')).toBe('evidence-bytes');
    const dl = await dcs.get(`/api/tasks/${id}/attachments/${a.body.id}`);
    expect(dl.status).toBe(200);
    expect(dl.raw.toString()).toBe('evidence-bytes');
    expect(dl.headers['content-disposition']).toContain(encodeURIComponent('排查台账.xlsx'));
    expect((await townB.get(`/api/tasks/${id}/attachments/${a.body.id}`)).status).toBe(404);
  });

  it('a cooperating unit sees the task but may not act as lead', async () => {
    const dept = await (async () => {
      const { insertUser } = await import('../../test/fixtures.ts');
      await insertUser(t.database.db, { username: 'dept', role: 'unit_admin', scopeOrgId: c.orgs.dept });
      return as(t.app, 'dept');
    })();
    expect((await dept.get(`/api/tasks/${id}`)).status).toBe(200);
    const r = await dept.post(`/api/tasks/${id}/reports`, { text: '配合情况', percent: 90 });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('只有牵头单位「甲镇党委」可以办理此事项,配合单位请将情况报牵头单位汇总');
    expect((await task(id)).progress).toBe(40);
  });

  it('申请办结 → 退回 (reason required) → 申请办结 → 已办结', async () => {
    expect((await townA.post(`/api/tasks/${id}/request-close`, { summary: '全部完成' })).status).toBe(200);
    expect((await task(id)).status).toBe('requested');
    const noReason = await dcs.post(`/api/tasks/${id}/return`, { reason: '   ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toBe('退回须填写理由');
    expect((await task(id)).status).toBe('requested');
    const missing = await dcs.post(`/api/tasks/${id}/return`, {});
    expect(missing.body.message).toBe('缺少必填字段「退回理由(reason)」');
    expect((await townA.post(`/api/tasks/${id}/close`)).status).toBe(403); // units cannot close their own tasks
    expect((await dcs.post(`/api/tasks/${id}/return`, { reason: '缺少佐证照片' })).status).toBe(200);
    expect((await task(id)).status).toBe('doing');
    await townA.post(`/api/tasks/${id}/reports`, { text: '补充照片', percent: 100 });
    await townA.post(`/api/tasks/${id}/request-close`, {});
    const r = await dcs.post(`/api/tasks/${id}/close`, { opinion: '同意办结' });
    expect(r.body).toEqual({ ok: true, status: 'done' });
    expect(await task(id)).toMatchObject({
      status: 'done',
      progress: 100,
      closed_at: '2026-11-03T01:00:00.000Z',
      light: 'green',
    });
    expect(await events(id)).toEqual([
      'dispatch',
      'accept',
      'report',
      'request_close',
      'return',
      'report',
      'request_close',
      'close',
    ]);
    const d = (await dcs.get(`/api/tasks/${id}`)).body;
    expect(d.events.find((e: any) => e.kind === 'return')).toMatchObject({ text: '缺少佐证照片', actor: 'dcs' });
    expect(d.reports.map((r: any) => r.percent)).toEqual([100, 40]);
    expect(d.attachments[0]).toMatchObject({ fileName: '排查台账.xlsx', uploader: 'town-a' });
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'task')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audits.map((a) => a.action)).toContain('task.return');
  });
});

describe('scope: town-b cannot see or change town-a’s tasks', () => {
  let id: number;
  beforeAll(async () => {
    ({
      taskIds: [id],
    } = await publish(dcs, '2026-11-02', [{ leadOrgId: c.orgs.a1, dueDate: '2026-12-31' }]));
  });
  it('404 on every route, nothing changed', async () => {
    const before = await task(id);
    for (const [m, u, b] of [
      ['GET', `/api/tasks/${id}`],
      ['POST', `/api/tasks/${id}/accept`, {}],
      ['POST', `/api/tasks/${id}/reports`, { text: '乙镇报送', percent: 50 }],
      ['POST', `/api/tasks/${id}/request-close`, {}],
      ['GET', `/api/tasks/${id}/progress.xlsx`],
      ['POST', `/api/tasks/${id}/milestones/1/done`, {}],
    ] as const) {
      const r = await townB.request(m, u, b);
      expect(r.status, `${m} ${u}`).toBe(404);
      expect(r.body.code).toBe('TASK_NOT_FOUND');
    }
    expect(await task(id)).toEqual(before);
    expect((await townB.get('/api/tasks')).body.items.map((i: any) => i.id)).not.toContain(id);
    expect((await townB.get(`/api/tasks?orgId=${c.orgs.townA}`)).status).toBe(404);
  });
  it('the township above and the branch itself see it; a member does not', async () => {
    expect((await townA.get(`/api/tasks?orgId=${c.orgs.a1}`)).body.items.map((i: any) => i.id)).toContain(id);
    expect((await branchA1.post(`/api/tasks/${id}/accept`)).status).toBe(200);
    const m = await as(t.app, 'member-a');
    expect((await m.get('/api/tasks')).status).toBe(403);
  });
  it('a progress report on someone else’s task is refused', async () => {
    const r = await townB.post(`/api/tasks/${id}/reports`, { text: 'x', percent: 10 });
    expect(r.status).toBe(404);
    expect(r.body.message).toBe('任务不存在或无权访问');
    expect(await t.database.db.selectFrom('task_report').select('id').where('task_id', '=', id).execute()).toEqual([]);
  });
});

describe('decomposition, roll-up, milestones, 批示', () => {
  it('parent progress is the mean of its children', async () => {
    const {
      taskIds: [parent],
    } = await publish(dcs, '2026-11-02', [{ leadOrgId: c.orgs.townA, dueDate: '2026-12-31' }]);
    const k1 = await dcs.post('/api/tasks', {
      text: '东村完成',
      leadOrgId: c.orgs.a1,
      parentId: parent,
      dueDate: '2026-12-15',
    });
    const k2 = await dcs.post('/api/tasks', {
      text: '西村完成',
      leadOrgId: c.orgs.a2,
      parentId: parent,
      dueDate: '2026-12-15',
    });
    expect(k1.status).toBe(201);
    await townA.post(`/api/tasks/${k1.body.id}/accept`);
    await townA.post(`/api/tasks/${k1.body.id}/reports`, { text: '完成一半', percent: 50 });
    expect((await task(parent)).progress).toBe(25);
    await townA.post(`/api/tasks/${k2.body.id}/accept`);
    await townA.post(`/api/tasks/${k2.body.id}/reports`, { text: '全部完成', percent: 100 });
    expect((await task(parent)).progress).toBe(75);
    const d = (await dcs.get(`/api/tasks/${parent}`)).body;
    expect(d.children.map((x: any) => x.progress)).toEqual([50, 100]);
    const bad = await dcs.post('/api/tasks', { text: '乙镇子任务', leadOrgId: c.orgs.b1, parentId: 999999 });
    expect(bad.body.message).toBe('上级任务不存在或无权访问');
  });

  it('key project milestones: 签约 → 土地摘牌 → 开工 → 投产', async () => {
    const {
      taskIds: [p],
    } = await publish(dcs, '2026-11-02', [
      { leadOrgId: c.orgs.townB, dueDate: '2027-06-30', text: '新材料产业园项目' },
    ]);
    const ids: number[] = [];
    for (const [name, due] of [
      ['签约', '2026-11-20'],
      ['土地摘牌', '2026-12-31'],
      ['开工', '2027-03-01'],
      ['投产', '2027-06-30'],
    ]) {
      const r = await dcs.post(`/api/tasks/${p}/milestones`, { name, dueDate: due });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    expect((await task(p)).key_project).toBe(1);
    expect((await townB.post(`/api/tasks/${p}/milestones/${ids[0]}/done`)).status).toBe(409); // not accepted yet
    await townB.post(`/api/tasks/${p}/accept`);
    expect((await townB.post(`/api/tasks/${p}/milestones/${ids[0]}/done`)).body).toEqual({
      ok: true,
      doneDate: clockDate(),
    });
    const tl = (await dcs.get(`/api/dashboard/projects/${p}`)).body;
    expect(tl.milestones.map((m: any) => [m.name, m.state])).toEqual([
      ['签约', 'done'],
      ['土地摘牌', 'pending'],
      ['开工', 'pending'],
      ['投产', 'pending'],
    ]);
    expect((await townA.get(`/api/dashboard/projects/${p}`)).status).toBe(404);
    const dash = (await dcs.get('/api/dashboard')).body;
    expect(dash.keyProjects.map((k: any) => k.id)).toContain(p);
  });

  it('批示 and 催办 reach the lead unit as notifications', async () => {
    const {
      taskIds: [id],
    } = await publish(dcs, '2026-11-02', [{ leadOrgId: c.orgs.townB, dueDate: '2026-12-31' }]);
    expect((await dcs.post(`/api/tasks/${id}/instructions`, { text: '请主要领导亲自抓' })).status).toBe(201);
    expect((await dcs.post(`/api/tasks/${id}/urge`, { message: '本周内签收' })).status).toBe(201);
    expect((await townB.post(`/api/tasks/${id}/urge`, {})).status).toBe(403);
    const n = (await townB.get('/api/notifications?unread=true')).body;
    const mine = n.items.filter((i: any) => i.taskId === id);
    // Newest first: 催办, 批示, then the 新任务交办 sent when the task was published.
    expect(mine.map((i: any) => i.kindLabel)).toEqual(['催办', '领导批示', '新任务交办']);
    expect(mine[0].message).toContain('本周内签收');
    expect((await townA.get('/api/notifications')).body.items.some((i: any) => i.taskId === id)).toBe(false);
    expect((await townA.post(`/api/notifications/${mine[0].id}/read`)).status).toBe(404);
    expect((await townB.post(`/api/notifications/${mine[0].id}/read`)).status).toBe(200);
    expect((await townB.get('/api/notifications?unread=true')).body.items.some((i: any) => i.id === mine[0].id)).toBe(
      false,
    );
  });
});
describe('task list paging', () => {
  it('a cursor reads on below the last id: the same rows as pages, scoped, total carried', async () => {
    // Lead and cooperating unit both inside 甲镇: listed once, counted once by the 工作台.
    const {
      taskIds: [both],
    } = await publish(dcs, '2026-11-02', [{ leadOrgId: c.orgs.townA, coOrgIds: [c.orgs.a1], dueDate: '2026-12-31' }]);
    const paged = await townA.get('/api/tasks?page=1&pageSize=500');
    const all = paged.body.items.map((x: any) => x.id);
    expect(all.length).toBeGreaterThan(2);
    const seen: number[] = [];
    let r = await townA.get('/api/tasks?pageSize=2');
    while (r.body.nextCursor) {
      seen.push(...r.body.items.map((x: any) => x.id));
      expect(r.body).toMatchObject({ total: all.length, totalApprox: false });
      r = await townA.get(`/api/tasks?pageSize=2&cursor=${encodeURIComponent(r.body.nextCursor)}`);
    }
    seen.push(...r.body.items.map((x: any) => x.id));
    expect(seen).toEqual(all);
    // The scope goes through the link's own copy of the unit path, which the triggers keep equal.
    const links = await t.database.db
      .selectFrom('task_org as x')
      .innerJoin('org_unit as o', 'o.id', 'x.org_id')
      .select(['x.org_path', 'o.path'])
      .execute();
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l.org_path).toBe(l.path);
    // The 工作台 counts read the links' copies of status and light: the same tasks, kept current.
    const dash = (await townA.get('/api/dashboard')).body;
    expect(dash.total).toBe(all.length);
    await townA.post(`/api/tasks/${both}/accept`);
    const after = (await townA.get('/api/dashboard')).body;
    expect(after.total).toBe(all.length);
    expect([after.status.pending, after.status.doing]).toEqual([dash.status.pending - 1, dash.status.doing + 1]);
    const copies = await t.database.db.selectFrom('task_org').select('status').where('task_id', '=', both).execute();
    expect(copies).toEqual([{ status: 'doing' }, { status: 'doing' }]);
    const bad = await townA.get('/api/tasks?cursor=eyJzIjoieCJ9');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CURSOR_INVALID');
  });
});

const clockDate = () => new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
