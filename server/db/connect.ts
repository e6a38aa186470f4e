import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import { type CheckpointOptions, type Checkpointer, type CheckpointStats, startCheckpointer } from './checkpointer.ts';
import type { DB } from './schema.ts';
import { openReader, SplitSqliteDialect } from './sqlite-reader.ts';

export type Db = Kysely<DB>;
/** What repos take: the database or the transaction they run inside. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Db;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
  /**
   * Refresh planner statistics after bulk changes (imports, demo seeding) and periodically; with
   * `tables`, only theirs (an import changed one table: analyzing every index took ~400 ms of the
   * event loop on SQLite, bench/stalls.ts).
   */
  optimize(tables?: readonly ('member' | 'org_unit')[]): Promise<void>;
  /** PostgreSQL's connection pool (its counts are exported as metrics, lib/metrics.ts). */
  pool?: { totalCount: number; idleCount: number; waitingCount: number };
  /** SQLite with the read connection: the WAL checkpoints its worker thread ran (db/checkpointer.ts). */
  walCheckpoints?: CheckpointStats;
  /** The same, with its worker thread (tests kill it: db/checkpointer.test.ts). */
  checkpointer?: Checkpointer;
}

/**
 * Opens the database named by a `sqlite:` or `postgres://` URL. A SQLite file gets a read connection
 * beside the write connection (db/sqlite-reader.ts) unless `reader` is false (SQLITE_READER=off, for
 * comparison benches); `:memory:` has one connection (a second would open another, empty database).
 * With the reader, the checkpoint of a big transaction runs in a worker thread (db/checkpointer.ts;
 * `checkpoints` sets its thresholds).
 */
export async function connect(
  databaseUrl: string,
  opts: { reader?: boolean; checkpoints?: CheckpointOptions; breatheMs?: number } = {},
): Promise<Database> {
  if (databaseUrl.startsWith('sqlite:')) {
    const { default: SQLite } = await import('better-sqlite3');
    const file = databaseUrl.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const native = new SQLite(file);
    // WAL + NORMAL: a committed transaction survives a process crash (kill -9); only an OS crash
    // can lose the last transactions. Ballots use FULL via their own pragma switch.
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    native.pragma('foreign_keys = ON');
    native.pragma('busy_timeout = 5000');
    // Planner statistics: without them SQLite may scan the whole scope instead of a pinyin index.
    // This is SQLite's recommended call on open (cheap: it only analyzes tables that need it).
    native.pragma('analysis_limit = 1000'); // ANALYZE samples: bounded cost at any table size
    native.pragma('optimize=0x10002');
    if (file === ':memory:' || opts.reader === false) {
      const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: native }) });
      return {
        db,
        dialect: 'sqlite',
        close: () => db.destroy(),
        optimize: async (tables) => void native.exec(tables ? tables.map((t) => `ANALYZE ${t};`).join('') : 'ANALYZE'),
      };
    }
    const split = new SplitSqliteDialect(native, openReader(SQLite, file), opts.breatheMs);
    const db = new Kysely<DB>({ dialect: split });
    // A big transaction's WAL is copied into the database file by a worker thread, not inside its
    // COMMIT on the event loop.
    const checkpoints = startCheckpointer(native, file, opts.checkpoints);
    split.onCommit(checkpoints);
    return {
      db,
      dialect: 'sqlite',
      walCheckpoints: checkpoints.stats,
      checkpointer: checkpoints,
      close: async () => {
        await checkpoints.stop();
        await db.destroy();
      },
      optimize: async (tables) => {
        // Through Kysely, so it waits its turn on the writer instead of running inside someone's transaction.
        for (const t of tables ?? [null]) await (t ? sql`analyze ${sql.table(t)}` : sql`analyze`).execute(db);
        split.reopenReader(() => openReader(SQLite, file));
      },
    };
  }
  const pg = (await import('pg')).default;
  // int8 (count, sum) and numeric come back as strings by default: make them numbers.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  // No parallel query on the app's connections: a request's statements are short index scans, and
  // on a small server a Gather's worker start-up costs more than the scan it splits (a province's
  // capped search count: 45 ms with two workers, 7 ms without; bench/province.ts). Options in the
  // URL (`?options=-c …`) take precedence over this.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: '-c max_parallel_workers_per_gather=0' });
  // An idle client whose backend goes away (server restart, failover, an administrator's
  // pg_terminate_backend) is reported here; without a listener Node would crash the whole app.
  // The pool drops the client and opens a new one on the next query.
  pool.on('error', (err) => {
    if ((err as any).code !== '57P01') console.error(`数据库空闲连接已断开,将自动重连:${err.message}`);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // Autovacuum catches up by itself within minutes; after a bulk load, do it now (statistics for the
  // planner, visibility map for index-only counts).
  return {
    db,
    dialect: 'postgres',
    pool,
    close: () => db.destroy(),
    optimize: async (tables) =>
      void (await (tables
        ? sql`vacuum (analyze) ${sql.join(tables.map((t) => sql.table(t)))}`
        : sql`vacuum (analyze)`
      ).execute(db)),
  };
}
