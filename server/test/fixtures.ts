import type { Db } from '../db/connect.ts';
import { hashPassword } from '../lib/password.ts';
import { namePinyin } from '../lib/pinyin.ts';
import { idCheckDigit } from '../../common/idcard.ts';
import type { Role } from '../../common/enums.ts';
import { Client } from './harness.ts';
import type { FastifyInstance } from 'fastify';

export const PASSWORD = 'Test@pass1';
const NOW = '2026-01-01T00:00:00.000Z';
let hashed: string | null = null;

export async function insertOrg(
  db: Db,
  o: { code: string; name: string; type: string; parentId: number | null; sortOrder?: number },
) {
  const parent = o.parentId
    ? await db.selectFrom('org_unit').select(['path', 'depth']).where('id', '=', o.parentId).executeTakeFirstOrThrow()
    : null;
  const r = await db
    .insertInto('org_unit')
    .values({
      code: o.code,
      name: o.name,
      short_name: null,
      type: o.type,
      parent_id: o.parentId,
      path: 'x',
      depth: parent ? parent.depth + 1 : 0,
      secretary_member_id: null,
      sort_order: o.sortOrder ?? 0,
      status: '正常',
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('org_unit')
    .set({ path: `${parent?.path ?? '/'}${r.id}/` })
    .where('id', '=', r.id)
    .execute();
  return r.id;
}

/** A valid fictional ID number: region 990101 (no real region), birth date, sequence, sex. */
export function makeId(birth: string, seq: number, gender: '男' | '女') {
  const s = String(seq % 1000).padStart(3, '0');
  const last = Number(s[2]);
  const sexDigit =
    gender === '男' ? (last % 2 === 1 ? last : (last + 1) % 10) : last % 2 === 0 ? last : (last + 1) % 10;
  const first17 = `990101${birth.replace(/-/g, '')}${s.slice(0, 2)}${sexDigit}`;
  return first17 + idCheckDigit(first17);
}

export async function insertMember(
  db: Db,
  m: { name: string; orgId: number; seq: number; gender?: '男' | '女'; birth?: string; category?: string },
) {
  const gender = m.gender ?? '男';
  const birth = m.birth ?? '1980-05-06';
  const id = makeId(birth, m.seq, gender);
  const { initials, full } = namePinyin(m.name);
  const r = await db
    .insertInto('member')
    .values({
      name: m.name,
      name_initials: initials,
      name_pinyin: full,
      gender,
      ethnicity: '汉族',
      birth_date: birth,
      id_number: id,
      id_last4: id.slice(-4),
      phone: '13800000000',
      education: '大学本科',
      org_id: m.orgId,
      join_date: '2005-07-01',
      full_date: '2006-07-01',
      member_type: '正式',
      category: m.category ?? '在职',
      status: '正常',
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertUser(
  db: Db,
  u: { username: string; role: Role; scopeOrgId: number; memberId?: number | null; mustChange?: boolean },
) {
  hashed ??= await hashPassword(PASSWORD);
  const r = await db
    .insertInto('app_user')
    .values({
      username: u.username,
      display_name: u.username,
      password_hash: hashed,
      role: u.role,
      scope_org_id: u.scopeOrgId,
      member_id: u.memberId ?? null,
      must_change_password: u.mustChange ? 1 : 0,
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * A small county: 示范县委 → 甲镇党委 (支部 A1, A2) and 乙镇党委 (支部 B1), plus 县财政局.
 * Accounts for every role, all with PASSWORD.
 */
export async function seedCounty(db: Db) {
  const county = await insertOrg(db, { code: 'C', name: '示范县委', type: '党委', parentId: null });
  const townA = await insertOrg(db, { code: 'TA', name: '甲镇党委', type: '党委', parentId: county, sortOrder: 1 });
  const a1 = await insertOrg(db, { code: 'TA01', name: '甲镇东村党支部', type: '党支部', parentId: townA });
  const a2 = await insertOrg(db, { code: 'TA02', name: '甲镇西村党支部', type: '党支部', parentId: townA });
  const townB = await insertOrg(db, { code: 'TB', name: '乙镇党委', type: '党委', parentId: county, sortOrder: 2 });
  const b1 = await insertOrg(db, { code: 'TB01', name: '乙镇南村党支部', type: '党支部', parentId: townB });
  const dept = await insertOrg(db, { code: 'D01', name: '县财政局', type: '政府单位', parentId: county, sortOrder: 3 });
  const mA1 = await insertMember(db, { name: '张三明', orgId: a1, seq: 101 });
  const mA2 = await insertMember(db, { name: '李晓红', orgId: a1, seq: 102, gender: '女' });
  const mA3 = await insertMember(db, { name: '王建国', orgId: a2, seq: 103 });
  const mB1 = await insertMember(db, { name: '赵四海', orgId: b1, seq: 201 });
  const mB2 = await insertMember(db, { name: '钱文静', orgId: b1, seq: 202, gender: '女' });
  const users = {
    admin: await insertUser(db, { username: 'admin', role: 'sysadmin', scopeOrgId: county }),
    zzb: await insertUser(db, { username: 'zzb', role: 'org_admin', scopeOrgId: county }),
    dcs: await insertUser(db, { username: 'dcs', role: 'supervisor', scopeOrgId: county }),
    townA: await insertUser(db, { username: 'town-a', role: 'unit_admin', scopeOrgId: townA }),
    townB: await insertUser(db, { username: 'town-b', role: 'unit_admin', scopeOrgId: townB }),
    branchA1: await insertUser(db, { username: 'branch-a1', role: 'unit_admin', scopeOrgId: a1 }),
    memberA: await insertUser(db, { username: 'member-a', role: 'member', scopeOrgId: a1, memberId: mA1 }),
  };
  return { orgs: { county, townA, a1, a2, townB, b1, dept }, members: { mA1, mA2, mA3, mB1, mB2 }, users };
}
export type County = Awaited<ReturnType<typeof seedCounty>>;

export const as = (app: FastifyInstance, username: string) => new Client(app).login(username, PASSWORD);
