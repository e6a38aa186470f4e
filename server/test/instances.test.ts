/**
 * Two real app processes (`server/main.ts`, as `npm start` runs it) on ONE PostgreSQL database,
 * with requests alternating between them, the way a proxy spreads them: a session, an Excel import
 * job, an uploaded file, a campaign's status, the login-guess counters and the periodic jobs'
 * leases must all be the database's, never one process's. PostgreSQL only: SQLite is one process
 * by construction (its file is never shared by two servers).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../jobs.ts';
import { verifyAuditChain } from '../lib/audit.ts';
import { runJob } from '../lib/jobs.ts';
import { tokenHash } from '../modules/reviews/tokens.ts';
import { makeId, PASSWORD, seedCounty, type County } from './fixtures.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { MEMBER_HEADER, openXlsx, sheet } from '../modules/imports/test-helpers.ts';

const onPostgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Server {
  base: string;
  /** Its job_lock holder (GET /api/health/live). */
  instance: string;
  out: () => string;
  proc: ChildProcess;
}

/** Starts `server/main.ts` on a free port against `url`; resolves once it listens. */
function startServer(url: string, dir: string, name: string): Promise<Server> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      // Job runs are logged at info; every periodic job's first timer fires right after listening.
      LOG_LEVEL: 'info',
      JOBS_FIRST_RUN_SEC: '0',
      LUOSHI_AUDIT_ANCHOR: path.join(dir, `${name}-anchor.json`),
      LUOSHI_UPLOAD_DIR: path.join(dir, `${name}-uploads`),
      LUOSHI_ADMIN_PASSWORD: '',
    },
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    proc.on('exit', (code) => reject(new Error(`${name} exited (${code}): ${out}`)));
    const check = setInterval(async () => {
      const m = /已启动:(http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearInterval(check);
      const live = await (await fetch(`${m[1]}/api/health/live`)).json();
      resolve({ base: m[1], instance: live.instance, out: () => out, proc });
    }, 50);
  });
}

/** A browser's cookie jar and CSRF token, sent to whichever instance a request goes to. */
class Browser {
  cookie: string | null = null;
  csrf: string | null = null;
  async send(s: Server, method: string, url: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const r = await fetch(s.base + url, { method, headers, body: payload });
    for (const c of r.headers.getSetCookie()) {
      const m = /^luoshi_sid=([^;]*)/.exec(c);
      if (m) this.cookie = m[1] ? `luoshi_sid=${m[1]}` : null;
    }
    const raw = Buffer.from(await r.arrayBuffer());
    const json = (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(raw.toString()) : null;
    return { status: r.status, body: json, raw };
  }
  async login(s: Server, username: string, password = PASSWORD) {
    const r = await this.send(s, 'POST', '/api/auth/login', { username, password });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}

const file = (name: string, data: Buffer, fields: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(data)]), name);
  return f;
};

