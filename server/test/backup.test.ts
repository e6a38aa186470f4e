/**
 * Backups under write load, restore, and the audit anchor: `npm run backup` while the server keeps
 * writing gives a consistent copy that holds everything committed before it started; `npm run
 * restore` brings it back into an empty database and verifies the chain against the head recorded
 * with the backup; deleting the last audit rows is detected by `npm run audit:verify`.
 * Runs the real scripts as child processes, on SQLite or PostgreSQL (DATABASE_URL).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../db/connect.ts';
import { createTestApp, freshDatabaseUrl, type TestApp, type Client } from './harness.ts';
import { as, seedCounty, type County } from './fixtures.ts';
import { readAnchor } from '../lib/audit-anchor.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-backup-'));
const anchor = path.join(dir, 'live-anchor.json');
let t: TestApp;
let c: County;
let zzb: Client;

function script(name: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const p = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), `server/scripts/${name}.ts`, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TZ: 'Asia/Shanghai', LOG_LEVEL: 'silent', ...env },
      },
    );
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

beforeAll(async () => {
  t = await createTestApp({ env: { LUOSHI_AUDIT_ANCHOR: anchor } });
  c = await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Each test runs scripts as child processes (a tsx cold start each, pg_dump/pg_restore): slow on a busy machine. */
const SCRIPTS_TIMEOUT = 240_000;

const maxSeq = async (db = t.database.db) =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('seq').as('m'))
        .executeTakeFirstOrThrow()
    ).m ?? 0,
  );

describe('backup and restore', () => {
  let backupFile = '';
  let committedBefore = 0;
  let written = 0;

  it(
    'backs up while the server keeps writing',
    async () => {
      for (let i = 0; i < 20; i++)
        await zzb.post('/api/orgs', {
          code: `PRE${i}`,
          name: `备份前支部${i}`,
          type: '党支部',
          parentId: c.orgs.townA,
        });
      committedBefore = await maxSeq();
      let stop = false;
      const load = (async () => {
        while (!stop) {
          const r = await zzb.post('/api/orgs', {
            code: `LOAD${written}`,
            name: `写入中支部${written}`,
            type: '党支部',
            parentId: c.orgs.townA,
          });
          expect(r.status).toBe(201);
          written++;
        }
      })();
      const r = await script('backup', [path.join(dir, 'backups')], {
        DATABASE_URL: t.url,
        LUOSHI_AUDIT_ANCHOR: anchor,
      });
      stop = true;
      await load;
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('备份完成');
      expect(written).toBeGreaterThan(0);
      backupFile = fs
        .readdirSync(path.join(dir, 'backups'))
        .map((f) => path.join(dir, 'backups', f))
        .find((f) => /\.(db|dump)$/.test(f))!;
      expect(backupFile).toBeTruthy();
      const a = readAnchor(backupFile.replace(/\.(db|dump)$/, '.anchor.json'))!;
      expect(a.seq).toBeGreaterThanOrEqual(committedBefore);
      // The live anchor moved forward to (at least) the backup's head.
      expect(readAnchor(anchor)!.seq).toBeGreaterThanOrEqual(a.seq);
    },
    SCRIPTS_TIMEOUT,
  );

  it(
    'restores into an empty database: a consistent snapshot that verifies against its recorded head',
    async () => {
      const target = await freshDatabaseUrl();
      const restoredAnchor = path.join(dir, 'restored-anchor.json');
      try {
        const env = { DATABASE_URL: target.url, LUOSHI_AUDIT_ANCHOR: restoredAnchor };
        const r = await script('restore', [backupFile, '--force'], env);
        expect(r.code, r.out).toBe(0);
        expect(r.out).toContain('恢复完成');
        const v = await script('audit-verify', [], env);
        expect(v.code, v.out).toBe(0);
        const db = await connect(target.url);
        try {
          const head = await maxSeq(db.db);
          const recorded = readAnchor(backupFile.replace(/\.(db|dump)$/, '.anchor.json'))!;
          expect(head).toBe(recorded.seq);
          expect(head).toBeGreaterThanOrEqual(committedBefore);
          // Consistent: every org written under load that is in the copy has its audit row, and vice versa.
          const orgs = (await db.db.selectFrom('org_unit').select('code').where('code', 'like', 'LOAD%').execute())
            .map((o) => o.code)
            .sort();
          const audited = (
            await db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'org.create').execute()
          )
            .map((a) => JSON.parse(a.after_json!).code as string)
            .filter((code) => code.startsWith('LOAD'))
            .sort();
          expect(audited).toEqual(orgs);
          const pre = await db.db.selectFrom('org_unit').select('id').where('code', 'like', 'PRE%').execute();
          expect(pre).toHaveLength(20);
        } finally {
          await db.close();
        }
        // Restoring over an existing database needs --force.
        const again = await script('restore', [backupFile], env);
        expect(again.code).toBe(1);
        expect(again.out).toContain('--force');
      } finally {
        await target.drop();
      }
    },
    SCRIPTS_TIMEOUT,
  );
});

describe('the audit anchor', () => {
  it(
    'deleting the last audit rows is detected by audit:verify (and by GET /api/audit/verify)',
    async () => {
      const env = { DATABASE_URL: t.url, LUOSHI_AUDIT_ANCHOR: anchor };
      const ok = await script('audit-verify', [], env);
      expect(ok.code, ok.out).toBe(0);
      const head = await maxSeq();
      expect(readAnchor(anchor)!.seq).toBe(head);
      await t.database.db
        .deleteFrom('audit_log')
        .where('seq', '>', head - 3)
        .execute();
      const bad = await script('audit-verify', [], env);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('审计记录被截断');
      expect(bad.out).toContain(`第 ${head} 条`);
      // The anchor is evidence: a failed verification leaves it where it was.
      expect(readAnchor(anchor)!.seq).toBe(head);
      const api = await (await as(t.app, 'admin')).get('/api/audit/verify');
      expect(api.status).toBe(200);
      expect(api.body.ok).toBe(false);
      expect(api.body.anchorProblem).toContain('审计记录被截断');
    },
    SCRIPTS_TIMEOUT,
  );
});
