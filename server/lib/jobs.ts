/**
 * Periodic work, run at most once per period across every app instance on one database. Each job
 * has a row in `job_lock`, claimed with one conditional UPDATE (the lease has expired, or is
 * already this holder's): PostgreSQL serializes the UPDATE on the row lock, so of several instances
 * exactly one claims it; the others update 0 rows and skip. A successful run keeps the lease to the
 * end of its period, so an instance whose timer fires a minute later does not run it again; a
 * failed run releases it, so the next timer (any instance) retries. A crash mid-run holds the lease
 * until the period ends. The registry of jobs is server/jobs.ts.
 */
import crypto from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Executor } from '../db/connect.ts';

/** What a run reports for the log: counts and flags. */
export type JobResult = Record<string, number | boolean | Record<string, number>>;

export interface Job<R extends JobResult | undefined = JobResult | undefined> {
  /** The `job_lock` key and the `job` field of its log lines. */
  name: string;
  /** What it does, in Chinese (log messages). */
  label: string;
  /** At most one run per period across instances. */
  everyMs: number;
  /** First run after boot (default one minute: the server answers requests first). */
  firstAfterMs?: number;
  run(ctx: Ctx, now: Date): Promise<R>;
}

/** This process, as a lease holder. */
export const INSTANCE = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
const EPOCH = '1970-01-01T00:00:00.000Z';

/** Claims the named lease for `holder` until now + leaseMs; true when this caller may run the job now. */
export async function claimLock(db: Executor, name: string, holder: string, now: Date, leaseMs: number) {
  await db
    .insertInto('job_lock')
    .values({ name, holder: '', lease_until: EPOCH })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const r = await db
    .updateTable('job_lock')
    .set({ holder, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('lease_until', '<=', now.toISOString()), eb('holder', '=', holder)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseLock(db: Executor, name: string, holder: string) {
  await db
    .updateTable('job_lock')
    .set({ lease_until: EPOCH })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

/** Runs `job` if `holder` wins its lease for the period starting `now`. */
export async function runJob<R extends JobResult | undefined>(
  ctx: Ctx,
  job: Job<R>,
  o: { now?: Date; holder?: string } = {},
): Promise<{ ran: false } | { ran: true; result: R }> {
  const now = o.now ?? ctx.clock.now();
  const holder = o.holder ?? INSTANCE;
  if (!(await claimLock(ctx.db, job.name, holder, now, job.everyMs))) return { ran: false };
  try {
    return { ran: true, result: await job.run(ctx, now) };
  } catch (e) {
    await releaseLock(ctx.db, job.name, holder).catch(() => {});
    throw e;
  }
}

/** Where runs are logged: the app's logger (pino), one structured line per run. */
export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Starts a timer per job (unref'd: they never keep the process alive). Every run that happened is
 * logged once, as `{ job, ms, …result }`; a failure as `{ job, err }`. Returns the stop function.
 */
export function startJobs(
  ctx: Ctx,
  jobs: readonly Job[],
  log: JobLog,
  o: { firstAfterMs?: number; onRun?: (job: string, ms: number, ok: boolean) => void } = {},
) {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    const tick = async () => {
      const t0 = performance.now();
      try {
        const r = await runJob(ctx, job);
        const ms = performance.now() - t0;
        if (r.ran) {
          log.info({ job: job.name, ms: Math.round(ms), ...r.result }, job.label);
          o.onRun?.(job.name, ms, true);
        }
      } catch (err) {
        log.error({ job: job.name, err }, `${job.label}失败`);
        o.onRun?.(job.name, performance.now() - t0, false);
      }
    };
    const first = setTimeout(() => void tick(), job.firstAfterMs ?? o.firstAfterMs ?? 60_000);
    const every = setInterval(() => void tick(), job.everyMs);
    first.unref();
    every.unref();
    timers.push(first, every);
  }
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}
