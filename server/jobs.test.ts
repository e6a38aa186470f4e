/**
 * The jobs registry: every periodic job runs under its own lease, once per period across
 * instances; a failed run lets the next timer retry; the timers run jobs and log one line each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from './jobs.ts';
import { hit, peek } from './lib/counters.ts';
import { type Job, type JobLog, runJob, startJobs } from './lib/jobs.ts';
import { createTestApp, type TestApp } from './test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const lease = (name: string) =>
  t.database.db.selectFrom('job_lock').selectAll().where('name', '=', name).executeTakeFirst();

describe('jobs registry', () => {
  it('registers the reminders, 回头看, planner statistics, counter purge, audit anchor and the member-counter check, each with its own lease', () => {
    expect(JOBS.map((j) => j.name)).toEqual([
      'reminders',
      'rechecks',
      'optimize',
      'rate-counters',
      'audit-anchor',
      'public-status',
      'digest',
      'windows',
      'cobuild-letters',
      'orglife',
      'import-jobs',
      'review-close',
      'member-counts',
    ]);
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
  });

  it('each job runs once per period: a second instance in the same period skips it', async () => {
    const now = new Date('2026-12-03T02:00:00Z');
    for (const job of JOBS) {
      expect((await runJob(t.app.ctx, job, { now, holder: 'instance-1' })).ran, job.name).toBe(true);
      const later = new Date(now.getTime() + job.everyMs - 1000);
      expect((await runJob(t.app.ctx, job, { now: later, holder: 'instance-2' })).ran, job.name).toBe(false);
      expect((await lease(job.name))?.holder).toBe('instance-1');
      const next = new Date(now.getTime() + job.everyMs);
      expect((await runJob(t.app.ctx, job, { now: next, holder: 'instance-2' })).ran, job.name).toBe(true);
    }
  });

  it('the counter purge deletes only expired windows', async () => {
    const db = t.database.db;
    const now = new Date('2026-12-04T08:00:30Z');
    await hit(db, 'jobs:old', 60, new Date(now.getTime() - 3600_000));
    await hit(db, 'jobs:live', 600, now);
    const job = JOBS.find((j) => j.name === 'rate-counters')!;
    const r = await runJob(t.app.ctx, job, { now, holder: 'instance-1' });
    expect(r).toMatchObject({ ran: true, result: { deleted: 1 } });
    expect(await peek(db, 'jobs:old', 60, new Date(now.getTime() - 3600_000))).toBe(0);
    expect(await peek(db, 'jobs:live', 600, now)).toBe(1);
  });

  it('a failed run releases its lease so that the next timer, on any instance, retries', async () => {
    const failing: Job = {
      name: 'test-failing',
      label: '测试',
      everyMs: 3600_000,
      run: async () => {
        throw new Error('boom');
      },
    };
    const now = new Date('2026-12-03T03:00:00Z');
    await expect(runJob(t.app.ctx, failing, { now, holder: 'instance-1' })).rejects.toThrow('boom');
    const ok: Job = { ...failing, run: async () => ({ done: true }) };
    expect(await runJob(t.app.ctx, ok, { now, holder: 'instance-2' })).toEqual({ ran: true, result: { done: true } });
  });

  it('started timers run the job and log one line per run (job name and result)', async () => {
    const lines: unknown[] = [];
    const log: JobLog = { info: (o) => void lines.push(o), error: (o) => void lines.push(o) };
    let ran!: () => void;
    const done = new Promise<void>((r) => {
      ran = r;
    });
    const job: Job = {
      name: 'test-timer',
      label: '测试',
      everyMs: 3600_000,
      firstAfterMs: 0,
      run: async () => {
        ran();
        return { rows: 3 };
      },
    };
    const stop = startJobs(t.app.ctx, [job], log);
    await done;
    stop();
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({ job: 'test-timer', rows: 3 });
  });
});
