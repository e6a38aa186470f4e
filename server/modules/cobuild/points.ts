/**
 * The point engine: versioned rules, caps per action and period, vetoes, and the per-year totals
 * that rankings read. Every credit goes through `credit()` inside the caller's transaction:
 *
 * - the rule version in force on the entry's (service) date decides the points and the caps;
 * - what exceeds a cap is written as its own row with `capped = 1` — recorded, never counted,
 *   never silently dropped;
 * - entries inside a vetoed period are written with `vetoed = 1` (a veto zeroes the period);
 * - `cobuild_point_total` is refreshed for the subject and year (one aggregate over that
 *   subject's rows), so rankings are an index scan, not a GROUP BY over the county's ledger.
 */
import { sql } from 'kysely';
import type { PointRules } from '../../../common/contracts/cobuild-service.ts';
import { COBUILD_ACTIONS, COBUILD_CAP_PERIODS, type CobuildAction } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest } from '../../lib/errors.ts';

export const DEFAULT_RULES: PointRules = {
  actions: { report: 5, serviceHour: 1, leadProject: 5, needFulfilled: 2 },
  caps: [
    { action: 'report', period: 'year', max: 10 },
    { action: 'service', period: 'year', max: 50 },
    { action: 'leadProject', period: 'year', max: 20 },
    { action: 'needFulfilled', period: 'year', max: 12 },
  ],
  vetoEnabled: true,
  yearlyReset: true,
};

type CapAction = PointRules['caps'][number]['action'];
const PERIOD_RANK = { month: 1, quarter: 2, year: 3 } as const;

/** Refuses contradictory rules (a table that cannot be applied as written). */
export function validateRules(r: PointRules) {
  const seen = new Map<string, number>();
  for (const c of r.caps) {
    const k = `${c.action}:${c.period}`;
    if (seen.has(k))
      throw badRequest(
        'RULES_INVALID',
        `封顶规则重复:${COBUILD_ACTIONS[c.action]}${COBUILD_CAP_PERIODS[c.period]}出现了两次`,
      );
    seen.set(k, c.max);
  }
  for (const c of r.caps)
    for (const d of r.caps)
      if (c.action === d.action && PERIOD_RANK[c.period] < PERIOD_RANK[d.period] && c.max > d.max)
        throw badRequest(
          'RULES_INVALID',
          `${COBUILD_ACTIONS[c.action]}${COBUILD_CAP_PERIODS[c.period]}封顶(${c.max} 分)大于${COBUILD_CAP_PERIODS[d.period]}封顶(${d.max} 分)`,
        );
}

