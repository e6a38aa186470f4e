import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../test/harness.ts';
import { seedCounty } from '../../test/fixtures.ts';
import { parseIdCard } from '../../../common/idcard.ts';
import { buildCounty } from './build.ts';
import { DEMO_PASSWORD, DemoRefusedError, generateCounty } from './generate.ts';
import { seedDemo } from './seed.ts';

const SMALL = { seed: 7, townships: 5, membersTarget: 600, villagesPerTownship: 2, departments: 10 };
let t: TestApp;
let towns: { id: number; name: string }[];
const count = async (app: TestApp, table: 'org_unit' | 'member' | 'app_user') =>
  (
    await app.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const login = (app: TestApp, u: string) => new Client(app.app).login(u, DEMO_PASSWORD);

beforeAll(async () => {
  t = await createTestApp();
  const r = await seedDemo(t.database, SMALL);
  if (r.state !== 'seeded') throw new Error('expected a fresh seed');
  towns = r.summary.towns;
});
afterAll(() => t.close());

describe('demo county generator (small size)', () => {
  it('writes the built tree and members', async () => {
    const built = buildCounty(SMALL);
    expect(await count(t, 'org_unit')).toBe(built.orgs.length);
    expect(await count(t, 'member')).toBe(600);
    const types = await t.database.db.selectFrom('org_unit').select('type').distinct().execute();
    expect(types.map((x) => x.type).sort()).toEqual(
      ['党委', '党小组', '党工委', '党支部', '党组', '党总支', '政府单位', '机关工委', '网格'].sort(),
    );
    const county = await t.database.db
      .selectFrom('org_unit')
      .selectAll()
      .where('code', '=', 'SFX')
      .executeTakeFirstOrThrow();
    expect(county).toMatchObject({ name: '中共示范县委员会', parent_id: null, path: `/${county.id}/`, depth: 0 });
    // Every path is its parent's path plus its own id.
    const orgs = await t.database.db.selectFrom('org_unit').select(['id', 'parent_id', 'path', 'depth']).execute();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    for (const o of orgs) if (o.parent_id) expect(o.path).toBe(`${byId.get(o.parent_id)!.path}${o.id}/`);
  });

  it('members have valid, unique ID numbers consistent with sex and birth date, and plausible dates', async () => {
    const ms = await t.database.db.selectFrom('member').selectAll().execute();
    expect(new Set(ms.map((m) => m.id_number)).size).toBe(ms.length);
    for (const m of ms) {
      const p = parseIdCard(m.id_number, new Date('2026-01-01'));
      expect(p.ok, m.id_number).toBe(true);
      if (!p.ok) continue;
      expect(m.id_number.startsWith('99')).toBe(true);
      expect([m.gender, m.birth_date]).toEqual([p.gender, p.birthDate]);
      expect(m.join_date! >= m.birth_date!).toBe(true);
      if (m.member_type === '预备') expect(m.full_date).toBeNull();
      else expect(m.full_date! > m.join_date!).toBe(true);
      expect(m.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    const cats = new Set(ms.map((m) => m.category));
    expect([...cats].sort()).toEqual(['在职', '流动', '生产一线', '离退休', '退役军人'].sort());
  });

  it('is deterministic: the same seed gives the same names and IDs; another seed does not', async () => {
    const a = buildCounty(SMALL),
      b = buildCounty(SMALL),
      other = buildCounty({ ...SMALL, seed: 8 });
    expect(b.members).toEqual(a.members);
    expect(b.orgs).toEqual(a.orgs);
    const db = await t.database.db.selectFrom('member').select(['name', 'id_number']).orderBy('id').limit(50).execute();
    expect(db).toEqual(a.members.slice(0, 50).map((m) => ({ name: m.name, id_number: m.id_number })));
    expect(other.members.slice(0, 50).map((m) => m.name)).not.toEqual(a.members.slice(0, 50).map((m) => m.name));
  });

  it('demo accounts log in and are scoped: town A cannot see town B', async () => {
    for (const u of ['demo-admin', 'demo-zzb', 'demo-dcs', 'demo-town-a', 'demo-town-b', 'demo-member'])
      await login(t, u);
    const a = await login(t, 'demo-town-a');
    const tree = await a.get('/api/orgs/tree');
    expect(tree.body.id).toBe(towns[0].id);
    const codes = JSON.stringify(tree.body);
    expect(codes).toContain('SFX-T01-');
    expect(codes).not.toContain('SFX-T02');
    expect((await a.get(`/api/orgs/${towns[1].id}`)).status).toBe(404);
    expect((await a.get(`/api/members?orgId=${towns[1].id}`)).status).toBe(404);
    const b = await login(t, 'demo-town-b');
    expect((await b.get('/api/orgs/tree')).body.id).toBe(towns[1].id);
    const zzb = await login(t, 'demo-zzb');
    expect((await zzb.get('/api/members?pageSize=1')).body.total).toBe(600);
    const me = await login(t, 'demo-member');
    const mine = await me.get('/api/members');
    expect(mine.body.total).toBe(1);
    const admin = await login(t, 'demo-admin');
    expect((await admin.get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('an already-seeded demo database is left as it is', async () => {
    const before = [await count(t, 'org_unit'), await count(t, 'member'), await count(t, 'app_user')];
    expect((await seedDemo(t.database, SMALL)).state).toBe('existing');
    expect([await count(t, 'org_unit'), await count(t, 'member'), await count(t, 'app_user')]).toEqual(before);
  });
});

describe('the alive demo county (module seeders)', () => {
  it('tasks show red, yellow and green on day one, in every state, with a 督办单 and evidence files', async () => {
    const dcs = await login(t, 'demo-dcs');
    const r = await dcs.get('/api/tasks?pageSize=100');
    expect(r.status).toBe(200);
    const items = r.body.items as { id: number; light: string; status: string }[];
    expect(new Set(items.map((x) => x.light))).toEqual(new Set(['red', 'yellow', 'green']));
    expect(new Set(items.map((x) => x.status))).toEqual(new Set(['pending', 'doing', 'requested', 'done']));
    // The cached light agrees with what the service recomputes for today.
    const db = t.database.db;
    const order = await db
      .selectFrom('task_event as e')
      .innerJoin('task as k', 'k.id', 'e.task_id')
      .select(['k.id', 'k.light'])
      .where('e.kind', '=', 'supervise_order')
      .executeTakeFirstOrThrow();
    expect(order.light).toBe('red');
    const detail = await dcs.get(`/api/tasks/${order.id}`);
    expect(detail.status).toBe(200);
    const att = await db.selectFrom('task_attachment').select(['id', 'task_id', 'sha256']).executeTakeFirstOrThrow();
    const file = await dcs.get(`/api/tasks/${att.task_id}/attachments/${att.id}`);
    expect(file.status).toBe(200);
    expect(file.raw.toString('utf8')).toContain('佐证材料');
    // The township sees its own to-dos: something to accept and something overdue.
    const a = await login(t, 'demo-town-a');
    const mine = (await a.get('/api/tasks?pageSize=100')).body.items as { status: string; light: string }[];
    expect(mine.some((x) => x.status === 'pending')).toBe(true);
    expect(mine.some((x) => x.light === 'red')).toBe(true);
    const notes = await a.get('/api/notifications');
    expect(notes.status).toBe(200);
    expect(JSON.stringify(notes.body)).toContain('督办单');
  });

  it('a closed 述职评议 has results; the open one is voting with results sealed; ballots keep the secrecy invariants', async () => {
    const zzb = await login(t, 'demo-zzb');
    const list = (await zzb.get('/api/reviews')).body.items as { id: number; status: string }[];
    const closed = list.find((c) => c.status === 'closed')!;
    const open = list.find((c) => c.status === 'voting')!;
    expect(closed && open).toBeTruthy();
    const res = await zzb.get(`/api/reviews/${closed.id}/results`);
    expect(res.status).toBe(200);
    expect(res.body.voters).toBeGreaterThan(10);
    expect(res.body.orgs.length).toBeGreaterThanOrEqual(2);
    expect(res.body.orgs[0].rank).toBe(1);
    expect((await zzb.get(`/api/reviews/${open.id}/results`)).status).not.toBe(200);
    const db = t.database.db;
    for (const c of [closed, open]) {
      const used = await db
        .selectFrom('review_token')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', c.id)
        .where('used', '=', 1)
        .executeTakeFirstOrThrow();
      const ballots = await db
        .selectFrom('ballot')
        .select(['id', 'cast_date'])
        .where('campaign_id', '=', c.id)
        .execute();
      expect(ballots.length).toBe(Number(used.n));
      for (const b of ballots) {
        expect(b.id).toMatch(/^[0-9a-f]{32}$/);
        expect(b.cast_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    // No audit row mentions a ballot or a token code.
    const audits = await db.selectFrom('audit_log').select(['action', 'after_json']).execute();
    expect(audits.some((x) => /ballot/i.test(x.action))).toBe(false);
  });

  it('the rectification ledger has items in every state, including a 反弹, and transfers are pending and done', async () => {
    const dcs = await login(t, 'demo-dcs');
    const r = await dcs.get('/api/rectifications?pageSize=100');
    expect(r.status).toBe(200);
    const items = r.body.items as { status: string; reboundCount: number }[];
    expect(new Set(items.map((x) => x.status))).toEqual(new Set(['整改中', '申请销号', '已销号']));
    expect(items.some((x) => x.reboundCount > 0 && x.status === '整改中')).toBe(true);
    const k = await t.database.db.selectFrom('rectification_recheck').select('status').distinct().execute();
    expect(k.map((x) => x.status).sort()).toEqual(['反弹', '待回头看', '未反弹'].sort());
    const zzb = await login(t, 'demo-zzb');
    const tr = (await zzb.get('/api/transfers?pageSize=100')).body.items as { status: string }[];
    for (const s of ['pending_out', 'pending_in', 'done']) expect(tr.some((x) => x.status === s)).toBe(true);
    const admin = await login(t, 'demo-admin');
    expect((await admin.get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });
});

describe('the login page lists the demo accounts only in demo mode', () => {
  it('a server not started as the demo says nothing, even on a demo database', async () => {
    const r = await new Client(t.app).get('/api/auth/demo');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ demo: false, password: null, accounts: [] });
  });

  it('the demo server lists its accounts and the password, and they log in', async () => {
    const d = await createTestApp({ demo: true });
    try {
      await generateCounty(d.database.db, {
        seed: 3,
        townships: 2,
        membersTarget: 40,
        villagesPerTownship: 1,
        departments: 2,
      });
      const r = await new Client(d.app).get('/api/auth/demo');
      expect(r.status).toBe(200);
      expect(r.body.demo).toBe(true);
      expect(r.body.password).toBe(DEMO_PASSWORD);
      expect(r.body.accounts.map((a: { username: string }) => a.username)).toEqual([
        'demo-admin',
        'demo-zzb',
        'demo-dcs',
        'demo-town-a',
        'demo-town-b',
        'demo-member',
      ]);
      expect(r.body.accounts[0]).toMatchObject({ role: 'sysadmin', scopeName: '中共示范县委员会' });
      // A disabled demo account is not offered.
      await d.database.db.updateTable('app_user').set({ disabled: 1 }).where('username', '=', 'demo-dcs').execute();
      const again = await new Client(d.app).get('/api/auth/demo');
      expect(again.body.accounts.map((a: { username: string }) => a.username)).not.toContain('demo-dcs');
      await login(d, r.body.accounts[1].username);
    } finally {
      await d.close();
    }
  });
});

describe('a database with other data', () => {
  it('is refused without --force (nothing changed) and replaced with it', async () => {
    const other = await createTestApp();
    try {
      await seedCounty(other.database.db);
      const before = [await count(other, 'org_unit'), await count(other, 'member')];
      await expect(seedDemo(other.database, SMALL)).rejects.toThrow(DemoRefusedError);
      await expect(seedDemo(other.database, SMALL)).rejects.toThrow('拒绝写入演示数据');
      expect([await count(other, 'org_unit'), await count(other, 'member')]).toEqual(before);

      const r = await seedDemo(other.database, { ...SMALL, force: true });
      expect(r.state).toBe('seeded');
      expect(await count(other, 'member')).toBe(600);
      expect(
        await other.database.db.selectFrom('org_unit').select('id').where('code', '=', 'C').executeTakeFirst(),
      ).toBeUndefined();
      expect(
        await other.database.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirst(),
      ).toBeUndefined();
      await login(other, 'demo-admin');
    } finally {
      await other.close();
    }
  });
});
