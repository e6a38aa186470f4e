import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, insertUser, seedCounty, type County } from '../../test/fixtures.ts';
import { closeReview } from './reviews.test-support.ts';

let t: TestApp;
let c: County;
let clerk1: Client, clerk2: Client, zzb: Client;
let rid: number;
const db = () => t.database.db;
const sheet = (no: string, a: string, b: string, opinion?: string) => ({
  sheetNo: no,
  ratings: [
    { orgId: c.orgs.townA, grade: a, ...(opinion ? { opinion } : {}) },
    { orgId: c.orgs.townB, grade: b },
  ],
});
const ballots = async () => await db().selectFrom('ballot').selectAll().where('campaign_id', '=', rid).execute();

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  await insertUser(t.database.db, { username: 'clerk-1', role: 'org_admin', scopeOrgId: c.orgs.county });
  await insertUser(t.database.db, { username: 'clerk-2', role: 'org_admin', scopeOrgId: c.orgs.county });
  [zzb, clerk1, clerk2] = await Promise.all(['zzb', 'clerk-1', 'clerk-2'].map((u) => as(t.app, u)));
  rid = (await zzb.post('/api/reviews', { title: '纸质票测试', year: 2024, orgIds: [c.orgs.townA, c.orgs.townB] })).body
    .id;
});
afterAll(() => t.close());

describe('paper ballots: double entry by two different clerks', () => {
  it('is refused before voting opens', async () => {
    const r = await clerk1.post(`/api/reviews/${rid}/paper`, sheet('001', '好', '好'));
    expect(r.status).toBe(409);
    expect(await db().selectFrom('paper_sheet').select('id').execute()).toHaveLength(0);
    await zzb.post(`/api/reviews/${rid}/open-voting`);
  });

  it('two equal entries by different clerks become exactly one ballot', async () => {
    const a = await clerk1.post(`/api/reviews/${rid}/paper`, sheet('001', '好', '较好', '很好'));
    expect(a.body).toEqual({ sheetNo: '001', status: '待复录' });
    expect(await ballots()).toHaveLength(0);
    const b = await clerk2.post(`/api/reviews/${rid}/paper`, sheet('001', '好', '较好', '很好'));
    expect(b.body).toEqual({ sheetNo: '001', status: '已核对' });
    const bs = await ballots();
    expect(bs).toHaveLength(1);
    expect(bs[0].channel).toBe('纸质');
    // A third entry of the same sheet is refused; it is counted once.
    const third = await zzb.post(`/api/reviews/${rid}/paper`, sheet('001', '好', '较好', '很好'));
    expect(third.status).toBe(409);
    expect(await ballots()).toHaveLength(1);
  });

  it('the same clerk cannot enter a sheet twice', async () => {
    await clerk1.post(`/api/reviews/${rid}/paper`, sheet('002', '一般', '好'));
    const again = await clerk1.post(`/api/reviews/${rid}/paper`, sheet('002', '一般', '好'));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SAME_CLERK');
    expect(again.body.message).toContain('另一名录入员');
    expect(await ballots()).toHaveLength(1);
    expect((await clerk2.post(`/api/reviews/${rid}/paper`, sheet('002', '一般', '好'))).body.status).toBe('已核对');
    expect(await ballots()).toHaveLength(2);
  });

  it('mismatches are listed with their differences and counted only after reconciliation', async () => {
    await clerk1.post(`/api/reviews/${rid}/paper`, sheet('003', '好', '差'));
    const m = await clerk2.post(`/api/reviews/${rid}/paper`, sheet('003', '好', '一般'));
    expect(m.body.status).toBe('不一致');
    expect(await ballots()).toHaveLength(2);
    const list = await zzb.get(`/api/reviews/${rid}/paper?status=不一致`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      sheetNo: '003',
      differences: [{ orgId: c.orgs.townB, first: { grade: '差' }, second: { grade: '一般' } }],
    });
    expect((await zzb.get(`/api/reviews/${rid}/paper`)).body.counts).toEqual({ 待复录: 0, 不一致: 1, 已核对: 2 });
    const bad = await zzb.post(`/api/reviews/${rid}/paper/003/resolve`, {
      ratings: [{ orgId: c.orgs.townA, grade: '好' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/须对全部/);
    const ok = await zzb.post(`/api/reviews/${rid}/paper/003/resolve`, { ratings: sheet('003', '好', '差').ratings });
    expect(ok.body.status).toBe('已核对');
    expect(await ballots()).toHaveLength(3);
    expect(
      (await zzb.post(`/api/reviews/${rid}/paper/003/resolve`, { ratings: sheet('003', '好', '差').ratings })).status,
    ).toBe(409);
    expect(await ballots()).toHaveLength(3);
  });

  it('bad entries are refused in Chinese and store nothing', async () => {
    const before = (await db().selectFrom('paper_sheet').select('id').execute()).length;
    for (const body of [
      sheet('004', '优', '好'),
      { sheetNo: '', ratings: sheet('x', '好', '好').ratings },
      { sheetNo: '005' },
    ]) {
      const r = await clerk1.post(`/api/reviews/${rid}/paper`, body);
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await db().selectFrom('paper_sheet').select('id').execute()).length).toBe(before);
  });

  it('paper and electronic ballots are tallied together after close', async () => {
    const [tk] = (await zzb.post(`/api/reviews/${rid}/tokens`, { count: 1 })).body.tokens;
    await t.app.inject({
      method: 'POST',
      url: '/api/ballots',
      payload: { token: tk, ratings: sheet('', '差', '差').ratings },
    });
    await clerk1.post(`/api/reviews/${rid}/paper`, sheet('006', '好', '好'));
    await closeReview(zzb, rid);
    const r = await zzb.get(`/api/reviews/${rid}/results`);
    expect(r.body.voters).toBe(4); // 3 reconciled paper + 1 electronic; the half-entered sheet 006 is not counted
    expect(r.body.orgs.find((o: any) => o.orgId === c.orgs.townA).counts).toEqual({ 好: 2, 较好: 0, 一般: 1, 差: 1 });
  });
});