/** The rule version in force on `date` (version 0 = the built-in defaults, before any version). */
export async function ruleFor(db: Executor, date: string): Promise<{ version: number; rules: PointRules }> {
  const r = await db
    .selectFrom('cobuild_rule')
    .select(['version', 'rules_json'])
    .where('effective_date', '<=', date)
    .orderBy('effective_date', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { version: r.version, rules: JSON.parse(r.rules_json) } : { version: 0, rules: DEFAULT_RULES };
}

/** [from, to] (inclusive local dates) and a Chinese label of the period holding `date`. */
export function periodOf(date: string, period: 'month' | 'quarter' | 'year'): [string, string, string] {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const last = (mm: number) => new Date(Date.UTC(y, mm, 0)).getUTCDate();
  const d2 = (n: number) => String(n).padStart(2, '0');
  if (period === 'year') return [`${y}-01-01`, `${y}-12-31`, `${y}年`];
  if (period === 'month') return [`${y}-${d2(m)}-01`, `${y}-${d2(m)}-${last(m)}`, `${y}年${m}月`];
  const q = Math.ceil(m / 3);
  return [`${y}-${d2(q * 3 - 2)}-01`, `${y}-${d2(q * 3)}-${last(q * 3)}`, `${y}年第${q}季度`];
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
export type Subject = { kind: 'member' | 'unit'; id: number };

export interface CreditInput {
  subject: Subject;
  action: CobuildAction;
  /** Local date the points belong to (the service date), which picks the rule version and period. */
  entryDate: string;
  /** Points before caps; for 'adjust' the signed adjustment. Null: use the rule's points for the action. */
  points: number | null;
  /** For 'service': the verified hours (points = hours × the rule's per-hour points). */
  hours?: number;
  reason: string;
  source: { kind: string; id: number | null };
  actorId: number | null;
}

/** Serializes credits of one subject across PostgreSQL connections (caps read-then-write). */
async function lockSubject(ctx: Ctx, trx: Executor, s: Subject) {
  if (ctx.dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(${s.kind === 'member' ? 72013 : 72014}, ${s.id})`.execute(trx);
}

export async function vetoCovering(db: Executor, s: Subject, date: string) {
  return db
    .selectFrom('cobuild_veto')
    .select(['id', 'period'])
    .where('subject_kind', '=', s.kind)
    .where('subject_id', '=', s.id)
    .where('status', '=', 'active')
    .where('from_date', '<=', date)
    .where('to_date', '>=', date)
    .executeTakeFirst();
}

/** Credits points (see the module comment); returns the counted and the capped parts. */
export async function credit(ctx: Ctx, trx: Executor, c: CreditInput): Promise<{ points: number; capped: number }> {
  await lockSubject(ctx, trx, c.subject);
  const { version, rules } = await ruleFor(trx, c.entryDate);
  let requested = c.points;
  if (requested == null) {
    if (c.action === 'service') requested = (c.hours ?? 0) * rules.actions.serviceHour;
    else if (c.action !== 'adjust') requested = rules.actions[c.action];
    else requested = 0;
  }
  requested = round1(requested);
  let allowed = Number.POSITIVE_INFINITY;
  let binding: { period: 'month' | 'quarter' | 'year'; max: number } | null = null;
  if (c.action !== 'adjust' && requested > 0) {
    for (const cap of rules.caps.filter((x) => x.action === (c.action as CapAction))) {
      const [from, to] = periodOf(c.entryDate, cap.period);
      const used = await trx
        .selectFrom('cobuild_point')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.val(0)).as('s'))
        .where('subject_kind', '=', c.subject.kind)
        .where('subject_id', '=', c.subject.id)
        .where('year', '=', Number(c.entryDate.slice(0, 4)))
        .where('action', '=', c.action)
        .where('capped', '=', 0)
        .where('entry_date', '>=', from)
        .where('entry_date', '<=', to)
        .executeTakeFirstOrThrow();
      const remain = cap.max - Number(used.s);
      if (remain < allowed) {
        allowed = remain;
        binding = cap;
      }
    }
  }
  const counted = c.action === 'adjust' ? requested : round1(Math.max(0, Math.min(requested, allowed)));
  const excess = round1(requested - counted);
  const veto = await vetoCovering(trx, c.subject, c.entryDate);
  const at = ctx.clock.now().toISOString();
  const year = Number(c.entryDate.slice(0, 4));
  const row = {
    subject_kind: c.subject.kind,
    subject_id: c.subject.id,
    year,
    entry_date: c.entryDate,
    at,
    action: c.action,
    vetoed: veto ? 1 : 0,
    rule_version: c.action === 'adjust' ? null : version,
    source_kind: c.source.kind,
    source_id: c.source.id,
    created_by: c.actorId,
  };
  const vetoNote = veto ? `(${veto.period}已被一票否决,不计入)` : '';
  // The capped excess is written first, so that newest-first ledgers show the counted part above it.
  const rows = [];
  if (excess > 0 && binding) {
    const [, , label] = periodOf(c.entryDate, binding.period);
    rows.push({
      ...row,
      points: excess,
      capped: 1,
      reason: `${c.reason}:超出封顶(${COBUILD_ACTIONS[c.action]}${label}不超过 ${binding.max} 分),超出的 ${excess} 分记录在案、不计入`,
    });
  }
  if (counted !== 0 || excess === 0) rows.push({ ...row, points: counted, capped: 0, reason: c.reason + vetoNote });
  if (rows.length) await trx.insertInto('cobuild_point').values(rows).execute();
  await bumpTotal(trx, c.subject, year, veto ? 0 : counted, c.action === 'service' ? (c.hours ?? 0) : 0);
  return { points: veto ? 0 : counted, capped: excess };
}

/**
 * Adds one credit to the subject's total (one upsert). Equal to what refreshTotal() recomputes:
 * every counted point goes through credit(), and every verified hour is credited once.
 */
async function bumpTotal(trx: Executor, s: Subject, year: number, points: number, hours: number) {
  await trx
    .insertInto('cobuild_point_total')
    .values({ subject_kind: s.kind, subject_id: s.id, year, points: round1(points), hours: round1(hours) })
    .onConflict((oc) =>
      oc.columns(['subject_kind', 'subject_id', 'year']).doUpdateSet({
        // round(x * 10) / 10: one decimal on both dialects (PostgreSQL has no round(double, int)).
        points: sql`round((cobuild_point_total.points + ${points}) * 10) / 10`,
        hours: sql`round((cobuild_point_total.hours + ${hours}) * 10) / 10`,
      }),
    )
    .execute();
}

/** Recomputes one subject's total for one year from its ledger (and verified hours, members): after a veto or its lifting. */
export async function refreshTotal(trx: Executor, s: Subject, year: number) {
  const p = await trx
    .selectFrom('cobuild_point')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.val(0)).as('s'))
    .where('subject_kind', '=', s.kind)
    .where('subject_id', '=', s.id)
    .where('year', '=', year)
    .where('capped', '=', 0)
    .where('vetoed', '=', 0)
    .executeTakeFirstOrThrow();
  let hours = 0;
  if (s.kind === 'member') {
    const h = await trx
      .selectFrom('cobuild_signup as g')
      .innerJoin('cobuild_activity as a', 'a.id', 'g.activity_id')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('g.verified_hours'), eb.val(0)).as('h'))
      .where('g.member_id', '=', s.id)
      .where('g.verification', '=', 'verified')
      .where('a.activity_date', '>=', `${year}-01-01`)
      .where('a.activity_date', '<=', `${year}-12-31`)
      .executeTakeFirstOrThrow();
    hours = Number(h.h);
  }
  const v = { points: round1(Number(p.s)), hours: round1(hours) };
  await trx
    .insertInto('cobuild_point_total')
    .values({ subject_kind: s.kind, subject_id: s.id, year, ...v })
    .onConflict((oc) => oc.columns(['subject_kind', 'subject_id', 'year']).doUpdateSet(v))
    .execute();
}
