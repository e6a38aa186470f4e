/**
 * The member export is streamed from EXPORT_CHUNK-row chunks (500, keyset pagination): across chunk
 * borders no member is lost or repeated, the order is the roster's, and it is still one audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { idCheckDigit } from '../../../common/idcard.ts';
import { namePinyin } from '../../lib/pinyin.ts';
import { openXlsx } from './test-helpers.ts';

let t: TestApp;
let c: County;
const N = 4_600;
const SURNAMES = '张王李赵刘陈杨黄周吴';

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  const rows = Array.from({ length: N }, (_, i) => {
    // Many equal names, so the keyset's tie-breaks (pinyin, then id) are exercised.
    const name = `${SURNAMES[i % 10]}${'一二三'[i % 3]}`;
    const first17 = `9801011990${String(Math.floor(i / 900) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    const id = first17 + idCheckDigit(first17);
    const py = namePinyin(name);
    return {
      name,
      name_initials: py.initials,
      name_pinyin: py.full,
      gender: Number(first17[16]) % 2 ? '男' : '女',
      ethnicity: '汉族',
      birth_date: null,
      id_number: id,
      id_last4: id.slice(-4),
      phone: null,
      education: null,
      org_id: [c.orgs.a1, c.orgs.a2, c.orgs.b1][i % 3],
      join_date: null,
      full_date: null,
      member_type: '正式',
      category: '在职',
      status: '正常',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await t.database.db
      .insertInto('member')
      .values(rows.slice(i, i + 500))
      .execute();
});
afterAll(() => t.close());

describe('streamed member export', () => {
  it('exports every member once, in roster order, across chunk borders', async () => {
    const zzb = await as(t.app, 'zzb');
    const r = await zzb.get('/api/export/members');
    expect(r.status).toBe(200);
    const ws = (await openXlsx(r.raw)).worksheets[0];
    const ids: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) ids.push(String(row.getCell(4).value));
    });
    const total = (await zzb.get('/api/members?pageSize=1')).body.total;
    expect(total).toBe(N + 5);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    // The same order as the list, page by page.
    const listed: string[] = [];
    for (let p = 1; listed.length < total; p++)
      listed.push(
        ...(await zzb.get(`/api/members?pageSize=500&page=${p}`)).body.items.map((m: any) => m.idNumber.slice(-4)),
      );
    expect(ids.map((x) => x.slice(-4))).toEqual(listed);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'member.export')
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].after_json!)).toMatchObject({ count: total, fullId: true });
  });

  it('a township exports only its own members, still in one piece', async () => {
    const townA = await as(t.app, 'town-a');
    const r = await townA.get('/api/export/members');
    const ws = (await openXlsx(r.raw)).worksheets[0];
    expect(ws.actualRowCount - 1).toBe((await townA.get('/api/members?pageSize=1')).body.total);
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).not.toContain('乙镇');
  });
});
