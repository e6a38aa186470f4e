import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type Client } from '../../test/harness.ts';
import { as, insertMember, makeId, seedCounty, type County } from '../../test/fixtures.ts';
import { parseIdCard, idCheckDigit } from '../../../common/idcard.ts';
import mammoth from 'mammoth';
import { fullYears } from './record.service.ts';

let t: TestApp;
let c: County;
let townA: Client;
const count = async () => (await t.database.db.selectFrom('member').select('id').execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  townA = await as(t.app, 'town-a');
});
afterAll(() => t.close());

describe('ID numbers (GB 11643)', () => {
  it('accepts a valid number and derives birth date and sex', () => {
    const id = makeId('1985-12-31', 124, '女');
    expect(parseIdCard(id)).toEqual({ ok: true, birthDate: '1985-12-31', gender: '女', normalized: id });
    expect(parseIdCard('11010519491231002X')).toMatchObject({ ok: true, birthDate: '1949-12-31', gender: '女' });
  });
  it('rejects a wrong check digit, an impossible date, bad length', () => {
    const id = makeId('1985-12-31', 124, '女');
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(parseIdCard(wrong)).toEqual({ ok: false, message: '身份证号校验位不正确,请核对' });
    const feb30 = '990101' + '19850230' + '123';
    expect(parseIdCard(feb30 + idCheckDigit(feb30))).toEqual({ ok: false, message: '身份证号中的出生日期无效' });
    expect(parseIdCard('12345')).toMatchObject({ ok: false });
  });
});

