/**
 * Backups that are consistent while the server writes, and restores that check what they bring
 * back. (A plain file copy of a live SQLite database in WAL mode misses whatever is still in the
 * -wal file: recent commits silently gone.)
 *
 * - SQLite: the online backup API (better-sqlite3 `backup`), all pages in one step, so the copy is
 *   one read snapshot (in WAL mode the server keeps writing meanwhile).
 * - PostgreSQL: `pg_dump -Fc` on a snapshot exported by our own REPEATABLE READ transaction, in
 *   which the audit chain head is read too: the head recorded with the dump is exactly the dump's.
 *
 * Each backup `<name>.db|.dump` gets `<name>.anchor.json`: the audit chain head it contains. The
 * live anchor (lib/audit-anchor.ts) moves forward to it as well.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { connect } from '../db/connect.ts';
import type { DB } from '../db/schema.ts';
import { type Anchor, advanceAnchor, chainHead, readAnchor, verifyAnchored, writeAnchor } from './audit-anchor.ts';

export interface BackupResult {
  file: string;
  anchorFile: string;
  head: { seq: number; hash: string } | null;
  bytes: number;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');

/** A PostgreSQL client program: PG_BIN, then PATH, then the Debian cluster directories. */
export function pgTool(name: 'pg_dump' | 'pg_restore', env = process.env): string {
  const dirs = [env.PG_BIN, ...(env.PATH ?? '').split(path.delimiter)];
  try {
    for (const v of fs.readdirSync('/usr/lib/postgresql').sort().reverse()) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {
    /* not Debian */
  }
  for (const d of dirs) if (d && fs.existsSync(path.join(d, name))) return path.join(d, name);
  throw new Error(`找不到 ${name}:请安装 PostgreSQL 客户端,或用 PG_BIN 指定其目录`);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'], env });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} 失败(退出码 ${code}):${err.trim()}`)),
    );
  });
}

/** Connection options for pg tools without putting the password on the command line. */
function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
}
const pgUrlNoPassword = (url: string) => {
  const u = new URL(url);
  u.password = '';
  return u.toString();
};

/** The live database for reading only (SQLite: no pragmas that write); PostgreSQL: a normal pool. */
async function openReadOnly(databaseUrl: string): Promise<{ db: Kysely<DB>; close: () => Promise<void> }> {
  if (!databaseUrl.startsWith('sqlite:')) return connect(databaseUrl);
  const { default: SQLite } = await import('better-sqlite3');
  const native = new SQLite(databaseUrl.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
  native.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: native }) });
  return { db, close: () => db.destroy() };
}

/** Backs the database up into `dir`; returns the file and the audit head it holds. */
export async function backup(
  opts: { databaseUrl: string; dir: string; anchorPath: string },
  now = new Date(),
): Promise<BackupResult> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const base = path.join(opts.dir, `luoshi-${stamp(now)}`);
  let file: string;
  let head: BackupResult['head'];
  if (opts.databaseUrl.startsWith('sqlite:')) {
    file = `${base}.db`;
    const { default: SQLite } = await import('better-sqlite3');
    const src = new SQLite(opts.databaseUrl.slice('sqlite:'.length), { fileMustExist: true });
    try {
      src.pragma('busy_timeout = 10000');
      // One step for all pages: a single consistent read, never restarted by the server's writes.
      await src.backup(`${file}.part`, { progress: () => 1 << 30 });
    } finally {
      src.close();
    }
    fs.renameSync(`${file}.part`, file);
    const copy = await connect(`sqlite:${file}`);
    try {
      head = await chainHead(copy.db);
    } finally {
      await copy.close();
    }
  } else {
    file = `${base}.dump`;
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: opts.databaseUrl });
    await client.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const snap = (await client.query('select pg_export_snapshot() as s')).rows[0].s as string;
      const h = (await client.query('select seq, hash from audit_log order by seq desc limit 1')).rows[0];
      head = h ? { seq: Number(h.seq), hash: h.hash } : null;
      await run(
        pgTool('pg_dump'),
        ['-Fc', '--no-owner', `--snapshot=${snap}`, '-f', `${file}.part`, pgUrlNoPassword(opts.databaseUrl)],
        pgEnv(opts.databaseUrl),
      );
      await client.query('commit');
    } finally {
      await client.end();
    }
    fs.renameSync(`${file}.part`, file);
  }
  const anchorFile = `${base}.anchor.json`;
  if (head) {
    writeAnchor(anchorFile, head, `备份 ${path.basename(file)}`, now);
    // The live anchor moves forward too (never backwards, never over a truncated chain). Read-only
    // on SQLite: connect()'s PRAGMA optimize may write statistics, and a write from this process
    // while the server is inside a transaction makes the server's next write fail (SQLITE_BUSY).
    const live = await openReadOnly(opts.databaseUrl);
    try {
      const problem = await advanceAnchor(live.db, opts.anchorPath, now);
      if (problem) throw new Error(`备份已完成,但${problem}`);
    } finally {
      await live.close();
    }
  }
  return { file, anchorFile, head, bytes: fs.statSync(file).size };
}

