/**
 * What every part of 共驻共建 asks: which org nodes are communities, who employs a member, which
 * communities a member may serve, who may manage what, and the module settings.
 *
 * - A **community** is an org node registered in `cobuild_community`: the top 党支部/党总支 of a
 *   村 or 社区 (the county registers them, proposed from the tree by name). Members whose branch
 *   lies inside a community are that community's own members.
 * - A member's **employer unit** is the top of the chain of 党支部/党总支 above their branch (a
 *   department's 机关党支部, or its 机关党总支 when the branches sit under one). In-service
 *   (在职, 正常) members whose employer is not a community must report (报到).
 */
import { ROLE_PERMISSIONS } from '../../../common/enums.ts';
import type { Settings } from '../../../common/contracts/cobuild-service.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isInPath, type Actor } from '../../lib/scope.ts';

export const BRANCH_TYPES = new Set(['党支部', '党总支']);
export const SETTINGS_KEY = 'cobuild.settings';
export const DEFAULT_SETTINGS: Settings = {
  reconfirmMonths: 6,
  checkinOpensMin: 30,
  checkoutGraceMin: 120,
  targetRate: 95,
};

export const today = (ctx: Ctx) => localDate(ctx.clock.now());
export const canManage = (actor: Actor) => ROLE_PERMISSIONS[actor.role].includes('cobuild.manage');
export const canSettle = (actor: Actor) => ROLE_PERMISSIONS[actor.role].includes('cobuild.settings');

export async function loadSettings(db: Executor): Promise<Settings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return { ...DEFAULT_SETTINGS, ...(row ? JSON.parse(row.value) : {}) };
}

/** `YYYY-MM-DD` plus n months, clamped to the month's last day (2026-08-31 + 6 → 2027-02-28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  const ny = Math.floor(t / 12);
  const nm = (t % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** 张三明 → 张*明, 张三 → 张*: what a community sees of a member who has not reported there. */
export function maskName(name: string): string {
  const cs = [...name];
  if (cs.length <= 1) return name;
  if (cs.length === 2) return `${cs[0]}*`;
  return `${cs[0]}${'*'.repeat(cs.length - 2)}${cs[cs.length - 1]}`;
}

/** Ids on a materialized path, root first: '/1/3/11/' → [1, 3, 11]. */
export const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

export interface OrgLite {
  id: number;
  parentId: number | null;
  type: string;
  path: string;
  name: string;
  shortName: string | null;
}

/** The org tree and the community registry, for computations over many members at once. */
export interface Tree {
  orgs: Map<number, OrgLite>;
  communities: Set<number>;
  employer(orgId: number): number;
  /** The community whose subtree holds the org, or null. */
  communityOf(orgId: number): number | null;
  label(orgId: number): string;
}

export async function loadTree(db: Executor): Promise<Tree> {
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'parent_id as parentId', 'type', 'path', 'name', 'short_name as shortName'])
    .execute();
  const orgs = new Map(rows.map((r) => [r.id, r]));
  const comm = await db.selectFrom('cobuild_community').select('org_id').where('active', '=', 1).execute();
  const communities = new Set(comm.map((c) => c.org_id));
  const employers = new Map<number, number>();
  const employer = (orgId: number) => {
    let e = employers.get(orgId);
    if (e !== undefined) return e;
    let o = orgs.get(orgId);
    e = orgId;
    while (o && o.parentId != null) {
      const p = orgs.get(o.parentId);
      if (!p || !BRANCH_TYPES.has(p.type) || !BRANCH_TYPES.has(o.type)) break;
      e = p.id;
      o = p;
    }
    employers.set(orgId, e);
    return e;
  };
  const communityOf = (orgId: number) => {
    const o = orgs.get(orgId);
    if (!o) return null;
    const ids = pathIds(o.path);
    for (let i = ids.length - 1; i >= 0; i--) if (communities.has(ids[i])) return ids[i];
    return null;
  };
  const label = (orgId: number) => {
    const o = orgs.get(orgId);
    return o ? (o.shortName ?? o.name) : `#${orgId}`;
  };
  return { orgs, communities, employer, communityOf, label };
}

/** The employer unit of a branch, from its ancestors (one query). */
export async function employerOfOrg(db: Executor, orgId: number): Promise<{ id: number; name: string; path: string }> {
  const o = await db.selectFrom('org_unit').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  const ids = pathIds(o.path);
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'type', 'path', 'name', 'short_name'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  let i = ids.length - 1;
  while (i > 0 && BRANCH_TYPES.has(byId.get(ids[i])!.type) && BRANCH_TYPES.has(byId.get(ids[i - 1])!.type)) i--;
  const e = byId.get(ids[i])!;
  return { id: e.id, name: e.short_name ?? e.name, path: e.path };
}

