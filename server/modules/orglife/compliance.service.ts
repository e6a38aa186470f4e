/**
 * Compliance, materialized: `orglife_compliance` holds every requirement of every branch per
 * period, computed from the meeting records by compliance.ts. It is rewritten for one branch after
 * any change to that branch's meetings or attendance, and for the whole county once per local day
 * (and after a rule change), so dashboards read a small indexed table instead of re-deriving
 * quorum from ~500,000 check-ins per request.
 */
import type { ComplianceItem as ComplianceView, ComplianceQuery } from '../../../common/contracts/orglife-work.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { pathUpper, type Actor } from '../../lib/scope.ts';
import { putSetting } from '../tasks/lights.ts';
import { dialectOf } from '../../db/dialect.ts';
import { listRoot } from './access.ts';
import { bulkInsert } from './bulk.ts';
import { evaluate, type BranchInput, type ComplianceItem, type MeetingInput, type RuleSet } from './compliance.ts';
import { periodLabel } from './periods.ts';
import { loadRuleSets } from './rules.service.ts';

const freshKey = (year: number) => `orglife.fresh.${year}`;

/** Branches (党支部/党总支) of a subtree with their 党小组, set-up dates and 正式党员 counts. */
export async function loadBranches(db: Executor, path: string, onlyId?: number): Promise<BranchInput[]> {
  const orgs = await db
    .selectFrom('org_unit')
    .select(['id', 'type', 'path', 'parent_id', 'created_at'])
    .where('path', '>=', path)
    .where('path', '<', pathUpper(path))
    .where('status', '=', '正常')
    .where('type', 'in', ['党支部', '党总支', '党小组'])
    .execute();
  const counts = new Map<number, number>();
  const rows = await db
    .selectFrom('member')
    .select(['org_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpper(path))
    .where('status', '=', '正常')
    .where('member_type', '=', '正式')
    .groupBy('org_id')
    .execute();
  for (const r of rows) counts.set(r.org_id, Number(r.n));
  const byPath = orgs.map((o) => ({ path: o.path, id: o.id }));
  const out: BranchInput[] = [];
  for (const o of orgs) {
    if (o.type === '党小组' || (onlyId && o.id !== onlyId)) continue;
    // A 党总支's size is its whole subtree's; a 党支部's its own members.
    let full = counts.get(o.id) ?? 0;
    if (o.type === '党总支')
      for (const x of byPath) if (x.id !== o.id && x.path.startsWith(o.path)) full += counts.get(x.id) ?? 0;
    out.push({
      id: o.id,
      type: o.type,
      since: localDate(new Date(o.created_at)),
      fullMembers: full,
      groups: orgs
        .filter((g) => g.type === '党小组' && g.parent_id === o.id)
        .map((g) => ({ id: g.id, since: localDate(new Date(g.created_at)) })),
    });
  }
  return out;
}

/** Held meetings of a subtree in a year up to `today`, with their types and cached counts. */
export async function loadMeetings(
  db: Executor,
  path: string,
  year: number,
  today: string,
  orgIds?: number[],
): Promise<MeetingInput[]> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31` < today ? `${year}-12-31` : today;
  if (to < from) return [];
  const base = () =>
    db
      .selectFrom('meeting as m')
      .innerJoin('org_unit as o', 'o.id', 'm.org_id')
      .where('o.path', '>=', path)
      .where('o.path', '<', pathUpper(path))
      .where('m.status', '=', '已召开')
      .where('m.held_date', '>=', from)
      .where('m.held_date', '<=', to)
      .$if(!!orgIds, (q) => q.where('m.org_id', 'in', orgIds!));
  const ms = await base()
    .select(['m.id', 'm.org_id', 'm.held_date', 'm.expected', 'm.expected_voting', 'm.present', 'm.present_voting'])
    .execute();
  const types = await base()
    .innerJoin('meeting_type as t', 't.meeting_id', 'm.id')
    .select(['t.meeting_id', 't.type'])
    .execute();
  const byId = new Map<number, string[]>();
  for (const t of types) {
    const l = byId.get(t.meeting_id);
    if (l) l.push(t.type);
    else byId.set(t.meeting_id, [t.type]);
  }
  return ms.map((m) => ({
    id: m.id,
    orgId: m.org_id,
    heldDate: m.held_date,
    types: byId.get(m.id) ?? [],
    expected: m.expected,
    expectedVoting: m.expected_voting,
    present: m.present,
    presentVoting: m.present_voting,
  }));
}

const COLS = [
  'org_id',
  'type',
  'period',
  'year',
  'period_start',
  'period_end',
  'required',
  'held',
  'below_quorum',
  'status',
  'rule_set_id',
];

/**
 * The county's ~30,000 items in multi-row statements of ~2,700 rows (see bulk.ts). An upsert, not a
 * plain insert: on PostgreSQL a branch recompute (a check-in crossing quorum) can overlap the daily
 * county recompute or another meeting's recompute; both delete first, but a delete does not see
 * rows the other committed meanwhile, and a plain insert would then fail on the key.
 */
const insertItems = (db: Executor, items: ComplianceItem[]) =>
  bulkInsert(
    db,
    dialectOf(db),
    'orglife_compliance',
    COLS,
    items.map((it) => [
      it.orgId,
      it.type,
      it.period,
      it.year,
      it.periodStart,
      it.periodEnd,
      it.required,
      it.held,
      it.belowQuorum,
      it.status,
      it.ruleSetId,
    ]),
    ` on conflict (org_id, type, period) do update set ${COLS.slice(3)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`,
  );

/** Recomputes one year for the whole county (every root of the org forest). */
export async function recomputeYear(db: Executor, year: number, today: string, sets?: RuleSet[]) {
  const rules = sets ?? (await loadRuleSets(db));
  const branches = await loadBranches(db, '/');
  const meetings = await loadMeetings(db, '/', year, today);
  const items = evaluate(year, today, rules, branches, meetings);
  await db.deleteFrom('orglife_compliance').where('year', '=', year).execute();
  await insertItems(db, items);
  return items.length;
}

/** Recomputes one branch (and its 党小组' meetings) for one year, inside the caller's transaction. */
export async function recomputeBranch(db: Executor, branchId: number, year: number, today: string) {
  const org = await db
    .selectFrom('org_unit')
    .select(['id', 'path', 'type'])
    .where('id', '=', branchId)
    .executeTakeFirst();
  if (!org) return;
  const branches = await loadBranches(db, org.path, branchId);
  const ids = [org.id, ...branches.flatMap((b) => b.groups.map((g) => g.id))];
  const meetings = await loadMeetings(db, org.path, year, today, ids);
  const items = evaluate(year, today, await loadRuleSets(db), branches, meetings);
  await db.deleteFrom('orglife_compliance').where('org_id', '=', branchId).where('year', '=', year).execute();
  await insertItems(db, items);
}

/**
 * Makes the year's table reflect today: the current and previous year are recomputed once per
 * local day (periods fall due as days pass), older years once (their periods are all over).
 */
export async function ensureFresh(ctx: Ctx, year: number) {
  const today = localDate(ctx.clock.now());
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear) return;
  const row = await ctx.db.selectFrom('setting').select('value').where('key', '=', freshKey(year)).executeTakeFirst();
  const stamp = row ? (JSON.parse(row.value) as string) : null;
  if (stamp && (stamp === today || year < thisYear - 1)) return;
  await refreshYear(ctx, year);
}

/** Full recompute of one year (daily job, rule changes, the recompute route); returns the item count. */
export async function refreshYear(ctx: Ctx, year: number) {
  const today = localDate(ctx.clock.now());
  return ctx.db.transaction().execute(async (trx) => {
    const n = await recomputeYear(trx, year, today);
    await putSetting(trx, freshKey(year), today, ctx.clock.now().toISOString());
    return n;
  });
}

/** Compliance items of a subtree for a year (the acceptance shape plus labels and dates). */
export async function listCompliance(ctx: Ctx, actor: Actor, q: ComplianceQuery): Promise<{ items: ComplianceView[] }> {
  const root = await listRoot(ctx.db, actor, q.orgId);
  await ensureFresh(ctx, q.year);
  const rows = await ctx.db
    .selectFrom('orglife_compliance as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['o.name as org_name'])
    .where('c.year', '=', q.year)
    .where('o.path', '>=', root.path)
    .where('o.path', '<', pathUpper(root.path))
    .$if(!!q.type, (x) => x.where('c.type', '=', q.type!))
    .$if(!!q.period, (x) => x.where('c.period', '=', q.period!))
    .orderBy('o.path')
    .orderBy('c.type')
    .orderBy('c.period_start')
    .execute();
  return {
    items: rows.map((r) => ({
      orgId: r.org_id,
      orgName: r.org_name,
      type: r.type,
      period: r.period,
      periodLabel: periodLabel(r.period),
      periodStart: r.period_start,
      periodEnd: r.period_end,
      required: r.required,
      held: r.held,
      belowQuorum: r.below_quorum,
      status: r.status as ComplianceView['status'],
      ruleSetId: r.rule_set_id,
    })),
  };
}
