/**
 * 后进 / 软弱涣散 整顿 and 示范点. Candidates come from the bottom of the county ranking (one list
 * for the whole county: quotas are never spread evenly across townships) and from direct criteria
 * read through figures (书记出缺 > 3 个月, meetings not held, 满意度 < 60%). A plan's problems are
 * rectification-ledger items (addItem); a branch leaves the list only when every problem is
 * accepted (逐条验收); the plan and its history stay.
 */
import type { STD_PLAN_STATUSES } from '../../../common/enums.ts';
import type { PlanBody } from '../../../common/contracts/standards.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { type Actor, isInPath, orgInScope, pathInSubtree } from '../../lib/scope.ts';
import { figureByKey } from '../figures.ts';
import { addItem } from '../rectifications/items.service.ts';
import { roundPeriod } from './autofill.ts';
import { loadManual } from './manuals.service.ts';
import { entryRows, loadRound } from './rounds.service.ts';

/** Direct criteria (work-rules.md §1.2), each a figure key, a test and the sentence shown. */
const DIRECT = [
  { key: 'orgs.secretaryVacancyMonths', hit: (v: number) => v > 3, say: (v: number) => `书记出缺 ${v} 个月` },
  { key: 'orglife.missingMeetings', hit: (v: number) => v >= 4, say: (v: number) => `未按规定召开组织生活 ${v} 次` },
  { key: 'windows.satisfactionRate', hit: (v: number) => v < 60, say: (v: number) => `群众满意度 ${v}%` },
];

export async function candidates(ctx: Ctx, actor: Actor, id: number, percent: number) {
  const r = await loadRound(ctx.db, actor, id);
  if (!isInPath(r.owner_path, actor.scopePath)) throw forbidden('只有组织本轮评定的组织部可以确定整顿名单');
  const m = await loadManual(ctx.db, r.manual_id);
  const rows = await entryRows(ctx.db, actor, r);
  const rectifyBands = new Set(m.bands.filter((b) => b.rectify).map((b) => b.grade));
  const ranked = rows.filter((e) => e.rank !== null).sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0));
  const quota = Math.max(1, Math.ceil((ranked.length * percent) / 100));
  const reasons = new Map<number, string[]>();
  const add = (orgId: number, why: string) => reasons.set(orgId, [...(reasons.get(orgId) ?? []), why]);
  // the bottom of ONE county ranking; a tie at the line is taken whole
  const cut = ranked[Math.min(quota, ranked.length) - 1]?.rank ?? 0;
  for (const e of ranked) if ((e.rank ?? 0) >= cut) add(e.orgId, `排名末位(第 ${e.rank} 名,共 ${ranked.length} 个)`);
  for (const e of rows) if (e.grade && rectifyBands.has(e.grade)) add(e.orgId, `评定为「${e.grade}」`);
  const orgIds = rows.map((e) => e.orgId);
  const period = roundPeriod(ctx, r.year);
  for (const d of DIRECT) {
    const p = figureByKey(d.key);
    if (!p) continue;
    const vals = await p.compute(ctx.db, { orgIds, ...period });
    for (const [orgId, v] of vals) if (v.value !== null && d.hit(v.value)) add(orgId, d.say(v.value));
  }
  const open = new Set(
    (
      await ctx.db
        .selectFrom('std_plan')
        .select('org_id')
        .where('status', '=', '整顿中')
        .where(pathInSubtree('org_path', actor.scopePath))
        .execute()
    ).map((p) => p.org_id),
  );
  return {
    items: rows
      .filter((e) => reasons.has(e.orgId))
      .sort((a, b) => (b.rank ?? 1e9) - (a.rank ?? 1e9))
      .map((e) => ({
        orgId: e.orgId,
        orgName: e.orgName,
        townshipName: e.townshipName,
        total: e.total,
        rank: e.rank,
        grade: e.grade,
        reasons: reasons.get(e.orgId) ?? [],
        onList: open.has(e.orgId),
      })),
  };
}

async function loadPlan(db: Executor, actor: Actor, id: number) {
  const p = await db
    .selectFrom('std_plan as p')
    .innerJoin('org_unit as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select('o.name as org_name')
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!p || !isInPath(p.org_path, actor.scopePath)) throw notFound('整顿记录', 'PLAN_NOT_FOUND');
  return p;
}

