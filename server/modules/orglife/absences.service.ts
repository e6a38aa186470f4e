/**
 * Absence streaks: for each member, the consecutive months (up to this one) in which they were
 * expected at a held meeting and attended none. A month with 请假 recorded by the branch, or with no
 * meeting that expected them, pauses the streak (neither counts nor breaks it); any attendance —
 * also as 列席 elsewhere — ends it. Because 应到 rows are snapshots of the roster on each meeting
 * date, a member who moved or is 流动 is counted where they actually belonged that month.
 */
import { sql } from 'kysely';
import type { AbsenceQuery, MemberAttendance } from '../../../common/contracts/orglife-work.ts';
import type { Ctx } from '../../context.ts';
import type { Db, Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { listRoot, typesByMeeting } from './access.ts';
import { addMonths } from './periods.ts';

/** 党章: 连续6个月不参加党的组织生活 — a case opens for the branch. */
export const CASE_MONTHS = 6;
/** How far back a streak is traced. */
export const LOOKBACK_MONTHS = 36;

export interface MonthState {
  attended: boolean;
  leave: boolean;
  expected: boolean;
}
export interface Streak {
  months: number;
  sinceMonth: string | null;
}

/** The streak ending at `currentMonth` (pure). */
export function streakOf(states: Map<string, MonthState>, currentMonth: string): Streak {
  let months = 0;
  let since: string | null = null;
  for (let k = 0; k < LOOKBACK_MONTHS; k++) {
    const mo = addMonths(currentMonth, -k);
    const s = states.get(mo);
    if (!s) continue;
    if (s.attended) break;
    if (s.leave || !s.expected) continue;
    months++;
    since = mo;
  }
  return { months, sinceMonth: since };
}

interface StateRow {
  member_id: number;
  month: string;
  att: number;
  lv: number;
  exp: number;
  last_att: string | null;
}

/** Per member and month: attended / on leave / expected, over held meetings up to `today`. */
export async function monthStates(
  db: Executor,
  today: string,
  memberIds?: number[],
  path?: string,
  range?: [number, number],
) {
  const from = `${addMonths(today.slice(0, 7), -(LOOKBACK_MONTHS - 1))}-01`;
  const month = sql<string>`substr(m.held_date, 1, 7)`;
  const q = db
    .selectFrom('meeting_attendee as a')
    .innerJoin('meeting as m', 'm.id', 'a.meeting_id')
    .select([
      'a.member_id',
      month.as('month'),
      sql<number>`max(case when a.status in ('出席', '补签') then 1 else 0 end)`.as('att'),
      sql<number>`max(case when a.status = '请假' then 1 else 0 end)`.as('lv'),
      sql<number>`max(case when a.role = '应到' then 1 else 0 end)`.as('exp'),
      sql<string | null>`max(case when a.status in ('出席', '补签') then m.held_date end)`.as('last_att'),
    ])
    .where('m.status', '=', '已召开')
    .where('m.held_date', '>=', from)
    .where('m.held_date', '<=', today)
    .$if(!!memberIds, (x) => x.where('a.member_id', 'in', memberIds!))
    .$if(!!range, (x) => x.where('a.member_id', '>=', range![0]).where('a.member_id', '<', range![1]))
    .$if(!!path, (x) =>
      x.where('a.member_id', 'in', (eb) =>
        eb
          .selectFrom('member')
          .select('id')
          .where('org_path', '>=', path!)
          .where('org_path', '<', pathUpper(path!))
          .where('status', '=', '正常'),
      ),
    )
    .groupBy(['a.member_id', month]);
  const rows = (await q.execute()) as StateRow[];
  const by = new Map<number, { states: Map<string, MonthState>; last: string | null }>();
  for (const r of rows) {
    let e = by.get(r.member_id);
    if (!e) by.set(r.member_id, (e = { states: new Map(), last: null }));
    e.states.set(r.month, { attended: Number(r.att) === 1, leave: Number(r.lv) === 1, expected: Number(r.exp) === 1 });
    if (r.last_att && (!e.last || r.last_att > e.last)) e.last = r.last_att;
  }
  return by;
}

type AbsenceRow = {
  member_id: number;
  org_id: number;
  months: number;
  since_month: string | null;
  last_attended_date: string | null;
  computed_at: string;
};

/** Streak rows (months > 0) of the members in `states` that are still in good standing. */
async function streakRows(db: Executor, now: Date, states: Awaited<ReturnType<typeof monthStates>>) {
  const rows: AbsenceRow[] = [];
  const ids = [...states.keys()];
  const members = new Map<number, { org_id: number; status: string }>();
  for (let i = 0; i < ids.length; i += 500)
    for (const m of await db
      .selectFrom('member')
      .select(['id', 'org_id', 'status'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute())
      members.set(m.id, m);
  const month = localDate(now).slice(0, 7);
  for (const [memberId, e] of states) {
    const m = members.get(memberId);
    if (m?.status !== '正常') continue;
    const s = streakOf(e.states, month);
    if (s.months > 0)
      rows.push({
        member_id: memberId,
        org_id: m.org_id,
        months: s.months,
        since_month: s.sinceMonth,
        last_attended_date: e.last,
        computed_at: now.toISOString(),
      });
  }
  return rows;
}

async function insertRows(db: Executor, rows: AbsenceRow[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('orglife_absence')
      .values(rows.slice(i, i + 500))
      .execute();
}

/**
 * Rewrites the streak rows of the given members, inside the caller's transaction (after a change
 * to meetings they were expected at). Only members with a streak keep a row.
 */
export async function recomputeAbsences(db: Executor, now: Date, memberIds: number[]): Promise<number> {
  const ids = [...new Set(memberIds)];
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await streakRows(db, now, await monthStates(db, localDate(now), chunk));
    await db.deleteFrom('orglife_absence').where('member_id', 'in', chunk).execute();
    await insertRows(db, rows);
    n += rows.length;
  }
  return n;
}

/**
 * Every member's streak, recomputed in member-id slices, each its own short transaction, yielding
 * between slices: on SQLite a query blocks the event loop, so the county's ~1,000,000 roster rows
 * are never read in one go. Streaks change only with meeting records (kept incrementally); this
 * is the daily safety net. Returns how many members have a streak.
 */
export async function recomputeAllAbsences(db: Db, now: Date, slice = 4000): Promise<number> {
  const max = await db
    .selectFrom('member')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  const top = Number(max?.m ?? 0);
  let n = 0;
  for (let lo = 0; lo <= top; lo += slice) {
    n += await db.transaction().execute(async (trx) => {
      const rows = await streakRows(
        trx,
        now,
        await monthStates(trx, localDate(now), undefined, undefined, [lo, lo + slice]),
      );
      await trx
        .deleteFrom('orglife_absence')
        .where('member_id', '>=', lo)
        .where('member_id', '<', lo + slice)
        .execute();
      await insertRows(trx, rows);
      return rows.length;
    });
    await new Promise((r) => setImmediate(r));
  }
  await db.deleteFrom('orglife_absence').where('member_id', '>', top).execute();
  return n;
}

/** Members of a subtree with a current streak, longest first (the acceptance shape plus names). */
export async function listAbsences(ctx: Ctx, actor: Actor, q: AbsenceQuery) {
  const root = await listRoot(ctx.db, actor, q.orgId);
  const min = q.minMonths ?? 1;
  const page = q.page ?? 1;
  const size = q.pageSize ?? 20;
  const base = ctx.db
    .selectFrom('orglife_absence as a')
    .innerJoin('member as m', 'm.id', 'a.member_id')
    .where('m.org_path', '>=', root.path)
    .where('m.org_path', '<', pathUpper(root.path))
    .where('a.months', '>=', min);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .leftJoin('orglife_case as c', (j) =>
      j.onRef('c.member_id', '=', 'a.member_id').onRef('c.since_month', '=', 'a.since_month'),
    )
    .select([
      'a.member_id',
      'a.months',
      'a.since_month',
      'a.last_attended_date',
      'm.name',
      'm.category',
      'm.org_id',
      'o.name as org_name',
      'c.id as case_id',
    ])
    .orderBy('a.months', 'desc')
    .orderBy('m.org_path')
    .orderBy('a.member_id')
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  return {
    total: Number(n),
    items: rows.map((r) => ({
      memberId: r.member_id,
      months: r.months,
      name: r.name,
      category: r.category,
      orgId: r.org_id,
      orgName: r.org_name,
      sinceMonth: r.since_month,
      lastAttendedDate: r.last_attended_date,
      caseId: r.case_id ?? null,
    })),
  };
}

/**
 * A member's attendance in a year: every meeting that expected or invited them, with their status.
 * `actor` null = the member's own view (their account is linked to the member record).
 */
export async function memberAttendance(
  ctx: Ctx,
  actor: Actor | null,
  memberId: number,
  year?: number,
): Promise<MemberAttendance> {
  const member = await ctx.db
    .selectFrom('member as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.org_path', 'o.name as org_name'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!member || (actor && !isInPath(member.org_path, actor.scopePath))) throw notFound('党员', 'MEMBER_NOT_FOUND');
  const today = localDate(ctx.clock.now());
  const y = year ?? Number(today.slice(0, 4));
  const rows = await ctx.db
    .selectFrom('meeting_attendee as a')
    .innerJoin('meeting as m', 'm.id', 'a.meeting_id')
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.held_date',
      'm.held_at',
      'm.topic',
      'o.name as org_name',
      'a.role',
      'a.status',
      'a.reason',
      'a.at',
    ])
    .where('a.member_id', '=', memberId)
    .where('m.status', '=', '已召开')
    .where('m.held_date', '>=', `${y}-01-01`)
    .where('m.held_date', '<=', `${y}-12-31`)
    .orderBy('m.held_at', 'desc')
    .execute();
  const types = await typesByMeeting(
    ctx.db,
    rows.map((r) => r.id),
  );
  const streak = await ctx.db
    .selectFrom('orglife_absence')
    .select('months')
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  const open = await ctx.db
    .selectFrom('appraisal_entry as e')
    .innerJoin('appraisal as a', 'a.id', 'e.appraisal_id')
    .innerJoin('org_unit as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.year', 'o.name', 'e.self_text'])
    .where('e.member_id', '=', memberId)
    .where('a.status', '=', '进行中')
    .orderBy('a.year', 'desc')
    .executeTakeFirst();
  const expectedRows = rows.filter((r) => r.role === '应到');
  const attended = expectedRows.filter((r) => r.status === '出席' || r.status === '补签').length;
  const leave = expectedRows.filter((r) => r.status === '请假').length;
  return {
    member: { id: member.id, name: member.name, orgName: member.org_name },
    year: y,
    months: streak?.months ?? 0,
    expected: expectedRows.length,
    attended,
    leave,
    rate: expectedRows.length ? Math.round((attended / expectedRows.length) * 1000) / 10 : null,
    appraisal: open ? { id: open.id, year: open.year, orgName: open.name, selfText: open.self_text } : null,
    items: rows.map((r) => ({
      meetingId: r.id,
      orgName: r.org_name,
      heldDate: r.held_date,
      heldAt: r.held_at,
      types: types.get(r.id) ?? [],
      topic: r.topic,
      role: r.role,
      status: r.status,
      reason: r.reason,
      at: r.at,
    })),
  };
}
