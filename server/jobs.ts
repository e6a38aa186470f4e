/**
 * THE registry of periodic work. Each job runs at most once per period across all instances (its
 * `job_lock` lease, server/lib/jobs.ts) and logs one line per run. Started by server/boot.ts for a
 * listening server (npm start, npm run demo); tests call a job's function directly with a
 * ManualClock. A module adds ONE line here for its job, defined beside the records it touches.
 */
import type { Ctx } from './context.ts';
import { advanceAnchor } from './lib/audit-anchor.ts';
import { purgeExpired } from './lib/counters.ts';
import { type Job, type JobLog, startJobs } from './lib/jobs.ts';
import { cobuildLettersJob } from './modules/cobuild/reports.service.ts';
import { digestJob } from './modules/digest/digest.service.ts';
import { orglifeJob } from './modules/orglife/jobs.ts';
import { importJobsJob } from './modules/imports/jobs.ts';
import { memberCountsJob } from './modules/members/counts.ts';
import { publicStatusJob } from './modules/publicsets/status.ts';
import { rechecksJob } from './modules/rectifications/rechecks.service.ts';
import { closeResumeJob } from './modules/reviews/close.service.ts';
import { remindersJob } from './modules/tasks/reminders.ts';
import { windowsJob } from './modules/windows/interviews.service.ts';

/** Planner statistics: SQLite's advice for long-lived connections; on PostgreSQL, VACUUM (ANALYZE). */
const optimizeJob: Job<undefined> = {
  name: 'optimize',
  label: '更新数据库统计信息',
  everyMs: 6 * 3600_000,
  firstAfterMs: 6 * 3600_000,
  run: async (ctx) => {
    await ctx.database.optimize();
    return undefined;
  },
};

/** Expired windows of the database rate counters (login failures, wrong ballot codes …). */
const rateCountersJob: Job<{ deleted: number }> = {
  name: 'rate-counters',
  label: '清理过期的频率计数',
  everyMs: 3600_000,
  run: async (ctx, now) => ({ deleted: await purgeExpired(ctx.db, now) }),
};

/**
 * The audit chain's head goes to the anchor file outside the database (lib/audit-anchor.ts). An
 * anchor the chain no longer contains is never overwritten: the run fails and logs why.
 */
const auditAnchorJob: Job<undefined> = {
  name: 'audit-anchor',
  label: '写审计链锚点',
  everyMs: 10 * 60_000,
  run: async (ctx, now) => {
    const problem = await advanceAnchor(ctx.db, ctx.config.auditAnchorPath, now);
    if (problem) throw new Error(`审计链检查:${problem}(请运行 npm run audit:verify)`);
    return undefined;
  },
};

export const JOBS: readonly Job[] = [
  remindersJob,
  rechecksJob,
  optimizeJob,
  rateCountersJob,
  auditAnchorJob,
  publicStatusJob,
  digestJob,
  windowsJob,
  cobuildLettersJob,
  orglifeJob,
  importJobsJob,
  closeResumeJob,
  memberCountsJob,
  // later modules, one line each
];

/** Starts every job's timer; returns the function that stops them. */
export const startAllJobs = (ctx: Ctx, log: JobLog, o?: Parameters<typeof startJobs>[3]) =>
  startJobs(ctx, JOBS, log, o);
