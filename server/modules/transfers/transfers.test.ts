import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type Client } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';

let t: TestApp;
let c: County;
let branchA1: Client, townA: Client, townB: Client;
const memberOrg = async (id: number) =>
  (await t.database.db.selectFrom('member').select('org_id').where('id', '=', id).executeTakeFirstOrThrow()).org_id;

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  branchA1 = await as(t.app, 'branch-a1');
  townA = await as(t.app, 'town-a');
  townB = await as(t.app, 'town-b');
});
afterAll(() => t.close());

describe('组织关系转接', () => {
  it('goes out-side approval → in-side acceptance, recording every step; the member moves only at the end', async () => {
    const r = await branchA1.post('/api/transfers', {
      memberId: c.members.mA2,
      toOrgId: c.orgs.b1,
      reason: '工作调动',
    });
    expect(r.status).toBe(201);
    const id = r.body.id;
    // the branch cannot approve its own request: its superior (甲镇党委) must
    const self = await branchA1.post(`/api/transfers/${id}/approve`, {});
    expect(self.status).toBe(403);
    // the receiving side does not see it before the out side approved
    expect((await townB.get(`/api/transfers/${id}`)).status).toBe(404);
    expect((await townB.get('/api/transfers?box=todo')).body.total).toBe(0);
    // receiving side cannot jump the queue
    expect((await townB.post(`/api/transfers/${id}/approve`, {})).status).toBe(404);
    expect((await townA.get('/api/transfers?box=todo')).body.items.map((x: any) => x.id)).toContain(id);
    expect((await townA.post(`/api/transfers/${id}/approve`, { opinion: '同意转出' })).status).toBe(200);
    expect(await memberOrg(c.members.mA2)).toBe(c.orgs.a1);
    // now the receiving side sees it, with only the member's basic facts
    const seen = await townB.get(`/api/transfers/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.member.name).toBe('李晓红');
    expect(seen.body.member.idNumber).toBeUndefined();
    expect(seen.body.member.phone).toBeUndefined();
    expect((await townB.post(`/api/transfers/${id}/approve`, { opinion: '同意接收' })).status).toBe(200);
    expect(await memberOrg(c.members.mA2)).toBe(c.orgs.b1);
    const done = await townA.get(`/api/transfers/${id}`);
    expect(done.body.status).toBe('done');
    expect(done.body.steps.map((s: any) => [s.step, s.opinion])).toEqual([
      ['发起', '工作调动'],
      ['转出审批通过', '同意转出'],
      ['接收', '同意接收'],
    ]);
    expect(done.body.steps.every((s: any) => s.actor && s.at)).toBe(true);
    // after the move, 甲镇 no longer sees the member
    expect((await townA.get(`/api/members/${c.members.mA2}`)).status).toBe(404);
  });

  it('rejection needs a reason and leaves the member where they were', async () => {
    const { body } = await townA.post('/api/transfers', {
      memberId: c.members.mA3,
      toOrgId: c.orgs.b1,
      reason: '随迁',
    });
    const noReason = await townA.post(`/api/transfers/${body.id}/reject`, { opinion: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('退回理由');
    const r = await townA.post(`/api/transfers/${body.id}/reject`, { opinion: '材料不全' });
    expect(r.status).toBe(200);
    expect(await memberOrg(c.members.mA3)).toBe(c.orgs.a2);
    expect((await townA.get(`/api/transfers/${body.id}`)).body.status).toBe('rejected');
    expect((await townA.post(`/api/transfers/${body.id}/approve`, {})).body.code).toBe('TRANSFER_CLOSED');
  });

  it('the out side may revoke while pending; a second open request is refused', async () => {
    const { body } = await townA.post('/api/transfers', {
      memberId: c.members.mA1,
      toOrgId: c.orgs.b1,
      reason: '调动',
    });
    const dup = await townA.post('/api/transfers', { memberId: c.members.mA1, toOrgId: c.orgs.a2, reason: '调动' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('TRANSFER_PENDING');
    expect((await townA.post(`/api/transfers/${body.id}/revoke`)).status).toBe(200);
    expect((await townA.get(`/api/transfers/${body.id}`)).body.status).toBe('revoked');
  });

  it("approving outside one's scope is refused and changes nothing", async () => {
    const { body } = await townA.post('/api/transfers', {
      memberId: c.members.mA1,
      toOrgId: c.orgs.a2,
      reason: '村内调整',
    });
    const r = await townB.post(`/api/transfers/${body.id}/approve`, { opinion: '越权' });
    expect(r.status).toBe(404);
    const row = await t.database.db
      .selectFrom('transfer')
      .select('status')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending_out');
    const steps = await t.database.db
      .selectFrom('transfer_step')
      .select('step')
      .where('transfer_id', '=', body.id)
      .execute();
    expect(steps).toHaveLength(1);
  });

  it('cannot transfer a member of another township, or to a non-party unit', async () => {
    expect(
      (await townA.post('/api/transfers', { memberId: c.members.mB1, toOrgId: c.orgs.a1, reason: 'x' })).status,
    ).toBe(404);
    const r = await townB.post('/api/transfers', { memberId: c.members.mB2, toOrgId: c.orgs.dept, reason: 'x' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('TRANSFER_TARGET_TYPE');
  });
});
