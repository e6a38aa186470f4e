/**
 * 评选表彰 rounds: the owner (县委 or a 乡镇党委) sets quotas per category, units below nominate,
 * and the owner decides. A round is visible to its owner's subtree (who runs it) and to the units
 * under the owner (who nominate in it); a unit sees only the nominations of its own subtree.
 */
import type { Nomination, RoundCreate, RoundDetail, RoundSummary } from '../../../common/contracts/commendations.ts';
import { COMMEND_CATEGORIES, type CommendCategory, ROLE_PERMISSIONS } from '../../../common/enums.ts';
import { audit, nowIso, type Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { objectionCounts } from '../../lib/publicity.ts';
import { type Actor, isInPath, orgInScope, pathInSubtree } from '../../lib/scope.ts';

export type QuotaSpec = { category: CommendCategory; count?: number | null; percent?: number | null };
export type RoundRow = NonNullable<Awaited<ReturnType<typeof loadRaw>>>;

async function loadRaw(db: Executor, id: number) {
  return db
    .selectFrom('commend_round as r')
    .innerJoin('org_unit as o', 'o.id', 'r.owner_org_id')
    .selectAll('r')
    .select(['o.name as owner_name', 'o.path as owner_path'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Runs it: the owner lies in the caller's scope and the caller may manage rounds. */
export const runs = (r: { owner_path: string }, actor: Actor) =>
  isInPath(r.owner_path, actor.scopePath) && ROLE_PERMISSIONS[actor.role].includes('commend.manage');

/** The round if the caller runs it or nominates under its owner; otherwise 404 (a neighbour's round). */
export async function loadRound(db: Executor, actor: Actor, id: number) {
  const r = await loadRaw(db, id);
  if (!r || !(isInPath(r.owner_path, actor.scopePath) || isInPath(actor.scopePath, r.owner_path)))
    throw notFound('表彰', 'COMMEND_ROUND_NOT_FOUND');
  return { ...r, canManage: runs(r, actor) };
}

/** Loads for a change by the owner; never once published. */
export async function manageableRound(db: Executor, actor: Actor, id: number) {
  const r = await loadRound(db, actor, id);
  if (!r.canManage) throw forbidden('只有表彰单位可以审定、公示和发布');
  if (r.status === '已发布') throw conflict('COMMEND_PUBLISHED', '表彰已发布,不能再修改');
  return r;
}

/** Places of a quota: the number, or the share of the members (units for 先进集体) in scope, rounded down. */
export const placesOf = (q: QuotaSpec, base: number) =>
  q.count != null ? q.count : Math.floor((base * (q.percent ?? 0)) / 100 + 1e-9);

/** Members (in good standing) and units under the owner: what a share is taken of. */
export async function quotaBases(db: Executor, ownerPath: string) {
  const [{ n: members }, { n: units }] = await Promise.all([
    db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(pathInSubtree('org_path', ownerPath))
      .where('status', '=', '正常')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(pathInSubtree('path', ownerPath))
      .where('path', '!=', ownerPath)
      .executeTakeFirstOrThrow(),
  ]);
  return { members: Number(members), units: Number(units) };
}
export const baseFor = (cat: CommendCategory, b: { members: number; units: number }) =>
  cat === '先进集体' ? b.units : b.members;

export async function create(ctx: Ctx, actor: Actor, b: RoundCreate) {
  const seen = new Set<string>();
  for (const q of b.quotas) {
    if (seen.has(q.category)) throw badRequest('QUOTA_DUPLICATE', `「${q.category}」的名额重复设置`);
    seen.add(q.category);
    if ((q.count == null) === (q.percent == null))
      throw badRequest('QUOTA_INVALID', `「${q.category}」的名额请填写人数或比例其中一项`);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const owner = await orgInScope(trx, actor, b.ownerOrgId ?? actor.scopeOrgId);
    const clash = await trx
      .selectFrom('commend_round')
      .select('id')
      .where('owner_org_id', '=', owner.id)
      .where('year', '=', b.year)
      .where('name', '=', b.name.trim())
      .executeTakeFirst();
    if (clash) throw conflict('COMMEND_ROUND_EXISTS', `${owner.name}已设立「${b.name.trim()}」`);
    const quotas = b.quotas.map((q) => ({ category: q.category, count: q.count ?? null, percent: q.percent ?? null }));
    const { id } = await trx
      .insertInto('commend_round')
      .values({
        owner_org_id: owner.id,
        year: b.year,
        level: b.level,
        name: b.name.trim(),
        quotas_json: JSON.stringify(quotas),
        quota_mode: b.quotaMode,
        deadline_date: b.deadlineDate ?? null,
        objection_days: b.objectionDays ?? 5,
        status: '推荐中',
        publicity_start_date: null,
        publicity_end_date: null,
        doc_no: null,
        published_at: null,
        created_by: actor.userId,
        created_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'commend.round.create',
      entity: 'commend_round',
      entityId: id,
      after: { ownerOrgId: owner.id, year: b.year, name: b.name, quotas, quotaMode: b.quotaMode },
    });
    return { id };
  });
}

const summaryOf = (r: RoundRow, nominations: number): RoundSummary => ({
  id: r.id,
  year: r.year,
  name: r.name,
  level: r.level as RoundSummary['level'],
  ownerOrgId: r.owner_org_id,
  ownerOrgName: r.owner_name,
  status: r.status as RoundSummary['status'],
  quotaMode: r.quota_mode as RoundSummary['quotaMode'],
  deadlineDate: r.deadline_date,
  objectionDays: r.objection_days,
  publicityStartDate: r.publicity_start_date,
  publicityEndDate: r.publicity_end_date,
  docNo: r.doc_no,
  nominations,
});

/** Rounds the caller runs or nominates in (owners in its subtree or above it), newest first. */
export async function list(ctx: Ctx, actor: Actor, year?: number) {
  // Ancestors of the scope node are the prefixes of its path: '/1/5/' → '/1/', '/1/5/'.
  const parts = actor.scopePath.split('/').filter(Boolean);
  const ancestors = parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
  let q = ctx.db
    .selectFrom('commend_round as r')
    .innerJoin('org_unit as o', 'o.id', 'r.owner_org_id')
    .selectAll('r')
    .select(['o.name as owner_name', 'o.path as owner_path'])
    .where((eb) => eb.or([pathInSubtree('o.path', actor.scopePath)(eb), eb('o.path', 'in', ancestors)]))
    .orderBy('r.year', 'desc')
    .orderBy('r.id', 'desc');
  if (year) q = q.where('r.year', '=', year);
  const rows = await q.execute();
  const counts = rows.length
    ? await ctx.db
        .selectFrom('commend_nomination')
        .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where(
          'round_id',
          'in',
          rows.map((r) => r.id),
        )
        .where(pathInSubtree('org_path', actor.scopePath))
        .groupBy('round_id')
        .execute()
    : [];
  const items = rows.map((r) => summaryOf(r, Number(counts.find((c) => c.round_id === r.id)?.n ?? 0)));
  return { items, total: items.length };
}

/** The round with its quotas (places and use) and the nominations the caller may see. */
export async function detail(ctx: Ctx, actor: Actor, id: number): Promise<RoundDetail> {
  const r = await loadRound(ctx.db, actor, id);
  const rows = await nominationRows(ctx.db, id, r.canManage ? r.owner_path : actor.scopePath);
  const objections = await objectionCounts(ctx.db, 'commend', id);
  const assessed = await assessmentsOf(
    ctx.db,
    r.year,
    rows.flatMap((n) => (n.subject_org_id ? [n.subject_org_id] : [])),
  );
  const bases = await quotaBases(ctx.db, r.owner_path);
  const all = await ctx.db
    .selectFrom('commend_nomination')
    .select(['category', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', id)
    .groupBy(['category', 'status'])
    .execute();
  const used = (cat: string, st: string[]) =>
    all.filter((x) => x.category === cat && st.includes(x.status)).reduce((s, x) => s + Number(x.n), 0);
  const quotas = (JSON.parse(r.quotas_json) as QuotaSpec[]).map((q) => {
    const base = baseFor(q.category, bases);
    return {
      category: q.category,
      count: q.count ?? null,
      percent: q.percent ?? null,
      base,
      places: placesOf(q, base),
      approved: used(q.category, ['已审定']),
      pending: used(q.category, ['已报送', '已审核']),
    };
  });
  const nominations: Nomination[] = rows.map((n) => ({
    id: n.id,
    roundId: n.round_id,
    category: n.category,
    orgId: n.org_id,
    orgName: n.org_name,
    subjectOrgId: n.subject_org_id,
    memberId: n.member_id,
    subjectName: n.subject_name,
    subjectUnit: n.subject_unit,
    deeds: n.deeds,
    opinion: n.opinion,
    fileName: n.file_name,
    status: n.status,
    returnReason: n.return_reason,
    submittedAt: n.submitted_at,
    reviewedAt: n.reviewed_at,
    approvedAt: n.approved_at,
    assessment: (n.subject_org_id && assessed.get(n.subject_org_id)) || null,
    can: {
      edit: r.status === '推荐中' && isInPath(n.org_path, actor.scopePath) && ['草稿', '已退回'].includes(n.status),
      review: r.status === '推荐中' && n.status === '已报送' && mayReview(n.org_path, actor),
      approve: r.status === '推荐中' && n.status === '已审核' && r.canManage,
    },
    objections: objections.get(n.id) ?? 0,
  }));
  return { ...summaryOf(r, rows.length), canManage: r.canManage, quotas, nominations };
}

/** 审核 belongs to the superior: a caller whose scope holds the nominating unit strictly above it. */
export const mayReview = (orgPath: string, actor: Actor) =>
  orgPath !== actor.scopePath &&
  isInPath(orgPath, actor.scopePath) &&
  ROLE_PERMISSIONS[actor.role].includes('commend.nominate');

export async function nominationRows(db: Executor, roundId: number, path: string) {
  return db
    .selectFrom('commend_nomination as n')
    .innerJoin('org_unit as o', 'o.id', 'n.org_id')
    .selectAll('n')
    .select('o.name as org_name')
    .where('n.round_id', '=', roundId)
    .where(pathInSubtree('n.org_path', path))
    .orderBy('n.id')
    .execute()
    .then((rows) => rows.sort((a, b) => ORDER.indexOf(a.category) - ORDER.indexOf(b.category)));
}
/** Categories in the order of a 表彰决定 (a stable sort keeps nomination order inside each). */
const ORDER: readonly string[] = COMMEND_CATEGORIES;

/**
 * The 年度综合考核 grade of units in a year, read only, shown beside 先进集体 nominations: the
 * published assessment when there is one, else the latest computed.
 */
async function assessmentsOf(db: Executor, year: number, orgIds: number[]) {
  const out = new Map<number, { name: string; grade: string | null; rank: number | null }>();
  if (!orgIds.length) return out;
  const rows = await db
    .selectFrom('assessment_unit as u')
    .innerJoin('assessment as a', 'a.id', 'u.assessment_id')
    .select(['u.org_id', 'u.grade', 'u.rank', 'a.name', 'a.status', 'a.id'])
    .where('a.year', '=', year)
    .where('u.org_id', 'in', orgIds)
    .where('a.computed_at', 'is not', null)
    .orderBy('a.id')
    .execute();
  for (const x of rows) {
    const had = out.get(x.org_id);
    if (!had || x.status === '已发布') out.set(x.org_id, { name: x.name, grade: x.grade, rank: x.rank });
  }
  return out;
}
