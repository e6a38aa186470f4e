/**
 * A taken 身份证号 without a membership oracle. Inside the caller's subtree the duplicate is named
 * as before. Outside it the answer says only "registered elsewhere — ask for a transfer"
 * (useful, and fine once per request), and every such answer is audited and counted against the
 * account's daily budget: past it, create/edit answers 429 and an import stops naming rows. An
 * import names at most IMPORT_NAMED out-of-scope rows per file, then one line without a count,
 * so a 100,000-row sheet is not a bulk lookup of the county's membership.
 */
import type { Ctx } from '../../context.ts';
import { audit } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { hit } from '../../lib/counters.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { isInPath, type Actor } from '../../lib/scope.ts';

export const ELSEWHERE_MESSAGE = '该身份证号已在其他组织登记,请联系上级组织部门办理转接';
export const ELSEWHERE_MORE = '另有若干行的身份证号已在其他组织登记;为保护个人信息不逐行列出,请联系上级组织部门核对';
/** "Registered elsewhere" answers per account per day. */
export const ELSEWHERE_PER_DAY = 20;
/** Out-of-scope rows an import names, per file. */
export const IMPORT_NAMED = 3;

export interface Owner {
  id: number;
  org_path: string;
}

/** Members holding any of `ids`, with their branch path. */
export async function takenIds(db: Executor, ids: string[]): Promise<Map<string, Owner>> {
  const out = new Map<string, Owner>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('member')
      .select(['id', 'id_number', 'org_path'])
      .where('id_number', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id_number, { id: r.id, org_path: r.org_path });
    // An import checks 100,000 numbers: 200 synchronous look-ups in a row would hold the event loop.
    if (i + 500 < ids.length) await new Promise<void>((r) => setImmediate(r));
  }
  return out;
}

export const ownedInScope = (o: Owner, actor: Actor) => isInPath(o.org_path, actor.scopePath);

/** Thrown inside a write transaction; turned into the answer once that transaction has rolled back. */
export class TakenElsewhere extends Error {
  constructor(public owner: Owner) {
    super('id number registered outside the caller scope');
  }
}

/** Audits `count` out-of-scope duplicates and counts `named` of them; false once over the daily budget. */
export async function recordElsewhere(
  ctx: Ctx,
  actor: Actor,
  source: 'create' | 'update' | 'import',
  count: number,
  named: number,
  memberIds: number[],
) {
  const total = named ? await hit(ctx.db, `id-elsewhere:${actor.userId}`, 86_400, ctx.clock.now(), named) : 0;
  await ctx.db.transaction().execute((trx) =>
    audit(ctx, trx, actor, {
      action: 'member.id_elsewhere',
      entity: 'member',
      entityId: memberIds.length === 1 ? memberIds[0] : null,
      after: { source, count, memberIds: memberIds.slice(0, 20) },
    }),
  );
  return total <= ELSEWHERE_PER_DAY;
}

/** The answer to a create/edit whose ID number is held outside the caller's subtree. */
export async function elsewhereError(ctx: Ctx, actor: Actor, e: TakenElsewhere, source: 'create' | 'update') {
  const ok = await recordElsewhere(ctx, actor, source, 1, 1, [e.owner.id]);
  if (!ok)
    return new AppError(
      'ID_LOOKUP_LIMIT',
      429,
      `今日「已在其他组织登记」的提示已达 ${ELSEWHERE_PER_DAY} 次上限,请明日再办理或联系上级组织部门`,
    );
  return conflict('ID_NUMBER_ELSEWHERE', ELSEWHERE_MESSAGE);
}

/** Inside the write transaction: in scope → the usual 409; outside → TakenElsewhere. */
export function takenError(owner: Owner, actor: Actor) {
  return ownedInScope(owner, actor) ? conflict('ID_NUMBER_TAKEN', '该身份证号已登记为党员') : new TakenElsewhere(owner);
}
