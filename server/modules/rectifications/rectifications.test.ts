import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { runRechecks } from './rechecks.service.ts';

const clock = new ManualClock('2025-02-01T02:00:00Z');
let t: TestApp;
let c: County;
let zzb: Client, townA: Client, townB: Client, dcs: Client, member: Client;
let item: number;
const db = () => t.database.db;
const row = (id: number) =>
  db().selectFrom('rectification_item').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Moving the clock by months expires sessions: log in again. */
const login = async () => {
  [zzb, townA, townB, dcs, member] = await Promise.all(
    ['zzb', 'town-a', 'town-b', 'dcs', 'member-a'].map((u) => as(t.app, u)),
  );
};
beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  await login();
});
afterAll(() => t.close());

describe('rectification ledger', () => {
  it('the issuing side opens an item; bad input is refused in Chinese and nothing is stored', async () => {
    const bad: [unknown, RegExp][] = [
      [{ orgId: c.orgs.townA, problem: '', source: '点评' }, /问题/],
      [{ orgId: c.orgs.townA, problem: '某问题', source: '小道消息' }, /来源/],
      [{ orgId: c.orgs.townA, problem: '某问题', source: '督查', deadlineDate: '2025-13-40' }, /完成时限/],
      [{ orgId: 99999, problem: '某问题', source: '督查' }, /组织不存在/],
    ];
    for (const [b, m] of bad) {
      const r = await zzb.post('/api/rectifications', b);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.body.message).toMatch(m);
    }
    expect(await db().selectFrom('rectification_item').select('id').execute()).toHaveLength(0);
    const r = await dcs.post('/api/rectifications', {
      orgId: c.orgs.townA,
      problem: '软弱涣散村党组织整顿效果不优',
      source: '督查',
      deadlineDate: '2025-06-30',
    });
    expect(r.status).toBe(201);
    item = r.body.id;
    expect(await row(item)).toMatchObject({ status: '整改中', issuer_org_id: c.orgs.county, org_id: c.orgs.townA });
    expect(
      (await townA.post('/api/rectifications', { orgId: c.orgs.townB, problem: '越权交办', source: '督查' })).status,
    ).toBe(404);
    expect((await member.get('/api/rectifications')).status).toBe(403);
  });

  it('the unit fills measures and evidence, applies for 销号; only the issuing side approves', async () => {
    expect((await townA.post(`/api/rectifications/${item}/apply-close`, {})).body.message).toContain('整改措施');
    await townA.patch(`/api/rectifications/${item}`, {
      measures: '逐村分析研判,县直部门结对帮扶',
      owner: '甲镇组织委员',
    });
    const noEv = await townA.post(`/api/rectifications/${item}/apply-close`, {});
    expect(noEv.status).toBe(400);
    expect(noEv.body.message).toContain('佐证');
    const badB64 = await townA.post(`/api/rectifications/${item}/evidence`, {
      note: '整顿台账',
      fileName: 'a.txt',
      contentBase64: '***',
    });
    expect(badB64.status).toBe(400);
    const ev = await townA.post(`/api/rectifications/${item}/evidence`, {
      note: '整顿工作台账',
      fileName: '台账.txt',
      contentBase64: Buffer.from('整顿记录').toString('base64'),
    });
    expect(ev.status).toBe(201);
    const file = await townA.get(`/api/rectifications/${item}/evidence/${ev.body.id}`);
    expect(file.raw.toString()).toBe('整顿记录');
    expect((await townA.post(`/api/rectifications/${item}/apply-close`, { note: '已完成整顿' })).status).toBe(200);
    // The rectifying unit cannot close its own item.
    const self = await townA.post(`/api/rectifications/${item}/approve-close`, {});
    expect(self.status).toBe(403);
    expect(self.body.message).toContain('交办方');
    expect((await row(item)).status).toBe('申请销号');
    expect((await zzb.post(`/api/rectifications/${item}/reject-close`, { opinion: '' })).status).toBe(400);
    expect(
      (await zzb.post(`/api/rectifications/${item}/reject-close`, { opinion: '佐证不充分,补充会议记录' })).status,
    ).toBe(200);
    expect((await row(item)).status).toBe('整改中');
    await townA.post(`/api/rectifications/${item}/evidence`, { note: '补充会议记录' });
    await townA.post(`/api/rectifications/${item}/apply-close`, {});
    const ok = await dcs.post(`/api/rectifications/${item}/approve-close`, { opinion: '同意销号', recheckMonths: 3 });
    expect(ok.body).toEqual({ ok: true, recheckDueDate: '2025-05-01' });
    expect(await row(item)).toMatchObject({
      status: '已销号',
      closed_date: '2025-02-01',
      recheck_due_date: '2025-05-01',
    });
  });

  it('回头看: the scheduler creates the re-check when due; a recurrence reopens the item and counts a 反弹', async () => {
    expect(await runRechecks(t.app.ctx)).toEqual({ created: 0 });
    expect((await zzb.post(`/api/rectifications/${item}/recheck`, { recurred: true, note: '提前回头看' })).status).toBe(
      409,
    );
    clock.advance(89 * 86400_000); // 2025-05-01 10:00 Beijing time
    await login();
    expect(await runRechecks(t.app.ctx)).toEqual({ created: 1 });
    expect(await runRechecks(t.app.ctx)).toEqual({ created: 0 }); // idempotent
    const detail = await townA.get(`/api/rectifications/${item}`);
    expect(detail.body.rechecks).toMatchObject([{ dueDate: '2025-05-01', status: '待回头看' }]);
    expect(
      (await townA.post(`/api/rectifications/${item}/recheck`, { recurred: false, note: '自己说没反弹' })).status,
    ).toBe(403);
    const r = await zzb.post(`/api/rectifications/${item}/recheck`, { recurred: true, note: '东村三会一课再次中断' });
    expect(r.body).toMatchObject({ status: '整改中', reboundCount: 1 });
    expect(await row(item)).toMatchObject({ status: '整改中', rebound_count: 1, closed_date: null });
    const s = await zzb.get('/api/rectifications/summary');
    expect(s.body.items.find((x: any) => x.orgId === c.orgs.townA)).toMatchObject({
      total: 1,
      open: 1,
      closed: 0,
      rebounds: 1,
      overdue: 0,
    });
    // Overdue after the deadline passes.
    clock.advance(90 * 86400_000);
    await login();
    const s2 = await zzb.get('/api/rectifications/summary');
    expect(s2.body.items.find((x: any) => x.orgId === c.orgs.townA).overdue).toBe(1);
    // The scheduler also runs through the API.
    expect((await zzb.post('/api/rectifications/rechecks/run')).body).toEqual({ created: 0 });
  });

  it('exports the ledger and the per-org summary as .xlsx', async () => {
    const x = await zzb.get('/api/rectifications/export.xlsx');
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as any);
    const ws = wb.getWorksheet('问题整改台账')!;
    expect(ws.getRow(1).values).toContain('整改措施');
    expect(ws.getRow(2).values).toContain('软弱涣散村党组织整顿效果不优');
    expect(ws.getRow(2).values).toContain('是'); // overdue
    const s = await zzb.get('/api/rectifications/summary.xlsx');
    expect(s.raw.subarray(0, 2).toString()).toBe('PK');
    const d = await zzb.get(`/api/rectifications/export.docx?source=${encodeURIComponent('督查')}&overdue=true`);
    expect(d.status).toBe(200);
    expect(decodeURIComponent(String(d.headers['content-disposition']))).toMatch(/问题整改台账-\d{8}\.docx/);
    const text = (await mammoth.extractRawText({ buffer: d.raw })).value;
    for (const w of ['问题整改台账', '甲镇党委', '软弱涣散村党组织整顿效果不优', '逾期', '反弹1次', '2025年06月30日'])
      expect(text).toContain(w);
    const none = await zzb.get(`/api/rectifications/export.docx?source=${encodeURIComponent('点评')}`);
    expect((await mammoth.extractRawText({ buffer: none.raw })).value).not.toContain('软弱涣散');
  });

  it("scope: town-b sees none of town-a's items and cannot act on them (404)", async () => {
    expect((await townB.get('/api/rectifications')).body).toEqual({ items: [], total: 0 });
    expect((await townB.get(`/api/rectifications?orgId=${c.orgs.townA}`)).body.total).toBe(0);
    for (const [m, u, b] of [
      ['GET', `/api/rectifications/${item}`, undefined],
      ['PATCH', `/api/rectifications/${item}`, { owner: '越权' }],
      ['POST', `/api/rectifications/${item}/evidence`, { note: '越权' }],
      ['POST', `/api/rectifications/${item}/apply-close`, {}],
      ['POST', `/api/rectifications/${item}/approve-close`, {}],
      ['POST', `/api/rectifications/${item}/recheck`, { recurred: false, note: 'x' }],
    ] as const) {
      expect((await townB.request(m, u, b)).status, `${m} ${u}`).toBe(404);
    }
    const x = await townB.get('/api/rectifications/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as any);
    expect(wb.getWorksheet('问题整改台账')!.rowCount).toBe(1);
    expect((await townB.get('/api/rectifications/summary')).body.items).toEqual([]);
    expect((await townA.get('/api/rectifications')).body.total).toBe(1);
  });

  it('one account cannot both apply for 销号 and approve it; another account of the issuing side can', async () => {
    // zzb (county) covers both sides of an item it issues to 甲镇: it may apply or approve, not both.
    const id = (
      await zzb.post('/api/rectifications', {
        orgId: c.orgs.a1,
        problem: '东村党员积分台账缺项',
        source: '督查',
        measures: '补齐台账',
      })
    ).body.id;
    await townA.post(`/api/rectifications/${id}/evidence`, { note: '补齐后的积分台账' });
    expect((await zzb.post(`/api/rectifications/${id}/apply-close`, { note: '代为申请' })).status).toBe(200);
    const self = await zzb.post(`/api/rectifications/${id}/approve-close`, { opinion: '自批' });
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ code: 'RECTIFICATION_SELF_APPROVAL' });
    expect(self.body.message).toContain('同一账号');
    expect(await row(id)).toMatchObject({ status: '申请销号', closed_date: null });
    const steps = await db().selectFrom('rectification_step').select('step').where('item_id', '=', id).execute();
    expect(steps.map((x) => x.step)).toEqual(['建立', '申请销号']);
    expect((await dcs.post(`/api/rectifications/${id}/approve-close`, { opinion: '同意' })).status).toBe(200);
    expect((await row(id)).status).toBe('已销号');
  });

  it('filters on the server: side, overdue, year, unit, source, status; the 工作台 links list what they count', async () => {
    const ids = (await zzb.get('/api/rectifications?pageSize=100')).body.items.map((x: any) => x.id);
    const got = async (qs: string) => {
      const r = await zzb.get(`/api/rectifications?pageSize=100&${qs}`);
      expect(r.status, qs).toBe(200);
      return r.body.items.map((x: any) => x.id).sort((a: number, b: number) => a - b);
    };
    const rows = await db().selectFrom('rectification_item').selectAll().execute();
    const today = '2025-07-30'; // the clock after the 回头看 test moved it on
    const expectIds = (f: (r: (typeof rows)[number]) => boolean) =>
      rows
        .filter(f)
        .map((r) => r.id)
        .sort((a, b) => a - b);
    expect(ids).toHaveLength(rows.length);
    expect(await got('overdue=true')).toEqual(
      expectIds((r) => r.status !== '已销号' && !!r.deadline_date && r.deadline_date < today),
    );
    expect(await got('overdue=false')).toEqual(
      expectIds((r) => !(r.status !== '已销号' && !!r.deadline_date && r.deadline_date < today)),
    );
    expect(await got(`orgId=${c.orgs.a1}`)).toEqual(expectIds((r) => r.org_id === c.orgs.a1));
    expect(await got(`status=${encodeURIComponent('已销号')}`)).toEqual(expectIds((r) => r.status === '已销号'));
    expect(await got('year=2025')).toEqual(expectIds(() => true));
    expect(await got('year=2024')).toEqual([]);
    // 甲镇 is the issuing side of nothing; it rectifies its own items.
    expect((await townA.get(`/api/rectifications?side=${encodeURIComponent('交办方')}`)).body.total).toBe(0);
    expect((await townA.get(`/api/rectifications?side=${encodeURIComponent('整改方')}`)).body.total).toBe(
      rows.filter((r) => r.org_id === c.orgs.townA || r.org_id === c.orgs.a1).length,
    );
    for (const [qs, m] of [
      ['year=1999', /年度/],
      ['overdue=maybe', /逾期/],
      [`side=${encodeURIComponent('旁观者')}`, /身份/],
    ] as const) {
      const r = await zzb.get(`/api/rectifications?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body.message).toMatch(m);
    }
    // Each rectification to-do on the 工作台 opens a list that shows exactly the rows it counts.
    for (const who of [townA, zzb]) {
      const wb = (await who.get('/api/workbench')).body.items as { key: string; count: number; link: string }[];
      for (const todo of wb.filter((i) => i.key.startsWith('rect_'))) {
        expect(todo.link).toMatch(/^\/rectifications\?/);
        const r = await who.get(`/api${todo.link}`);
        expect(r.body.total, todo.key).toBe(todo.count);
      }
    }
  });

  it("scope: the 回头看 run through the API reaches only the caller's items", async () => {
    // Regression: POST /rechecks/run by town-a created (and counted) the due 回头看 of 乙镇's items.
    const id = (
      await townB.post('/api/rectifications', { orgId: c.orgs.b1, problem: '南村党费收缴不及时', source: '督查' })
    ).body.id;
    await townB.patch(`/api/rectifications/${id}`, { measures: '按月收缴' });
    await townB.post(`/api/rectifications/${id}/evidence`, { note: '收缴台账' });
    await townB.post(`/api/rectifications/${id}/apply-close`, {});
    expect((await zzb.post(`/api/rectifications/${id}/approve-close`, {})).status).toBe(200);
    await db().updateTable('rectification_item').set({ recheck_due_date: '2025-01-01' }).where('id', '=', id).execute();
    const rechecks = () => db().selectFrom('rectification_recheck').select('id').where('item_id', '=', id).execute();
    expect((await townA.post('/api/rectifications/rechecks/run')).body).toEqual({ created: 0 });
    expect(await rechecks()).toHaveLength(0);
    expect((await townB.post('/api/rectifications/rechecks/run')).body).toEqual({ created: 1 });
    expect(await rechecks()).toHaveLength(1);
  });
});
