import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/** The dialect a migration runs on, read from the Kysely adapter. */
export function dialectOf(db: Kysely<any>): 'sqlite' | 'postgres' {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'postgres';
}

/** An auto-incrementing integer primary key on either dialect. */
export function withId<T extends string>(db: Kysely<any>, t: CreateTableBuilder<T, any>) {
  return dialectOf(db) === 'sqlite'
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

/** Text that compares byte-wise (needed for materialized-path range scans on PostgreSQL). */
export function binaryText(db: Kysely<any>) {
  return dialectOf(db) === 'sqlite' ? sql`text` : sql`text collate "C"`;
}
