/**
 * Roster totals come from counters kept by triggers (member_count): after every kind of write —
 * add, edit of status/category/type, transfer, subtree move, merge, import, delete — the total the
 * API answers equals a full count of the rows, for the county, each township and with each filter,
 * and the verification finds nothing to repair. A counter broken by hand is found and repaired by
 * the daily job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../lib/jobs.ts';
import { pathUpper } from '../../lib/scope.ts';
import { as, insertMember, makeId, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type Res, type TestApp } from '../../test/harness.ts';
import { MEMBER_HEADER, sheet, upload, waitJob } from '../imports/test-helpers.ts';
import { memberCountsJob, verifyMemberCounts } from './counts.ts';

let t: TestApp;
let c: County;
let zzb: Client;
let townA: Client;
let townB: Client;

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  [zzb, townA, townB] = await Promise.all([as(t.app, 'zzb'), as(t.app, 'town-a'), as(t.app, 'town-b')]);
});
afterAll(() => t.close());

const FILTERS = ['', 'category=离退休', 'memberType=预备', 'category=在职&memberType=正式', 'status=已故'];

/** A full count of the rows (never the counters), for a scope node and a filter string. */
async function counted(orgId: number, filter: string) {
  const f = Object.fromEntries(new URLSearchParams(filter));
  const { path } = await t.database.db
    .selectFrom('org_unit')
    .select('path')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  let q = t.database.db
    .selectFrom('member')
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpper(path))
    .where('status', '=', f.status ?? '正常');
  if (f.category) q = q.where('category', '=', f.category);
  if (f.memberType) q = q.where('member_type', '=', f.memberType);
  return Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

/** The API's totals (county, both townships, every filter), each checked against a full count. */
async function totals() {
  const out: Record<string, number> = {};
  for (const [name, orgId] of [
    ['county', c.orgs.county],
    ['townA', c.orgs.townA],
    ['townB', c.orgs.townB],
  ] as const)
    for (const f of FILTERS) {
      const r = await zzb.get(`/api/members?orgId=${orgId}&pageSize=1${f ? `&${f}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.body.totalApprox).toBe(false);
      expect(r.body.total, `${name} ${f}`).toBe(await counted(orgId, f));
      out[`${name}${f ? ` ${f}` : ''}`] = r.body.total;
    }
  expect(await verifyMemberCounts(t.app.ctx)).toBe(0);
  return out;
}

