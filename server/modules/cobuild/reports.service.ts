/**
 * Feedback to employers: a quarterly letter per employer unit (its members' report status, verified
 * service, hours and points), generated from the records and stored as a snapshot (what was
 * delivered), rendered as .docx/.xlsx on download (docs.ts). Letters are visible to the unit's
 * subtree (its secretary) and those above it, and delivered as a notification. The bimonthly
 * bulletin (bulletins.service.ts) shares the helpers here.
 */
import type { Job } from '../../lib/jobs.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { percent } from '../../lib/figures.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { loadTree, orgName, today, type Tree } from './access.ts';
import { toOrg } from './notices.ts';
import { round1 } from './points.ts';
import { reportStates } from './roster.service.ts';
import { COBUILD_CLAIM_STATUSES, COBUILD_PROJECT_STATUSES, type CobuildClaimStatus } from '../../../common/enums.ts';
import { turn } from '../../lib/turn.ts';

const STATE_LABEL = { reported: '已报到', pending: '待社区确认', lapsed: '逾期未复核', none: '未报到' } as const;
const d2 = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function quarterRange(year: number, q: number) {
  return {
    from: `${year}-${d2(q * 3 - 2)}-01`,
    to: `${year}-${d2(q * 3)}-${lastDay(year, q * 3)}`,
    period: `${year}Q${q}`,
  };
}
export const letterTitle = (period: string) =>
  `${period.slice(0, 4)}年第${period.slice(5)}季度在职党员到社区报到服务情况反馈函`;
/** Who signs letters and bulletins: the county committee's organization department. */
export const issuerOf = (tree: Tree) => {
  const root = [...tree.orgs.values()].filter((o) => o.parentId === null).sort((a, b) => a.id - b.id)[0];
  return `${root ? tree.label(root.id) : ''}组织部`;
};

/** Verified service of members in [from, to]: per member, the list of services. */
export async function services(db: Executor, memberIds: number[], from: string, to: string, tree: Tree) {
  const out = new Map<
    number,
    { date: string; title: string; community: string; hours: number; activityId: number }[]
  >();
  for (let i = 0; i < memberIds.length; i += 5000) {
    const rows = await db
      .selectFrom('cobuild_signup as g')
      .innerJoin('cobuild_activity as a', 'a.id', 'g.activity_id')
      .select(['g.member_id', 'g.verified_hours', 'a.id', 'a.title', 'a.activity_date', 'a.community_org_id'])
      .where('g.member_id', 'in', memberIds.slice(i, i + 5000))
      .where('g.verification', '=', 'verified')
      .where('a.activity_date', '>=', from)
      .where('a.activity_date', '<=', to)
      .orderBy('a.activity_date')
      .execute();
    for (const r of rows) {
      const list = out.get(r.member_id) ?? [];
      list.push({
        date: r.activity_date,
        title: r.title,
        community: tree.label(r.community_org_id),
        hours: Number(r.verified_hours ?? 0),
        activityId: r.id,
      });
      out.set(r.member_id, list);
    }
  }
  return out;
}

/** Counted points per subject in [from, to]. */
async function pointsIn(db: Executor, kind: 'member' | 'unit', ids: number[], from: string, to: string) {
  const out = new Map<number, number>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('cobuild_point')
      .select(['subject_id'])
      .select((eb) => eb.fn.sum<number>('points').as('s'))
      .where('subject_kind', '=', kind)
      .where('subject_id', 'in', ids.slice(i, i + 5000))
      .where('year', '=', Number(from.slice(0, 4)))
      .where('entry_date', '>=', from)
      .where('entry_date', '<=', to)
      .where('capped', '=', 0)
      .where('vetoed', '=', 0)
      .groupBy('subject_id')
      .execute();
    for (const r of rows) out.set(r.subject_id, Number(r.s));
  }
  return out;
}

