/**
 * Who is expected (应到) at a meeting: the roster of the org ON THE MEETING DATE, not today's. A
 * branch's roster is its 正式 + 预备 members then (a 党总支: its whole subtree), reconstructed from
 * completed transfers (a member who moved away after the date still belongs to the old branch for
 * that meeting; one who arrived later does not); a 党小组's roster is its membership on the date; a
 * 支委会's is the committee serving on the date. 有表决权 = 正式党员 on the date.
 */
import type { Executor } from '../../db/connect.ts';
import { pathUpper } from '../../lib/scope.ts';
import { addDays } from './periods.ts';

export interface RosterEntry {
  memberId: number;
  name: string;
  voting: boolean;
}
export type RosterKind = 'branch' | 'group' | 'committee' | 'talk';

interface OrgRef {
  id: number;
  type: string;
  path: string;
}

/** The UTC instant at which local date `d` ends (Asia/Shanghai, UTC+8): transfers done after it are later. */
const endOfLocalDay = (d: string) => new Date(Date.parse(`${addDays(d, 1)}T00:00:00+08:00`)).toISOString();

const votingOn = (m: { member_type: string; full_date: string | null }, d: string) =>
  m.member_type === '正式' ? !m.full_date || m.full_date <= d : !!m.full_date && m.full_date <= d;

/** A member still counted on date d: in good standing, or left the Party's rolls only after d. */
const activeOn = (m: { status: string; updated_at: string; join_date: string | null }, d: string) =>
  (!m.join_date || m.join_date <= d) && (m.status === '正常' || m.updated_at >= endOfLocalDay(d));

const MEMBER_COLS = [
  'm.id',
  'm.name',
  'm.member_type',
  'm.full_date',
  'm.join_date',
  'm.status',
  'm.updated_at',
] as const;

/** Members of a branch (or a 党总支's subtree) on date d. */
export async function branchRoster(db: Executor, org: OrgRef, d: string): Promise<RosterEntry[]> {
  const whole = org.type !== '党支部';
  const after = endOfLocalDay(d);
  const current = await db
    .selectFrom('member as m')
    .select([...MEMBER_COLS])
    .$if(!whole, (q) => q.where('m.org_id', '=', org.id))
    .$if(whole, (q) => q.where('m.org_path', '>=', org.path).where('m.org_path', '<', pathUpper(org.path)))
    .execute();
  // Everyone touched by a transfer completed after d, in or out of this org.
  const moved = await db
    .selectFrom('transfer as t')
    .innerJoin('org_unit as f', 'f.id', 't.from_org_id')
    .innerJoin('org_unit as to', 'to.id', 't.to_org_id')
    .select(['t.member_id', 't.updated_at', 'f.id as from_id', 'f.path as from_path'])
    .where('t.status', '=', 'done')
    .where('t.updated_at', '>=', after)
    .where((eb) =>
      whole
        ? eb.or([
            eb.and([eb('f.path', '>=', org.path), eb('f.path', '<', pathUpper(org.path))]),
            eb.and([eb('to.path', '>=', org.path), eb('to.path', '<', pathUpper(org.path))]),
          ])
        : eb.or([eb('t.from_org_id', '=', org.id), eb('t.to_org_id', '=', org.id)]),
    )
    .execute();
  if (!moved.length) return current.filter((m) => activeOn(m, d)).map((m) => entry(m, d));
  // The first transfer after d says where the member was on d.
  const ids = [...new Set(moved.map((t) => t.member_id))];
  const all = await db
    .selectFrom('transfer as t')
    .innerJoin('org_unit as f', 'f.id', 't.from_org_id')
    .select(['t.member_id', 't.updated_at', 'f.id as from_id', 'f.path as from_path'])
    .where('t.status', '=', 'done')
    .where('t.updated_at', '>=', after)
    .where('t.member_id', 'in', ids)
    .orderBy('t.updated_at')
    .execute();
  const first = new Map<number, { from_id: number; from_path: string }>();
  for (const t of all) if (!first.has(t.member_id)) first.set(t.member_id, t);
  const inOrg = (id: number, path: string) => (whole ? path >= org.path && path < pathUpper(org.path) : id === org.id);
  const byId = new Map(current.map((m) => [m.id, m]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length)
    for (const m of await db
      .selectFrom('member as m')
      .select([...MEMBER_COLS])
      .where('m.id', 'in', missing)
      .execute())
      byId.set(m.id, m);
  const out: RosterEntry[] = [];
  for (const m of byId.values()) {
    const f = first.get(m.id);
    const there = f ? inOrg(f.from_id, f.from_path) : current.some((c) => c.id === m.id);
    if (there && activeOn(m, d)) out.push(entry(m, d));
  }
  return out.sort((a, b) => a.memberId - b.memberId);
}

const entry = (m: { id: number; name: string; member_type: string; full_date: string | null }, d: string) => ({
  memberId: m.id,
  name: m.name,
  voting: votingOn(m, d),
});

/** Members of a 党小组 on date d. */
export async function groupRoster(db: Executor, groupId: number, d: string): Promise<RosterEntry[]> {
  const rows = await db
    .selectFrom('party_group_member as g')
    .innerJoin('member as m', 'm.id', 'g.member_id')
    .select([...MEMBER_COLS])
    .where('g.group_id', '=', groupId)
    .where('g.start_date', '<=', d)
    .where((eb) => eb.or([eb('g.end_date', 'is', null), eb('g.end_date', '>', d)]))
    .orderBy('m.id')
    .execute();
  return rows.filter((m) => activeOn(m, d)).map((m) => entry(m, d));
}

/** The committee (支委) serving on date d. */
export async function committeeRoster(db: Executor, orgId: number, d: string): Promise<RosterEntry[]> {
  const rows = await db
    .selectFrom('org_committee_member as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .select([...MEMBER_COLS])
    .where('c.org_id', '=', orgId)
    .where('c.start_date', '<=', d)
    .where((eb) => eb.or([eb('c.end_date', 'is', null), eb('c.end_date', '>=', d)]))
    .orderBy('m.id')
    .execute();
  const seen = new Set<number>();
  return rows.filter((m) => activeOn(m, d) && !seen.has(m.id) && seen.add(m.id)).map((m) => entry(m, d));
}

/** Which roster a set of meeting types calls for (validated by the caller). */
export function rosterKind(orgType: string, types: readonly string[]): RosterKind {
  if (orgType === '党小组') return 'group';
  if (types.length === 1 && types[0] === '谈心谈话') return 'talk';
  if (types.length === 1 && types[0] === '支部委员会') return 'committee';
  return 'branch';
}

/** 正式党员 now, per branch (decides which rules apply, e.g. 支委会 only from 7). */
export async function fullMemberCounts(db: Executor, orgIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < orgIds.length; i += 500) {
    const rows = await db
      .selectFrom('member')
      .select(['org_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('org_id', 'in', orgIds.slice(i, i + 500))
      .where('status', '=', '正常')
      .where('member_type', '=', '正式')
      .groupBy('org_id')
      .execute();
    for (const r of rows) out.set(r.org_id, Number(r.n));
  }
  return out;
}
