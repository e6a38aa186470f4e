/**
 * Point ledgers per member and per unit, manual adjustments (only with a reason, audited), vetoes
 * (一票否决, zeroing a year or a quarter) and the versioned rules.
 */
import type { AdjustBody, NewRuleVersion, NewVeto, PointsQuery } from '../../../common/contracts/cobuild-service.ts';
import { type CobuildAction, ROLE_PERMISSIONS } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { isInPath, type Actor } from '../../lib/scope.ts';
import { orgName, today } from './access.ts';
import { toMember } from './notices.ts';
import { credit, periodOf, refreshTotal, round1, ruleFor, type Subject, validateRules } from './points.ts';

const SOURCE_LABEL: Record<string, string> = {
  registration: '报到',
  signup: '活动核验',
  claim: '需求认领',
  project: '项目',
  adjustment: '人工调整',
};

/**
 * Resolves the ledger's subject and checks the caller may read it: a member reads their own; a
 * reader (cobuild.read) reads members and units of their subtree. Anything else is 404.
 */
export async function subjectFor(
  db: Executor,
  actor: Actor,
  q: { memberId?: number; unitId?: number },
  write = false,
): Promise<Subject & { name: string }> {
  if (q.memberId && q.unitId) throw badRequest('ONE_SUBJECT', '党员与单位只能指定一个');
  const reader = ROLE_PERMISSIONS[actor.role].includes('cobuild.read');
  if (q.unitId) {
    const o = await db.selectFrom('org_unit').selectAll().where('id', '=', q.unitId).executeTakeFirst();
    if (!o || !reader || !isInPath(o.path, actor.scopePath)) throw notFound('单位', 'UNIT_NOT_FOUND');
    return { kind: 'unit', id: o.id, name: orgName(o) };
  }
  const memberId = q.memberId ?? actor.memberId;
  if (!memberId) throw badRequest('SUBJECT_REQUIRED', '请指定党员或单位');
  const m = await db
    .selectFrom('member')
    .select(['id', 'name', 'org_path'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  const own = memberId === actor.memberId && !write;
  if (!m || !(own || (reader && actor.role !== 'member' && isInPath(m.org_path, actor.scopePath))))
    throw notFound('党员', 'MEMBER_NOT_FOUND');
  return { kind: 'member', id: m.id, name: m.name };
}

export async function ledger(ctx: Ctx, actor: Actor, q: PointsQuery) {
  const s = await subjectFor(ctx.db, actor, q);
  const year = q.year ?? Number(today(ctx).slice(0, 4));
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const base = ctx.db
    .selectFrom('cobuild_point')
    .where('subject_kind', '=', s.kind)
    .where('subject_id', '=', s.id)
    .where('year', '=', year);
  const agg = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .coalesce(eb.fn.sum<number>(eb.case().when('capped', '=', 1).then(eb.ref('points')).else(0).end()), eb.val(0))
        .as('capped'),
    ])
    .executeTakeFirstOrThrow();
  const { rules } = await ruleFor(ctx.db, `${year}-12-31`);
  const sumRow = await ctx.db
    .selectFrom('cobuild_point_total')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.val(0)).as('s'))
    .where('subject_kind', '=', s.kind)
    .where('subject_id', '=', s.id)
    .where('year', rules.yearlyReset ? '=' : '<=', year)
    .executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('entry_date', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      entryDate: r.entry_date,
      points: round1(Number(r.points)),
      reason: r.reason,
      capped: r.capped === 1,
      vetoed: r.vetoed === 1,
      action: r.action as CobuildAction,
      source: `${SOURCE_LABEL[r.source_kind] ?? r.source_kind}${r.source_id ? ` #${r.source_id}` : ''}`,
      ruleVersion: r.rule_version,
    })),
    total: Number(agg.n),
    sum: round1(Number(sumRow.s)),
    cappedSum: round1(Number(agg.capped)),
    year,
    yearlyReset: rules.yearlyReset,
    subject: { kind: s.kind, id: s.id, name: s.name },
  };
}