/** The letter's content for one employer unit and quarter (as of the quarter's end or today). */
export async function letterData(db: Executor, tree: Tree, unitId: number, year: number, q: number, todayDate: string) {
  const { from, to, period } = quarterRange(year, q);
  const asOf = to < todayDate ? to : todayDate;
  const unit = tree.orgs.get(unitId)!;
  const states = (await reportStates(db, tree, { path: unit.path }, asOf)).filter((s) => s.employerId === unitId);
  const ids = states.map((s) => s.memberId);
  const svc = await services(db, ids, from, to, tree);
  const pts = await pointsIn(db, 'member', ids, from, to);
  const unitPts = await pointsIn(db, 'unit', [unitId], from, to);
  const totals = ids.length
    ? await db
        .selectFrom('cobuild_point_total')
        .select(['subject_id', 'points'])
        .where('subject_kind', '=', 'member')
        .where('year', '=', year)
        .where('subject_id', 'in', ids)
        .execute()
    : [];
  const yearPts = new Map(totals.map((t) => [t.subject_id, Number(t.points)]));
  const members = states
    .sort((a, b) => a.orgPath.localeCompare(b.orgPath) || a.memberId - b.memberId)
    .map((s) => {
      const list = svc.get(s.memberId) ?? [];
      return {
        name: s.name,
        branch: tree.label(s.orgId),
        community: s.communityId ? tree.label(s.communityId) : null,
        state: STATE_LABEL[s.state],
        activities: list.length,
        hours: round1(list.reduce((x, y) => x + y.hours, 0)),
        points: round1(pts.get(s.memberId) ?? 0),
        yearPoints: round1(yearPts.get(s.memberId) ?? 0),
        services: list.map(({ activityId: _a, ...x }) => x),
      };
    });
  const pairings = await db
    .selectFrom('cobuild_registration')
    .select(['community_org_id', 'accepted_date'])
    .where('kind', '=', 'unit')
    .where('unit_org_id', '=', unitId)
    .where('status', '=', 'active')
    .execute();
  const claims = await db
    .selectFrom('cobuild_claim as k')
    .innerJoin('cobuild_need as n', 'n.id', 'k.need_id')
    .select(['n.title', 'n.community_org_id', 'k.status'])
    .where('k.claimant', '=', 'unit')
    .where('k.org_id', '=', unitId)
    .where('k.created_at', '<=', `${to}T23:59:59.999Z`)
    .where((eb) => eb.or([eb('k.decided_at', 'is', null), eb('k.decided_at', '>=', `${from}T00:00:00.000Z`)]))
    .execute();
  const projects = await db
    .selectFrom('cobuild_project')
    .select(['title', 'community_org_id', 'status'])
    .where('lead_org_id', '=', unitId)
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('done_date', 'is', null), eb('done_date', '>=', from)]))
    .execute();
  const activities = new Set([...svc.values()].flat().map((s) => s.activityId)).size;
  const reported = states.filter((s) => s.state === 'reported').length;
  return {
    unit: { id: unitId, name: tree.label(unitId) },
    period,
    title: letterTitle(period),
    fromDate: from,
    toDate: to,
    asOf,
    issuer: issuerOf(tree),
    summary: {
      inService: states.length,
      reported,
      rate: percent(reported, states.length),
      activities,
      hours: round1(members.reduce((x, m) => x + m.hours, 0)),
      points: round1(members.reduce((x, m) => x + m.points, 0) + (unitPts.get(unitId) ?? 0)),
    },
    members,
    pairings: pairings.map((p) => ({ community: tree.label(p.community_org_id), since: p.accepted_date })),
    claims: claims.map((c) => ({
      need: c.title,
      community: tree.label(c.community_org_id),
      status: COBUILD_CLAIM_STATUSES[c.status as CobuildClaimStatus] ?? c.status,
    })),
    projects: projects.map((p) => ({
      title: p.title,
      community: tree.label(p.community_org_id),
      status: COBUILD_PROJECT_STATUSES[p.status as keyof typeof COBUILD_PROJECT_STATUSES] ?? p.status,
    })),
  };
}
export type LetterData = Awaited<ReturnType<typeof letterData>>;

