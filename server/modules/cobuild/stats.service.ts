/** Rankings, the county overview and the member's own page — all computed from the records. */
import type { RankingQuery } from '../../../common/contracts/cobuild-service.ts';
import type { Ctx } from '../../context.ts';
import { percent } from '../../lib/figures.ts';
import { pathUpper, type Actor } from '../../lib/scope.ts';
import {
  employerNames,
  employerOfOrg,
  loadSettings,
  loadTree,
  memberReach,
  notRequiredReason,
  orgName,
  selfMember,
  today,
} from './access.ts';
import { list as listRegistrations } from './registrations.service.ts';
import { reportStates } from './roster.service.ts';
import { round1 } from './points.ts';

const yearOf = (ctx: Ctx, y?: number) => y ?? Number(today(ctx).slice(0, 4));
/** The county root sees everything: no path filter (the planner then walks the ranking index). */
const isRoot = (actor: Actor) => actor.scopePath.split('/').filter(Boolean).length === 1;

export async function rankings(ctx: Ctx, actor: Actor, q: RankingQuery) {
  const year = yearOf(ctx, q.year);
  const pageSize = q.pageSize ?? 20;
  const offset = ((q.page ?? 1) - 1) * pageSize;
  if (q.kind === 'member') {
    let query = ctx.db
      .selectFrom('cobuild_point_total as t')
      .innerJoin('member as m', 'm.id', 't.subject_id')
      .where('t.subject_kind', '=', 'member')
      .where('t.year', '=', year);
    if (!isRoot(actor))
      query = query.where('m.org_path', '>=', actor.scopePath).where('m.org_path', '<', pathUpper(actor.scopePath));
    // County-wide, the count needs no join (an index-only count of the year's totals).
    const counted = isRoot(actor)
      ? ctx.db.selectFrom('cobuild_point_total as t').where('t.subject_kind', '=', 'member').where('t.year', '=', year)
      : query;
    const { n } = await counted.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .select(['t.subject_id', 't.points', 't.hours', 'm.name', 'm.org_id'])
      .orderBy('t.points', 'desc')
      .orderBy('t.subject_id')
      .limit(pageSize)
      .offset(offset)
      .execute();
    const units = await employerNames(
      ctx.db,
      rows.map((r) => r.org_id),
    );
    return {
      items: rows.map((r, i) => ({
        rank: offset + i + 1,
        id: r.subject_id,
        name: r.name,
        parent: units.get(r.org_id) ?? null,
        points: round1(Number(r.points)),
        hours: round1(Number(r.hours)),
        rate: null,
        activities: null,
      })),
      total: Number(n),
    };
  }
  if (q.kind === 'unit') {
    const tree = await loadTree(ctx.db);
    const d = today(ctx);
    const states = await reportStates(
      ctx.db,
      tree,
      { path: actor.scopePath },
      `${year}-12-31` < d ? `${year}-12-31` : d,
    );
    const totals = await ctx.db
      .selectFrom('cobuild_point_total')
      .select(['subject_kind', 'subject_id', 'points', 'hours'])
      .where('year', '=', year)
      .execute();
    const member = new Map(totals.filter((t) => t.subject_kind === 'member').map((t) => [t.subject_id, t]));
    const unit = new Map(totals.filter((t) => t.subject_kind === 'unit').map((t) => [t.subject_id, t]));
    const g = new Map<number, { n: number; reported: number; points: number; hours: number }>();
    for (const s of states) {
      const x = g.get(s.employerId) ?? { n: 0, reported: 0, points: 0, hours: 0 };
      x.n++;
      if (s.state === 'reported') x.reported++;
      x.points += Number(member.get(s.memberId)?.points ?? 0);
      x.hours += Number(member.get(s.memberId)?.hours ?? 0);
      g.set(s.employerId, x);
    }
    const all = [...g.entries()]
      .map(([id, x]) => ({
        id,
        name: tree.label(id),
        parent: tree.orgs.get(id)?.parentId ? tree.label(tree.orgs.get(id)!.parentId!) : null,
        points: round1(x.points + Number(unit.get(id)?.points ?? 0)),
        hours: round1(x.hours),
        rate: percent(x.reported, x.n),
        activities: null,
        perCapita: x.n ? x.hours / x.n : 0,
      }))
      .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.perCapita - a.perCapita || a.id - b.id);
    return {
      items: all.slice(offset, offset + pageSize).map(({ perCapita: _p, ...r }, i) => ({ rank: offset + i + 1, ...r })),
      total: all.length,
    };
  }
  const communities = await ctx.db
    .selectFrom('cobuild_community as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .select(['o.id', 'o.name', 'o.short_name', 'o.parent_id'])
    .where('o.path', '>=', actor.scopePath)
    .where('o.path', '<', pathUpper(actor.scopePath))
    .where('c.active', '=', 1)
    .execute();
  const ids = communities.map((c) => c.id);
  const acts = ids.length
    ? await ctx.db
        .selectFrom('cobuild_activity as a')
        .leftJoin('cobuild_signup as g', (j) =>
          j.onRef('g.activity_id', '=', 'a.id').on('g.verification', '=', 'verified'),
        )
        .select(['a.community_org_id'])
        .select((eb) => [
          eb.fn.count<number>('a.id').distinct().as('n'),
          eb.fn.coalesce(eb.fn.sum<number>('g.verified_hours'), eb.val(0)).as('h'),
        ])
        .where('a.status', '=', 'open')
        .where('a.activity_date', '>=', `${year}-01-01`)
        .where('a.activity_date', '<=', `${year}-12-31`)
        .groupBy('a.community_org_id')
        .execute()
    : [];
  const regs = await ctx.db
    .selectFrom('cobuild_registration')
    .select(['community_org_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'member')
    .where('status', '=', 'active')
    .groupBy('community_org_id')
    .execute();
  const a = new Map(acts.map((x) => [x.community_org_id, x]));
  const r = new Map(regs.map((x) => [x.community_org_id, Number(x.n)]));
  const parents = new Map(
    (
      await ctx.db
        .selectFrom('org_unit')
        .select(['id', 'name', 'short_name'])
        .where('id', 'in', [-1, ...new Set(communities.map((c) => c.parent_id ?? -1))])
        .execute()
    ).map((p) => [p.id, orgName(p)]),
  );
  const all = communities
    .map((c) => ({
      id: c.id,
      name: orgName(c),
      parent: parents.get(c.parent_id ?? -1) ?? null,
      points: 0,
      hours: round1(Number(a.get(c.id)?.h ?? 0)),
      rate: r.get(c.id) ?? 0,
      activities: Number(a.get(c.id)?.n ?? 0),
    }))
    .sort((x, y) => y.hours - x.hours || y.activities - x.activities || x.id - y.id);
  return {
    items: all.slice(offset, offset + pageSize).map((c, i) => ({ rank: offset + i + 1, ...c })),
    total: all.length,
  };
}

/** The county (or township) overview: rates by unit, activity counts by community, the year by month. */
export async function overview(ctx: Ctx, actor: Actor, q: { year?: number }) {
  const year = yearOf(ctx, q.year);
  const tree = await loadTree(ctx.db);
  const d = today(ctx);
  const asOf = `${year}-12-31` < d ? `${year}-12-31` : d;
  const states = await reportStates(ctx.db, tree, { path: actor.scopePath }, asOf);
  const byUnit = new Map<number, { n: number; r: number }>();
  for (const s of states) {
    const x = byUnit.get(s.employerId) ?? { n: 0, r: 0 };
    x.n++;
    if (s.state === 'reported') x.r++;
    byUnit.set(s.employerId, x);
  }
  const p = actor.scopePath;
  const up = pathUpper(p);
  const [y0, y1] = [`${year}-01-01`, `${year}-12-31`];
  const acts = await ctx.db
    .selectFrom('cobuild_activity as a')
    .innerJoin('org_unit as c', 'c.id', 'a.community_org_id')
    .leftJoin('cobuild_signup as g', (j) => j.onRef('g.activity_id', '=', 'a.id').on('g.verification', '=', 'verified'))
    .select(['a.id', 'a.community_org_id', 'a.activity_date', 'g.verified_hours'])
    .where('c.path', '>=', p)
    .where('c.path', '<', up)
    .where('a.status', '=', 'open')
    .where('a.activity_date', '>=', y0)
    .where('a.activity_date', '<=', y1)
    .execute();
  const perCommunity = new Map<number, { ids: Set<number>; h: number }>();
  const perMonth = new Map<string, { ids: Set<number>; h: number }>();
  let hours = 0;
  for (const r of acts) {
    const h = Number(r.verified_hours ?? 0);
    hours += h;
    for (const [m, k] of [
      [perCommunity, r.community_org_id],
      [perMonth, r.activity_date.slice(0, 7)],
    ] as const) {
      const x = (m as Map<unknown, { ids: Set<number>; h: number }>).get(k) ?? { ids: new Set<number>(), h: 0 };
      x.ids.add(r.id);
      x.h += h;
      (m as Map<unknown, { ids: Set<number>; h: number }>).set(k, x);
    }
  }
  const communities = [...tree.communities].filter((id) => tree.orgs.get(id)?.path.startsWith(p));
  const paired = await ctx.db
    .selectFrom('cobuild_registration as r')
    .innerJoin('org_unit as c', 'c.id', 'r.community_org_id')
    .select((eb) => eb.fn.count<number>('r.unit_org_id').distinct().as('n'))
    .where('r.kind', '=', 'unit')
    .where('r.status', '=', 'active')
    .where('c.path', '>=', p)
    .where('c.path', '<', up)
    .executeTakeFirstOrThrow();
  const needs = await ctx.db
    .selectFrom('cobuild_need as n')
    .innerJoin('org_unit as c', 'c.id', 'n.community_org_id')
    .select(['n.status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.path', '>=', p)
    .where('c.path', '<', up)
    .groupBy('n.status')
    .execute();
  const pts = await ctx.db
    .selectFrom('cobuild_point_total as t')
    .innerJoin('member as m', 'm.id', 't.subject_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('t.points'), eb.val(0)).as('s'))
    .where('t.subject_kind', '=', 'member')
    .where('t.year', '=', year)
    .where('m.org_path', '>=', p)
    .where('m.org_path', '<', up)
    .executeTakeFirstOrThrow();
  const reported = states.filter((s) => s.state === 'reported').length;
  const { targetRate } = await loadSettings(ctx.db);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return {
    year,
    targetRate,
    inService: states.length,
    reported,
    rate: percent(reported, states.length),
    communities: communities.length,
    pairedUnits: Number(paired.n),
    openNeeds: Number(needs.find((n) => n.status === 'open')?.n ?? 0),
    doneNeeds: Number(needs.find((n) => n.status === 'done')?.n ?? 0),
    activities: new Set(acts.map((a) => a.id)).size,
    verifiedHours: round1(hours),
    points: round1(Number(pts.s)),
    unitRates: [...byUnit.entries()]
      .map(([id, x]) => ({ id, name: tree.label(id), inService: x.n, rate: percent(x.r, x.n) }))
      .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || b.inService - a.inService),
    communityActivities: [...perCommunity.entries()]
      .map(([id, x]) => ({ id, name: tree.label(id), activities: x.ids.size, hours: round1(x.h) }))
      .sort((a, b) => b.activities - a.activities || b.hours - a.hours)
      .slice(0, 30),
    monthly: months.map((m) => ({
      month: m,
      activities: perMonth.get(m)?.ids.size ?? 0,
      hours: round1(perMonth.get(m)?.h ?? 0),
    })),
  };
}

/** The member's own page: whether and where they report, their registrations, this year's points. */
export async function me(ctx: Ctx, actor: Actor) {
  const m = await selfMember(ctx.db, actor);
  const why = await notRequiredReason(ctx.db, m);
  const reach = await memberReach(ctx.db, m);
  const employer = await employerOfOrg(ctx.db, m.org_id);
  const branch = await ctx.db
    .selectFrom('org_unit')
    .select(['name', 'short_name'])
    .where('id', '=', m.org_id)
    .executeTakeFirstOrThrow();
  const regs = (await listRegistrations(ctx, actor, { pageSize: 50 })).items;
  const home = reach.home
    ? await ctx.db
        .selectFrom('org_unit')
        .select(['id', 'name', 'short_name'])
        .where('id', '=', reach.home)
        .executeTakeFirstOrThrow()
    : null;
  const year = Number(today(ctx).slice(0, 4));
  const t = await ctx.db
    .selectFrom('cobuild_point_total')
    .select(['points', 'hours'])
    .where('subject_kind', '=', 'member')
    .where('subject_id', '=', m.id)
    .where('year', '=', year)
    .executeTakeFirst();
  const capped = await ctx.db
    .selectFrom('cobuild_point')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.val(0)).as('s'))
    .where('subject_kind', '=', 'member')
    .where('subject_id', '=', m.id)
    .where('year', '=', year)
    .where('capped', '=', 1)
    .executeTakeFirstOrThrow();
  const { reconfirmMonths } = await loadSettings(ctx.db);
  return {
    member: {
      id: m.id,
      name: m.name,
      category: m.category,
      branch: orgName(branch),
      unit: { id: employer.id, name: employer.name },
    },
    required: why === null,
    notRequiredReason: why,
    home: home ? { id: home.id, name: orgName(home) } : null,
    registration: regs.find((r) => r.kind === 'member' && (r.status === 'pending' || r.status === 'active')) ?? null,
    history: regs.filter((r) => r.kind === 'member' && r.status !== 'pending' && r.status !== 'active'),
    reconfirmMonths,
    points: {
      year,
      sum: round1(Number(t?.points ?? 0)),
      capped: round1(Number(capped.s)),
      hours: round1(Number(t?.hours ?? 0)),
    },
  };
}