const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
const localToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.runIf(onPostgres)('two app processes on one PostgreSQL', () => {
  let t: TestApp;
  let c: County;
  let A: Server;
  let B: Server;
  let dir: string;
  const db = () => t.database.db;

  beforeAll(async () => {
    // The database is made (migrated, seeded) in this process; the two servers then share it.
    t = await createTestApp();
    c = await seedCounty(t.database.db);
    // An expired rate-counter window: the hourly purge deletes it — on one instance only.
    await t.database.db
      .insertInto('rate_counter')
      .values({
        key: 'expired-probe',
        window_start: '2020-01-01T00:00:00.000Z',
        count: 1,
        expires_at: '2020-01-01T00:01:00.000Z',
      })
      .execute();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-instances-'));
    [A, B] = await Promise.all([startServer(t.url, dir, 'a'), startServer(t.url, dir, 'b')]);
  }, 120_000);

  afterAll(async () => {
    for (const s of [A, B])
      if (s && s.proc.exitCode === null) {
        const gone = new Promise((r) => s.proc.once('exit', r));
        s.proc.kill('SIGTERM');
        await gone;
      }
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two processes, two lease holders', () => {
    expect(A.base).not.toBe(B.base);
    expect(A.instance).not.toBe(B.instance);
  });

  it('a session opened on A is used on B, and a logout on B ends it on A', async () => {
    const u = new Browser();
    expect((await u.login(A, 'zzb')).status).toBe(200);
    const me = await u.send(B, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'zzb', role: 'org_admin' });
    // A write on B (the logout) with the CSRF token A issued.
    expect((await u.send(B, 'POST', '/api/auth/logout')).status).toBe(200);
    expect((await u.send(A, 'GET', '/api/auth/me')).status).toBe(401);
    expect(await db().selectFrom('session').select('id').where('user_id', '=', c.users.zzb).execute()).toEqual([]);
  });

  it('an Excel import started on A is polled and its error report read on B; nothing imported', async () => {
    const u = new Browser();
    await u.login(A, 'admin');
    const members = async () =>
      Number(
        (
          await db()
            .selectFrom('member')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await members();
    const row = (name: string, id: string, branch: string) => [
      name,
      '男',
      '汉族',
      id,
      '',
      '大学本科',
      branch,
      '2010-07-01',
      '2011-07-01',
      '正式',
      '在职',
    ];
    const xlsx = await sheet([
      MEMBER_HEADER,
      row('周一平', makeId('1980-01-01', 501, '男'), 'TA01'),
      row('吴二红', badChecksum(makeId('1981-02-02', 502, '男')), 'TA01'),
      row('郑三立', makeId('1982-03-03', 503, '男'), 'ZZ99'),
    ]);
    const up = await u.send(A, 'POST', '/api/import/members', file('党员.xlsx', xlsx));
    expect(up.status).toBe(202);
    let job: any;
    for (;;) {
      const r = await u.send(B, 'GET', `/api/import/jobs/${up.body.jobId}`);
      expect(r.status).toBe(200);
      job = r.body;
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(job).toMatchObject({ status: 'failed', total: 3, imported: 0, errorCount: 2 });
    const report = await u.send(B, 'GET', `/api/import/jobs/${up.body.jobId}/error-report`);
    expect(report.status).toBe(200);
    const ws = (await openXlsx(report.raw)).worksheets[0];
    expect(ws.getCell(1, 12).value).toBe('错误说明');
    expect(String(ws.getCell(3, 12).value)).toContain('身份证号');
    expect(String(ws.getCell(4, 12).value)).toContain('所在支部编码');
    expect(await members()).toBe(before);
    const stored = await db()
      .selectFrom('import_job')
      .select(['status', 'instance'])
      .where('id', '=', up.body.jobId)
      .executeTakeFirstOrThrow();
    // The row says which instance ran it: A, the one that took the upload.
    expect(stored).toEqual({ status: 'failed', instance: A.instance });
  });

  it('a file uploaded on A downloads on B, byte for byte, from the database', async () => {
    const dcs = new Browser();
    await dcs.login(B, 'dcs');
    const made = await dcs.send(B, 'POST', '/api/tasks', {
      text: '完成村级活动场所排查',
      leadOrgId: c.orgs.townA,
      dueDate: plusDays(localToday(), 30),
    });
    expect(made.status).toBe(201);
    const town = new Browser();
    await town.login(A, 'town-a');
    expect((await town.send(B, 'POST', `/api/tasks/${made.body.id}/accept`)).status).toBe(200);
    const bytes = Buffer.concat([Buffer.from('排查台账\n'), Buffer.alloc(300_000, 7)]);
    const a = await town.send(A, 'POST', `/api/tasks/${made.body.id}/attachments`, file('排查台账.xlsx', bytes));
    expect(a.status).toBe(201);
    const got = await town.send(B, 'GET', `/api/tasks/${made.body.id}/attachments/${a.body.id}`);
    expect(got.status).toBe(200);
    expect(got.raw.equals(bytes)).toBe(true);
    // In the database's file store, not in either instance's upload directory.
    const chunks = await db().selectFrom('file_chunk').select('area').where('area', '=', 'tasks').execute();
    expect(chunks.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, 'a-uploads', 'tasks'))).toBe(false);
  });

  it('audited writes in parallel on A and B make one unbroken audit chain', async () => {
    const dcs = new Browser();
    await dcs.login(A, 'dcs');
    const due = plusDays(localToday(), 20);
    const before = await db().selectFrom('audit_log').select('id').execute();
    const made = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        dcs.send(i % 2 ? A : B, 'POST', '/api/tasks', {
          text: `并发交办事项 ${i + 1}`,
          leadOrgId: c.orgs.townB,
          dueDate: due,
        }),
      ),
    );
    expect(made.map((r) => r.status)).toEqual(Array(12).fill(201));
    const after = await db().selectFrom('audit_log').select('id').execute();
    expect(after.length).toBeGreaterThanOrEqual(before.length + 12);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, rows: after.length });
  });

  it('a campaign closed on A refuses the form, the draft and the ballot on B at once', async () => {
    const zzb = new Browser();
    await zzb.login(A, 'zzb');
    const rid = (
      await zzb.send(A, 'POST', '/api/reviews', {
        title: '两实例评议',
        year: 2026,
        orgIds: [c.orgs.townA, c.orgs.townB],
      })
    ).body.id;
    const tokens: string[] = (await zzb.send(B, 'POST', `/api/reviews/${rid}/tokens`, { count: 3 })).body.tokens;
    expect((await zzb.send(A, 'POST', `/api/reviews/${rid}/open-voting`)).status).toBe(200);
    const voter = new Browser();
    const ratings = [
      { orgId: c.orgs.townA, grade: '好' },
      { orgId: c.orgs.townB, grade: '较好' },
    ];
    // B serves the form and a ballot: it now knows the campaign as voting.
    expect((await voter.send(B, 'POST', '/api/ballots/form', { token: tokens[0] })).status).toBe(200);
    expect((await voter.send(B, 'POST', '/api/ballots', { token: tokens[0], ratings })).status).toBe(200);
    expect((await voter.send(B, 'PUT', '/api/ballots/draft', { token: tokens[1], ratings: [ratings[0]] })).status).toBe(
      200,
    );
    expect((await voter.send(B, 'POST', '/api/ballots/form', { token: tokens[1] })).status).toBe(200);
    expect((await zzb.send(A, 'POST', `/api/reviews/${rid}/close`)).status).toBe(202);
    // The very next requests, on B.
    const form = await voter.send(B, 'POST', '/api/ballots/form', { token: tokens[1] });
    expect(form.status).toBe(409);
    expect(form.body).toMatchObject({ code: 'VOTING_NOT_OPEN', message: '投票未开放或已结束' });
    const draft = await voter.send(B, 'PUT', '/api/ballots/draft', { token: tokens[2], ratings: [ratings[1]] });
    expect(draft.status).toBe(409);
    const cast = await voter.send(B, 'POST', '/api/ballots', { token: tokens[1], ratings });
    expect(cast.status).toBe(409);
    expect(cast.body.code).toBe('VOTING_NOT_OPEN');
    // One ballot, no draft left, tokens 2 and 3 unused.
    expect(await db().selectFrom('ballot').select('id').where('campaign_id', '=', rid).execute()).toHaveLength(1);
    const toks = await db()
      .selectFrom('review_token')
      .select(['hash', 'used', 'draft'])
      .where('campaign_id', '=', rid)
      .execute();
    const byHash = new Map(toks.map((x) => [x.hash, x]));
    expect(byHash.get(tokenHash(tokens[1]))).toMatchObject({ used: 0, draft: null });
    expect(byHash.get(tokenHash(tokens[2]))).toMatchObject({ used: 0, draft: null });
  });

  it('wrong passwords on A and B count together: the fifth locks the pair on both', async () => {
    const u = new Browser();
    const statuses: number[] = [];
    for (const s of [A, B, A, B, A]) statuses.push((await u.login(s, 'branch-a1', 'wrong-Pass1')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    // Locked on B as well, even with the right password.
    const right = await u.login(B, 'branch-a1');
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    const counted = await db()
      .selectFrom('rate_counter')
      .select((e) => e.fn.sum<number>('count').as('n'))
      .where('key', 'like', 'login:%')
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBeGreaterThanOrEqual(5);
  });

  it('each periodic job ran once across both (job_lock), and holds its lease for the period', async () => {
    // Both processes fired every job's first timer right after listening; the losers claimed
    // nothing. (By now — after the requests above — both claims are long settled.)
    const boot = JOBS.filter((j) => j.firstAfterMs === undefined);
    const locks = await db().selectFrom('job_lock').selectAll().execute();
    const runs = (s: Server, job: string) =>
      s
        .out()
        .split('\n')
        .filter((l) => l.startsWith('{') && JSON.parse(l).job === job).length;
    for (const j of boot) {
      const lock = locks.find((l) => l.name === j.name);
      expect(lock, j.name).toBeTruthy();
      const holder = lock!.holder;
      expect([A.instance, B.instance], j.name).toContain(holder);
      expect(runs(A, j.name) + runs(B, j.name), j.name).toBe(1);
      expect(runs(holder === A.instance ? A : B, j.name), j.name).toBe(1);
    }
    // The purge ran once: the expired window is gone, and one instance reports deleting it.
    expect(await db().selectFrom('rate_counter').select('key').where('key', '=', 'expired-probe').execute()).toEqual(
      [],
    );
    const deleted = [A, B].flatMap((s) =>
      s
        .out()
        .split('\n')
        .filter((l) => l.includes('"job":"rate-counters"') && l.includes('"deleted":1')),
    );
    expect(deleted).toHaveLength(1);
    // A third holder (this process) within the period is refused the lease.
    expect(await runJob(t.app.ctx, boot[0], { holder: 'third' })).toEqual({ ran: false });
  });
});