/** Puts a branch on the 整顿 list with its problems as ledger items issued by the caller's unit. */
export async function createPlan(ctx: Ctx, actor: Actor, b: PlanBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await orgInScope(trx, actor, b.orgId);
    if (org.id === actor.scopeOrgId) throw forbidden('不能将本单位列入整顿');
    if (b.roundId) await loadRound(trx, actor, b.roundId);
    const open = await trx
      .selectFrom('std_plan')
      .select('id')
      .where('org_id', '=', b.orgId)
      .where('status', '=', '整顿中')
      .executeTakeFirst();
    if (open) throw conflict('PLAN_OPEN', `${org.name}已在整顿名单中`);
    const today = localDate(ctx.clock.now());
    for (const x of b.problems)
      if (x.deadlineDate && x.deadlineDate < today)
        throw badRequest('DEADLINE_PAST', `整改时限 ${x.deadlineDate} 早于今天`);
    const p = await trx
      .insertInto('std_plan')
      .values({
        org_id: org.id,
        org_path: org.path,
        issuer_org_id: actor.scopeOrgId,
        round_id: b.roundId ?? null,
        basis: b.basis.trim(),
        contact_leader: b.contactLeader.trim(),
        status: '整顿中',
        start_date: today,
        lifted_date: null,
        created_by: actor.userId,
        created_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const x of b.problems) {
      const itemId = await addItem(trx, ctx, actor, {
        orgId: org.id,
        issuerOrgId: actor.scopeOrgId,
        problem: x.problem,
        source: '标准化',
        sourceRef: `std_plan:${p.id}`,
        measures: x.measures ?? null,
        owner: b.contactLeader,
        deadlineDate: x.deadlineDate ?? null,
      });
      await trx
        .insertInto('std_plan_problem')
        .values({ plan_id: p.id, rect_item_id: itemId, problem: x.problem.trim() })
        .execute();
    }
    await audit(ctx, trx, actor, {
      action: 'standards.plan.create',
      entity: 'std_plan',
      entityId: p.id,
      after: { orgId: org.id, basis: b.basis, problems: b.problems.length },
    });
    return { id: p.id };
  });
}

export async function listPlans(ctx: Ctx, actor: Actor, status?: string) {
  let q = ctx.db
    .selectFrom('std_plan as p')
    .innerJoin('org_unit as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select('o.name as org_name')
    .select((eb) => [
      eb
        .selectFrom('std_plan_problem as x')
        .select(eb.fn.countAll().as('n'))
        .whereRef('x.plan_id', '=', 'p.id')
        .as('items'),
      eb
        .selectFrom('std_plan_problem as x')
        .select(eb.fn.countAll().as('n'))
        .whereRef('x.plan_id', '=', 'p.id')
        .where('x.accepted_at', 'is not', null)
        .as('accepted'),
    ])
    .where(pathInSubtree('p.org_path', actor.scopePath));
  if (status) q = q.where('p.status', '=', status);
  const rows = await q.orderBy('p.status', 'desc').orderBy('p.id', 'desc').execute();
  return { items: rows.map(planDto) };
}

const planDto = (p: any) => ({
  id: p.id as number,
  orgId: p.org_id as number,
  orgName: p.org_name as string,
  roundId: p.round_id as number | null,
  basis: p.basis as string,
  contactLeader: p.contact_leader as string,
  status: p.status as (typeof STD_PLAN_STATUSES)[number],
  startDate: p.start_date as string,
  liftedDate: p.lifted_date as string | null,
  items: Number(p.items ?? 0),
  accepted: Number(p.accepted ?? 0),
});

export async function planDetail(ctx: Ctx, actor: Actor, id: number) {
  const p = await loadPlan(ctx.db, actor, id);
  const problems = await ctx.db
    .selectFrom('std_plan_problem')
    .selectAll()
    .where('plan_id', '=', id)
    .orderBy('id')
    .execute();
  const progress = await ctx.db
    .selectFrom('std_plan_progress')
    .selectAll()
    .where('plan_id', '=', id)
    .orderBy('month')
    .execute();
  return {
    ...planDto({ ...p, items: problems.length, accepted: problems.filter((x) => x.accepted_at).length }),
    problems: problems.map((x) => ({
      id: x.id,
      rectificationItemId: x.rect_item_id,
      problem: x.problem,
      acceptedAt: x.accepted_at,
      acceptNote: x.accept_note,
    })),
    progress: progress.map((x) => ({ month: x.month, text: x.text, at: x.at })),
  };
}

/** Monthly progress, reported by the branch itself (one per month; a second replaces nothing). */
export async function addProgress(ctx: Ctx, actor: Actor, id: number, b: { month: string; text: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await loadPlan(trx, actor, id);
    if (p.status !== '整顿中') throw conflict('PLAN_CLOSED', '整顿已摘帽');
    const dup = await trx
      .selectFrom('std_plan_progress')
      .select('id')
      .where('plan_id', '=', id)
      .where('month', '=', b.month)
      .executeTakeFirst();
    if (dup) throw conflict('PROGRESS_EXISTS', `${b.month} 的进展已报送`);
    await trx
      .insertInto('std_plan_progress')
      .values({ plan_id: id, month: b.month, text: b.text.trim(), created_by: actor.userId, at: nowIso(ctx) })
      .execute();
    await audit(ctx, trx, actor, {
      action: 'standards.plan.progress',
      entity: 'std_plan',
      entityId: id,
      after: { month: b.month },
    });
    return { ok: true };
  });
}

