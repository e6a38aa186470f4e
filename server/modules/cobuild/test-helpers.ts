/**
 * The 共驻共建 fixture on top of seedCounty: 甲镇东村 (a1) and 乙镇南村 (b1) registered as 村,
 * a 县直机关工委 with 县财政局机关党支部 (in-service members 周财一, 吴财二, 孙财三) and
 * 县审计局机关党支部 (冯审一), and accounts: fin-sec (the finance branch's secretary),
 * fin-member (周财一), fin-wu (吴财二), audit-member (冯审一), a1-sec (东村's secretary, also
 * the member 李晓红 who lives there).
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.ts';
import { as, type County, insertMember, insertOrg, insertUser } from '../../test/fixtures.ts';
import type { Client } from '../../test/harness.ts';

export async function seedCobuild(db: Db, c: County) {
  const now = '2026-01-01T00:00:00.000Z';
  for (const [id, kind] of [
    [c.orgs.a1, '村'],
    [c.orgs.b1, '村'],
  ] as const)
    await db
      .insertInto('cobuild_community')
      .values({ org_id: id, kind, address: null, contact_phone: null, active: 1, created_at: now, updated_at: now })
      .execute();
  const gw = await insertOrg(db, {
    code: 'GW',
    name: '县直机关工委',
    type: '机关工委',
    parentId: c.orgs.county,
    sortOrder: 4,
  });
  const fin = await insertOrg(db, { code: 'GW01', name: '县财政局机关党支部', type: '党支部', parentId: gw });
  const audit = await insertOrg(db, { code: 'GW02', name: '县审计局机关党支部', type: '党支部', parentId: gw });
  const zhou = await insertMember(db, { name: '周财一', orgId: fin, seq: 301 });
  const wu = await insertMember(db, { name: '吴财二', orgId: fin, seq: 302, gender: '女' });
  const sun = await insertMember(db, { name: '孙财三', orgId: fin, seq: 303, category: '离退休' });
  const feng = await insertMember(db, { name: '冯审一', orgId: audit, seq: 304 });
  await insertUser(db, { username: 'fin-sec', role: 'unit_admin', scopeOrgId: fin });
  await insertUser(db, { username: 'fin-member', role: 'member', scopeOrgId: fin, memberId: zhou });
  await insertUser(db, { username: 'fin-wu', role: 'member', scopeOrgId: fin, memberId: wu });
  await insertUser(db, { username: 'audit-member', role: 'member', scopeOrgId: audit, memberId: feng });
  await insertUser(db, { username: 'a1-sec', role: 'unit_admin', scopeOrgId: c.orgs.a1, memberId: c.members.mA2 });
  return { orgs: { gw, fin, audit }, members: { zhou, wu, sun, feng } };
}
export type Cobuild = Awaited<ReturnType<typeof seedCobuild>>;

export async function clients(app: FastifyInstance) {
  const names = [
    'admin',
    'zzb',
    'town-a',
    'town-b',
    'member-a',
    'fin-sec',
    'fin-member',
    'fin-wu',
    'audit-member',
    'a1-sec',
  ];
  const out: Record<string, Client> = {};
  for (const n of names) out[n] = await as(app, n);
  return out;
}

/** A tiny valid PNG (1×1). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export function multipart(file: { name: string; data: Buffer; type?: string }) {
  const boundary = `----cobuild${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(cl: Client, url: string, file: { name: string; data: Buffer; type?: string }) {
  const m = multipart(file);
  return cl.request('POST', url, m.body, m.headers);
}
