import type { AuditList, AuditQuery } from '../../../common/contracts/audit.ts';
import type { Ctx } from '../../context.ts';
import { pageWindow } from '../../lib/paging.ts';

/** The stored JSON as a value; a row edited into invalid JSON is shown as its raw text, not a 500. */
function parse(json: string | null): unknown {
  if (json == null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** The log, newest first, optionally for one entity (type, or type and id). The whole county: sysadmin only. */
export async function list(ctx: Ctx, f: AuditQuery): Promise<AuditList> {
  let q = ctx.db.selectFrom('audit_log');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { limit, offset } = pageWindow(f);
  const rows = await q.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: parse(r.before_json),
      after: parse(r.after_json),
      at: r.at,
      ip: r.ip,
      prevHash: r.prev_hash,
      hash: r.hash,
    })),
    total: Number(n),
  };
}
