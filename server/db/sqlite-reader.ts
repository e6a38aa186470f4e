/**
 * SQLite with a read connection beside the write connection.
 *
 * Kysely's own SQLite driver has ONE connection behind a mutex: a transaction holds it from BEGIN
 * to COMMIT, across every await in between, so while a 50,000-row import was writing (one
 * transaction, deliberately: a restart never leaves half an import) every other request — a
 * health check, a page's SELECT — waited for the commit, up to 19 s (bench/stalls.ts).
 *
 * In WAL mode a second connection reads the last committed state while a write transaction is
 * open on the first. So: a query that is not inside a transaction (or a reserved `db.connection()`)
 * and is a plain SELECT runs on the reader; everything else — writes, transactions, pragmas, DDL —
 * runs on the writer, one lease at a time in arrival order, as before. Each statement on the reader
 * is its own autocommit read transaction, so it sees every write committed before it started
 * (connect.test.ts checks this). Writes still queue behind a long write transaction: SQLite has one
 * writer (docs/ARCHITECTURE.md, "Departures").
 *
 * better-sqlite3 is synchronous: a statement holds the event loop while it runs, whichever
 * connection it is on. The reader removes waiting on the writer's lock, not the cost of a slow
 * query; long work must still be chunked (imports, exports, the campaign close do).
 */
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/** The reader refuses writes (`query_only`): a misrouted write fails loudly instead of racing the writer. */
export function openReader(Ctor: typeof SQLite, file: string): SQLite.Database {
  const r = new Ctor(file, { fileMustExist: true });
  r.pragma('query_only = ON');
  r.pragma('busy_timeout = 5000');
  return r;
}

/** A statement that only reads: a Kysely select, or raw SQL that is a single SELECT. */
export function isPlainRead(q: CompiledQuery): boolean {
  if (SelectQueryNode.is(q.query)) return true;
  return q.query.kind === 'RawNode' && /^\s*select\b/i.test(q.sql);
}

function run(db: SQLite.Database, q: CompiledQuery): QueryResult<unknown> {
  const stmt = db.prepare(q.sql);
  if (stmt.reader) return { rows: stmt.all(q.parameters as unknown[]) };
  const { changes, lastInsertRowid } = stmt.run(q.parameters as unknown[]);
  return {
    numAffectedRows: changes == null ? undefined : BigInt(changes),
    insertId: lastInsertRowid == null ? undefined : BigInt(lastInsertRowid),
    rows: [],
  };
}

/** First come, first served: a waiting transaction is not overtaken by later single writes. */
class Mutex {
  #held = false;
  #queue: (() => void)[] = [];
  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }
  unlock() {
    const next = this.#queue.shift();
    if (next) next();
    else this.#held = false;
  }
}

/**
 * A turn of the event loop between statements once one stretch has run for BREATHE_MS.
 * better-sqlite3 answers at once, so code that awaits query after query (a job's loop, a report over
 * many units) runs as one stretch of microtasks: timers, sockets and every other request wait until
 * it ends — the day's first reminder pass held the server 3.6 s, the quarterly letters 1.1 s. At a
 * statement the driver notes whether the loop has turned since the stretch began (an immediate
 * scheduled then has run); if not, and the stretch is older than BREATHE_MS, the statement waits for
 * that immediate. Inside a transaction the writer stays held meanwhile (others' writes wait, reads go
 * to the reader), as across any await. One statement that runs long is not cut (chunk it).
 */
export const BREATHE_MS = 20;

class Breather {
  #turn: Promise<void> | null = null;
  #since = 0;
  constructor(readonly ms: number) {}
  /** Resolves at once, or after a turn of the loop if this stretch has run past BREATHE_MS. */
  async breathe(): Promise<void> {
    if (!this.#turn) {
      this.#since = performance.now();
      this.#turn = new Promise<void>((r) =>
        setImmediate(() => {
          this.#turn = null;
          r();
        }),
      );
      return;
    }
    if (performance.now() - this.#since > this.ms) await this.#turn;
  }
}

/**
 * What Kysely gets for each query, transaction or reserved connection. It takes the writer on its
 * first statement that needs it and keeps it until released: a transaction's reads see its own
 * writes, and a `db.connection()` that set a pragma keeps others out until it is done.
 */
class Lease implements DatabaseConnection {
  #holds = false;
  constructor(readonly pair: SplitDriver) {}
  async hold() {
    if (this.#holds) return;
    await this.pair.mutex.lock();
    this.#holds = true;
  }
  release() {
    if (!this.#holds) return;
    this.#holds = false;
    this.pair.mutex.unlock();
  }
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    await this.pair.breather.breathe();
    return this.executeNow(q);
  }
  /** Without the breather's turn (the COMMIT, right after the checkpoint hook has decided). */
  async executeNow<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#holds && isPlainRead(q)) return run(this.pair.reader, q) as QueryResult<R>;
    await this.hold();
    return run(this.pair.writer, q) as QueryResult<R>;
  }
  // Not used by the app; an iterator keeps its connection busy across awaits, so it takes the writer.
  async *streamQuery<R>(q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(q.query)) throw new Error('SQLite streams only SELECT queries');
    await this.hold();
    for (const row of this.pair.writer.prepare(q.sql).iterate(q.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/** Called at each transaction's BEGIN and around its COMMIT on the writer (db/checkpointer.ts hands big ones to its worker). */
export interface CommitHook {
  afterBegin(): void;
  beforeCommit(): void;
  afterCommit(): void;
}

class SplitDriver implements Driver {
  readonly mutex = new Mutex();
  readonly breather: Breather;
  commitHook: CommitHook | null = null;
  constructor(
    readonly writer: SQLite.Database,
    public reader: SQLite.Database,
    breatheMs: number,
  ) {
    this.breather = new Breather(breatheMs);
  }
  async init() {}
  async acquireConnection() {
    return new Lease(this);
  }
  async beginTransaction(c: DatabaseConnection) {
    await (c as Lease).hold();
    await c.executeQuery(CompiledQuery.raw('begin'));
    this.commitHook?.afterBegin();
  }
  async commitTransaction(c: DatabaseConnection) {
    // The turn (if one is due) before the hook decides: nothing runs between its decision and the COMMIT.
    await this.breather.breathe();
    this.commitHook?.beforeCommit();
    try {
      await (c as Lease).executeNow(CompiledQuery.raw('commit'));
    } finally {
      this.commitHook?.afterCommit();
    }
  }
  async rollbackTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(c: DatabaseConnection) {
    (c as Lease).release();
  }
  async destroy() {
    this.reader.close();
    this.writer.close();
  }
}

/** A Kysely dialect over a write connection and a read connection to the same WAL database file. */
export class SplitSqliteDialect implements Dialect {
  readonly driver: SplitDriver;
  constructor(writer: SQLite.Database, reader: SQLite.Database, breatheMs = BREATHE_MS) {
    this.driver = new SplitDriver(writer, reader, breatheMs);
  }
  createDriver() {
    return this.driver;
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
  onCommit(hook: CommitHook) {
    this.driver.commitHook = hook;
  }
  /**
   * A fresh reader: a connection reads planner statistics (sqlite_stat1) when it first reads the
   * schema, so after ANALYZE on the writer the reader is reopened to plan with the new figures.
   */
  reopenReader(open: () => SQLite.Database) {
    const old = this.driver.reader;
    this.driver.reader = open();
    old.close();
  }
}
