/**
 * The bimonthly county bulletin (通报): units ranked by 报到率 (those under the target named),
 * communities by verified service — generated from the records, stored as a snapshot, circulated
 * to the units below the issuing scope.
 */
import type { Ctx } from '../../context.ts';
import { audit } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest } from '../../lib/errors.ts';
import { percent } from '../../lib/figures.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { loadSettings, loadTree, orgName, today, type Tree } from './access.ts';
import { toOrg } from './notices.ts';
import { round1 } from './points.ts';
import { issuerOf, reportBase, services, upsert } from './reports.service.ts';
import { reportStates } from './roster.service.ts';

const d2 = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function bimesterRange(year: number, b: number) {
  return {
    from: `${year}-${d2(b * 2 - 1)}-01`,
    to: `${year}-${d2(b * 2)}-${lastDay(year, b * 2)}`,
    period: `${year}B${b}`,
  };
}
export const bulletinTitle = (period: string) => {
  const b = Number(period.slice(5));
  return `关于${period.slice(0, 4)}年${b * 2 - 1}—${b * 2}月在职党员到社区报到和共驻共建工作情况的通报`;
};

/** The bulletin's content for a subtree and two months: units by 报到率, communities by service. */
export async function bulletinData(
  db: Executor,
  tree: Tree,
  scopeId: number,
  year: number,
  b: number,
  todayDate: string,
) {
  const { from, to, period } = bimesterRange(year, b);
  const scope = tree.orgs.get(scopeId)!;
  const asOf = to < todayDate ? to : todayDate;
  const states = await reportStates(db, tree, { path: scope.path }, asOf);
  const svc = await services(
    db,
    states.map((s) => s.memberId),
    from,
    to,
    tree,
  );
  const units = new Map<number, { n: number; r: number; hours: number }>();
  for (const s of states) {
    const x = units.get(s.employerId) ?? { n: 0, r: 0, hours: 0 };
    x.n++;
    if (s.state === 'reported') x.r++;
    x.hours += (svc.get(s.memberId) ?? []).reduce((a, y) => a + y.hours, 0);
    units.set(s.employerId, x);
  }
  const { targetRate } = await loadSettings(db);
  const unitRows = [...units.entries()]
    .map(([id, x]) => ({
      name: tree.label(id),
      inService: x.n,
      reported: x.r,
      rate: percent(x.r, x.n),
      hours: round1(x.hours),
    }))
    .sort((a, c) => (c.rate ?? 0) - (a.rate ?? 0) || c.hours - a.hours);
  const acts = await db
    .selectFrom('cobuild_activity as a')
    .innerJoin('org_unit as c', 'c.id', 'a.community_org_id')
    .leftJoin('cobuild_signup as g', (j) => j.onRef('g.activity_id', '=', 'a.id').on('g.verification', '=', 'verified'))
    .select(['a.community_org_id', 'a.id', 'g.verified_hours'])
    .where('c.path', '>=', scope.path)
    .where('c.path', '<', pathUpper(scope.path))
    .where('a.status', '=', 'open')
    .where('a.activity_date', '>=', from)
    .where('a.activity_date', '<=', to)
    .execute();
  const comm = new Map<number, { ids: Set<number>; hours: number }>();
  for (const r of acts) {
    const x = comm.get(r.community_org_id) ?? { ids: new Set<number>(), hours: 0 };
    x.ids.add(r.id);
    x.hours += Number(r.verified_hours ?? 0);
    comm.set(r.community_org_id, x);
  }
  const regs = await db
    .selectFrom('cobuild_registration')
    .select(['community_org_id', 'kind'])
    .where('status', '=', 'active')
    .execute();
  const count = (kind: string, id: number) => regs.filter((r) => r.kind === kind && r.community_org_id === id).length;
  const communityRows = [...tree.communities]
    .filter((id) => isInPath(tree.orgs.get(id)!.path, scope.path))
    .map((id) => ({
      name: tree.label(id),
      members: count('member', id),
      units: count('unit', id),
      activities: comm.get(id)?.ids.size ?? 0,
      hours: round1(comm.get(id)?.hours ?? 0),
    }))
    .sort((a, c) => c.hours - a.hours || c.activities - a.activities);
  const reported = states.filter((s) => s.state === 'reported').length;
  return {
    org: { id: scope.id, name: tree.label(scope.id) },
    period,
    title: bulletinTitle(period),
    fromDate: from,
    toDate: to,
    asOf,
    issuer: issuerOf(tree),
    targetRate,
    summary: {
      inService: states.length,
      reported,
      rate: percent(reported, states.length),
      activities: new Set(acts.map((a) => a.id)).size,
      hours: round1(communityRows.reduce((x, c) => x + c.hours, 0)),
      points: 0,
    },
    units: unitRows,
    lagging: unitRows.filter((u) => (u.rate ?? 0) < targetRate).map((u) => u.name),
    communities: communityRows,
  };
}
export type BulletinData = Awaited<ReturnType<typeof bulletinData>>;

export async function generateBulletin(ctx: Ctx, actor: Actor, year: number, b: number) {
  const d = today(ctx);
  const r = bimesterRange(year, b);
  if (r.from > d) throw badRequest('PERIOD_FUTURE', '该期尚未开始,不能生成通报');
  const tree = await loadTree(ctx.db);
  const data = await bulletinData(ctx.db, tree, actor.scopeOrgId, year, b, d);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await upsert(ctx, trx, 'bulletin', actor.scopeOrgId, r, data, actor.userId);
    const children = await trx
      .selectFrom('org_unit')
      .select('id')
      .where('parent_id', '=', actor.scopeOrgId)
      .where('status', '=', '正常')
      .execute();
    for (const c of children)
      await toOrg(
        trx,
        ctx,
        c.id,
        'cobuild_bulletin',
        `${data.title}已印发`,
        `/cobuild/reports?tab=bulletins&id=${id}`,
        `cobuild_bulletin:${c.id}:${r.period}`,
      );
    await audit(ctx, trx, actor, {
      action: 'cobuild.bulletin.generate',
      entity: 'cobuild_report',
      entityId: id,
      after: { period: r.period },
    });
    return { id };
  });
}

export async function listBulletins(ctx: Ctx, actor: Actor) {
  const rows = await reportBase(ctx.db, 'bulletin')
    .where('o.path', '<=', actor.scopePath)
    .orderBy('r.period', 'desc')
    .execute();
  // A bulletin is issued for a subtree; it is read by that subtree's users and those above it.
  return {
    items: rows
      .filter((r) => isInPath(actor.scopePath, r.path) || isInPath(r.path, actor.scopePath))
      .map((r) => {
        const d = JSON.parse(r.data_json);
        return {
          id: r.id,
          org: { id: r.org_id, name: orgName(r) },
          period: r.period,
          title: d.title,
          fromDate: r.from_date,
          toDate: r.to_date,
          createdAt: r.created_at,
          summary: d.summary,
        };
      }),
  };
}
