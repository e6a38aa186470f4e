/**
 * Import jobs in the database: owner-only, kept an hour, one running job per user across
 * instances, and a job whose instance stopped beating (a restart mid-import) reported as failed —
 * with nothing imported. The two-process version of this is server/test/instances.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTarget, readFile } from '../../lib/files.ts';
import { ManualClock } from '../../lib/clock.ts';
import { runJob } from '../../lib/jobs.ts';
import { as, type County, seedCounty } from '../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createJob, finishJob, importJobsJob, INTERRUPTED, JOB_TTL_MS, STALE_MS } from './jobs.ts';

const clock = new ManualClock('2026-03-02T02:00:00.000Z');
let t: TestApp;
let c: County;
beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
});
afterAll(() => t.close());

const row = (id: string) => t.database.db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();

describe('import jobs (in the database)', () => {
  it('belong to their uploader and expire an hour after upload once finished', async () => {
    const ctx = t.app.ctx;
    const job = await createJob(ctx, 'members', c.users.zzb, 'a.xlsx');
    job.status = 'done';
    job.total = job.processed = job.imported = 3;
    await finishJob(ctx, job);
    const zzb = await as(t.app, 'zzb');
    const admin = await as(t.app, 'admin');
    expect((await zzb.get(`/api/import/jobs/${job.id}`)).body).toMatchObject({ status: 'done', imported: 3 });
    expect((await admin.get(`/api/import/jobs/${job.id}`)).status).toBe(404);
    clock.advance(JOB_TTL_MS + 1);
    const gone = await (await as(t.app, 'zzb')).get(`/api/import/jobs/${job.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toContain('已过期');
    // The hourly job deletes it from the database.
    const r = await runJob(ctx, importJobsJob, { holder: 't' });
    expect(r).toMatchObject({ ran: true, result: { deleted: 1 } });
    expect(await row(job.id)).toBeUndefined();
  });

  it('a running job blocks a second upload by the same user only; a job whose instance stopped is failed', async () => {
    const ctx = t.app.ctx;
    // Another instance's job, mid-import (its row is all this instance knows of it).
    const id = '00000000-0000-4000-8000-000000000001';
    const at = clock.now().toISOString();
    await t.database.db
      .insertInto('import_job')
      .values({
        id,
        kind: 'orgs',
        owner_id: c.users.townA,
        status: 'importing',
        total: 100,
        processed: 40,
        imported: 0,
        error_count: 0,
        errors: '[]',
        file_name: 'a.xlsx',
        instance: 'other-1',
        created_at: at,
        heartbeat_at: at,
      })
      .execute();
    await expect(createJob(ctx, 'members', c.users.townA, 'b.xlsx')).rejects.toMatchObject({ code: 'IMPORT_BUSY' });
    const other = await createJob(ctx, 'members', c.users.townB, 'c.xlsx');
    await finishJob(ctx, Object.assign(other, { status: 'done' as const }));
    const townA = await as(t.app, 'town-a');
    expect((await townA.get(`/api/import/jobs/${id}`)).body).toMatchObject({ status: 'importing', processed: 40 });
    // That instance restarts: its beat stops.
    clock.advance(STALE_MS + 1000);
    const polled = await (await as(t.app, 'town-a')).get(`/api/import/jobs/${id}`);
    expect(polled.status).toBe(200);
    expect(polled.body).toMatchObject({ status: 'failed', message: INTERRUPTED, imported: 0 });
    expect(await row(id)).toMatchObject({ status: 'failed', message: INTERRUPTED });
    // …and it no longer blocks its owner.
    const next = await createJob(ctx, 'members', c.users.townA, 'd.xlsx');
    expect((await row(next.id))?.status).toBe('validating');
    await finishJob(ctx, Object.assign(next, { status: 'done' as const }));
  });

  it('the hourly job fails stale running jobs and removes expired error reports', async () => {
    const ctx = t.app.ctx;
    const job = await createJob(ctx, 'members', c.users.dcs, 'e.xlsx');
    job.status = 'failed';
    job.errors = [{ row: 3, column: '身份证号', message: '校验位错误' }];
    job.columns = new Map([['idNumber', 4]]);
    await finishJob(ctx, job, Buffer.from('PK fake sheet'));
    expect(JSON.parse((await row(job.id))!.report_json!)).toEqual({ columns: [['idNumber', 4]], headerRow: 1 });
    expect((await readFile(fileTarget(ctx), 'imports', `${job.id}.xlsx`)).toString()).toBe('PK fake sheet');
    const stale = await createJob(ctx, 'orgs', c.users.branchA1, 'f.xlsx');
    await finishJob(ctx, Object.assign(stale, { status: 'done' as const }));
    await t.database.db
      .updateTable('import_job')
      .set({ status: 'validating', heartbeat_at: clock.now().toISOString() })
      .where('id', '=', stale.id)
      .execute();
    clock.advance(JOB_TTL_MS + STALE_MS);
    const r = await runJob(ctx, importJobsJob, { holder: 't2', now: clock.now() });
    expect(r).toMatchObject({ ran: true, result: { interrupted: 1 } });
    expect(await row(job.id)).toBeUndefined();
    await expect(readFile(fileTarget(ctx), 'imports', `${job.id}.xlsx`)).rejects.toMatchObject({ code: 'ENOENT' });
    // Failed as interrupted, then (older than an hour) deleted like any finished job.
    expect(await row(stale.id)).toBeUndefined();
  });
});
