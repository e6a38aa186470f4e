/**
 * The reminder job: recompute the lights, then notify lead units of due-soon, overdue and
 * report-due tasks. It runs under its `job_lock` lease (server/lib/jobs.ts), so several instances
 * on one PostgreSQL run it once per period; notifications are idempotent anyway (unique dedupe key
 * per task/kind/day), so a crash mid-run is harmless. Tests call `tick()` with a ManualClock.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { INSTANCE, type Job, runJob } from '../../lib/jobs.ts';
import { sendWebhook, type NewNotification } from '../../lib/notify.ts';
import { pathUpper } from '../../lib/scope.ts';
import { computeLight } from '../../lib/traffic-light.ts';
import { workdaysBetween } from '../../lib/workdays.ts';
import { LIGHTS_DATE_KEY, loadRules, putSetting, recomputeAll, toLightInput } from './lights.ts';
import { short } from './workflow.service.ts';
import { turn } from '../../lib/turn.ts';

export interface TickResult {
  ran: boolean;
  examined: number;
  created: { due_soon: number; overdue: number; report_due: number };
  webhook: number;
}

/** The reminder job (registered in server/jobs.ts): every 10 minutes, the first 5 s after boot. */
export const remindersJob: Job<Omit<TickResult, 'ran'>> = {
  name: 'reminders',
  label: '督查提醒(临期、逾期、应报送)',
  everyMs: 10 * 60_000,
  firstAfterMs: 5_000,
  run: (ctx, now) => remind(ctx, now),
};

/** One run under the job's lease, as the scheduler does it; tests call it with a ManualClock's time. */
export async function tick(ctx: Ctx, now: Date = ctx.clock.now(), holder: string = INSTANCE): Promise<TickResult> {
  const r = await runJob(ctx, remindersJob, { now, holder });
  return r.ran
    ? { ran: true, ...r.result }
    : { ran: false, examined: 0, created: { due_soon: 0, overdue: 0, report_due: 0 }, webhook: 0 };
}

/**
 * Open tasks (of the `scopePath` subtree, if given) in id order, 2,000 a batch, each with what it is
 * due for today: overdue, else due soon (within the threshold of working days, progress < 100%);
 * and report due (the light's 反馈 reason). The one reading of these rules, for the reminders and the
 * daily digest (server/modules/digest).
 */
export async function* dueTasks(db: Executor, today: string, scopePath?: string, changedSince?: string) {
  const rules = await loadRules(db);
  let after = 0;
  for (;;) {
    let q = db
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
      // Over the whole tree the pages follow the key: the status term is wrapped so that no planner
      // reads it from task_status_due and sorts every open task after `after` for each page (SQLite
      // did, 83 ms for the first page of 500 of 100,000 tasks). A subtree keeps the index.
      .where(scopePath ? sql.ref('t.status') : sql<string>`coalesce(t.status, '')`, 'in', ['pending', 'doing'])
      .where('t.id', '>', after);
    if (scopePath) q = q.where('o.path', '>=', scopePath).where('o.path', '<', pathUpper(scopePath));
    if (changedSince) q = q.where('t.updated_at', '>=', changedSince);
    const rows = await q.orderBy('t.id').limit(500).execute();
    if (!rows.length) return;
    after = rows[rows.length - 1].id;
    yield rows.map((r) => {
      const l = computeLight(toLightInput(r), today, rules.cal, rules.th);
      const left = !l.overdue && r.due_date ? workdaysBetween(today, r.due_date, rules.cal) : null;
      return {
        ...r,
        overdue: l.overdue,
        overdueWorkdays: l.overdueWorkdays,
        dueSoon: left !== null && left <= rules.th.dueSoonWorkdays && r.progress < 100,
        workdaysLeft: Math.max(0, left ?? 0),
        reportDue: r.status === 'doing' && r.report_cycle !== 'none' && l.reasons.some((x) => x.includes('反馈')),
      };
    });
  }
}

/** Refreshes the lights, then notifies lead units of due-soon, overdue and report-due tasks. */
async function remind(ctx: Ctx, now: Date): Promise<Omit<TickResult, 'ran'>> {
  const result = { examined: 0, created: { due_soon: 0, overdue: 0, report_due: 0 }, webhook: 0 };
  const fresh: (NewNotification & { id: number; orgName: string })[] = [];
  const today = localDate(now);
  const since = await changedSince(ctx, today);
  if (since === null) result.examined = await recomputeAll(ctx, today);
  for await (const rows of dueTasks(ctx.db, today, undefined, since ?? undefined)) {
    await turn(); // per page of 500 tasks (lib/turn.ts): the first pass of a day was one 3.6 s stretch
    if (since !== null) result.examined += rows.length;
    const batch: NewNotification[] = [];
    for (const r of rows) {
      const label = `任务 #${r.id}「${short(r.text)}」`;
      if (r.overdue) {
        batch.push({
          orgId: r.lead_org_id,
          taskId: r.id,
          kind: 'overdue',
          message: `${label}已逾期 ${r.overdueWorkdays} 个工作日(时限 ${r.due_date}),请抓紧办理并报送进展`,
          dedupeKey: `overdue:${r.id}:${today}`,
        });
      } else if (r.dueSoon) {
        batch.push({
          orgId: r.lead_org_id,
          taskId: r.id,
          kind: 'due_soon',
          message: `${label}将于 ${r.due_date} 到期(剩 ${r.workdaysLeft} 个工作日)`,
          dedupeKey: `due_soon:${r.id}:${today}`,
        });
      }
      if (r.reportDue) {
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
      if (i) await turn();
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
  result.webhook = (await sendWebhook(ctx, fresh)).sent;
  await putSetting(ctx.db, LAST_TICK_KEY, { date: today, at: now.toISOString() }, ctx.clock.now().toISOString());
  return result;
}

const LAST_TICK_KEY = 'reminders.last_tick';
/** Instances' clocks may differ a little: changes this much before the last tick are read again (dedupe keys keep it harmless). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Incremental ticks. Lights move with the date only, and every write of a task recomputes its light
 * (refreshLights), so after the first complete tick of a local day the later ticks of that day only
 * need the tasks changed since the previous tick (new, re-dated, accepted, reported …): returns the
 * instant to read changes from, or null when a complete pass is due — a new day (deadlines crossed,
 * reports fallen due, overdue counts grown), no tick yet, or lights marked stale by a change of the
 * calendar or thresholds.
 */
async function changedSince(ctx: Ctx, today: string): Promise<string | null> {
  const rows = await ctx.db
    .selectFrom('setting')
    .select(['key', 'value'])
    .where('key', 'in', [LAST_TICK_KEY, LIGHTS_DATE_KEY])
    .execute();
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const last = get(LAST_TICK_KEY) ? (JSON.parse(get(LAST_TICK_KEY)!) as { date: string; at: string }) : null;
  const lightsDate = get(LIGHTS_DATE_KEY) ? JSON.parse(get(LIGHTS_DATE_KEY)!) : null;
  if (!last || last.date !== today || lightsDate !== today) return null;
  return new Date(Date.parse(last.at) - CLOCK_SKEW_MS).toISOString();
}
