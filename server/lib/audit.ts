import { sql, type Selectable } from 'kysely';
import type { AuditLogTable } from '../db/schema.ts';
import type { Executor } from '../db/connect.ts';
import { canonicalJson, sha256 } from './canonical.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  id: number | null;
  name: string | null;
  ip: string | null;
}

/** A row as hashed: every column but the id (assigned by the database) and the hash itself. */
type Row = Omit<Selectable<AuditLogTable>, 'id' | 'hash'>;

/** The hash of one row: its canonical content chained to the previous row's hash. */
export function rowHash(r: Row): string {
  return sha256(
    canonicalJson({
      seq: r.seq,
      actor_id: r.actor_id,
      actor_name: r.actor_name,
      action: r.action,
      entity: r.entity,
      entity_id: r.entity_id,
      before: r.before_json,
      after: r.after_json,
      at: r.at,
      ip: r.ip,
      prev: r.prev_hash,
    }),
  );
}

/**
 * Appends one row to the hash chain. Must be called inside the transaction that makes the change,
 * so that the change and its audit row commit together or not at all. On PostgreSQL an advisory
 * transaction lock serializes appenders across app instances; SQLite serializes writers itself.
 */
export async function appendAudit(
  trx: Executor,
  actor: AuditActor,
  e: AuditEntry,
  at: Date,
  dialect: 'sqlite' | 'postgres',
) {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(72011)`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row: Row = {
    seq: (last?.seq ?? 0) + 1,
    actor_id: actor.id,
    actor_name: actor.name,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId == null ? null : String(e.entityId),
    before_json: e.before === undefined ? null : canonicalJson(e.before),
    after_json: e.after === undefined ? null : canonicalJson(e.after),
    at: at.toISOString(),
    ip: actor.ip,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash: rowHash(row) })
    .execute();
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  /** The first row whose content or link does not match. */
  firstBroken?: { seq: number; id: number; reason: string };
}

/** Walks the whole chain in order and names the first row that was edited, removed or inserted. */
export async function verifyAuditChain(db: Executor): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  const pageSize = 5000;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of page) {
      rows++;
      if (r.seq !== expectedSeq)
        return {
          ok: false,
          rows,
          firstBroken: { seq: expectedSeq, id: r.id, reason: `缺少序号 ${expectedSeq} 的记录(被删除)` },
        };
      if (r.prev_hash !== prev)
        return { ok: false, rows, firstBroken: { seq: r.seq, id: r.id, reason: '与上一条记录的链接不符' } };
      if (rowHash(r) !== r.hash)
        return { ok: false, rows, firstBroken: { seq: r.seq, id: r.id, reason: '记录内容与其哈希不符(被篡改)' } };
      prev = r.hash;
      expectedSeq++;
    }
    if (page.length < pageSize) break;
  }
  return { ok: true, rows };
}
