/** What `npm run demo` does to its database before starting: seed once, never clobber real data. */
import { sql } from 'kysely';
import type { Database } from '../../db/connect.ts';
import { DemoRefusedError, generateCounty, isEmptyDatabase, type CountySummary } from './generate.ts';
import type { CountyOptions } from './build.ts';
import { seedActivity } from './activity.ts';

export type SeedOutcome = { state: 'seeded'; summary: CountySummary } | { state: 'existing' };

const hasDemoAccounts = async (database: Database) =>
  !!(await database.db.selectFrom('app_user').select('id').where('username', '=', 'demo-admin').executeTakeFirst());

/**
 * Empties every table except the migration bookkeeping (schema stays). Tables of all modules,
 * including ones added after this was written, are found from the catalogue.
 */
export async function clearDatabase(database: Database) {
  const { db, dialect } = database;
  if (dialect === 'sqlite') {
    const rows = await sql<{
      name: string;
      sql: string | null;
    }>`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
      db,
    );
    // Virtual tables (FTS5) are emptied through themselves; their shadow tables may not be touched.
    const virtual = rows.rows.filter((r) => /^create\s+virtual/i.test(r.sql ?? '')).map((r) => r.name);
    const plain = rows.rows
      .map((r) => r.name)
      .filter((n) => !virtual.includes(n) && !virtual.some((v) => n.startsWith(`${v}_`)));
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      await db.transaction().execute(async (trx) => {
        for (const name of [...plain, ...virtual]) await sql`delete from ${sql.table(name)}`.execute(trx);
        const seqTable = await sql`select name from sqlite_master where name = 'sqlite_sequence'`.execute(trx);
        if (seqTable.rows.length) await sql`delete from sqlite_sequence`.execute(trx);
      });
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
  } else {
    const rows = await sql<{
      tablename: string;
    }>`select tablename from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(
      db,
    );
    if (rows.rows.length)
      await sql
        .raw(`truncate ${rows.rows.map((r) => `"${r.tablename}"`).join(', ')} restart identity cascade`)
        .execute(db);
  }
}

/**
 * Seeds the demo county unless it is already there. A database with other data is refused unless
 * `force`, which empties it first.
 */
export async function seedDemo(
  database: Database,
  opts: CountyOptions & { force?: boolean; now?: Date; uploadDir?: string } = {},
): Promise<SeedOutcome> {
  if (!opts.force && (await hasDemoAccounts(database))) return { state: 'existing' };
  if (!(await isEmptyDatabase(database.db))) {
    if (!opts.force)
      throw new DemoRefusedError(
        '数据库不是空的(已有组织、党员或账号),为避免覆盖真实数据,拒绝写入演示数据。确认要清空该数据库并生成示范县,请加 --force。',
      );
    await clearDatabase(database);
  }
  const summary = await generateCounty(database.db, opts);
  await seedActivity(database.db, database.dialect, summary, opts.seed ?? 1, opts.now ?? new Date(), opts.uploadDir);
  return { state: 'seeded', summary };
}