export async function upsert(
  ctx: Ctx,
  trx: Executor,
  kind: 'letter' | 'bulletin',
  orgId: number,
  r: { period: string; from: string; to: string },
  data: unknown,
  actorId: number | null,
) {
  const now = nowIso(ctx);
  const row = await trx
    .insertInto('cobuild_report')
    .values({
      kind,
      org_id: orgId,
      period: r.period,
      from_date: r.from,
      to_date: r.to,
      data_json: JSON.stringify(data),
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'org_id', 'period']).doUpdateSet({ data_json: JSON.stringify(data), updated_at: now }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Generates (or refreshes) the letters of a quarter for every employer unit under `path` that has
 * in-service members or pairings, and notifies each unit once per quarter.
 */
export async function generateLetters(ctx: Ctx, actor: Actor | null, year: number, q: number, path?: string) {
  const d = today(ctx);
  const { from, to, period } = quarterRange(year, q);
  if (from > d) throw badRequest('PERIOD_FUTURE', '该季度尚未开始,不能生成反馈函');
  const tree = await loadTree(ctx.db);
  const scope = path ?? actor?.scopePath ?? '/';
  const states = await reportStates(ctx.db, tree, { path: scope }, d);
  const units = new Set(states.map((s) => s.employerId));
  const paired = await ctx.db
    .selectFrom('cobuild_registration')
    .select('unit_org_id')
    .where('kind', '=', 'unit')
    .where('status', '=', 'active')
    .execute();
  for (const p of paired) if (isInPath(tree.orgs.get(p.unit_org_id)?.path ?? '', scope)) units.add(p.unit_org_id);
  let count = 0;
  for (const unitId of [...units].sort((a, b) => a - b)) {
    await turn(); // a letter at a time (lib/turn.ts): 341 units held the server 1.1 s in one go
    const data = await letterData(ctx.db, tree, unitId, year, q, d);
    await ctx.db.transaction().execute(async (trx) => {
      const id = await upsert(ctx, trx, 'letter', unitId, { period, from, to }, data, actor?.userId ?? null);
      await toOrg(
        trx,
        ctx,
        unitId,
        'cobuild_letter',
        `《${data.title}》已送达:本单位在职党员 ${data.summary.inService} 名,已报到 ${data.summary.reported} 名,本季度服务 ${data.summary.hours} 小时`,
        `/cobuild/reports?tab=letters&id=${id}`,
        `cobuild_letter:${unitId}:${period}`,
      );
    });
    count++;
  }
  await ctx.db.transaction().execute((trx) =>
    audit(ctx, trx, actor, {
      action: 'cobuild.letters.generate',
      entity: 'cobuild_report',
      entityId: period,
      after: { count, scope },
    }),
  );
  return { count };
}

export const reportBase = (db: Executor, kind: 'letter' | 'bulletin') =>
  db
    .selectFrom('cobuild_report as r')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .selectAll('r')
    .select(['o.name', 'o.short_name', 'o.path'])
    .where('r.kind', '=', kind);

export async function listLetters(
  ctx: Ctx,
  actor: Actor,
  q: { year?: number; quarter?: number; unitId?: number; page?: number; pageSize?: number },
) {
  let query = reportBase(ctx.db, 'letter')
    .where('o.path', '>=', actor.scopePath)
    .where('o.path', '<', pathUpper(actor.scopePath));
  if (q.year && q.quarter) query = query.where('r.period', '=', `${q.year}Q${q.quarter}`);
  else if (q.year) query = query.where('r.period', 'like', `${q.year}Q%`);
  if (q.unitId) query = query.where('r.org_id', '=', q.unitId);
  const { n } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const pageSize = q.pageSize ?? 20;
  const rows = await query
    .orderBy('r.period', 'desc')
    .orderBy('o.path')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  return { items: rows.map(letterView), total: Number(n) };
}

function letterView(r: {
  id: number;
  org_id: number;
  name: string;
  short_name: string | null;
  period: string;
  from_date: string;
  to_date: string;
  created_at: string;
  updated_at: string;
  data_json: string;
}) {
  const d = JSON.parse(r.data_json) as LetterData;
  return {
    id: r.id,
    unit: { id: r.org_id, name: orgName(r) },
    period: r.period,
    title: d.title,
    fromDate: r.from_date,
    toDate: r.to_date,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    summary: d.summary,
  };
}

export async function getReport(ctx: Ctx, actor: Actor, kind: 'letter' | 'bulletin', id: number) {
  const r = await reportBase(ctx.db, kind).where('r.id', '=', id).executeTakeFirst();
  // A letter is read by its unit's subtree and those above; a bulletin is also circulated downwards.
  const ok = r && (isInPath(r.path, actor.scopePath) || (kind === 'bulletin' && isInPath(actor.scopePath, r.path)));
  if (!r || !ok) throw notFound(kind === 'letter' ? '反馈函' : '通报', 'REPORT_NOT_FOUND');
  return { row: r, data: JSON.parse(r.data_json) };
}

export async function letter(ctx: Ctx, actor: Actor, id: number) {
  const { row, data } = await getReport(ctx, actor, 'letter', id);
  return {
    ...letterView(row),
    members: data.members,
    pairings: data.pairings,
    claims: data.claims,
    projects: data.projects,
  };
}

/** The scheduler: after a quarter ends, the letters of the previous quarter (idempotent). */
/** Quarterly letters of the quarter just ended: checked hourly; idempotent (a quarter's letters are generated once). */
export const cobuildLettersJob: Job<{ count: number }> = {
  name: 'cobuild-letters',
  label: '共驻共建季度反馈函',
  everyMs: 3600_000,
  run: (ctx) => runQuarterly(ctx),
};

export async function runQuarterly(ctx: Ctx) {
  const d = today(ctx);
  const y = Number(d.slice(0, 4));
  const q = Math.ceil(Number(d.slice(5, 7)) / 3);
  const [py, pq] = q === 1 ? [y - 1, 4] : [y, q - 1];
  const period = `${py}Q${pq}`;
  const done = await ctx.db
    .selectFrom('cobuild_report')
    .select('id')
    .where('kind', '=', 'letter')
    .where('period', '=', period)
    .executeTakeFirst();
  if (done) return { count: 0 };
  const root = await ctx.db
    .selectFrom('org_unit')
    .select('path')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!root) return { count: 0 };
  return generateLetters(ctx, null, py, pq, root.path);
}