describe('roster totals from member_count', () => {
  it('counts the seeded county (backfill and insert trigger) and answers the township from its own rows', async () => {
    expect(await totals()).toMatchObject({ county: 5, townA: 3, townB: 2, 'county status=已故': 0 });
    // The township's own view: its scope, no orgId.
    expect((await townA.get('/api/members?pageSize=1')).body).toMatchObject({ total: 3, totalApprox: false });
  });

  it('follows an added member, and edits of status, category and type', async () => {
    const r = await townA.post('/api/members', {
      name: '孙预备',
      idNumber: makeId('1999-02-03', 511, '女'),
      orgId: c.orgs.a2,
      joinDate: '2025-07-01',
      memberType: '预备',
      category: '离退休',
    });
    expect(r.status).toBe(201);
    expect(await totals()).toMatchObject({
      county: 6,
      townA: 4,
      'townA memberType=预备': 1,
      'county category=离退休': 1,
    });
    expect((await townA.patch(`/api/members/${c.members.mA3}`, { status: '已故' })).status).toBe(200);
    expect(await totals()).toMatchObject({ county: 5, townA: 3, 'townA status=已故': 1 });
    expect(
      (await townA.patch(`/api/members/${r.body.id}`, { memberType: '正式', fullDate: '2026-07-01' })).status,
    ).toBe(200);
    expect(await totals()).toMatchObject({ 'townA memberType=预备': 0, 'county category=离退休': 1 });
  });

  it('moves with a completed transfer, a subtree move and a merge', async () => {
    const tr = await townA.post('/api/transfers', { memberId: c.members.mA2, toOrgId: c.orgs.b1, reason: '工作调动' });
    expect(tr.status).toBe(201);
    expect((await townA.post(`/api/transfers/${tr.body.id}/approve`, { opinion: '同意' })).status).toBe(200);
    expect(await totals()).toMatchObject({ townA: 3, townB: 2 }); // not moved until received
    expect((await townB.post(`/api/transfers/${tr.body.id}/approve`, { opinion: '同意' })).status).toBe(200);
    expect(await totals()).toMatchObject({ county: 5, townA: 2, townB: 3 });
    // 甲镇东村 (1 member left) moves under 乙镇: the counters' paths follow the branch.
    expect((await zzb.post(`/api/orgs/${c.orgs.a1}/move`, { parentId: c.orgs.townB })).status).toBe(200);
    expect(await totals()).toMatchObject({ county: 5, townA: 1, townB: 4 });
    // …and merges into 乙镇南村: its members change branch in one UPDATE.
    expect((await zzb.post(`/api/orgs/${c.orgs.a1}/merge`, { targetId: c.orgs.b1 })).status).toBe(200);
    expect(await totals()).toMatchObject({ county: 5, townA: 1, townB: 4 });
    const b1 = await zzb.get(`/api/members?orgId=${c.orgs.b1}&pageSize=1`);
    expect(b1.body.total).toBe(4);
  });

  it('adds an imported batch, and follows rows deleted outside the app', async () => {
    const row = (name: string, id: string, cat: string) => [
      name,
      null,
      '汉族',
      id,
      '13912345678',
      '大学本科',
      'TA02',
      '2010-07-01',
      '2011-07-01',
      '正式',
      cat,
    ];
    const file = await sheet([
      MEMBER_HEADER,
      row('周一平', makeId('1975-03-12', 611, '男'), '在职'),
      row('吴二红', makeId('1988-11-02', 612, '女'), '离退休'),
      row('郑三立', makeId('1990-01-20', 613, '男'), '离退休'),
    ]);
    const r = await upload(townA, '/api/import/members', file);
    expect(r.status).toBe(202);
    expect(await waitJob(townA, r.body.jobId)).toMatchObject({ status: 'done', imported: 3 });
    expect(await totals()).toMatchObject({ county: 8, townA: 4, 'townA category=离退休': 3 });
    // The app never deletes a member (records end with a status); a repair or restore script might.
    await t.database.db.deleteFrom('member').where('name', 'in', ['吴二红', '郑三立']).execute();
    expect(await totals()).toMatchObject({ county: 6, townA: 2, 'county category=离退休': 1 });
  });

  it('a counter broken by hand is found by the check and repaired by the daily job', async () => {
    const before = await totals();
    const db = t.database.db;
    await db.updateTable('member_count').set({ n: 40 }).where('org_id', '=', c.orgs.county).execute();
    await db.deleteFrom('member_count').where('org_id', '=', c.orgs.a2).where('category', '=', '').execute();
    expect(await verifyMemberCounts(t.app.ctx)).toBeGreaterThan(0);
    expect((await zzb.get('/api/members?pageSize=1')).body.total).not.toBe(before.county);
    const run = await runJob(t.app.ctx, memberCountsJob);
    expect(run).toMatchObject({ ran: true, result: { wrong: expect.any(Number), repaired: expect.any(Number) } });
    expect(run.ran && run.result.wrong > 0 && run.result.repaired > 0).toBe(true);
    expect(await totals()).toEqual(before);
    // Nothing wrong: the next check repairs nothing.
    expect(
      await runJob(t.app.ctx, memberCountsJob, { holder: 'other', now: new Date(Date.now() + 2 * 86400_000) }),
    ).toEqual({ ran: true, result: { wrong: 0, repaired: 0 } });
  });

  it('a pinyin search answers the same rows over a narrow scope (its own entries) and a wide one (the search indexes)', async () => {
    const names = [
      '赵子龙',
      '张三丰',
      '周志明',
      '张华',
      '郑和',
      '朱自清',
      '王建军',
      '章泽天',
      '赵四',
      '庄重',
      '钟华',
      '张晓',
    ];
    for (const [i, name] of names.entries())
      await insertMember(t.database.db, { name, orgId: c.orgs.b1, seq: 700 + 2 * i });
    // 甲镇 now holds fewer than a quarter of the county's members: its searches take the narrow path.
    const all = await t.database.db
      .selectFrom('member')
      .select(['id', 'name_initials', 'name_pinyin', 'org_path'])
      .where('status', '=', '正常')
      .execute();
    const { path: townAPath } = await t.database.db
      .selectFrom('org_unit')
      .select('path')
      .where('id', '=', c.orgs.townA)
      .executeTakeFirstOrThrow();
    for (const [client, scope] of [
      [zzb, '/'],
      [townA, townAPath],
    ] as const)
      for (const term of ['z', 'zh', 'zs', 'wj', 'ZH']) {
        const q = term.toLowerCase();
        const want = all
          .filter((m) => m.org_path.startsWith(scope) && (m.name_initials.startsWith(q) || m.name_pinyin.startsWith(q)))
          .sort((a, b) => (a.name_pinyin < b.name_pinyin ? -1 : a.name_pinyin > b.name_pinyin ? 1 : a.id - b.id))
          .map((m) => m.id);
        const r = await client.get(`/api/members?q=${term}&pageSize=100`);
        expect(
          r.body.items.map((m: { id: number }) => m.id),
          `${scope} ${term}`,
        ).toEqual(want);
        expect(r.body.total).toBe(want.length);
        // Two at a time by cursor, and the second page by number: the same order.
        const seen: number[] = [];
        let next: string | null = null;
        do {
          const p: Res = await client.get(`/api/members?q=${term}&pageSize=2${next ? `&cursor=${next}` : ''}`);
          seen.push(...p.body.items.map((m: { id: number }) => m.id));
          next = p.body.nextCursor;
        } while (next);
        expect(seen).toEqual(want);
        const p2 = await client.get(`/api/members?q=${term}&pageSize=2&page=2`);
        expect(p2.body.items.map((m: { id: number }) => m.id)).toEqual(want.slice(2, 4));
      }
  });
});