/** The anchor file written beside a backup. */
export const anchorOf = (backupFile: string) => backupFile.replace(/\.(db|dump)$/, '.anchor.json');

/**
 * Restores a backup over the configured database (the server must be stopped), then verifies the
 * restored chain against the backup's anchor and makes that the live anchor.
 */
export async function restore(opts: { databaseUrl: string; file: string; anchorPath: string; force: boolean }) {
  if (!fs.existsSync(opts.file)) throw new Error(`备份文件不存在:${opts.file}`);
  const backupAnchor: Anchor | null = readAnchor(anchorOf(opts.file));
  if (opts.databaseUrl.startsWith('sqlite:')) {
    if (!opts.file.endsWith('.db')) throw new Error('SQLite 数据库只能从 .db 备份恢复');
    const target = path.resolve(opts.databaseUrl.slice('sqlite:'.length));
    if (fs.existsSync(target) && !opts.force)
      throw new Error(`目标数据库 ${target} 已存在:确认服务已停止、要用备份覆盖它时,加 --force`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    for (const f of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
    fs.copyFileSync(opts.file, `${target}.restoring`);
    fs.renameSync(`${target}.restoring`, target);
  } else {
    if (!opts.file.endsWith('.dump')) throw new Error('PostgreSQL 只能从 .dump 备份(pg_dump -Fc)恢复');
    const db = await connect(opts.databaseUrl);
    try {
      const { sql } = await import('kysely');
      const tables = (
        await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = current_schema()`.execute(
          db.db,
        )
      ).rows[0].n;
      if (tables > 0 && !opts.force)
        throw new Error('目标数据库中已有数据表:确认服务已停止、要用备份覆盖它时,加 --force');
    } finally {
      await db.close();
    }
    await run(
      pgTool('pg_restore'),
      ['--clean', '--if-exists', '--no-owner', '--exit-on-error', '-d', pgUrlNoPassword(opts.databaseUrl), opts.file],
      pgEnv(opts.databaseUrl),
    );
  }
  const db = await connect(opts.databaseUrl);
  try {
    // Restoring rewinds the chain on purpose: the backup's head becomes the anchor, and must match.
    if (backupAnchor) writeAnchor(opts.anchorPath, backupAnchor, `恢复自 ${path.basename(opts.file)}`);
    else fs.rmSync(opts.anchorPath, { force: true });
    const v = await verifyAnchored(db.db, opts.anchorPath);
    const head = await chainHead(db.db);
    if (backupAnchor && (head?.seq !== backupAnchor.seq || head?.hash !== backupAnchor.hash))
      throw new Error(`恢复后的审计链末尾(第 ${head?.seq ?? 0} 条)与备份记录的第 ${backupAnchor.seq} 条不符`);
    return { verify: v, head };
  } finally {
    await db.close();
  }
}