describe('members', () => {
  const valid = () => ({
    name: '周新民',
    idNumber: makeId('1988-03-15', 301, '男'),
    phone: '13912345678',
    orgId: c.orgs.a1,
    joinDate: '2010-07-01',
    fullDate: '2011-07-01',
    memberType: '正式',
    category: '在职',
  });

  it('creates a member; birth date and sex come from the ID number', async () => {
    const r = await townA.post('/api/members', valid());
    expect(r.status).toBe(201);
    const m = await townA.get(`/api/members/${r.body.id}`);
    expect(m.body).toMatchObject({
      name: '周新民',
      gender: '男',
      birthDate: '1988-03-15',
      orgId: c.orgs.a1,
      initials: 'zxm',
    });
  });

  it.each([
    [{ idNumber: '990101198803150011' }, 'ID_NUMBER_INVALID', '身份证号校验位不正确'],
    [{ phone: '1234567' }, 'PHONE_INVALID', '手机号应为 11 位数字'],
    [{ gender: '女' }, 'GENDER_MISMATCH', '性别与身份证号不一致'],
    [{ birthDate: '1988-03-16' }, 'BIRTH_DATE_MISMATCH', '出生日期与身份证号不一致'],
    [{ fullDate: '2009-01-01' }, 'FULL_DATE_INVALID', '转正日期不能早于入党日期'],
  ])('refuses %o with a Chinese message and stores nothing', async (patch, code, msg) => {
    const before = await count();
    const base = { ...valid(), idNumber: makeId('1977-07-07', 402, '男') };
    const r = await townA.post('/api/members', { ...base, ...patch });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(code);
    expect(r.body.message).toContain(msg);
    expect(await count()).toBe(before);
  });

  it('refuses a duplicate ID number', async () => {
    const r = await townA.post('/api/members', { ...valid(), name: '周重复' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('ID_NUMBER_TAKEN');
  });

  it("refuses to add a member to a branch outside the caller's scope", async () => {
    const r = await townA.post('/api/members', {
      ...valid(),
      idNumber: makeId('1970-01-01', 501, '男'),
      orgId: c.orgs.b1,
    });
    expect(r.status).toBe(404);
  });

  it('finds members by name, pinyin initials and the last four ID digits, within scope only', async () => {
    const byName = await townA.get('/api/members?q=三明');
    expect(byName.body.items.map((m: any) => m.name)).toEqual(['张三明']);
    const byInitials = await townA.get('/api/members?q=zsm');
    expect(byInitials.body.items.map((m: any) => m.name)).toEqual(['张三明']);
    expect((await townA.get('/api/members?q=ZSM')).body.total).toBe(1);
    const zhang = await t.database.db
      .selectFrom('member')
      .select('id_last4')
      .where('name', '=', '张三明')
      .executeTakeFirstOrThrow();
    expect((await townA.get(`/api/members?q=${zhang.id_last4}`)).body.items[0].name).toBe('张三明');
    // 赵四海 lives in 乙镇: invisible to 甲镇 whatever the query
    expect((await townA.get('/api/members?q=zsh')).body.total).toBe(0);
    expect((await townA.get('/api/members?q=赵四海')).body.total).toBe(0);
  });

  it('lists a subtree page with total and masks ID numbers in lists', async () => {
    const r = await townA.get(`/api/members?orgId=${c.orgs.a1}&page=1&pageSize=2`);
    expect(r.body.total).toBe(3);
    expect(r.body.items).toHaveLength(2);
    expect(r.body.items[0].idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  });

  it('reads on with a cursor: the same rows as pages, the total carried, a bad cursor refused', async () => {
    const paged = await townA.get('/api/members?page=1&pageSize=500');
    const all = paged.body.items.map((m: any) => m.id);
    expect(paged.body).toMatchObject({ total: all.length, totalApprox: false, nextCursor: null });
    const seen: number[] = [];
    let r = await townA.get('/api/members?pageSize=2');
    for (;;) {
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(all.length);
      seen.push(...r.body.items.map((m: any) => m.id));
      if (!r.body.nextCursor) break;
      r = await townA.get(`/api/members?pageSize=2&cursor=${encodeURIComponent(r.body.nextCursor)}`);
    }
    expect(seen).toEqual(all);
    // Search order has its own cursor; the roster's is refused there, as is garbage.
    const first = await townA.get('/api/members?pageSize=1');
    const wrong = await townA.get(`/api/members?q=zsm&pageSize=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'CURSOR_INVALID', message: expect.stringContaining('翻页位置无效') });
    expect((await townA.get('/api/members?cursor=%E4%B9%B1')).body.code).toBe('CURSOR_INVALID');
  });

  it('a 党员 sees only their own record', async () => {
    const me = await as(t.app, 'member-a');
    const list = await me.get('/api/members');
    expect(list.body.items.map((m: any) => m.id)).toEqual([c.members.mA1]);
    expect((await me.get(`/api/members/${c.members.mA1}`)).status).toBe(200);
    expect((await me.get(`/api/members/${c.members.mA2}`)).status).toBe(404);
    expect((await me.post('/api/members', { ...valid(), idNumber: makeId('1970-01-01', 601, '男') })).status).toBe(403);
  });

  it('党员档案 as .docx: the full record for its readers, a 党员 only their own, 404 outside the scope', async () => {
    const r = await townA.get(`/api/members/${c.members.mA1}/record.docx`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const m = (await townA.get(`/api/members/${c.members.mA1}`)).body;
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain(`党员档案-${m.name}-`);
    const text = (await mammoth.extractRawText({ buffer: r.raw })).value;
    for (const s of ['党 员 档 案', m.name, m.idNumber, m.orgName, '组织关系转接记录']) expect(text).toContain(s);
    if (m.joinDate) expect(text).toContain(`${m.joinDate.slice(0, 4)}年${m.joinDate.slice(5, 7)}月`);
    const me = await as(t.app, 'member-a');
    expect((await me.get(`/api/members/${c.members.mA1}/record.docx`)).status).toBe(200);
    expect((await me.get(`/api/members/${c.members.mA2}/record.docx`)).status).toBe(404);
    const away = await townA.get(`/api/members/${c.members.mB1}/record.docx`);
    expect(away.status).toBe(404);
    expect(away.body.message).toContain('党员');
    expect(fullYears('2010-07-01', '2026-06-30')).toBe(15);
    expect(fullYears('2010-07-01', '2026-07-01')).toBe(16);
  });

  it('edits a member, and refuses moving branch outside a transfer', async () => {
    expect(
      (await townA.patch(`/api/members/${c.members.mA2}`, { phone: '13600000001', category: '流动' })).status,
    ).toBe(200);
    const m = await t.database.db
      .selectFrom('member')
      .selectAll()
      .where('id', '=', c.members.mA2)
      .executeTakeFirstOrThrow();
    expect([m.phone, m.category]).toEqual(['13600000001', '流动']);
    const r = await townA.patch(`/api/members/${c.members.mA2}`, { orgId: c.orgs.a2 });
    expect(r.body.code).toBe('USE_TRANSFER');
  });
});

describe('member.org_path (kept by triggers)', () => {
  const pathOf = async (id: number) =>
    (await t.database.db.selectFrom('member').select('org_path').where('id', '=', id).executeTakeFirstOrThrow())
      .org_path;
  const orgPath = async (id: number) =>
    (await t.database.db.selectFrom('org_unit').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;

  it('follows inserts, wrong values written by hand, org changes and subtree moves', async () => {
    expect(await pathOf(c.members.mA3)).toBe(await orgPath(c.orgs.a2));
    await t.database.db
      .updateTable('member')
      .set({ org_path: '/bogus/' } as any)
      .where('id', '=', c.members.mA3)
      .execute();
    expect(await pathOf(c.members.mA3)).toBe(await orgPath(c.orgs.a2));
    await t.database.db.updateTable('member').set({ org_id: c.orgs.b1 }).where('id', '=', c.members.mA3).execute();
    expect(await pathOf(c.members.mA3)).toBe(await orgPath(c.orgs.b1));
    await t.database.db.updateTable('member').set({ org_id: c.orgs.a2 }).where('id', '=', c.members.mA3).execute();
    const zzb = await as(t.app, 'zzb');
    expect((await zzb.post(`/api/orgs/${c.orgs.a2}/move`, { parentId: c.orgs.townB })).status).toBe(200);
    expect(await pathOf(c.members.mA3)).toBe(`/${c.orgs.county}/${c.orgs.townB}/${c.orgs.a2}/`);
    expect((await townA.get(`/api/members/${c.members.mA3}`)).status).toBe(404);
    expect((await zzb.post(`/api/orgs/${c.orgs.a2}/move`, { parentId: c.orgs.townA })).status).toBe(200);
    expect(await pathOf(c.members.mA3)).toBe(await orgPath(c.orgs.a2));
  });
});

describe('the contract of a member record', () => {
  it('a list row carries only the declared fields, with the ID number masked', async () => {
    const r = await townA.get(`/api/members?orgId=${c.orgs.a1}`);
    expect(r.status).toBe(200);
    const row = r.body.items.find((m: any) => m.id === c.members.mA1);
    // Columns that exist in the table but not in the contract (search keys, the trigger-kept path)
    // never leave the server.
    expect(Object.keys(row).sort()).toEqual(
      [
        'birthDate',
        'category',
        'createdAt',
        'education',
        'ethnicity',
        'fullDate',
        'gender',
        'id',
        'idNumber',
        'initials',
        'joinDate',
        'memberType',
        'name',
        'orgCode',
        'orgId',
        'orgName',
        'phone',
        'status',
        'updatedAt',
      ].sort(),
    );
    const db = await t.database.db
      .selectFrom('member')
      .selectAll()
      .where('id', '=', c.members.mA1)
      .executeTakeFirstOrThrow();
    expect(row.idNumber).not.toBe(db.id_number);
    expect(row.idNumber.slice(-4)).toBe(db.id_number.slice(-4));
  });

  it("the record lists the member's transfers in camelCase, newest first", async () => {
    const zzb = await as(t.app, 'zzb');
    const created = await zzb.post('/api/transfers', { memberId: c.members.mA3, toOrgId: c.orgs.b1, reason: '迁居' });
    expect(created.status).toBe(201);
    const m = await zzb.get(`/api/members/${c.members.mA3}`);
    const stored = await t.database.db
      .selectFrom('transfer')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(m.body.transfers[0]).toEqual({
      id: created.body.id,
      status: 'pending_out',
      fromName: '甲镇西村党支部',
      toName: '乙镇南村党支部',
      createdAt: stored.created_at,
      updatedAt: stored.updated_at,
    });
    expect(stored.member_id).toBe(c.members.mA3);
  });
});

// The split into one index range per initials value starts at SEARCH_SPLIT_FROM members in scope
// (500,000: a province); at 1 this small county takes it too. Both ways must answer the same.
describe.each([
  { how: 'one index range per initials value', split: '1' },
  { how: 'the initials matches sorted as one range', split: '500000' },
])('pinyin search over the whole tree: $how', ({ split }) => {
  let s: TestApp;
  let sc: County;
  let sTown: Client;
  beforeAll(async () => {
    s = await createTestApp({ env: { SEARCH_SPLIT_FROM: split } });
    sc = await seedCounty(s.database.db);
    sTown = await as(s.app, 'town-a');
  });
  afterAll(() => s.close());

  /** Every match in search order, by a plain query: full pinyin or initials starting with the term. */
  const expected = async (term: string) =>
    (
      await s.database.db
        .selectFrom('member')
        .select('id')
        .where('status', '=', '正常')
        .where((eb) => eb.or([eb('name_pinyin', 'like', `${term}%`), eb('name_initials', 'like', `${term}%`)]))
        .orderBy('name_pinyin')
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
  /** The API's answer read with a cursor, `size` at a time: every id in order, and the totals seen. */
  const walk = async (who: Client, term: string, size: number) => {
    const ids: number[] = [];
    const totals = new Set<number>();
    let r = await who.get(`/api/members?q=${term}&pageSize=${size}`);
    for (;;) {
      expect(r.status).toBe(200);
      totals.add(r.body.total);
      ids.push(...r.body.items.map((m: any) => m.id));
      if (!r.body.nextCursor) return { ids, totals: [...totals] };
      r = await who.get(`/api/members?q=${term}&pageSize=${size}&cursor=${encodeURIComponent(r.body.nextCursor)}`);
    }
  };

  it('merges full-pinyin and initials matches in pinyin order, each member once, page by page', async () => {
    const zzb = await as(s.app, 'zzb');
    // "zh": 张华 matches twice over (pinyin and initials); 曾浩, 臧海, 祖欢 and 左辉 by initials on both
    // sides of the zh… pinyin range; 邹红霞 by a longer initials value; 赵敏, 郑明, 周杰 by pinyin alone.
    const names = ['张华', '曾浩', '臧海', '祖欢', '左辉', '邹红霞', '赵敏', '郑明', '周杰', '李华', '朱德'];
    for (const [i, name] of names.entries())
      await insertMember(s.database.db, {
        name,
        orgId: i % 2 ? sc.orgs.a1 : sc.orgs.b1,
        seq: 701,
        birth: `19${50 + i}-03-04`,
      });
    const want = await expected('zh');
    expect(want.length).toBeGreaterThanOrEqual(10);
    for (const size of [1, 3, 50]) expect(await walk(zzb, 'zh', size)).toEqual({ ids: want, totals: [want.length] });
    const page2 = await zzb.get('/api/members?q=zh&page=2&pageSize=3');
    expect(page2.body.items.map((m: any) => m.id)).toEqual(want.slice(3, 6));
    // A township's search over the same names (the narrow path) agrees on its part.
    const inA = (await walk(sTown, 'zh', 2)).ids;
    const { path } = await s.database.db
      .selectFrom('org_unit')
      .select('path')
      .where('id', '=', sc.orgs.townA)
      .executeTakeFirstOrThrow();
    const mine = new Set(
      (await s.database.db.selectFrom('member').select('id').where('org_path', 'like', `${path}%`).execute()).map(
        (r) => r.id,
      ),
    );
    expect(inA).toEqual(want.filter((id) => mine.has(id)));
  });

  it('a one-letter search with more initials values than it probes one by one reads them as one range', async () => {
    const zzb = await as(s.app, 'zzb');
    // 46 members whose initials are all different and start with z: more than the per-value limit.
    const given = '阿白陈东二方高红金康林明南欧平强荣山天伟小云志'.split('');
    for (const [i, g] of given.entries()) {
      await insertMember(s.database.db, { name: `张${g}`, orgId: sc.orgs.a2, seq: 801, birth: `19${50 + i}-05-06` });
      await insertMember(s.database.db, { name: `张${g}明`, orgId: sc.orgs.b1, seq: 811, birth: `19${50 + i}-05-06` });
    }
    const want = await expected('z');
    const initials = await s.database.db
      .selectFrom('member')
      .select('name_initials')
      .distinct()
      .where('name_initials', 'like', 'z%')
      .execute();
    expect(initials.length).toBeGreaterThan(40);
    expect(await walk(zzb, 'z', 7)).toEqual({ ids: want, totals: [want.length] });
    // The two-letter search over these values still goes one value at a time.
    expect((await walk(zzb, 'zw', 2)).ids).toEqual(await expected('zw'));
  });
});