/** A manual adjustment: a reason is required, it is audited, and it is never capped. */
export async function adjust(ctx: Ctx, actor: Actor, b: AdjustBody) {
  if (!b.memberId && !b.unitId) throw badRequest('SUBJECT_REQUIRED', '请指定要调整积分的党员或单位');
  if (b.points === 0) throw badRequest('POINTS_ZERO', '调整分值不能为 0');
  const reason = b.reason.trim();
  if (reason.length < 4) throw badRequest('REASON_REQUIRED', '人工调整积分必须写明理由(至少 4 个字)');
  const date = b.entryDate ?? today(ctx);
  if (date > today(ctx)) throw badRequest('DATE_FUTURE', '计入日期不能晚于今天');
  return ctx.db.transaction().execute(async (trx) => {
    const s = await subjectFor(trx, actor, b, true);
    const r = await credit(ctx, trx, {
      subject: s,
      action: 'adjust',
      entryDate: date,
      points: b.points,
      reason: `人工调整:${reason}`,
      source: { kind: 'adjustment', id: null },
      actorId: actor.userId,
    });
    const row = await trx
      .selectFrom('cobuild_point')
      .select('id')
      .where('subject_kind', '=', s.kind)
      .where('subject_id', '=', s.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'cobuild.points.adjust',
      entity: 'cobuild_point',
      entityId: row.id,
      after: { subject: s, points: b.points, reason, entryDate: date, counted: r.points },
    });
    if (s.kind === 'member')
      await toMember(
        trx,
        ctx,
        s.id,
        `您的共驻共建积分被人工调整 ${b.points > 0 ? '+' : ''}${b.points} 分:${reason}`,
        '/my/cobuild?tab=points',
        `cobuild_adjust:${row.id}`,
      );
    return { id: row.id };
  });
}

async function reflagVetoes(trx: Executor, s: Subject, from: string, to: string) {
  const vetoes = await trx
    .selectFrom('cobuild_veto')
    .select(['from_date', 'to_date'])
    .where('subject_kind', '=', s.kind)
    .where('subject_id', '=', s.id)
    .where('status', '=', 'active')
    .execute();
  const base = trx
    .updateTable('cobuild_point')
    .where('subject_kind', '=', s.kind)
    .where('subject_id', '=', s.id)
    .where('entry_date', '>=', from)
    .where('entry_date', '<=', to);
  await base.set({ vetoed: 0 }).execute();
  for (const v of vetoes)
    await base.set({ vetoed: 1 }).where('entry_date', '>=', v.from_date).where('entry_date', '<=', v.to_date).execute();
}

