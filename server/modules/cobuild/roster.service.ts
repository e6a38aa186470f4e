/**
 * Who has and has not reported: per employer unit (rosters, 报到率) — computed from member records
 * and registrations, never typed. `reportStates` is the one computation behind the rosters, the
 * figures, the letters, the overview and the 民主评议 rule.
 */
import type { RosterQuery } from '../../../common/contracts/cobuild.ts';
import type { Ctx } from '../../context.ts';
import { sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';
import { notFound } from '../../lib/errors.ts';
import { isInPath, pathInSubtree, type Actor } from '../../lib/scope.ts';
import { loadSettings, loadTree, today, type Tree } from './access.ts';
import { percent } from '../../lib/figures.ts';

export type ReportState = 'reported' | 'pending' | 'lapsed' | 'none';
export interface MemberState {
  memberId: number;
  name: string;
  phone: string | null;
  orgId: number;
  orgPath: string;
  employerId: number;
  state: ReportState;
  communityId: number | null;
  registrationId: number | null;
  acceptedDate: string | null;
  dueDate: string | null;
}

/**
 * The report state on `date` of every in-service member (在职, 正常, branch outside any community)
 * under `path` (or of the given member ids): reported = accepted on or before the date, not ended
 * by then and not past its re-confirmation date; lapsed = past it; pending = waiting for the
 * community (only meaningful for today).
 */
export async function reportStates(
  db: Executor,
  tree: Tree,
  where: { path?: string; memberIds?: number[] },
  date: string,
): Promise<MemberState[]> {
  // Literal predicates: they match the partial index member_in_service (a bound parameter would not).
  let q = db
    .selectFrom('member')
    .select(['id', 'name', 'phone', 'org_id', 'org_path'])
    .where('category', '=', sql.lit('在职'))
    .where('status', '=', sql.lit('正常'));
  if (where.path) q = q.where(pathInSubtree('org_path', where.path));
  if (where.memberIds) q = q.where('id', 'in', where.memberIds.length ? where.memberIds : [-1]);
  const members = (await q.execute()).filter((m) => tree.communityOf(m.org_id) === null);
  const regs = new Map<number, { id: number; community_org_id: number; status: string } & Record<string, any>>();
  const rank = (r: { state: ReportState }) => ({ reported: 3, pending: 2, lapsed: 1, none: 0 })[r.state];
  const stateOf = (r: {
    status: string;
    reported_date: string;
    accepted_date: string | null;
    ended_date: string | null;
    due_date: string | null;
  }): ReportState => {
    if (r.accepted_date && r.accepted_date <= date && (!r.ended_date || r.ended_date > date))
      return r.due_date && r.due_date < date ? 'lapsed' : 'reported';
    if (r.status === 'pending' && r.reported_date <= date) return 'pending';
    return 'none';
  };
  let rq = db
    .selectFrom('cobuild_registration as r')
    .select([
      'r.id',
      'r.member_id',
      'r.community_org_id',
      'r.status',
      'r.reported_date',
      'r.accepted_date',
      'r.ended_date',
      'r.due_date',
    ])
    .where('r.kind', '=', 'member')
    .where('r.reported_date', '<=', date);
  // The whole county needs no join: every registration belongs to it.
  const whole = where.path?.split('/').filter(Boolean).length === 1;
  if (where.path && !whole)
    rq = rq.where('r.member_id', 'in', (eb) =>
      eb.selectFrom('member as m').select('m.id').where(pathInSubtree('m.org_path', where.path!)),
    );
  if (where.memberIds) rq = rq.where('r.member_id', 'in', where.memberIds.length ? where.memberIds : [-1]);
  for (const r of await rq.execute()) {
    const s = stateOf(r);
    const prev = regs.get(r.member_id!);
    if (s !== 'none' && (!prev || rank({ state: s }) > rank({ state: prev.state })))
      regs.set(r.member_id!, { ...r, state: s });
  }
  return members.map((m) => {
    const r = regs.get(m.id);
    return {
      memberId: m.id,
      name: m.name,
      phone: m.phone,
      orgId: m.org_id,
      orgPath: m.org_path,
      employerId: tree.employer(m.org_id),
      state: (r?.state as ReportState) ?? 'none',
      communityId: r?.community_org_id ?? null,
      registrationId: r?.id ?? null,
      acceptedDate: r?.accepted_date ?? null,
      dueDate: r?.due_date ?? null,
    };
  });
}

/** Per-employer list of in-service members and their report state (the employer's own members only). */
export async function roster(ctx: Ctx, actor: Actor, q: RosterQuery) {
  const tree = await loadTree(ctx.db);
  let path = actor.scopePath;
  if (q.unitId) {
    const u = tree.orgs.get(q.unitId);
    if (!u || !isInPath(u.path, actor.scopePath)) throw notFound('单位', 'UNIT_NOT_FOUND');
    path = u.path;
  }
  let rows = await reportStates(ctx.db, tree, { path }, today(ctx));
  const summary = {
    inService: rows.length,
    reported: rows.filter((r) => r.state === 'reported').length,
    rate: percent(rows.filter((r) => r.state === 'reported').length, rows.length),
  };
  if (q.state) rows = rows.filter((r) => r.state === q.state);
  if (q.q) rows = rows.filter((r) => r.name.includes(q.q!));
  // Who has not reported comes first: that is who the secretary has to talk to.
  const order = { none: 0, lapsed: 1, pending: 2, reported: 3 };
  rows.sort(
    (a, b) =>
      order[a.state] - order[b.state] ||
      a.employerId - b.employerId ||
      a.orgPath.localeCompare(b.orgPath) ||
      a.memberId - b.memberId,
  );
  const pageSize = q.pageSize ?? 20;
  const page = rows.slice(((q.page ?? 1) - 1) * pageSize, (q.page ?? 1) * pageSize);
  const year = Number(today(ctx).slice(0, 4));
  const totals = page.length
    ? await ctx.db
        .selectFrom('cobuild_point_total')
        .select(['subject_id', 'points', 'hours'])
        .where('subject_kind', '=', 'member')
        .where('year', '=', year)
        .where(
          'subject_id',
          'in',
          page.map((r) => r.memberId),
        )
        .execute()
    : [];
  const byMember = new Map(totals.map((t) => [t.subject_id, t]));
  return {
    items: page.map((r) => ({
      memberId: r.memberId,
      name: r.name,
      phone: r.phone,
      branch: tree.label(r.orgId),
      unit: { id: r.employerId, name: tree.label(r.employerId) },
      state: r.state,
      community: r.communityId ? { id: r.communityId, name: tree.label(r.communityId) } : null,
      registrationId: r.registrationId,
      acceptedDate: r.acceptedDate,
      dueDate: r.dueDate,
      yearHours: Number(byMember.get(r.memberId)?.hours ?? 0),
      yearPoints: Number(byMember.get(r.memberId)?.points ?? 0),
    })),
    total: rows.length,
    summary,
  };
}

/** 报到率 per employer unit in the caller's subtree (laggards first), with the target rate. */
export async function unitRates(ctx: Ctx, actor: Actor, f: { q?: string }) {
  const tree = await loadTree(ctx.db);
  const states = await reportStates(ctx.db, tree, { path: actor.scopePath }, today(ctx));
  const groups = new Map<number, { inService: number; reported: number; pending: number; lapsed: number }>();
  for (const s of states) {
    const g = groups.get(s.employerId) ?? { inService: 0, reported: 0, pending: 0, lapsed: 0 };
    g.inService++;
    if (s.state === 'reported') g.reported++;
    if (s.state === 'pending') g.pending++;
    if (s.state === 'lapsed') g.lapsed++;
    groups.set(s.employerId, g);
  }
  const pairs = await ctx.db
    .selectFrom('cobuild_registration')
    .select(['unit_org_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'unit')
    .where('status', '=', 'active')
    .groupBy('unit_org_id')
    .execute();
  const paired = new Map(pairs.map((p) => [p.unit_org_id, Number(p.n)]));
  const { targetRate } = await loadSettings(ctx.db);
  const items = [...groups.entries()]
    .map(([id, g]) => {
      const o = tree.orgs.get(id)!;
      return {
        unit: { id, name: tree.label(id) },
        parentName: o.parentId ? tree.label(o.parentId) : null,
        ...g,
        rate: percent(g.reported, g.inService),
        pairedCommunities: paired.get(id) ?? 0,
      };
    })
    .filter((u) => !f.q || u.unit.name.includes(f.q))
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.unit.name.localeCompare(b.unit.name, 'zh'));
  return { items, targetRate };
}
