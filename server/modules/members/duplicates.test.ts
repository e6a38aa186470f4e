/**
 * No membership oracle: a township learns that an ID number is registered elsewhere at most once
 * per request, never whom or where; an import names at most 3 such rows; every answer is audited
 * and counted against a daily budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, insertMember, makeId, seedCounty, type County } from '../../test/fixtures.ts';
import { MEMBER_HEADER, sheet, upload, waitJob } from '../imports/test-helpers.ts';
import { ELSEWHERE_MESSAGE, ELSEWHERE_MORE, ELSEWHERE_PER_DAY } from './duplicates.ts';

let t: TestApp;
let c: County;
let townA: Client;
const bIds: string[] = [];
const member = (idNumber: string, orgId = c.orgs.a1) => ({
  name: '周新民',
  idNumber,
  orgId,
  memberType: '正式',
  category: '在职',
});
const audits = async () =>
  (
    await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', '=', 'member.id_elsewhere')
      .execute()
  ).map((a) => JSON.parse(a.after_json!));
const count = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  for (let i = 0; i < 40; i++) {
    const id = await insertMember(t.database.db, { name: `乙镇党员${i}`, orgId: c.orgs.b1, seq: 601 + 2 * i });
    bIds.push(
      (await t.database.db.selectFrom('member').select('id_number').where('id', '=', id).executeTakeFirstOrThrow())
        .id_number,
    );
  }
  townA = await as(t.app, 'town-a');
});
afterAll(() => t.close());

describe('create and edit', () => {
  it('a duplicate inside the scope is named as before; outside it: 409 "registered elsewhere", nothing of 乙镇, audited', async () => {
    const inScope = await townA.post(
      '/api/members',
      member(
        (
          await t.database.db
            .selectFrom('member')
            .select('id_number')
            .where('id', '=', c.members.mA2)
            .executeTakeFirstOrThrow()
        ).id_number,
      ),
    );
    expect([inScope.status, inScope.body.code]).toEqual([409, 'ID_NUMBER_TAKEN']);
    const before = await count();
    const r = await townA.post('/api/members', member(bIds[0]));
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ code: 'ID_NUMBER_ELSEWHERE', message: ELSEWHERE_MESSAGE });
    expect(JSON.stringify(r.body)).not.toMatch(/乙镇|赵四海|TB01/);
    expect(await count()).toBe(before);
    expect(await audits()).toEqual([{ source: 'create', count: 1, memberIds: [expect.any(Number)] }]);
    // Editing one's own member to a number held elsewhere: the same answer.
    const e = await townA.patch(`/api/members/${c.members.mA1}`, { idNumber: bIds[1] });
    expect([e.status, e.body.code]).toEqual([409, 'ID_NUMBER_ELSEWHERE']);
  });

  it(`past ${ELSEWHERE_PER_DAY} such answers a day the account gets 429; a fresh ID number still registers`, async () => {
    const used = (await audits()).length;
    for (let i = used; i < ELSEWHERE_PER_DAY; i++)
      expect((await townA.post('/api/members', member(bIds[2 + i]))).status).toBe(409);
    const over = await townA.post('/api/members', member(bIds[35]));
    expect([over.status, over.body.code]).toEqual([429, 'ID_LOOKUP_LIMIT']);
    expect(over.body.message).toContain('上限');
    expect((await townA.post('/api/members', member(makeId('1990-01-01', 901, '男')))).status).toBe(201);
  });
});

describe('import', () => {
  it('a sheet of 30 numbers held elsewhere names at most 3 rows (none once over budget), then one line without a count; audited with the count', async () => {
    const zzb2 = await as(t.app, 'branch-a1'); // a fresh account: its own daily budget
    const rows = bIds.slice(0, 30).map((id, i) => [`导入${i}`, '', '汉族', id, '', '', 'TA01', '', '', '正式', '在职']);
    const job = await upload(zzb2, '/api/import/members', await sheet([MEMBER_HEADER, ...rows]));
    expect(job.status).toBe(202);
    const done = await waitJob(zzb2, job.body.jobId);
    expect(done.status).toBe('failed');
    const idErrors = done.errors.filter((e: any) => e.column === '身份证号');
    expect(idErrors.filter((e: any) => e.message === ELSEWHERE_MESSAGE)).toHaveLength(3);
    expect(idErrors.filter((e: any) => e.message === ELSEWHERE_MORE)).toHaveLength(1);
    expect(idErrors.find((e: any) => e.message === ELSEWHERE_MORE).row).toBe(1);
    // (Only what the report says: the job id is random hex and may contain any digits.)
    expect(JSON.stringify({ errors: done.errors, message: done.message })).not.toMatch(/乙镇|30 行|27/);
    const a = (await audits()).find((x) => x.source === 'import');
    expect(a).toMatchObject({ source: 'import', count: 30 });
  });
});
