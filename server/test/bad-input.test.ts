import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type Client } from './harness.ts';
import { as, seedCounty, type County } from './fixtures.ts';

let t: TestApp;
let c: County;
let admin: Client;
const orgCount = async () => (await t.database.db.selectFrom('org_unit').select('id').execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  admin = await as(t.app, 'admin');
});
afterAll(() => t.close());

describe('bad input: clear Chinese message, 4xx, nothing changed', () => {
  it('malformed JSON', async () => {
    const before = await orgCount();
    const r = await admin.request('POST', '/api/orgs', '{"code": "X1", "name": ', {
      'content-type': 'application/json',
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'INVALID_JSON', message: '请求内容不是合法的 JSON' });
    expect(await orgCount()).toBe(before);
  });

  it('wrong types are not coerced', async () => {
    const before = await orgCount();
    const r = await admin.post('/api/orgs', { code: 'X2', name: 12345, type: '党支部', parentId: c.orgs.townA });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.message).toBe('字段「名称(name)」类型错误,应为文本');
    const r2 = await admin.post('/api/orgs', {
      code: 'X2',
      name: '某支部',
      type: '党支部',
      parentId: String(c.orgs.townA),
    });
    expect(r2.status).toBe(400);
    expect(r2.body.message).toContain('应为整数');
    expect(await orgCount()).toBe(before);
  });

  it('unknown fields are rejected, not silently dropped', async () => {
    const r = await admin.post('/api/orgs', {
      code: 'X3',
      name: '某支部',
      type: '党支部',
      parentId: c.orgs.townA,
      createdAt: '2000-01-01T00:00:00Z',
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('请求内容包含不允许的字段「createdAt」');
    expect(
      await t.database.db.selectFrom('org_unit').select('id').where('code', '=', 'X3').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('a missing required field is named in Chinese', async () => {
    const r = await admin.post('/api/orgs', { code: 'X4', type: '党支部', parentId: c.orgs.townA });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('缺少必填字段「名称(name)」');
  });

  it('an enumeration outside its values', async () => {
    const r = await admin.post('/api/orgs', { code: 'X5', name: '某某', type: '居委会', parentId: c.orgs.townA });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('组织类型');
  });

  it('bodies over the size limit', async () => {
    const before = await orgCount();
    const r = await admin.post('/api/orgs', {
      code: 'X6',
      name: 'x'.repeat(2 * 1024 * 1024),
      type: '党支部',
      parentId: c.orgs.townA,
    });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('BODY_TOO_LARGE');
    expect(r.body.message).toMatch(/请求内容过大/);
    expect(await orgCount()).toBe(before);
  });

  it('a bad query parameter', async () => {
    const r = await admin.get('/api/members?page=abc');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('页码');
  });

  it('an unknown API path answers JSON 404 in Chinese', async () => {
    const r = await admin.get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ code: 'NOT_FOUND', message: '接口不存在' });
  });

  it('no client-chosen timestamps: createdAt comes from the server clock', async () => {
    const r = await admin.post('/api/orgs', {
      code: 'X7',
      name: '时间测试支部',
      type: '党支部',
      parentId: c.orgs.townA,
    });
    expect(r.status).toBe(201);
    const row = await t.database.db
      .selectFrom('org_unit')
      .select('created_at')
      .where('code', '=', 'X7')
      .executeTakeFirstOrThrow();
    expect(Math.abs(new Date(row.created_at).getTime() - Date.now())).toBeLessThan(60_000);
  });
});
