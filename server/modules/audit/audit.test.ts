import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type Client } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { verifyAuditChain } from '../../lib/audit.ts';

let t: TestApp;
let c: County;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  admin = await as(t.app, 'admin');
  await admin.post('/api/orgs', { code: 'AU1', name: '审计测试支部', type: '党支部', parentId: c.orgs.townA });
  await admin.patch(`/api/members/${c.members.mA1}`, { phone: '13700000000' });
});
afterAll(() => t.close());

const verifyCli = () =>
  spawnSync('npx', ['tsx', 'server/scripts/audit-verify.ts'], {
    env: { ...process.env, DATABASE_URL: t.url, LUOSHI_AUDIT_ANCHOR: t.anchor },
    encoding: 'utf8',
  });

describe('audit chain', () => {
  it('records each mutation with actor, before/after, server time, ip, chained hashes', async () => {
    const rows = await t.database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const upd = rows.find((r) => r.action === 'member.update')!;
    expect(upd.actor_name).toBe('admin');
    expect(JSON.parse(upd.before_json!).phone).toBe('13800000000');
    expect(JSON.parse(upd.after_json!).phone).toBe('13700000000');
    expect(upd.ip).toBeTruthy();
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    const v = await admin.get('/api/audit/verify');
    expect(v.body).toMatchObject({ ok: true });
    expect(v.body.rows).toBe(rows.length);
  });

  it('a rejected request writes no audit row (same transaction)', async () => {
    const before = (await t.database.db.selectFrom('audit_log').select('id').execute()).length;
    expect(
      (await admin.post('/api/orgs', { code: 'AU1', name: '重复', type: '党支部', parentId: c.orgs.townA })).status,
    ).toBe(409);
    expect((await t.database.db.selectFrom('audit_log').select('id').execute()).length).toBe(before);
  });

  it('only administrators read the audit log', async () => {
    expect((await (await as(t.app, 'town-a')).get('/api/audit/verify')).status).toBe(403);
  });

  it('npm run audit:verify passes on an intact chain', () => {
    const r = verifyCli();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('审计链完整');
  });

  it("detects a row edited behind the app's back and names it", async () => {
    const target = await t.database.db
      .selectFrom('audit_log')
      .select(['id', 'seq'])
      .where('action', '=', 'member.update')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('audit_log')
      .set({ after_json: '{"phone":"13999999999"}' })
      .where('id', '=', target.id)
      .execute();
    const v = await verifyAuditChain(t.database.db);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ seq: target.seq, id: target.id });
    expect(v.firstBroken!.reason).toContain('篡改');
    const api = await admin.get('/api/audit/verify');
    expect(api.body.firstBroken.seq).toBe(target.seq);
    const cli = verifyCli();
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`序号 ${target.seq}`);
  });

  it('detects a deleted row', async () => {
    const t2 = await createTestApp();
    try {
      await seedCounty(t2.database.db);
      const a = await as(t2.app, 'admin');
      for (let i = 0; i < 3; i++)
        await a.post('/api/orgs', { code: `D${i}`, name: `删除测试${i}`, type: '党支部', parentId: 1 });
      const rows = await t2.database.db.selectFrom('audit_log').select(['id', 'seq']).orderBy('seq').execute();
      await t2.database.db.deleteFrom('audit_log').where('id', '=', rows[1].id).execute();
      const v = await verifyAuditChain(t2.database.db);
      expect(v.ok).toBe(false);
      expect(v.firstBroken!.seq).toBe(rows[1].seq);
    } finally {
      await t2.close();
    }
  });
});

describe('the audit log over HTTP', () => {
  it('lists the rows newest first in camelCase, before/after as JSON, exactly as stored', async () => {
    const r = await admin.get('/api/audit?entity=member&pageSize=5');
    expect(r.status).toBe(200);
    const stored = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'member')
      .orderBy('seq', 'desc')
      .execute();
    expect(r.body.total).toBe(stored.length);
    const first = stored[0];
    expect(r.body.items[0]).toEqual({
      id: first.id,
      seq: first.seq,
      actorId: first.actor_id,
      actorName: first.actor_name,
      action: first.action,
      entity: 'member',
      entityId: first.entity_id,
      before: first.before_json == null ? null : JSON.parse(first.before_json),
      after: first.after_json == null ? null : JSON.parse(first.after_json),
      at: first.at,
      ip: first.ip,
      prevHash: first.prev_hash,
      hash: first.hash,
    });
    expect(r.body.items.map((x: { seq: number }) => x.seq)).toEqual(stored.slice(0, 5).map((x) => x.seq));
  });

  it('a row edited into invalid JSON is still listed (as its raw text), so it can be inspected', async () => {
    const row = await t.database.db
      .selectFrom('audit_log')
      .select(['id', 'seq'])
      .where('action', '=', 'org.create')
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('audit_log').set({ after_json: '{broken' }).where('id', '=', row.id).execute();
    const r = await admin.get('/api/audit?entity=org_unit&pageSize=500');
    expect(r.status).toBe(200);
    expect(r.body.items.find((x: { seq: number }) => x.seq === row.seq).after).toBe('{broken');
  });
});
