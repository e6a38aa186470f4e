/**
 * A county-scale database (≈3,000 org nodes, 50,000 members, demo accounts) for benchmarks, on
 * SQLite (temp file) or PostgreSQL (a new database on DATABASE_URL's server).
 *
 *   import { countyDatabase } from './county.ts';
 *   const c = await countyDatabase({ dialect: 'sqlite' });   // c.url, c.database, c.summary, c.drop()
 *
 * Run directly (`npx tsx bench/county.ts`) it prints the seeding time beside a comparison measured
 * in the same run: the same member rows inserted with a bare better-sqlite3 prepared statement.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { idCheckDigit } from '../common/idcard.ts';
import { connect, type Database } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { buildCounty, type CountyOptions } from '../server/modules/demo/build.ts';
import { DEMO_PASSWORD, generateCounty, type CountySummary } from '../server/modules/demo/generate.ts';
import { hashPassword } from '../server/lib/password.ts';
import { namePinyin } from '../server/lib/pinyin.ts';

export { DEMO_PASSWORD };

export interface CountyDb {
  url: string;
  dialect: 'sqlite' | 'postgres';
  database: Database;
  summary: CountySummary;
  /** Seconds spent in generateCounty (build in memory + inserts + commit). */
  seedSeconds: number;
  drop(): Promise<void>;
}

let hashed: string | undefined;

/** A fresh, migrated database URL: a temp SQLite file, or a new database on DATABASE_URL's server. */
export async function freshUrl(
  dialect: 'sqlite' | 'postgres',
  pgBase = process.env.DATABASE_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bench-'));
    return {
      url: `sqlite:${path.join(dir, 'bench.db')}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!pgBase || !/^postgres(ql)?:\/\//.test(pgBase))
    throw new Error('PostgreSQL benches need DATABASE_URL=postgres://…');
  const name = `luoshi_bench_${randomBytes(5).toString('hex')}`;
  const admin = await connect(pgBase);
  await sql.raw(`create database ${name}`).execute(admin.db);
  await admin.close();
  const u = new URL(pgBase);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = await connect(pgBase);
      await sql.raw(`drop database if exists ${name} with (force)`).execute(a.db);
      await a.close();
    },
  };
}

/** Builds the county (default: 15 townships, 50,000 members, seed 1) in a fresh database. */
export async function countyDatabase(opts: CountyOptions & { dialect: 'sqlite' | 'postgres' }): Promise<CountyDb> {
  const { url, drop } = await freshUrl(opts.dialect);
  const database = await connect(url);
  await migrateToLatest(database);
  hashed ??= await hashPassword(DEMO_PASSWORD);
  const t0 = performance.now();
  const summary = await generateCounty(database.db, { ...opts, passwordHash: hashed });
  const seedSeconds = (performance.now() - t0) / 1000;
  return {
    url,
    dialect: opts.dialect,
    database,
    summary,
    seedSeconds,
    drop: async () => {
      await database.close().catch(() => undefined);
      await drop();
    },
  };
}

/** The comparison: the county's member rows through one bare prepared statement, one transaction. */
export async function rawSqliteMemberInsert(opts: CountyOptions = {}) {
  const { default: SQLite } = await import('better-sqlite3');
  const { url, drop } = await freshUrl('sqlite');
  const database = await connect(url);
  await migrateToLatest(database);
  await database.close();
  const built = buildCounty(opts);
  const rows = built.members.map((m) => ({ ...m, ...namePinyin(m.name) }));
  const native = new SQLite(url.slice('sqlite:'.length));
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = NORMAL');
  const orgIns =
    native.prepare(`insert into org_unit (id, code, name, short_name, type, parent_id, path, depth, secretary_member_id, sort_order, status, created_at, updated_at)
    values (@id, @code, @name, @short_name, @type, @parent_id, @path, @depth, @secretary_member_id, @sort_order, '正常', 'x', 'x')`);
  native.transaction(() => {
    for (const o of built.orgs) orgIns.run(o);
  })();
  const ins =
    native.prepare(`insert into member (id, name, name_initials, name_pinyin, gender, ethnicity, birth_date, id_number, id_last4, phone, education, org_id, join_date, full_date, member_type, category, status, created_at, updated_at)
    values (@id, @name, @initials, @full, @gender, @ethnicity, @birth_date, @id_number, @last4, @phone, @education, @org_id, @join_date, @full_date, @member_type, @category, '正常', 'x', 'x')`);
  const t0 = performance.now();
  native.transaction(() => {
    for (const m of rows) ins.run({ ...m, last4: m.id_number.slice(-4) });
  })();
  const seconds = (performance.now() - t0) / 1000;
  native.close();
  await drop();
  return { rows: rows.length, seconds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dialects: ('sqlite' | 'postgres')[] = process.env.DATABASE_URL?.startsWith('postgres')
    ? ['sqlite', 'postgres']
    : ['sqlite'];
  for (const dialect of dialects) {
    const c = await countyDatabase({ dialect });
    console.log(
      `[${dialect}] 示范县:组织 ${c.summary.orgs},党员 ${c.summary.members},生成并写入 ${c.seedSeconds.toFixed(2)} s`,
    );
    await c.drop();
  }
  const raw = await rawSqliteMemberInsert();
  console.log(`[对照] better-sqlite3 预编译语句、单事务插入同样的 ${raw.rows} 名党员:${raw.seconds.toFixed(2)} s`);
}

/**
 * An 党员导入 sheet of `n` members of another seed, with IDs moved to region 97…… so they cannot
 * clash with the county's 99……, spread over `branchCodes`; also the rows, to check what was stored.
 */
export async function memberImportSheet(branchCodes: string[], n: number) {
  const src = buildCounty({ seed: 4242, membersTarget: n }).members.slice(0, n);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员导入');
  ws.addRow([
    '*姓名',
    '性别',
    '民族',
    '*身份证号',
    '手机',
    '学历',
    '*所在支部编码',
    '入党日期',
    '转正日期',
    '*正式/预备',
    '*党员类别',
  ]);
  const rows = src.map((m, i) => {
    const first17 = `97${m.id_number.slice(2, 17)}`;
    return { ...m, id_number: first17 + idCheckDigit(first17), code: branchCodes[i % branchCodes.length] };
  });
  for (const m of rows) {
    ws.addRow([
      m.name,
      m.gender,
      m.ethnicity,
      m.id_number,
      m.phone,
      m.education,
      m.code,
      new Date(`${m.join_date}T00:00:00Z`),
      m.full_date ?? null,
      m.member_type,
      m.category,
    ]);
  }
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}
