/**
 * Writes the fictional 示范县 (build.ts) into a database: ~3,000 org nodes, ~50,000 members and
 * the demo accounts, in ONE transaction with batched multi-row inserts. Used by `npm run demo`,
 * by bench/county.ts and by other engineers' benches on SQLite or PostgreSQL.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dialectOf } from '../../db/dialect.ts';
import { appendAudit } from '../../lib/audit.ts';
import { hashPassword } from '../../lib/password.ts';
import { namePinyin } from '../../lib/pinyin.ts';
import type { Role } from '../../../common/enums.ts';
import { buildCounty, type CountyOptions } from './build.ts';

/** Demo only: printed at start and documented in the README. Never use for real data. */
export const DEMO_PASSWORD = 'Luoshi@demo1';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scopeOrgId: number;
  scopeName: string;
  memberId: number | null;
}

export interface CountySummary {
  orgs: number;
  members: number;
  accounts: DemoAccount[];
  countyId: number;
  towns: { id: number; name: string }[];
  /** Wall time of the whole write (build in memory + inserts + commit), in ms. */
  ms: number;
}

export class DemoRefusedError extends Error {}

/** Rows per multi-row INSERT: keeps parameters under SQLite's and PostgreSQL's limits. */
const BATCH = 500;

async function insertBatched(trx: Kysely<DB>, table: 'org_unit' | 'member', rows: any[]) {
  for (let i = 0; i < rows.length; i += BATCH)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .execute();
}

/** True when the database holds no org, member or account yet. */
export async function isEmptyDatabase(db: Kysely<DB>) {
  for (const t of ['org_unit', 'member', 'app_user'] as const) {
    const r = await db.selectFrom(t).select('id').limit(1).executeTakeFirst();
    if (r) return false;
  }
  return true;
}

/**
 * Generates the county into an EMPTY database (refuses otherwise: ids are assigned here so that the
 * whole county goes in as plain batched inserts). Deterministic for a given seed and sizes.
 * `passwordHash` lets callers that generate many databases hash the demo password once.
 */
export async function generateCounty(
  db: Kysely<DB>,
  opts: CountyOptions & { now?: Date; passwordHash?: string } = {},
): Promise<CountySummary> {
  const t0 = performance.now();
  if (!(await isEmptyDatabase(db)))
    throw new DemoRefusedError('数据库中已有组织、党员或账号数据,不能生成示范县(演示数据只写入空数据库)');
  const built = buildCounty(opts);
  const passwordHash = opts.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  const now = (opts.now ?? new Date()).toISOString();
  const pinyinCache = new Map<string, { initials: string; full: string }>();
  const py = (n: string) => {
    let r = pinyinCache.get(n);
    if (!r) pinyinCache.set(n, (r = namePinyin(n)));
    return r;
  };
  const orgRows = built.orgs.map((o) => ({ ...o, status: '正常', created_at: now, updated_at: now }));
  const byId = new Map(built.orgs.map((o) => [o.id, o]));
  const memberRows = built.members.map((m) => {
    const p = py(m.name);
    return {
      ...m,
      name_initials: p.initials,
      name_pinyin: p.full,
      id_last4: m.id_number.slice(-4),
      org_path: byId.get(m.org_id)!.path,
      status: '正常',
      created_at: now,
      updated_at: now,
    };
  });
  const [townA, townB] = built.towns;
  const demoMember = built.members[built.demoMemberId - 1];
  const county = byId.get(built.countyId)!;
  const accounts: DemoAccount[] = [
    {
      username: 'demo-admin',
      displayName: '系统管理员(演示)',
      role: 'sysadmin',
      scopeOrgId: county.id,
      scopeName: county.name,
      memberId: null,
    },
    {
      username: 'demo-zzb',
      displayName: '县委组织部(演示)',
      role: 'org_admin',
      scopeOrgId: county.id,
      scopeName: county.name,
      memberId: null,
    },
    {
      username: 'demo-dcs',
      displayName: '县委督查室(演示)',
      role: 'supervisor',
      scopeOrgId: county.id,
      scopeName: county.name,
      memberId: null,
    },
    ...(townA
      ? [
          {
            username: 'demo-town-a',
            displayName: `${townA.name}书记(演示)`,
            role: 'unit_admin' as Role,
            scopeOrgId: townA.id,
            scopeName: byId.get(townA.id)!.name,
            memberId: null,
          },
        ]
      : []),
    ...(townB
      ? [
          {
            username: 'demo-town-b',
            displayName: `${townB.name}书记(演示)`,
            role: 'unit_admin' as Role,
            scopeOrgId: townB.id,
            scopeName: byId.get(townB.id)!.name,
            memberId: null,
          },
        ]
      : []),
    ...(demoMember
      ? [
          {
            username: 'demo-member',
            displayName: `${demoMember.name}(演示党员)`,
            role: 'member' as Role,
            scopeOrgId: demoMember.org_id,
            scopeName: byId.get(demoMember.org_id)!.name,
            memberId: demoMember.id,
          },
        ]
      : []),
  ];

  const dialect = dialectOf(db);
  await db.transaction().execute(async (trx) => {
    await insertBatched(trx, 'org_unit', orgRows);
    await insertBatched(trx, 'member', memberRows);
    await trx
      .insertInto('app_user')
      .values(
        accounts.map((a, i) => ({
          id: i + 1,
          username: a.username,
          display_name: a.displayName,
          password_hash: passwordHash,
          role: a.role,
          scope_org_id: a.scopeOrgId,
          member_id: a.memberId,
          must_change_password: 0,
          failed_logins: 0,
          locked_until: null,
          disabled: 0,
          created_at: now,
          updated_at: now,
        })) as any,
      )
      .execute();
    if (dialect === 'postgres') {
      // Ids were given explicitly: move the identity sequences past them.
      for (const t of ['org_unit', 'member', 'app_user']) {
        await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(
          trx,
        );
      }
    }
    await appendAudit(
      trx,
      { id: null, name: 'demo', ip: null },
      {
        action: 'demo.seed',
        entity: 'org_unit',
        entityId: county.id,
        after: {
          seed: opts.seed ?? 1,
          orgs: orgRows.length,
          members: memberRows.length,
          accounts: accounts.map((a) => a.username),
        },
      },
      opts.now ?? new Date(),
      dialect,
    );
  });
  return {
    orgs: orgRows.length,
    members: memberRows.length,
    accounts,
    countyId: county.id,
    towns: built.towns,
    ms: performance.now() - t0,
  };
}