/** 逐条验收 by the issuing side (never the branch itself); the last accepted problem lifts the plan. */
export async function accept(ctx: Ctx, actor: Actor, id: number, problemId: number, note: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await loadPlan(trx, actor, id);
    if (actor.scopeOrgId === p.org_id) throw forbidden('整顿支部不能验收本支部的问题');
    if (p.status !== '整顿中') throw conflict('PLAN_CLOSED', '整顿已摘帽');
    const x = await trx
      .selectFrom('std_plan_problem')
      .selectAll()
      .where('id', '=', problemId)
      .where('plan_id', '=', id)
      .executeTakeFirst();
    if (!x) throw notFound('整顿问题', 'PROBLEM_NOT_FOUND');
    if (x.accepted_at) throw conflict('ALREADY_ACCEPTED', '该问题已验收');
    const now = nowIso(ctx);
    await trx
      .updateTable('std_plan_problem')
      .set({ accepted_at: now, accept_note: note.trim(), accepted_by: actor.userId })
      .where('id', '=', problemId)
      .execute();
    const left = await trx
      .selectFrom('std_plan_problem')
      .select('id')
      .where('plan_id', '=', id)
      .where('accepted_at', 'is', null)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'standards.plan.accept',
      entity: 'std_plan',
      entityId: id,
      after: { problemId, note },
    });
    if (!left.length) {
      await trx
        .updateTable('std_plan')
        .set({ status: '已摘帽', lifted_date: localDate(ctx.clock.now()) })
        .where('id', '=', id)
        .execute();
      await audit(ctx, trx, actor, { action: 'standards.plan.lift', entity: 'std_plan', entityId: id, after: {} });
    }
    return { ok: true };
  });
}

/** 示范点 for a year, with the reason; one per branch and year. */
export async function nameModel(ctx: Ctx, actor: Actor, b: { orgId: number; year: number; reason: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await orgInScope(trx, actor, b.orgId);
    if (org.id === actor.scopeOrgId) throw forbidden('不能为本单位命名示范点');
    const dup = await trx
      .selectFrom('std_model')
      .select('id')
      .where('org_id', '=', b.orgId)
      .where('year', '=', b.year)
      .executeTakeFirst();
    if (dup) throw conflict('MODEL_EXISTS', `${org.name}已是 ${b.year} 年度示范点`);
    const r = await trx
      .insertInto('std_model')
      .values({
        org_id: org.id,
        org_path: org.path,
        year: b.year,
        reason: b.reason.trim(),
        created_by: actor.userId,
        created_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, { action: 'standards.model', entity: 'std_model', entityId: r.id, after: b });
    return { id: r.id };
  });
}

export async function listModels(ctx: Ctx, actor: Actor, q: { orgId?: number; year?: number }) {
  let s = ctx.db
    .selectFrom('std_model as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.org_id', 'o.name', 'm.year', 'm.reason'])
    .where(pathInSubtree('m.org_path', actor.scopePath));
  if (q.orgId) s = s.where('m.org_id', '=', q.orgId);
  if (q.year) s = s.where('m.year', '=', q.year);
  const rows = await s.orderBy('m.year', 'desc').orderBy('m.id').execute();
  return { items: rows.map((r) => ({ id: r.id, orgId: r.org_id, orgName: r.name, year: r.year, reason: r.reason })) };
}
