import { describe, expect, it } from 'vitest';
import type { AppError } from '../../lib/errors.ts';
import { createJob, getJob, JOB_TTL_MS } from './jobs.ts';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'no error';
};

describe('import jobs (in memory)', () => {
  it('belong to their uploader and expire an hour after upload once finished', () => {
    const t0 = 1_000_000_000;
    const job = createJob('members', 9001, 'a.xlsx', t0);
    expect(getJob(job.id, 9001, t0).id).toBe(job.id);
    expect(code(() => getJob(job.id, 9002, t0))).toBe('IMPORT_JOB_NOT_FOUND');
    job.status = 'done';
    expect(getJob(job.id, 9001, t0 + JOB_TTL_MS).status).toBe('done');
    expect(code(() => getJob(job.id, 9001, t0 + JOB_TTL_MS + 1))).toBe('IMPORT_JOB_NOT_FOUND');
  });

  it('a running job is never swept, and blocks a second upload by the same user only', () => {
    const t0 = 2_000_000_000;
    const job = createJob('orgs', 9101, 'a.xlsx', t0);
    expect(code(() => createJob('members', 9101, 'b.xlsx', t0 + 1))).toBe('IMPORT_BUSY');
    expect(createJob('members', 9102, 'c.xlsx', t0 + 1).ownerId).toBe(9102);
    expect(getJob(job.id, 9101, t0 + 2 * JOB_TTL_MS).status).toBe('validating');
    job.status = 'failed';
    expect(createJob('members', 9101, 'd.xlsx', t0 + 2 * JOB_TTL_MS).status).toBe('validating');
  });
});
