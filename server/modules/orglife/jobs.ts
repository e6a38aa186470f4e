/**
 * The 组织生活 job (hourly while the server runs; tests call tick() after moving a ManualClock):
 * recompute the year's compliance and every member's streak, remind branches of requirements due
 * within the rule set's days, warn the branch secretary at 3 and 5 months of absence, and open a
 * case at 6. Notifications carry a dedupe key, so any number of runs (or instances) notify once;
 * a lease in job_lock keeps two instances from recomputing at the same time.
 */
import type { Ctx } from '../../context.ts';
import { audit } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { claimLock, INSTANCE, type Job, releaseLock } from '../../lib/jobs.ts';
import { notify } from '../../lib/notify.ts';
import { putSetting } from '../tasks/lights.ts';
import { CASE_MONTHS, recomputeAllAbsences } from './absences.service.ts';
import { refreshYear } from './compliance.service.ts';
import { periodLabel } from './periods.ts';

const ABSENCES_KEY = 'orglife.absences.fresh';
/** A tick holds its own short lease too, so a test or a manual run never overlaps the job's. */
const TICK_LEASE_MS = 10 * 60_000;
/** Warnings to the branch secretary at these months; a case opens at CASE_MONTHS. */
export const WARN_STEPS = [3, 5] as const;

export interface OrglifeTick {
  ran: boolean;
  year: number;
  items: number;
  members: number;
  notifications: number;
  cases: number;
  ms: number;
}

export async function tick(ctx: Ctx, holder = INSTANCE): Promise<OrglifeTick> {
  const t0 = performance.now();
  const now = ctx.clock.now();
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  const out: OrglifeTick = { ran: false, year, items: 0, members: 0, notifications: 0, cases: 0, ms: 0 };
  if (!(await claimLock(ctx.db, 'orglife-tick', holder, now, TICK_LEASE_MS))) return out;
  try {
    out.ran = true;
    out.items = await refreshYear(ctx, year);
    // Streaks follow every meeting change as it happens; the full pass is a daily safety net.
    const fresh = await ctx.db.selectFrom('setting').select('value').where('key', '=', ABSENCES_KEY).executeTakeFirst();
    if (!fresh || JSON.parse(fresh.value) !== today) {
      out.members = await recomputeAllAbsences(ctx.db, now);
      await putSetting(ctx.db, ABSENCES_KEY, today, now.toISOString());
    }
    await ctx.db.transaction().execute(async (trx) => {
      // Requirements of the current periods due soon and not yet held.
      const due = await trx
        .selectFrom('orglife_compliance')
        .select(['org_id', 'type', 'period', 'period_end', 'held', 'required'])
        .where('year', '=', year)
        .where('status', '=', 'due')
        .execute();
      for (const d of due)
        if (
          await notify(trx, ctx, {
            orgId: d.org_id,
            taskId: null,
            kind: 'orglife_due',
            message: `${periodLabel(d.period)}「${d.type}」应开 ${d.required} 次、已开 ${d.held} 次(达到法定人数的),将于 ${d.period_end} 到期`,
            dedupeKey: `orglife_due:${d.org_id}:${d.type}:${d.period}`,
            link: `/org-life?orgId=${d.org_id}&year=${year}`,
          })
        )
          out.notifications++;
      const streaks = await trx
        .selectFrom('orglife_absence as a')
        .innerJoin('member as m', 'm.id', 'a.member_id')
        .select(['a.member_id', 'a.org_id', 'a.months', 'a.since_month', 'm.name'])
        .where('a.months', '>=', WARN_STEPS[0])
        .execute();
      for (const s of streaks) {
        if (!s.since_month) continue;
        const step = [...WARN_STEPS].reverse().find((k) => s.months >= k)!;
        if (
          await notify(trx, ctx, {
            orgId: s.org_id,
            taskId: null,
            kind: 'orglife_absence',
            message: `党员${s.name}自 ${s.since_month} 起已连续 ${s.months} 个月未参加组织生活(请假的月份不计),请及时谈心谈话、了解情况`,
            dedupeKey: `orglife_absence:${s.member_id}:${s.since_month}:${step}`,
            link: `/org-life/absences?orgId=${s.org_id}`,
          })
        )
          out.notifications++;
        if (s.months < CASE_MONTHS) continue;
        const c = await trx
          .insertInto('orglife_case')
          .values({
            member_id: s.member_id,
            org_id: s.org_id,
            since_month: s.since_month,
            months_at_open: s.months,
            status: '处理中',
            opened_date: today,
            talk_date: null,
            talk_by: null,
            talk_content: null,
            notified_date: null,
            notify_method: null,
            notify_note: null,
            decision_meeting_id: null,
            decision: null,
            decision_note: null,
            decided_date: null,
            created_at: now.toISOString(),
            updated_at: now.toISOString(),
          })
          .onConflict((oc) => oc.columns(['member_id', 'since_month']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!c) continue;
        out.cases++;
        await audit(ctx, trx, null, {
          action: 'orglife.case_open',
          entity: 'orglife_case',
          entityId: c.id,
          after: { memberId: s.member_id, orgId: s.org_id, sinceMonth: s.since_month, months: s.months },
        });
        if (
          await notify(trx, ctx, {
            orgId: s.org_id,
            taskId: null,
            kind: 'orglife_case',
            message: `党员${s.name}自 ${s.since_month} 起已连续 ${s.months} 个月未参加组织生活。按党章规定,请支部查明有无正当理由,与本人谈话、通知本人,并提交支部党员大会研究决定`,
            dedupeKey: `orglife_case:${c.id}`,
            link: `/org-life/absences?case=${c.id}`,
          })
        )
          out.notifications++;
      }
    });
  } finally {
    await releaseLock(ctx.db, 'orglife-tick', holder);
  }
  out.ms = performance.now() - t0;
  return out;
}

/** Hourly in the jobs registry (server/jobs.ts). Reads never wait for it: compliance refreshes
 * itself on the first read of a day, streaks on every change. */
export const orglifeJob: Job<{ items: number; members: number; notifications: number; cases: number }> = {
  name: 'orglife',
  label: '组织生活:达标统计、连续缺席提醒与处置',
  everyMs: 3600_000,
  run: async (ctx) => {
    const r = await tick(ctx);
    return { items: r.items, members: r.members, notifications: r.notifications, cases: r.cases };
  },
};
