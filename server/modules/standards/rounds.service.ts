/**
 * Rounds: a year's assessment of the branches in scope with one manual version. The round owner
 * (组织部) sees every entry; a township sees its own branches'; a branch its own. Outside → 404.
 */
import type { STD_ENTRY_STATUSES, STD_ROUND_STATUSES } from '../../../common/enums.ts';
import type { RoundBody } from '../../../common/contracts/standards.ts';
import type { Selectable } from 'kysely';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { StdEntryTable } from '../../db/schema/standards.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { type Actor, isInPath, pathInSubtree } from '../../lib/scope.ts';
import { loadManual } from './manuals.service.ts';

const BRANCH_TYPES = ['党支部', '党总支'];

export async function loadRound(db: Executor, actor: Actor, id: number) {
  const r = await db
    .selectFrom('std_round as r')
    .innerJoin('std_manual as m', 'm.id', 'r.manual_id')
    .selectAll('r')
    .select(['m.name as manual_name', 'm.version as manual_version'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('评定轮次', 'ROUND_NOT_FOUND');
  if (!isInPath(r.owner_path, actor.scopePath)) {
    // a township or branch sees a county round through its own entries
    const mine = await db
      .selectFrom('std_entry')
      .select('id')
      .where('round_id', '=', id)
      .where(pathInSubtree('org_path', actor.scopePath))
      .executeTakeFirst();
    if (!mine) throw notFound('评定轮次', 'ROUND_NOT_FOUND');
  }
  return r;
}
export type RoundRow = Awaited<ReturnType<typeof loadRound>>;
/** Whether the caller owns the round (组织部 level): sees all of it and decides. */
export const ownsRound = (r: RoundRow, actor: Actor) => isInPath(r.owner_path, actor.scopePath);

/** Starts a round: one entry per branch, all 待自评. The manual version is fixed from now on. */
export async function create(ctx: Ctx, actor: Actor, b: RoundBody) {
  if (b.selfWeight + b.superiorWeight !== 100)
    throw badRequest('WEIGHTS_INVALID', `自评权重与初核权重之和须为 100(现为 ${b.selfWeight + b.superiorWeight})`);
  if (b.reviewDueDate < b.selfDueDate) throw badRequest('DATES_INVALID', '初核截止日期不能早于自评截止日期');
  return ctx.db.transaction().execute(async (trx) => {
    await loadManual(trx, b.manualId);
    const owner = await trx
      .selectFrom('org_unit')
      .select(['id', 'path'])
      .where('id', '=', actor.scopeOrgId)
      .executeTakeFirstOrThrow();
    let orgs = await trx
      .selectFrom('org_unit')
      .select(['id', 'path', 'type'])
      .where(pathInSubtree('path', actor.scopePath))
      .where('status', '=', '正常')
      .where(b.orgIds ? (eb) => eb('id', 'in', b.orgIds ?? []) : (eb) => eb('type', 'in', BRANCH_TYPES))
      .execute();
    if (b.orgIds) {
      const found = new Set(orgs.map((o) => o.id));
      const missing = b.orgIds.filter((id) => !found.has(id));
      if (missing.length) throw notFound('参评组织', 'ORG_NOT_FOUND');
      orgs = orgs.filter((o) => o.id !== actor.scopeOrgId);
    }
    if (!orgs.length) throw badRequest('ROUND_EMPTY', '范围内没有参评的党支部');
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('std_round')
      .values({
        manual_id: b.manualId,
        year: b.year,
        name: b.name.trim(),
        owner_org_id: owner.id,
        owner_path: owner.path,
        status: '评分中',
        self_weight: b.selfWeight,
        superior_weight: b.superiorWeight,
        self_due_date: b.selfDueDate,
        review_due_date: b.reviewDueDate,
        objection_days: b.objectionDays,
        publicity_start_date: null,
        publicity_end_date: null,
        graded_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < orgs.length; i += 200)
      await trx
        .insertInto('std_entry')
        .values(
          orgs.slice(i, i + 200).map((o) => ({
            round_id: r.id,
            org_id: o.id,
            org_path: o.path,
            status: '待自评',
            vetoed: 0,
            updated_at: now,
          })),
        )
        .execute();
    await audit(ctx, trx, actor, {
      action: 'standards.round.create',
      entity: 'std_round',
      entityId: r.id,
      after: { name: b.name, manualId: b.manualId, entries: orgs.length },
    });
    return { id: r.id };
  });
}

const summary = (r: RoundRow, entries: number, approved: number) => ({
  id: r.id,
  year: r.year,
  status: r.status as (typeof STD_ROUND_STATUSES)[number],
  name: r.name,
  manualId: r.manual_id,
  manualName: r.manual_name,
  manualVersion: r.manual_version,
  selfWeight: r.self_weight,
  superiorWeight: r.superior_weight,
  selfDueDate: r.self_due_date,
  reviewDueDate: r.review_due_date,
  objectionDays: r.objection_days,
  publicityStartDate: r.publicity_start_date,
  publicityEndDate: r.publicity_end_date,
  entries,
  approved,
});

/** Rounds the caller owns or has entries in, newest first, with their counts in the caller's scope. */
export async function list(ctx: Ctx, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('std_round as r')
    .innerJoin('std_manual as m', 'm.id', 'r.manual_id')
    .innerJoin('std_entry as e', 'e.round_id', 'r.id')
    .selectAll('r')
    .select(['m.name as manual_name', 'm.version as manual_version'])
    .select((eb) => [
      eb.fn.countAll().as('n'),
      eb.fn.sum(eb.case().when('e.status', '=', '已审定').then(1).else(0).end()).as('approved'),
    ])
    .where(pathInSubtree('e.org_path', actor.scopePath))
    .groupBy(['r.id', 'm.name', 'm.version'])
    .orderBy('r.year', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return { items: rows.map((r) => summary(r, Number(r.n), Number(r.approved ?? 0))) };
}

/** Who an entry waits for, in words (the progress board). */
export function waitingFor(status: string, townshipName: string | null) {
  if (status === '待自评') return '支部自评';
  if (status === '已退回') return '支部修改后重新提交';
  if (status === '待初核') return `${townshipName ?? '上级党组织'}初核`;
  if (status === '待审定') return '组织部审定';
  return null;
}

/** A branch's entry as the round list and the score sheet show it; grade and rank only once they may be seen. */
export const entryDto = (
  e: Omit<Selectable<StdEntryTable>, 'org_path'> & { org_name: string; parent_name: string | null },
  showGrade: boolean,
) => ({
  id: e.id,
  orgId: e.org_id,
  orgName: e.org_name,
  townshipName: e.parent_name,
  status: e.status as (typeof STD_ENTRY_STATUSES)[number],
  waitingFor: waitingFor(e.status, e.parent_name),
  selfScore: e.self_score,
  superiorScore: e.superior_score,
  total: e.total,
  grade: showGrade ? e.grade : null,
  rank: showGrade ? e.rank : null,
  vetoed: !!e.vetoed,
  returnReason: e.return_reason,
});

/** The entries of a round in the caller's scope, with the township (the branch's parent). */
export async function entryRows(db: Executor, actor: Actor, round: RoundRow) {
  const showGrades = ownsRound(round, actor) || round.status !== '评分中';
  const rows = await db
    .selectFrom('std_entry as e')
    .innerJoin('org_unit as o', 'o.id', 'e.org_id')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .selectAll('e')
    .select(['o.name as org_name', 'p.name as parent_name', 'o.sort_order'])
    .where('e.round_id', '=', round.id)
    .where(pathInSubtree('e.org_path', actor.scopePath))
    .orderBy('e.org_path')
    .execute();
  return rows.map((e) => ({ ...entryDto(e, showGrades), directReason: e.direct_reason }));
}

export async function detail(ctx: Ctx, actor: Actor, id: number) {
  const r = await loadRound(ctx.db, actor, id);
  const rows = await entryRows(ctx.db, actor, r);
  const counts: Record<string, number> = {};
  for (const e of rows) counts[e.status] = (counts[e.status] ?? 0) + 1;
  const warnings: string[] = [];
  const today = nowIso(ctx).slice(0, 10);
  const lateSelf = rows.filter((e) => e.status === '待自评' || e.status === '已退回').length;
  if (lateSelf && today > r.self_due_date) warnings.push(`${lateSelf} 个支部已过自评截止日期仍未提交`);
  return {
    ...summary(r, rows.length, rows.filter((e) => e.status === '已审定').length),
    entryRows: rows.map(({ directReason: _d, ...e }) => e),
    counts,
    warnings,
  };
}

/** `{ items: [{ orgId, selfScore, superiorScore, total, grade }] }` ranked, in the caller's scope. */
export async function results(ctx: Ctx, actor: Actor, id: number) {
  const r = await loadRound(ctx.db, actor, id);
  const rows = await entryRows(ctx.db, actor, r);
  rows.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (b.total ?? -1) - (a.total ?? -1) || a.orgId - b.orgId);
  return {
    items: rows.map((e) => ({
      orgId: e.orgId,
      orgName: e.orgName,
      selfScore: e.selfScore,
      superiorScore: e.superiorScore,
      total: e.total,
      grade: e.grade,
      rank: e.rank,
      directReason: e.directReason,
    })),
  };
}
