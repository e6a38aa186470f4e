/**
 * 年度综合考核: the organization department sets up a scheme for a year (weighted parts, quotas,
 * bonus rules), enters 平时 scores and adjustments — each with its reason and author — and
 * computes: every part comes from the records through the figure registry (or the 平时 scores),
 * nothing is typed in as a result. The assessed unit reads its own breakdown; the owner all.
 */
import type {
  AdjustmentInput,
  AssessmentCreate,
  AssessmentDetail,
  AssessmentSummary,
  AssessmentUnit,
} from '../../../common/contracts/assessments.ts';
import { ASSESSMENT_SOURCES } from '../../../common/enums.ts';
import { audit, nowIso, type Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { type Actor, isInPath, orgInScope, pathInSubtree } from '../../lib/scope.ts';
import { quotaOf } from './assessment.scoring.ts';

type Source = keyof typeof ASSESSMENT_SOURCES;
type Part = { source: Source; weight: number };
const r2 = (x: number) => Math.round(x * 100) / 100;

export type AssessmentRow = Awaited<ReturnType<typeof loadRaw>>;
async function loadRaw(db: Executor, id: number) {
  return db
    .selectFrom('assessment as a')
    .innerJoin('org_unit as o', 'o.id', 'a.owner_org_id')
    .selectAll('a')
    .select(['o.name as owner_name', 'o.path as owner_path'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/**
 * The assessment if the caller runs it (owner inside the caller's scope) or is assessed in it
 * (an assessed unit inside the scope); otherwise 404.
 */
export async function loadAssessment(db: Executor, actor: Actor, id: number) {
  const a = await loadRaw(db, id);
  if (!a) throw notFound('考核', 'ASSESSMENT_NOT_FOUND');
  const canManage = isInPath(a.owner_path, actor.scopePath);
  if (!canManage) {
    const mine = await db
      .selectFrom('assessment_unit')
      .select('org_id')
      .where('assessment_id', '=', id)
      .where(pathInSubtree('org_path', actor.scopePath))
      .executeTakeFirst();
    if (!mine) throw notFound('考核', 'ASSESSMENT_NOT_FOUND');
  }
  return { ...a, canManage };
}

/** Loads for a change: only the running side, and never once published. */
export async function manageable(db: Executor, actor: Actor, id: number) {
  const a = await loadAssessment(db, actor, id);
  if (!a.canManage) throw forbidden('只有组织本次考核的单位可以操作');
  if (a.status === '已发布') throw conflict('ASSESSMENT_PUBLISHED', '考核结果已发布,不能再修改');
  return a;
}

export async function create(ctx: Ctx, actor: Actor, b: AssessmentCreate) {
  const sum = r2(b.parts.reduce((s, p) => s + p.weight, 0));
  if (sum !== 100) throw badRequest('WEIGHTS_INVALID', `各项考核内容的权重合计应为 100%,现为 ${sum}%`);
  const dup = b.parts.find((p, i) => b.parts.findIndex((q) => q.source === p.source) !== i);
  if (dup) throw badRequest('WEIGHTS_INVALID', `考核内容「${ASSESSMENT_SOURCES[dup.source]}」重复`);
  const orgs: Awaited<ReturnType<typeof orgInScope>>[] = [];
  for (const id of [...new Set(b.orgIds)]) {
    const org = await orgInScope(ctx.db, actor, id);
    if (org.path === actor.scopePath) throw badRequest('ASSESSMENT_INVALID', '参加考核的是下级单位,不能考核本单位');
    orgs.push(org);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const dupName = await trx
      .selectFrom('assessment')
      .select('id')
      .where('owner_org_id', '=', actor.scopeOrgId)
      .where('year', '=', b.year)
      .where('name', '=', b.name.trim())
      .executeTakeFirst();
    if (dupName) throw conflict('ASSESSMENT_EXISTS', `${b.year}年已有「${b.name.trim()}」`);
    const at = nowIso(ctx);
    const { id } = await trx
      .insertInto('assessment')
      .values({
        owner_org_id: actor.scopeOrgId,
        year: b.year,
        name: b.name.trim(),
        parts_json: JSON.stringify(b.parts.map((p) => ({ source: p.source, weight: p.weight }))),
        excellent_percent: b.excellentPercent ?? 15,
        good_percent: b.goodPercent ?? 20,
        bonus_cap: b.bonusCap ?? 1,
        bonus_percent: b.bonusPercent ?? 10,
        objection_days: b.objectionDays ?? 5,
        status: '评分中',
        computed_at: null,
        publicity_start_date: null,
        publicity_end_date: null,
        created_by: actor.userId,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('assessment_unit')
      .values(
        orgs.map((o) => ({
          assessment_id: id,
          org_id: o.id,
          org_path: o.path,
          parts_json: null,
          base: null,
          bonus: 0,
          deduction: 0,
          total: null,
          rank: null,
          grade: null,
          vetoed: 0,
          veto_json: null,
          note: null,
        })),
      )
      .execute();
    await audit(ctx, trx, actor, {
      action: 'assessment.create',
      entity: 'assessment',
      entityId: id,
      after: { year: b.year, name: b.name, parts: b.parts, units: orgs.length },
    });
    return { id };
  });
}

const summary = (a: NonNullable<AssessmentRow>, units: number): AssessmentSummary => ({
  id: a.id,
  year: a.year,
  name: a.name,
  ownerOrgName: a.owner_name,
  status: a.status as AssessmentSummary['status'],
  units,
  computedAt: a.computed_at,
  publicityStartDate: a.publicity_start_date,
  publicityEndDate: a.publicity_end_date,
});

/** Assessments the caller runs or is assessed in; `units` counts the units the caller can see. */
export async function list(ctx: Ctx, actor: Actor, year?: number) {
  let q = ctx.db
    .selectFrom('assessment_unit as u')
    .innerJoin('assessment as a', 'a.id', 'u.assessment_id')
    .innerJoin('org_unit as o', 'o.id', 'a.owner_org_id')
    .selectAll('a')
    .select(['o.name as owner_name', 'o.path as owner_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) =>
      eb.or([pathInSubtree('o.path', actor.scopePath)(eb), pathInSubtree('u.org_path', actor.scopePath)(eb)]),
    )
    .groupBy(['a.id', 'o.name', 'o.path'])
    .orderBy('a.year', 'desc')
    .orderBy('a.id', 'desc');
  if (year) q = q.where('a.year', '=', year);
  const rows = await q.execute();
  const items = rows.map((r) => summary(r, Number(r.n)));
  return { items, total: items.length };
}

export async function detail(ctx: Ctx, actor: Actor, id: number): Promise<AssessmentDetail> {
  const a = await loadAssessment(ctx.db, actor, id);
  let uq = ctx.db
    .selectFrom('assessment_unit as u')
    .innerJoin('org_unit as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .select(['o.name', 'o.sort_order'])
    .where('u.assessment_id', '=', id);
  if (!a.canManage) uq = uq.where(pathInSubtree('u.org_path', actor.scopePath));
  const rows = await uq.execute();
  rows.sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9) || x.sort_order - y.sort_order || x.org_id - y.org_id);
  const visible = new Set(rows.map((r) => r.org_id));
  const adj = await ctx.db
    .selectFrom('assessment_adjustment')
    .selectAll()
    .where('assessment_id', '=', id)
    .orderBy('id')
    .execute();
  const scores = await ctx.db
    .selectFrom('assessment_score')
    .selectAll()
    .where('assessment_id', '=', id)
    .orderBy('org_id')
    .orderBy('month')
    .execute();
  const parts = JSON.parse(a.parts_json) as Part[];
  return {
    ...summary(a, rows.length),
    parts: parts.map((p) => ({ ...p, label: ASSESSMENT_SOURCES[p.source] })),
    excellentPercent: a.excellent_percent,
    goodPercent: a.good_percent,
    bonusCap: a.bonus_cap,
    bonusPercent: a.bonus_percent,
    objectionDays: a.objection_days,
    canManage: a.canManage,
    units: rows.map(
      (r): AssessmentUnit => ({
        orgId: r.org_id,
        orgName: r.name,
        parts: r.parts_json
          ? JSON.parse(r.parts_json)
          : parts.map((p) => ({
              ...p,
              label: ASSESSMENT_SOURCES[p.source],
              value: null,
              points: null,
              detail: '尚未计算',
              link: null,
            })),
        base: r.base == null ? null : Number(r.base),
        bonus: Number(r.bonus),
        deduction: Number(r.deduction),
        total: r.total == null ? null : Number(r.total),
        rank: r.rank,
        grade: r.grade as AssessmentUnit['grade'],
        vetoed: !!r.vetoed,
        vetoReasons: r.veto_json ? JSON.parse(r.veto_json) : [],
        note: r.note,
      }),
    ),
    adjustments: adj
      .filter((x) => visible.has(x.org_id))
      .map((x) => ({
        id: x.id,
        orgId: x.org_id,
        kind: x.kind as AssessmentDetail['adjustments'][number]['kind'],
        points: x.points == null ? null : Number(x.points),
        reason: x.reason,
        byName: x.by_name,
        at: x.at,
      })),
    scores: scores
      .filter((x) => visible.has(x.org_id))
      .map((x) => ({
        orgId: x.org_id,
        month: x.month,
        score: Number(x.score),
        reason: x.reason,
        byName: x.by_name,
        at: x.at,
      })),
  };
}

async function assessedUnit(db: Executor, id: number, orgId: number) {
  const u = await db
    .selectFrom('assessment_unit')
    .selectAll()
    .where('assessment_id', '=', id)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (!u) throw notFound('参加考核的单位', 'ASSESSED_UNIT_NOT_FOUND');
  return u;
}

/** A 平时 (monthly) score with its reason; re-entering a month replaces it (audited before/after). */
export async function setScore(
  ctx: Ctx,
  actor: Actor,
  id: number,
  b: { orgId: number; month: number; score: number; reason: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await manageable(trx, actor, id);
    if (!a.parts_json.includes('"monthly"')) throw badRequest('NO_MONTHLY_PART', '本次考核不含平时考核');
    await assessedUnit(trx, id, b.orgId);
    const before = await trx
      .selectFrom('assessment_score')
      .selectAll()
      .where('assessment_id', '=', id)
      .where('org_id', '=', b.orgId)
      .where('month', '=', b.month)
      .executeTakeFirst();
    const row = {
      score: b.score,
      reason: b.reason.trim(),
      by_id: actor.userId,
      by_name: actor.displayName,
      at: nowIso(ctx),
    };
    if (before) await trx.updateTable('assessment_score').set(row).where('id', '=', before.id).execute();
    else
      await trx
        .insertInto('assessment_score')
        .values({ assessment_id: id, org_id: b.orgId, month: b.month, ...row })
        .execute();
    await audit(ctx, trx, actor, {
      action: 'assessment.score',
      entity: 'assessment',
      entityId: id,
      before: before ? { score: before.score, reason: before.reason } : undefined,
      after: b,
    });
    return { ok: true };
  });
}

/** 加分/扣分/一票否决 with a reason; bonuses are limited per unit and in how many units get one. */
export async function addAdjustment(ctx: Ctx, actor: Actor, id: number, b: AdjustmentInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await manageable(trx, actor, id);
    await assessedUnit(trx, id, b.orgId);
    if (b.kind !== '一票否决' && b.points == null) throw badRequest('ADJUSTMENT_INVALID', `${b.kind}须填写分值`);
    if (b.kind === '一票否决' && b.points != null) throw badRequest('ADJUSTMENT_INVALID', '一票否决不计分值');
    if (b.kind === '加分') {
      const rows = await trx
        .selectFrom('assessment_adjustment')
        .select(['org_id', 'points'])
        .where('assessment_id', '=', id)
        .where('kind', '=', '加分')
        .execute();
      const given = rows.filter((r) => r.org_id === b.orgId).reduce((s, r) => s + Number(r.points), 0);
      if (r2(given + b.points!) > a.bonus_cap)
        throw conflict('BONUS_CAP', `每个单位加分合计不超过 ${a.bonus_cap} 分,该单位已加 ${r2(given)} 分`);
      const units = await trx.selectFrom('assessment_unit').select('org_id').where('assessment_id', '=', id).execute();
      const withBonus = new Set(rows.map((r) => r.org_id));
      const max = quotaOf(units.length, a.bonus_percent);
      if (!withBonus.has(b.orgId) && withBonus.size + 1 > max)
        throw conflict(
          'QUOTA_EXCEEDED',
          `获得加分的单位不超过参加考核单位的 ${a.bonus_percent}%(${units.length} 个单位中最多 ${max} 个),已有 ${withBonus.size} 个`,
        );
    }
    const { id: adjId } = await trx
      .insertInto('assessment_adjustment')
      .values({
        assessment_id: id,
        org_id: b.orgId,
        kind: b.kind,
        points: b.points ?? null,
        reason: b.reason.trim(),
        by_id: actor.userId,
        by_name: actor.displayName,
        at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, { action: 'assessment.adjust', entity: 'assessment', entityId: id, after: b });
    return { id: adjId };
  });
}