/** Employer unit names for many branches at once (one query over all their ancestors). */
export async function employerNames(db: Executor, orgIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const ids = [...new Set(orgIds)];
  if (!ids.length) return out;
  const branches = await db.selectFrom('org_unit').select(['id', 'path']).where('id', 'in', ids).execute();
  const all = [...new Set(branches.flatMap((b) => pathIds(b.path)))];
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'type', 'name', 'short_name'])
    .where('id', 'in', all)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const b of branches) {
    const p = pathIds(b.path);
    let i = p.length - 1;
    while (i > 0 && BRANCH_TYPES.has(byId.get(p[i])!.type) && BRANCH_TYPES.has(byId.get(p[i - 1])!.type)) i--;
    out.set(b.id, orgName(byId.get(p[i])!));
  }
  return out;
}

/** The community whose subtree holds the path (the org itself or an ancestor), or null. */
export async function communityOfPath(db: Executor, path: string): Promise<number | null> {
  const ids = pathIds(path);
  const rows = await db
    .selectFrom('cobuild_community')
    .select('org_id')
    .where('org_id', 'in', ids)
    .where('active', '=', 1)
    .execute();
  const set = new Set(rows.map((r) => r.org_id));
  for (let i = ids.length - 1; i >= 0; i--) if (set.has(ids[i])) return ids[i];
  return null;
}

export const orgName = (o: { name: string; short_name: string | null }) => o.short_name ?? o.name;

/** A registered, active community (any caller may name one: reporting picks from the directory). */
export async function loadCommunity(db: Executor, id: number) {
  const c = await db
    .selectFrom('cobuild_community as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .select(['o.id', 'o.name', 'o.short_name', 'o.path', 'o.type', 'c.kind', 'c.active'])
    .where('c.org_id', '=', id)
    .executeTakeFirst();
  return c?.active ? c : null;
}

/** A community the caller manages: registered and inside the caller's subtree; otherwise 404. */
export async function managedCommunity(db: Executor, actor: Actor, id: number) {
  const c = await loadCommunity(db, id);
  if (!c || !isInPath(c.path, actor.scopePath)) throw notFound('社区', 'COMMUNITY_NOT_FOUND');
  return c;
}

/** A unit (共建单位) the caller acts for: an org node in scope that is not a community. */
export async function managedUnit(db: Executor, actor: Actor, id: number) {
  const o = await db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o || !isInPath(o.path, actor.scopePath) || o.status !== '正常') throw notFound('单位', 'UNIT_NOT_FOUND');
  if (!['党委', '党工委', '党组', '机关工委', '党总支', '党支部'].includes(o.type))
    throw new AppError('NOT_A_PARTY_ORG', 400, `「${orgName(o)}」不是党组织,不能作为共建单位`);
  if ((await communityOfPath(db, o.path)) !== null)
    throw new AppError('UNIT_IS_COMMUNITY', 400, `「${orgName(o)}」属于村/社区党组织,不是驻区共建单位`);
  return o;
}

/** The caller's own member record (self-service routes); an account without one gets 403. */
export async function selfMember(db: Executor, actor: Actor) {
  if (!actor.memberId) throw new AppError('NOT_A_MEMBER', 403, '当前账号未关联党员档案,不能使用党员报到与服务功能');
  const m = await db.selectFrom('member').selectAll().where('id', '=', actor.memberId).executeTakeFirst();
  if (!m) throw new AppError('NOT_A_MEMBER', 403, '当前账号关联的党员档案不存在');
  return m;
}

/**
 * Why a member need not report, or null when they must: 在职, 正常, and their branch is not
 * inside a community.
 */
export async function notRequiredReason(
  db: Executor,
  m: { category: string; status: string; org_path: string },
): Promise<string | null> {
  if (m.status !== '正常') return `党籍状态为「${m.status}」`;
  if (m.category !== '在职') return `党员类别为「${m.category}」,到社区报到针对在职党员`;
  if ((await communityOfPath(db, m.org_path)) !== null) return '组织关系在村/社区党组织,本身即在社区服务';
  return null;
}

/**
 * The communities a member may serve (claim needs, sign up for activities): the community they
 * reported to (active), their own 村/社区 if their branch is in one, and the communities their
 * employer unit is paired with (共建).
 */
export async function memberReach(db: Executor, m: { id: number; org_id: number; org_path: string }) {
  const reg = await db
    .selectFrom('cobuild_registration')
    .select('community_org_id')
    .where('kind', '=', 'member')
    .where('member_id', '=', m.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  const own = await communityOfPath(db, m.org_path);
  const employer = await employerOfOrg(db, m.org_id);
  const paired = await db
    .selectFrom('cobuild_registration')
    .select('community_org_id')
    .where('kind', '=', 'unit')
    .where('unit_org_id', '=', employer.id)
    .where('status', '=', 'active')
    .execute();
  const home = reg?.community_org_id ?? own;
  const all = new Set<number>(paired.map((p) => p.community_org_id));
  if (home) all.add(home);
  return { home, via: reg ? ('registration' as const) : own ? ('branch' as const) : null, all: [...all] };
}