export async function veto(ctx: Ctx, actor: Actor, b: NewVeto) {
  if (!b.memberId && !b.unitId) throw badRequest('SUBJECT_REQUIRED', '请指定被否决的党员或单位');
  const { rules } = await ruleFor(ctx.db, today(ctx));
  if (!rules.vetoEnabled) throw badRequest('VETO_DISABLED', '现行积分规则未启用一票否决');
  const [from, to, period] = b.quarter
    ? periodOf(`${b.year}-${String(b.quarter * 3).padStart(2, '0')}-01`, 'quarter')
    : periodOf(`${b.year}-01-01`, 'year');
  return ctx.db.transaction().execute(async (trx) => {
    const s = await subjectFor(trx, actor, b, true);
    const overlap = await trx
      .selectFrom('cobuild_veto')
      .select('period')
      .where('subject_kind', '=', s.kind)
      .where('subject_id', '=', s.id)
      .where('status', '=', 'active')
      .where('from_date', '<=', to)
      .where('to_date', '>=', from)
      .executeTakeFirst();
    if (overlap) throw conflict('VETO_EXISTS', `${s.name}${overlap.period}已被一票否决`);
    const r = await trx
      .insertInto('cobuild_veto')
      .values({
        subject_kind: s.kind,
        subject_id: s.id,
        from_date: from,
        to_date: to,
        period,
        reason: b.reason.trim(),
        status: 'active',
        lift_reason: null,
        created_by: actor.userId,
        created_at: nowIso(ctx),
        lifted_by: null,
        lifted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await reflagVetoes(trx, s, from, to);
    await refreshTotal(trx, s, b.year);
    await audit(ctx, trx, actor, {
      action: 'cobuild.points.veto',
      entity: 'cobuild_veto',
      entityId: r.id,
      after: { subject: s, period, reason: b.reason },
    });
    return { id: r.id };
  });
}

export async function liftVeto(ctx: Ctx, actor: Actor, id: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const v = await trx.selectFrom('cobuild_veto').selectAll().where('id', '=', id).executeTakeFirst();
    if (!v) throw notFound('否决记录', 'VETO_NOT_FOUND');
    const s = await subjectFor(
      trx,
      actor,
      v.subject_kind === 'unit' ? { unitId: v.subject_id } : { memberId: v.subject_id },
      true,
    ).catch(() => {
      throw notFound('否决记录', 'VETO_NOT_FOUND');
    });
    if (v.status !== 'active') throw conflict('VETO_LIFTED', '该否决已撤销');
    await trx
      .updateTable('cobuild_veto')
      .set({ status: 'lifted', lift_reason: reason.trim(), lifted_by: actor.userId, lifted_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await reflagVetoes(trx, s, v.from_date, v.to_date);
    await refreshTotal(trx, s, Number(v.from_date.slice(0, 4)));
    await audit(ctx, trx, actor, {
      action: 'cobuild.points.veto_lift',
      entity: 'cobuild_veto',
      entityId: id,
      after: { reason },
    });
    return { ok: true };
  });
}

export async function listVetoes(ctx: Ctx, actor: Actor, q: { year?: number }) {
  let query = ctx.db
    .selectFrom('cobuild_veto as v')
    .leftJoin('member as m', (j) => j.onRef('m.id', '=', 'v.subject_id').on('v.subject_kind', '=', 'member'))
    .leftJoin('org_unit as o', (j) => j.onRef('o.id', '=', 'v.subject_id').on('v.subject_kind', '=', 'unit'))
    .select(['v.id', 'v.subject_kind', 'v.subject_id', 'v.period', 'v.from_date', 'v.to_date', 'v.reason', 'v.status'])
    .select([
      'v.lift_reason',
      'v.created_at',
      'm.name as member_name',
      'm.org_path',
      'o.name as unit_name',
      'o.short_name',
      'o.path',
    ]);
  if (q.year) query = query.where('v.from_date', '>=', `${q.year}-01-01`).where('v.from_date', '<=', `${q.year}-12-31`);
  const rows = await query.orderBy('v.id', 'desc').execute();
  return {
    items: rows
      .filter((r) => isInPath((r.subject_kind === 'member' ? r.org_path : r.path) ?? '', actor.scopePath))
      .map((r) => ({
        id: r.id,
        subject: {
          kind: r.subject_kind as 'member' | 'unit',
          id: r.subject_id,
          name: (r.subject_kind === 'member' ? r.member_name : (r.short_name ?? r.unit_name)) ?? '',
        },
        period: r.period,
        fromDate: r.from_date,
        toDate: r.to_date,
        reason: r.reason,
        status: r.status as 'active' | 'lifted',
        liftReason: r.lift_reason,
        createdAt: r.created_at,
      })),
  };
}

export async function listRules(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('cobuild_rule as r')
    .leftJoin('app_user as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.version', 'r.effective_date', 'r.rules_json', 'r.note', 'r.created_at', 'u.display_name'])
    .orderBy('r.version', 'desc')
    .execute();
  const current = await ruleFor(ctx.db, today(ctx));
  return {
    items: rows.map((r) => ({
      id: r.id,
      version: r.version,
      effectiveDate: r.effective_date,
      rules: JSON.parse(r.rules_json),
      note: r.note,
      createdAt: r.created_at,
      createdBy: r.display_name,
      current: r.version === current.version,
    })),
  };
}

/**
 * A new rule version, in force from its date (not before today: entries already credited keep
 * the version they were credited under).
 */
export async function addRule(ctx: Ctx, actor: Actor, b: NewRuleVersion) {
  validateRules(b.rules);
  if (b.effectiveDate < today(ctx))
    throw badRequest('RULE_RETROACTIVE', '新版积分规则只能自今天或以后生效,已记入的积分按原版本');
  return ctx.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('cobuild_rule')
      .select(['version', 'effective_date'])
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (last && b.effectiveDate < last.effective_date)
      throw badRequest('RULE_ORDER', `生效日期不能早于上一版(第 ${last.version} 版,${last.effective_date} 起)`);
    const version = (last?.version ?? 0) + 1;
    const r = await trx
      .insertInto('cobuild_rule')
      .values({
        version,
        effective_date: b.effectiveDate,
        rules_json: JSON.stringify(b.rules),
        note: b.note?.trim() || null,
        created_by: actor.userId,
        created_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'cobuild.rules.version',
      entity: 'cobuild_rule',
      entityId: r.id,
      after: { version, ...b },
    });
    return { id: r.id };
  });
}
