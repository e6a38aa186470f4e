import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type Client } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';

let t: TestApp;
let c: County;
let zzb: Client;
let townA: Client;
const org = (id: number) =>
  t.database.db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
  townA = await as(t.app, 'town-a');
});
afterAll(() => t.close());

describe('org picker search', () => {
  const names = (r: { body: { items: { name: string }[] } }) => r.body.items.map((o) => o.name);
  it('searches the whole scope by name, code and pinyin, offering only the requested types', async () => {
    const T = (...ts: string[]) => ts.map((x) => `&types=${encodeURIComponent(x)}`).join('');
    expect(names(await zzb.get(`/api/orgs/search?q=${encodeURIComponent('村')}${T('党支部')}`))).toEqual([
      '甲镇东村党支部',
      '甲镇西村党支部',
      '乙镇南村党支部',
    ]);
    // Pinyin: initials and full spelling; the best match (name prefix) first.
    expect(names(await zzb.get('/api/orgs/search?q=yz'))).toEqual(['乙镇党委', '乙镇南村党支部']);
    expect(names(await zzb.get(`/api/orgs/search?q=dongcun${T('党支部')}`))).toEqual(['甲镇东村党支部']);
    // Only the types the field accepts: a 政府单位 is never offered for a party field, and back.
    expect(names(await zzb.get(`/api/orgs/search?q=czj${T('党委', '党总支')}`))).toEqual([]);
    expect(names(await zzb.get(`/api/orgs/search?q=czj${T('政府单位')}`))).toEqual(['县财政局']);
    const r = await zzb.get(`/api/orgs/search?q=TA01`);
    expect(r.body.items).toEqual([{ id: c.orgs.a1, name: '甲镇东村党支部', type: '党支部', parentName: '甲镇党委' }]);
    // Without a term: the first nodes in tree order, limited; ids name chosen values.
    expect((await zzb.get('/api/orgs/search?limit=2')).body.items).toHaveLength(2);
    expect(names(await zzb.get(`/api/orgs/search?ids=${c.orgs.dept}&ids=${c.orgs.b1}`)).sort()).toEqual(
      ['乙镇南村党支部', '县财政局'].sort(),
    );
  });
  it("never leaves the caller's subtree, and refuses bad filters in Chinese", async () => {
    expect(names(await townA.get('/api/orgs/search?q=yz'))).toEqual([]);
    expect(names(await townA.get(`/api/orgs/search?ids=${c.orgs.b1}`))).toEqual([]);
    expect(names(await townA.get('/api/orgs/search?q=cun'))).toEqual(['甲镇东村党支部', '甲镇西村党支部']);
    const bad = await townA.get(`/api/orgs/search?types=${encodeURIComponent('居委会')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/组织类型/);
    expect((await townA.get('/api/orgs/search?limit=1000')).status).toBe(400);
  });
});

describe('org tree', () => {
  it("returns the caller's subtree rooted at the scope node", async () => {
    const r = await townA.get('/api/orgs/tree');
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('甲镇党委');
    expect(r.body.children.map((n: any) => n.code).sort()).toEqual(['TA01', 'TA02']);
    const all = await zzb.get('/api/orgs/tree');
    expect(all.body.code).toBe('C');
    expect(all.body.children.map((n: any) => n.code)).toEqual(['TA', 'TB', 'D01']);
  });

  it('shows node details with counts', async () => {
    const r = await zzb.get(`/api/orgs/${c.orgs.townA}`);
    expect(r.body).toMatchObject({
      code: 'TA',
      type: '党委',
      counts: { children: 2, descendants: 2, members: 3, directMembers: 0 },
    });
  });

  it('names the superior even above the caller’s scope (a 党员’s branch), marked as not openable', async () => {
    const member = await as(t.app, 'member-a');
    const own = await member.get(`/api/orgs/${c.orgs.a1}`);
    expect(own.status).toBe(200);
    expect(own.body.parent).toEqual({ id: c.orgs.townA, name: '甲镇党委', code: 'TA', inScope: false });
    expect((await member.get(`/api/orgs/${c.orgs.townA}`)).status).toBe(404); // still not openable
    expect((await townA.get(`/api/orgs/${c.orgs.a1}`)).body.parent).toMatchObject({ id: c.orgs.townA, inScope: true });
    expect((await zzb.get(`/api/orgs/${c.orgs.county}`)).body.parent).toBeNull();
  });

  it('creates, renames with history, and refuses duplicate codes', async () => {
    const r = await townA.post('/api/orgs', {
      code: 'TA03',
      name: '甲镇北村党支部',
      type: '党支部',
      parentId: c.orgs.townA,
    });
    expect(r.status).toBe(201);
    const row = await org(r.body.id);
    expect(row.path).toBe(`/${c.orgs.county}/${c.orgs.townA}/${r.body.id}/`);
    const dup = await townA.post('/api/orgs', { code: 'TA03', name: '重复', type: '党支部', parentId: c.orgs.townA });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'ORG_CODE_TAKEN', message: '组织编码「TA03」已被使用' });
    expect((await townA.patch(`/api/orgs/${r.body.id}`, { name: '甲镇北村党总支', type: '党总支' })).status).toBe(200);
    const h = await townA.get(`/api/orgs/${r.body.id}/history`);
    expect(h.body.items.map((x: any) => x.action)).toEqual(['更名', '新建']);
    expect(h.body.items[0].detail).toContain('甲镇北村党总支');
  });

  it('moves a subtree, rewriting every path below it', async () => {
    const grp = await zzb.post('/api/orgs', {
      code: 'TA01G1',
      name: '东村第一党小组',
      type: '党小组',
      parentId: c.orgs.a1,
    });
    const r = await zzb.post(`/api/orgs/${c.orgs.a1}/move`, { parentId: c.orgs.townB });
    expect(r.status).toBe(200);
    expect((await org(c.orgs.a1)).path).toBe(`/${c.orgs.county}/${c.orgs.townB}/${c.orgs.a1}/`);
    const g = await org(grp.body.id);
    expect(g.path).toBe(`/${c.orgs.county}/${c.orgs.townB}/${c.orgs.a1}/${grp.body.id}/`);
    expect(g.depth).toBe(3);
    // township A no longer sees it; township B does
    expect((await townA.get(`/api/orgs/${c.orgs.a1}`)).status).toBe(404);
    expect((await (await as(t.app, 'town-b')).get(`/api/orgs/${c.orgs.a1}`)).status).toBe(200);
    await zzb.post(`/api/orgs/${c.orgs.a1}/move`, { parentId: c.orgs.townA });
    expect((await org(grp.body.id)).path).toBe(`/${c.orgs.county}/${c.orgs.townA}/${c.orgs.a1}/${grp.body.id}/`);
  });

  it('refuses a move that would create a cycle, and changes nothing', async () => {
    const before = await org(c.orgs.townA);
    const r = await zzb.post(`/api/orgs/${c.orgs.townA}/move`, { parentId: c.orgs.a1 });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('ORG_MOVE_CYCLE');
    expect(r.body.message).toContain('不能把「甲镇党委」移动到它自己或它的下级');
    expect(await org(c.orgs.townA)).toEqual(before);
  });

  it('a secretary cannot move, dissolve or merge their own scope root', async () => {
    const r = await townA.post(`/api/orgs/${c.orgs.townA}/move`, { parentId: c.orgs.townA });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('ORG_IS_SCOPE_ROOT');
  });

  it('refuses to dissolve a node that still has members', async () => {
    const r = await townA.post(`/api/orgs/${c.orgs.a2}/dissolve`, { reason: '村庄合并' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('ORG_HAS_MEMBERS');
    expect(r.body.message).toContain('还有 1 名党员');
    expect((await org(c.orgs.a2)).status).toBe('正常');
  });

  it('dissolves an empty node', async () => {
    const n = await townA.post('/api/orgs', {
      code: 'TA09',
      name: '临时党支部',
      type: '党支部',
      parentId: c.orgs.townA,
    });
    expect((await townA.post(`/api/orgs/${n.body.id}/dissolve`, { reason: '任务完成' })).status).toBe(200);
    expect((await org(n.body.id)).status).toBe('已撤销');
    const tree = await townA.get('/api/orgs/tree');
    expect(JSON.stringify(tree.body)).not.toContain('TA09');
    const withDissolved = await townA.get('/api/orgs/tree?includeDissolved=true');
    expect(JSON.stringify(withDissolved.body)).toContain('TA09');
  });

  it('merges a branch into another: members and sub-nodes move, the source is dissolved', async () => {
    const src = await townA.post('/api/orgs', {
      code: 'TA10',
      name: '甲镇合并前支部',
      type: '党支部',
      parentId: c.orgs.townA,
    });
    const sub = await townA.post('/api/orgs', {
      code: 'TA10G',
      name: '合并前党小组',
      type: '党小组',
      parentId: src.body.id,
    });
    await townA.post('/api/members', {
      name: '孙合并',
      idNumber: (await import('../../test/fixtures.ts')).makeId('1990-01-02', 555, '男'),
      orgId: src.body.id,
      memberType: '正式',
      category: '在职',
    });
    const r = await townA.post(`/api/orgs/${src.body.id}/merge`, { targetId: c.orgs.a2 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ movedMembers: 1, movedChildren: 1 });
    expect((await org(src.body.id)).status).toBe('已撤销');
    expect((await org(sub.body.id)).parent_id).toBe(c.orgs.a2);
    const m = await t.database.db
      .selectFrom('member')
      .select('org_id')
      .where('name', '=', '孙合并')
      .executeTakeFirstOrThrow();
    expect(m.org_id).toBe(c.orgs.a2);
  });

  it("assigns a secretary only from the node's own members", async () => {
    const bad = await zzb.patch(`/api/orgs/${c.orgs.a1}`, { secretaryMemberId: c.members.mB1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('SECRETARY_NOT_MEMBER');
    expect((await zzb.patch(`/api/orgs/${c.orgs.a1}`, { secretaryMemberId: c.members.mA1 })).status).toBe(200);
    expect((await zzb.get(`/api/orgs/${c.orgs.a1}`)).body.secretary).toEqual({ id: c.members.mA1, name: '张三明' });
  });

  it('lists and searches orgs in scope', async () => {
    const r = await townA.get(`/api/orgs?q=${encodeURIComponent('东村党支部')}`);
    expect(r.body.items.map((o: any) => o.code)).toEqual(['TA01']);
    expect((await townA.get('/api/orgs?q=乙镇')).body.total).toBe(0);
  });
});
