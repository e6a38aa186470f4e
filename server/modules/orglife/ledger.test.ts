/**
 * The branch's 支委 and 党小组 (who is expected at a 支委会 and a 党小组会), then the generated
 * ledgers: a branch's 组织生活台账 and a township's compliance report, read back from the .xlsx.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, insertOrg, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { bj, growBranch } from './test-helpers.ts';

let t: TestApp;
let c: County;
let branch: Client, townA: Client;
let ids: number[];
let g1: number, g2: number;
const db = () => t.database.db;

async function sheets(raw: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    out[ws.name] = [];
    ws.eachRow((row) => out[ws.name].push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  });
  return out;
}

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(bj('2026-04-15T10:00:00')) });
  c = await seedCounty(t.database.db);
  ids = await growBranch(db(), c.orgs.a1, 8, 400);
  g1 = await insertOrg(db(), { code: 'TA01-G1', name: '东村第一党小组', type: '党小组', parentId: c.orgs.a1 });
  g2 = await insertOrg(db(), { code: 'TA01-G2', name: '东村第二党小组', type: '党小组', parentId: c.orgs.a1 });
  branch = await as(t.app, 'branch-a1');
  townA = await as(t.app, 'town-a');
});
afterAll(() => t.close());

describe('支委 and 党小组', () => {
  it('a 党小组会 expects the group members; a member belongs to one group of the branch', async () => {
    expect(
      (
        await branch.request('PUT', `/api/org-life/groups/${g1}/members`, {
          memberIds: [c.members.mA1, ids[0], ids[1]],
        })
      ).status,
    ).toBe(200);
    expect(
      (await branch.request('PUT', `/api/org-life/groups/${g2}/members`, { memberIds: [ids[1], ids[2]] })).status,
    ).toBe(200);
    const info = await branch.get(`/api/org-life/branches/${c.orgs.a1}`);
    expect(info.body.groups.map((g: any) => g.members.map((m: any) => m.memberId).sort())).toEqual([
      [c.members.mA1, ids[0]].sort(),
      [ids[1], ids[2]].sort(),
    ]);
    const wrong = await branch.request('PUT', `/api/org-life/groups/${g1}/members`, { memberIds: [c.members.mA3] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('所在党支部');
    const m = await branch.post('/api/meetings', {
      orgId: g2,
      types: ['党小组会'],
      heldAt: bj('2026-04-15T09:00:00'),
      topic: '学习',
    });
    expect(m.status).toBe(201);
    const rows = await db()
      .selectFrom('meeting_attendee')
      .select('member_id')
      .where('meeting_id', '=', m.body.id)
      .execute();
    expect(rows.map((r) => r.member_id).sort()).toEqual([ids[1], ids[2]].sort());
    expect(
      (
        await branch.post('/api/meetings', {
          orgId: g2,
          types: ['主题党日'],
          heldAt: bj('2026-04-15T09:00:00'),
          topic: 'x',
        })
      ).status,
    ).toBe(400);
  });

  it('支委 are 正式党员 of the branch, at most 7; a term can end', async () => {
    const add = (memberId: number, role: string) =>
      branch.post(`/api/org-life/branches/${c.orgs.a1}/committee`, { memberId, role, startDate: '2024-01-01' });
    expect((await add(c.members.mA3, '委员')).status).toBe(400);
    const first = await add(c.members.mA1, '书记');
    expect(first.status).toBe(201);
    expect((await add(c.members.mA1, '委员')).status).toBe(409);
    for (const [i, role] of ['副书记', '组织委员', '宣传委员', '纪检委员', '青年委员', '委员'].entries())
      expect((await add(ids[i], role)).status).toBe(201);
    const full = await add(ids[6], '委员');
    expect(full.status).toBe(400);
    expect(full.body.message).toContain('最多 7 人');
    expect((await branch.patch(`/api/org-life/committee/${first.body.id}`, { endDate: '2026-03-31' })).status).toBe(
      200,
    );
    expect((await add(ids[6], '书记')).status).toBe(201);
    const info = await branch.get(`/api/org-life/branches/${c.orgs.a1}`);
    expect(info.body.hasCommittee).toBe(true);
    expect(info.body.committee.find((x: any) => x.id === first.body.id).endDate).toBe('2026-03-31');
    const m = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['支部委员会'],
      heldAt: bj('2026-04-15T09:00:00'),
      topic: '研究四月工作',
    });
    expect(
      (await db().selectFrom('meeting').select('expected').where('id', '=', m.body.id).executeTakeFirstOrThrow())
        .expected,
    ).toBe(7);
  });
});

describe('ledgers', () => {
  it("a branch's 组织生活台账: meetings with 应到/实到 and absent names, compliance, members by month", async () => {
    const m = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['支部党员大会', '党课'],
      heldAt: bj('2026-03-20T09:00:00'),
      topic: '一季度党员大会',
      recorder: '李晓红',
    });
    await branch.post(`/api/meetings/${m.body.id}/attendance`, {
      memberId: c.members.mA2,
      status: '请假',
      reason: '住院',
    });
    for (const id of ids)
      await branch.post(`/api/meetings/${m.body.id}/attendance`, {
        memberId: id,
        status: '补签',
        reason: '纸质签到表',
      });
    const r = await branch.get(`/api/org-life/ledger.xlsx?orgId=${c.orgs.a1}&year=2026`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toContain('spreadsheetml');
    const s = await sheets(r.raw);
    expect(Object.keys(s)).toEqual(['会议台账', '合规情况', '党员出勤']);
    const row = s.会议台账.find((x) => x[4] === '一季度党员大会')!;
    expect(row.slice(1, 4)).toEqual(['2026年03月20日', '支部党员大会、党课', '甲镇东村党支部']);
    expect(row.slice(6, 10)).toEqual(['李晓红', '10', '8', '1']);
    expect(row[10]).toContain('李晓红(请假:住院)');
    expect(row[10]).toContain('张三明');
    expect(row[11]).toBe('达到');
    const q1 = s.合规情况.find((x) => x[1] === '支部党员大会' && x[2] === '2026年第一季度')!;
    expect(q1.slice(3, 7)).toEqual(['1', '1', '0', '已完成']);
    const zhang = s.党员出勤.find((x) => x[0] === '张三明')!;
    expect(zhang[3]).toBe('✗');
    expect(s.党员出勤.find((x) => x[0] === '李晓红')![3]).toBe('假');
    expect((await branch.get(`/api/org-life/ledger.xlsx?orgId=${c.orgs.b1}&year=2026`)).status).toBe(404);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'orglife.ledger.export')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("a township's compliance report ranks its branches and lists every miss", async () => {
    const r = await townA.get('/api/org-life/compliance.xlsx?year=2026');
    expect(r.status).toBe(200);
    const s = await sheets(r.raw);
    expect(Object.keys(s)).toEqual(['汇总', '支部明细', '缺开明细']);
    expect(s.汇总[0][0]).toContain('甲镇党委 2026年组织生活制度落实情况');
    const names = s.汇总.slice(2).map((x) => x[1]);
    expect(names).toContain('甲镇东村党支部');
    expect(names).toContain('甲镇西村党支部');
    expect(names.join()).not.toContain('乙镇');
    expect(s.缺开明细.some((x) => x[0] === '甲镇西村党支部' && x[1] === '主题党日' && x[2] === '2026年1月')).toBe(true);
  });
});
