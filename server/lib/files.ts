/**
 * Where uploaded files live — the one store every module writes to and reads from.
 *
 * - `directory` (SQLite's store, and PostgreSQL's when LUOSHI_FILE_STORE=directory): files under
 *   LUOSHI_UPLOAD_DIR/<area>/<name>. Only one machine sees them, or machines sharing a mount.
 * - `database` (PostgreSQL's default): `file_chunk` rows of ≤ 1 MB bytea, so every app instance on
 *   the database sees every file, backups hold them, and a read streams one chunk at a time.
 *   Files written to the directory before the switch are still found there (read fallback);
 *   `npm run files:to-db` copies them into the database so that every instance serves them.
 *
 * Callers write the file first, then their row in a transaction, and remove the file if that
 * transaction fails (as with a directory, a file cannot take part in a SQL transaction there).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import type { Ctx } from '../context.ts';
import type { Executor } from '../db/connect.ts';
import { AppError } from './errors.ts';

export type FileStoreKind = 'directory' | 'database';
/** The subfolder of a module's files: tasks, orglife, cobuild, imports. */
export type FileArea = 'tasks' | 'orglife' | 'cobuild' | 'imports' | 'commend';

export const CHUNK_BYTES = 1024 * 1024;

/** What the store needs: also built by the demo seeders, which have no Ctx. */
export interface FileTarget {
  db: Executor;
  store: FileStoreKind;
  uploadDir: string;
}

export const fileTarget = (ctx: Pick<Ctx, 'db' | 'config'>): FileTarget => ({
  db: ctx.db,
  store: ctx.config.fileStore,
  uploadDir: ctx.config.uploadDir,
});

/** The default for a database: inside PostgreSQL, the directory for SQLite. */
export const defaultFileStore = (dialect: Config['dialect']): FileStoreKind =>
  dialect === 'postgres' ? 'database' : 'directory';

const diskPath = (t: FileTarget, area: FileArea, name: string) => path.join(t.uploadDir, area, name);

/** Stores `data` as `area/name` (a name the caller made unique, e.g. `<id>/<random>.pdf`). */
export async function putFile(t: FileTarget, area: FileArea, name: string, data: Buffer) {
  if (t.store === 'directory') {
    const full = diskPath(t, area, name);
    await fs.promises.mkdir(path.dirname(full), { recursive: true });
    await fs.promises.writeFile(full, data);
    return;
  }
  const rows: { area: string; name: string; seq: number; data: Buffer }[] = [];
  for (let seq = 0, at = 0; at < data.length || seq === 0; seq++, at += CHUNK_BYTES)
    rows.push({ area, name, seq, data: data.subarray(at, at + CHUNK_BYTES) });
  // A few chunks per statement (bounded parameter size, one round trip for a typical photo), all
  // in one transaction: a reader never sees half a file.
  const write = async (db: Executor) => {
    for (let i = 0; i < rows.length; i += 8)
      await db
        .insertInto('file_chunk')
        .values(rows.slice(i, i + 8))
        .execute();
  };
  if (t.db.isTransaction) await write(t.db);
  else await t.db.transaction().execute(write);
}

/** Removes `area/name` (no error if it is not there). */
export async function removeFile(t: FileTarget, area: FileArea, name: string) {
  if (t.store === 'database')
    await t.db.deleteFrom('file_chunk').where('area', '=', area).where('name', '=', name).execute();
  await fs.promises.rm(diskPath(t, area, name), { force: true });
}

async function hasChunks(t: FileTarget, area: FileArea, name: string) {
  const r = await t.db
    .selectFrom('file_chunk')
    .select('seq')
    .where('area', '=', area)
    .where('name', '=', name)
    .where('seq', '=', 0)
    .executeTakeFirst();
  return !!r;
}

async function* chunks(t: FileTarget, area: FileArea, name: string) {
  for (let seq = 0; ; seq++) {
    const r = await t.db
      .selectFrom('file_chunk')
      .select('data')
      .where('area', '=', area)
      .where('name', '=', name)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!r) return;
    yield Buffer.from(r.data);
  }
}

/**
 * The file as a stream (downloads): chunk by chunk from the database, so a 50 MB file never sits
 * whole in memory. Throws ENOENT (before the first byte) when it exists nowhere.
 */
export async function openFile(t: FileTarget, area: FileArea, name: string): Promise<Readable> {
  if (t.store === 'database' && (await hasChunks(t, area, name))) return Readable.from(chunks(t, area, name));
  const full = diskPath(t, area, name);
  await fs.promises.access(full);
  return fs.createReadStream(full);
}

/** A stored attachment for a download: 404 with a Chinese message (not a 500) when it is gone. */
export async function openStored(ctx: Pick<Ctx, 'db' | 'config'>, area: FileArea, name: string) {
  try {
    return await openFile(fileTarget(ctx), area, name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    throw new AppError(
      'FILE_MISSING',
      404,
      ctx.config.fileStore === 'database'
        ? '附件文件不存在:可能仍在旧的上传目录中,请系统管理员运行 npm run files:to-db 迁入数据库'
        : '附件文件不存在:上传目录中找不到该文件,请联系系统管理员',
    );
  }
}

/** The whole file in memory (for callers that parse it, e.g. the import error report). */
export async function readFile(t: FileTarget, area: FileArea, name: string): Promise<Buffer> {
  if (t.store === 'database' && (await hasChunks(t, area, name))) {
    const parts: Buffer[] = [];
    for await (const c of chunks(t, area, name)) parts.push(c);
    return Buffer.concat(parts);
  }
  return fs.promises.readFile(diskPath(t, area, name));
}

/**
 * Copies every file of the upload directory into the database (the migration path from a
 * directory to `database`); files already there are skipped. Returns how many were copied.
 */
export async function copyDirectoryToDatabase(t: FileTarget, areas: readonly FileArea[]) {
  let copied = 0;
  for (const area of areas) {
    const root = path.join(t.uploadDir, area);
    if (!fs.existsSync(root)) continue;
    for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      const name = rel.split(path.sep).join('/');
      if (!fs.statSync(path.join(root, rel)).isFile() || (await hasChunks(t, area, name))) continue;
      await putFile({ ...t, store: 'database' }, area, name, await fs.promises.readFile(path.join(root, rel)));
      copied++;
    }
  }
  return copied;
}
