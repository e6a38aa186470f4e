/**
 * What every change to a meeting record does inside its transaction: keep the 应到 snapshot in line
 * with the roster on the meeting date, re-derive the counts from the rows (实到/请假 are never
 * typed), and recompute what depends on them (the branch's compliance, the members' streaks).
 */
import type { QuorumKind } from '../../../common/enums.ts';
import { sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';
import { dialectOf } from '../../db/dialect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest } from '../../lib/errors.ts';
import { recomputeAbsences } from './absences.service.ts';
import { quorumMet, setFor, type MeetingCounts, type RuleSet } from './compliance.ts';
import { recomputeBranch } from './compliance.service.ts';
import { branchRoster, committeeRoster, groupRoster, rosterKind, type RosterEntry } from './roster.ts';

export interface MeetingRef {
  id: number;
  org_id: number;
  org_type: string;
  org_path: string;
  org_parent_id: number | null;
  held_date: string;
}

/** Which combinations of types one record may carry. */
export function validateTypes(orgType: string, types: readonly string[]) {
  const set = new Set(types);
  if (orgType === '党小组') {
    const bad = types.filter((t) => t !== '党小组会' && t !== '其他');
    if (bad.length) throw badRequest('MEETING_TYPE_INVALID', `党小组只记录党小组会(不能记录「${bad.join('、')}」)`);
    return;
  }
  if (set.has('党小组会')) throw badRequest('MEETING_TYPE_INVALID', '党小组会请在相应的党小组下记录');
  if (set.has('支部委员会') && set.size > 1)
    throw badRequest('MEETING_TYPE_INVALID', '支部委员会会议的应到人员是支委,不能与其他类型合并记录');
  if (set.has('谈心谈话') && set.size > 1) throw badRequest('MEETING_TYPE_INVALID', '谈心谈话须单独记录');
}

/** A 支委会 needs a committee on the date: ≥ 7 正式党员 (for a 党支部) and at least 3 支委 serving. */
export async function requireCommittee(db: Executor, org: { id: number; type: string; name: string }, date: string) {
  const committee = await committeeRoster(db, org.id, date);
  let full = Infinity;
  if (org.type === '党支部') {
    const r = await db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', org.id)
      .where('status', '=', '正常')
      .where('member_type', '=', '正式')
      .executeTakeFirstOrThrow();
    full = Number(r.n);
  }
  if (full < 7)
    throw badRequest(
      'NO_COMMITTEE',
      `「${org.name}」正式党员 ${full} 人,不足 7 人的党支部不设支部委员会,不能记录支委会(由支部党员大会议事)`,
    );
  if (committee.length < 3)
    throw badRequest(
      'NO_COMMITTEE',
      `「${org.name}」在该日期没有已登记的支部委员会(在任支委 ${committee.length} 人),请先在「支部班子与党小组」中登记支委`,
    );
  return committee;
}

/** The 应到 roster a meeting calls for on its date. */
export async function rosterFor(db: Executor, m: MeetingRef, types: readonly string[]): Promise<RosterEntry[] | null> {
  switch (rosterKind(m.org_type, types)) {
    case 'group':
      return groupRoster(db, m.org_id, m.held_date);
    case 'committee':
      return committeeRoster(db, m.org_id, m.held_date);
    case 'talk':
      return null; // the two people are set when the talk is recorded
    default:
      return branchRoster(db, { id: m.org_id, type: m.org_type, path: m.org_path }, m.held_date);
  }
}

/**
 * Brings the 应到 rows in line with `roster`: new people are added as 缺席, people no longer on it
 * are dropped — unless they checked in, were excused or made up, in which case they stay as 列席
 * (what happened at the meeting is never erased). Returns the member ids touched.
 */
export async function syncRoster(db: Executor, meetingId: number, roster: RosterEntry[]): Promise<number[]> {
  const existing = await db
    .selectFrom('meeting_attendee')
    .select(['member_id', 'role', 'status', 'voting'])
    .where('meeting_id', '=', meetingId)
    .execute();
  const want = new Map(roster.map((r) => [r.memberId, r]));
  const have = new Map(existing.map((r) => [r.member_id, r]));
  const drop: number[] = [];
  const demote: number[] = [];
  for (const r of existing) {
    if (r.role !== '应到' || want.has(r.member_id)) continue;
    if (r.status === '缺席') drop.push(r.member_id);
    else demote.push(r.member_id);
  }
  if (drop.length)
    await db
      .deleteFrom('meeting_attendee')
      .where('meeting_id', '=', meetingId)
      .where('member_id', 'in', drop)
      .execute();
  if (demote.length)
    await db
      .updateTable('meeting_attendee')
      .set({ role: '列席', voting: 0 })
      .where('meeting_id', '=', meetingId)
      .where('member_id', 'in', demote)
      .execute();
  const add = roster.filter((r) => !have.has(r.memberId));
  for (let i = 0; i < add.length; i += 500)
    await db
      .insertInto('meeting_attendee')
      .values(
        add.slice(i, i + 500).map((r) => ({
          meeting_id: meetingId,
          member_id: r.memberId,
          role: '应到',
          voting: r.voting ? 1 : 0,
          status: '缺席',
          reason: null,
          via: null,
          at: null,
          by_user: null,
          code_hash: null,
        })),
      )
      .execute();
  for (const r of roster) {
    const h = have.get(r.memberId);
    if (h && (h.role !== '应到' || h.voting !== (r.voting ? 1 : 0)))
      await db
        .updateTable('meeting_attendee')
        .set({ role: '应到', voting: r.voting ? 1 : 0 })
        .where('meeting_id', '=', meetingId)
        .where('member_id', '=', r.memberId)
        .execute();
  }
  return [...drop, ...demote, ...roster.map((r) => r.memberId)];
}

/** Re-derives 应到/实到/请假/列席 counts of a meeting from its rows; returns the new counts. */
export async function recount(db: Executor, meetingId: number): Promise<MeetingCounts> {
  // PostgreSQL runs simultaneous check-ins to one meeting in parallel (READ COMMITTED): without the
  // row lock each would count without the others' uncommitted rows and the last write would lose
  // check-ins (the bench saw 287 of 300). After the lock the count below is a new statement, so it
  // sees every check-in committed before ours. SQLite transactions are already serialized.
  if (dialectOf(db) === 'postgres') await sql`select id from meeting where id = ${meetingId} for update`.execute(db);
  const rows = await db
    .selectFrom('meeting_attendee')
    .select(['role', 'voting', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('meeting_id', '=', meetingId)
    .groupBy(['role', 'voting', 'status'])
    .execute();
  const guests = await db
    .selectFrom('meeting_guest')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  const c = {
    expected: 0,
    expected_voting: 0,
    present: 0,
    present_voting: 0,
    leave_count: 0,
    guest_count: Number(guests.n),
  };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.role !== '应到') {
      c.guest_count += n;
      continue;
    }
    const here = r.status === '出席' || r.status === '补签';
    c.expected += n;
    if (r.voting) c.expected_voting += n;
    if (here) c.present += n;
    if (here && r.voting) c.present_voting += n;
    if (r.status === '请假') c.leave_count += n;
  }
  await db.updateTable('meeting').set(c).where('id', '=', meetingId).execute();
  return {
    expected: c.expected,
    expectedVoting: c.expected_voting,
    present: c.present,
    presentVoting: c.present_voting,
  };
}

/** The quorum kind of each type of a meeting, by the rule set in force on its date. */
export function quorumKinds(sets: RuleSet[], orgType: string, heldDate: string, types: readonly string[]) {
  const set = setFor(sets, heldDate);
  const ruleOrg = orgType === '党小组' ? '党支部' : orgType;
  return types.map((t) => {
    const rule = set?.rules.find((r) => r.orgType === ruleOrg && r.meetingType === t);
    return { type: t, quorum: (rule?.quorum ?? 'half') as QuorumKind };
  });
}

/** A signature of which quorum kinds the counts satisfy (to skip recomputing when nothing flips). */
export const quorumSignature = (c: MeetingCounts) =>
  (['voting_majority', 'half', 'any'] as const).map((k) => (quorumMet(k, c) ? 1 : 0)).join('');

/**
 * After a change: recompute the branch's compliance for the affected years (not future ones) and
 * the streaks of the affected members.
 */
export async function afterChange(
  db: Executor,
  now: Date,
  m: Pick<MeetingRef, 'org_id' | 'org_type' | 'org_parent_id'>,
  years: number[],
  memberIds: number[],
) {
  const today = localDate(now);
  const branchId = m.org_type === '党小组' ? (m.org_parent_id ?? m.org_id) : m.org_id;
  for (const y of new Set(years)) if (y <= Number(today.slice(0, 4))) await recomputeBranch(db, branchId, y, today);
  if (memberIds.length) await recomputeAbsences(db, now, memberIds);
}
