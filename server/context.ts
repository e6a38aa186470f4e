import type { Config } from './config.ts';
import type { Database, Db, Executor } from './db/connect.ts';
import type { Clock } from './lib/clock.ts';
import { appendAudit, type AuditEntry } from './lib/audit.ts';
import type { Actor } from './lib/scope.ts';

/** Everything a service needs, passed explicitly (no container). */
export interface Ctx {
  config: Config;
  database: Database;
  db: Db;
  dialect: 'sqlite' | 'postgres';
  clock: Clock;
}

/** Records a mutation in the audit chain inside the caller's transaction. */
export function audit(ctx: Ctx, trx: Executor, actor: Actor | null, e: AuditEntry) {
  return appendAudit(
    trx,
    { id: actor?.userId ?? null, name: actor ? `${actor.username}` : null, ip: actor?.ip ?? null },
    e,
    ctx.clock.now(),
    ctx.dialect,
  );
}

export const nowIso = (ctx: Ctx) => ctx.clock.now().toISOString();
