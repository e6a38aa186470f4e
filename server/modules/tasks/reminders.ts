/**
 * The reminder scheduler. `tick(ctx, now)` is the whole job — tests call it with a ManualClock;
 * main.ts calls it on an interval. Safe with several app instances on one PostgreSQL: a row in
 * `job_lock` is claimed with a conditional UPDATE (lease expired or already mine), which
 * PostgreSQL serializes on the row lock; the loser updates 0 rows and skips. Notifications are
 * idempotent anyway (unique dedupe key per task/kind/day), so a crash mid-run is harmless.
 */
import crypto from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { computeLight } from '../../lib/traffic-light.ts';
import { workdaysBetween } from '../../lib/workdays.ts';
import { loadRules, recomputeAll, toLightInput } from './lights.ts';
import { sendWebhook, type NewNotification } from '../../lib/notify.ts';
import { short } from './workflow.service.ts';

const INSTANCE = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
const LEASE_MS = 10 * 60_000;

/** Claims the named lease for `holder`; true when this caller may run the job now. */
export async function claimLock(
  ctx: Ctx,
  name: string,
  holder: string,
  now: Date,
  leaseMs = LEASE_MS,
): Promise<boolean> {
  await ctx.db
    .insertInto('job_lock')
    .values({ name, holder: '', lease_until: '1970-01-01T00:00:00.000Z' })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const r = await ctx.db
    .updateTable('job_lock')
    .set({ holder, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('lease_until', '<', now.toISOString()), eb('holder', '=', holder)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseLock(ctx: Ctx, name: string, holder: string) {
  await ctx.db
    .updateTable('job_lock')
    .set({ lease_until: '1970-01-01T00:00:00.000Z' })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

export interface TickResult {
  ran: boolean;
  examined: number;
  created: { due_soon: number; overdue: number; report_due: number };
  webhook: number;
}

/** One scheduler run: refresh lights, then notify lead units of due-soon, overdue and report-due tasks. */
export async function tick(ctx: Ctx, now: Date = ctx.clock.now(), holder: string = INSTANCE): Promise<TickResult> {
  const result: TickResult = {
    ran: false,
    examined: 0,
    created: { due_soon: 0, overdue: 0, report_due: 0 },
    webhook: 0,
  };
  if (!(await claimLock(ctx, 'reminders', holder, now))) return result;
  result.ran = true;
  const fresh: (NewNotification & { id: number; orgName: string })[] = [];
  try {
    const today = localDate(now);
    result.examined = await recomputeAll(ctx, today);
    const rules = await loadRules(ctx.db);
    let after = 0;
    for (;;) {
      const rows = await ctx.db
        .selectFrom('task as t')
        .innerJoin('org_unit as o', 'o.id', 't.lead_org_id')
        .select([
          't.id',
          't.text',
          't.lead_org_id',
          'o.name as org_name',
          't.status',
          't.issued_date',
          't.accepted_date',
          't.due_date',
          't.progress',
          't.last_report_date',
          't.report_cycle',
        ])
        .where('t.status', 'in', ['pending', 'doing'])
        .where('t.id', '>', after)
        .orderBy('t.id')
        .limit(2000)
        .execute();
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      const batch: NewNotification[] = [];
      for (const r of rows) {
        const l = computeLight(toLightInput(r), today, rules.cal, rules.th);
        const label = `任务 #${r.id}「${short(r.text)}」`;
        if (l.overdue) {
          batch.push({
            orgId: r.lead_org_id,
            taskId: r.id,
            kind: 'overdue',
            message: `${label}已逾期 ${l.overdueWorkdays} 个工作日(时限 ${r.due_date}),请抓紧办理并报送进展`,
            dedupeKey: `overdue:${r.id}:${today}`,
          });
        } else if (r.due_date) {
          const left = workdaysBetween(today, r.due_date, rules.cal);
          if (left <= rules.th.dueSoonWorkdays && r.progress < 100) {
            batch.push({
              orgId: r.lead_org_id,
              taskId: r.id,
              kind: 'due_soon',
              message: `${label}将于 ${r.due_date} 到期(剩 ${Math.max(0, left)} 个工作日)`,
              dedupeKey: `due_soon:${r.id}:${today}`,
            });
          }
        }
        if (r.status === 'doing' && r.report_cycle !== 'none' && l.reasons.some((x) => x.includes('反馈'))) {
          batch.push({
            orgId: r.lead_org_id,
            taskId: r.id,
            kind: 'report_due',
            message: `${label}应报送${r.report_cycle === 'weekly' ? '本周' : '本月'}进展情况`,
            dedupeKey: `report_due:${r.id}:${today}`,
          });
        }
      }
      const names = new Map(rows.map((r) => [r.lead_org_id, r.org_name]));
      // Multi-row inserts; rows whose dedupe key exists are skipped and not returned.
      const at = ctx.clock.now().toISOString();
      for (let i = 0; i < batch.length; i += 500) {
        const chunk = batch.slice(i, i + 500);
        const ins = await ctx.db
          .insertInto('notification')
          .values(
            chunk.map((n) => ({
              org_id: n.orgId,
              task_id: n.taskId,
              kind: n.kind,
              message: n.message,
              dedupe_key: n.dedupeKey,
              created_at: at,
              read_at: null,
            })),
          )
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning(['id', 'dedupe_key'])
          .execute();
        const byKey = new Map(chunk.map((n) => [n.dedupeKey, n]));
        for (const r of ins) {
          const n = byKey.get(r.dedupe_key)!;
          fresh.push({ ...n, id: r.id, orgName: names.get(n.orgId) ?? '' });
          result.created[n.kind as keyof TickResult['created']]++;
        }
      }
    }
  } finally {
    await releaseLock(ctx, 'reminders', holder);
  }
  result.webhook = (await sendWebhook(ctx, fresh)).sent;
  return result;
}

/** Started by main.ts only (tests drive tick() directly). */
export function startScheduler(ctx: Ctx, everyMs = 10 * 60_000) {
  const run = () => tick(ctx).catch((e) => console.error(`提醒任务失败:${(e as Error).message}`));
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, everyMs);
  timer.unref();
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
