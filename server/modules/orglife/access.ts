/** Loading meetings and organizations of 组织生活 through the caller's scope (outside it: 404). */
import { MEETING_TYPES, type MeetingType } from '../../../common/enums.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { isInPath, orgInScope, type Actor } from '../../lib/scope.ts';

/** Meeting types in the order of MEETING_TYPES (支部党员大会 before 党课 …), for display. */
export const inTypeOrder = (types: string[]) =>
  [...types].sort((a, b) => MEETING_TYPES.indexOf(a as MeetingType) - MEETING_TYPES.indexOf(b as MeetingType));

/**
 * The types of many meetings at once, each list in display order (a meeting without types gets
 * none). Read in slices of 500 ids: PostgreSQL and SQLite both cap the parameters of a statement.
 */
export async function typesByMeeting(db: Executor, ids: number[]) {
  const out = new Map<number, string[]>();
  for (let i = 0; i < ids.length; i += 500)
    for (const t of await db
      .selectFrom('meeting_type')
      .select(['meeting_id', 'type'])
      .where('meeting_id', 'in', ids.slice(i, i + 500))
      .execute())
      out.set(t.meeting_id, [...(out.get(t.meeting_id) ?? []), t.type]);
  for (const [id, ts] of out) out.set(id, inTypeOrder(ts));
  return out;
}

/** Org types that hold 组织生活 meetings. */
export const MEETING_ORG_TYPES = ['党支部', '党总支', '党小组'] as const;
/** Org types that have a roster, rules and compliance of their own. */
export const BRANCH_TYPES = ['党支部', '党总支'] as const;

export async function loadMeeting(db: Executor, id: number) {
  return db
    .selectFrom('meeting as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select(['o.name as org_name', 'o.path as org_path', 'o.type as org_type', 'o.parent_id as org_parent_id'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

/** A meeting of an org in the caller's subtree; anything else is 404 (never 403). */
export async function visibleMeeting(db: Executor, actor: Actor, id: number): Promise<MeetingRow> {
  const m = await loadMeeting(db, id);
  if (!m || !isInPath(m.org_path, actor.scopePath)) throw notFound('会议', 'MEETING_NOT_FOUND');
  return m;
}

/** Visible and still changeable (a voided record is kept as it was). */
export async function editableMeeting(db: Executor, actor: Actor, id: number): Promise<MeetingRow> {
  const m = await visibleMeeting(db, actor, id);
  if (m.status === '已作废') throw conflict('MEETING_VOID', '该会议记录已作废,不能再修改');
  return m;
}

/** The branch (党支部/党总支) whose compliance a meeting of this org counts for. */
export const branchIdOf = (m: { org_type: string; org_id: number; org_parent_id: number | null }) =>
  m.org_type === '党小组' ? (m.org_parent_id ?? m.org_id) : m.org_id;

/** An org that may hold meetings, inside the caller's scope. */
export async function meetingOrg(db: Executor, actor: Actor, orgId: number) {
  const org = await orgInScope(db, actor, orgId);
  if (org.status !== '正常') throw badRequest('ORG_DISSOLVED', `「${org.name}」已撤销,不能再记录会议`);
  if (!(MEETING_ORG_TYPES as readonly string[]).includes(org.type))
    throw badRequest('ORG_NOT_BRANCH', `只有党支部、党总支和党小组记录组织生活会议(「${org.name}」是${org.type})`);
  return org;
}

/** A 党支部 or 党总支 inside the caller's scope. */
export async function branchInScope(db: Executor, actor: Actor, orgId: number) {
  const org = await orgInScope(db, actor, orgId);
  if (!(BRANCH_TYPES as readonly string[]).includes(org.type))
    throw badRequest('ORG_NOT_BRANCH', `「${org.name}」不是党支部或党总支`);
  return org;
}

/** The org a scoped list is about: the given one (checked) or the caller's scope node. */
export async function listRoot(db: Executor, actor: Actor, orgId?: number) {
  if (orgId) return orgInScope(db, actor, orgId);
  return orgInScope(db, actor, actor.scopeOrgId);
}
