import fs from 'node:fs';
import { sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';

/**
 * Durable ballot commits on SQLite without blocking the event loop.
 *
 * better-sqlite3 runs synchronously, so a commit with synchronous=FULL blocks the whole process for
 * the fsync (measured: a third of the server's time in bench/ballots.ts once a ballot was one
 * insert), and no request can even be parsed meanwhile. Instead a ballot group commits with the
 * process-wide synchronous=NORMAL — in WAL mode that write()s the commit's frames to the WAL
 * without fsync — and the receipts are sent only after an fsync of the WAL file that STARTED after
 * the commit, run on the libuv thread pool. fsync flushes the whole file (any descriptor of the
 * same inode), so once it returns the commit frames are on disk: the same guarantee FULL gives for
 * an acknowledged ballot, OS crash and power loss included. Frames a checkpoint has already copied
 * out are safe too: with NORMAL, SQLite syncs the WAL before and the database after a checkpoint.
 * Concurrent callers share one fsync (a second caller arriving while one runs waits for the next).
 *
 * The WAL is opened by name for every fsync, so a WAL that was truncated or recreated is never
 * missed; if it does not exist (everything checkpointed and the WAL removed) the database file is
 * synced instead.
 */
export class WalSync {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  private constructor(private readonly file: string) {}

  /** null when the database has no file or is not in WAL mode: then callers commit with FULL instead. */
  static async of(db: Executor): Promise<WalSync | null> {
    const mode = (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]?.journal_mode;
    const file = (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db))
      .rows[0]?.file;
    return mode?.toLowerCase() === 'wal' && file ? new WalSync(file) : null;
  }

  /** Resolves once everything committed before this call is on disk. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.fsync().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // The running fsync may have started before the caller's commit: wait for the next one.
    if (!this.next) {
      this.next = this.running
        .catch(() => undefined)
        .then(() => {
          this.next = null;
          return this.sync();
        });
    }
    return this.next;
  }

  private async fsync() {
    let fh: fs.promises.FileHandle;
    try {
      fh = await fs.promises.open(`${this.file}-wal`, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      fh = await fs.promises.open(this.file, 'r');
    }
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}
