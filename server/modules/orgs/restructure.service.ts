/**
 * Changes to the shape of the tree — move a subtree, dissolve a node, merge one node into
 * another — each in one transaction with its 沿革 lines and audit row.
 */
import { sql } from 'kysely';
import type { OrgMerged } from '../../../common/contracts/orgs.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, badRequest, conflict } from '../../lib/errors.ts';
import { orgInScope, pathUpper, scopedOrgIds, type Actor } from '../../lib/scope.ts';
import { history } from './orgs.service.ts';

/** Nodes strictly below the caller's scope root can be moved, dissolved and merged. */
async function movableInScope(trx: Executor, actor: Actor, id: number) {
  const o = await orgInScope(trx, actor, id);
  if (o.id === actor.scopeOrgId || o.parent_id == null)
    throw new AppError('ORG_IS_SCOPE_ROOT', 403, '不能移动、撤销或合并本级(管辖范围的根)组织');
  if (o.status !== '正常') throw badRequest('ORG_DISSOLVED', `组织「${o.name}」已撤销`);
  return o;
}

/** Moves a subtree under a new parent; paths of the whole subtree are rewritten in one statement. */
export async function move(ctx: Ctx, actor: Actor, id: number, newParentId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const o = await movableInScope(trx, actor, id);
    const np = await orgInScope(trx, actor, newParentId);
    if (np.status !== '正常') throw badRequest('ORG_PARENT_DISSOLVED', `目标上级「${np.name}」已撤销`);
    if (np.path.startsWith(o.path))
      throw badRequest('ORG_MOVE_CYCLE', `不能把「${o.name}」移动到它自己或它的下级「${np.name}」之下`);
    if (np.id === o.parent_id) throw badRequest('ORG_MOVE_NOOP', `「${o.name}」已在「${np.name}」之下`);
    await moveSubtree(trx, ctx, o, np);
    const old = await trx.selectFrom('org_unit').select('name').where('id', '=', o.parent_id!).executeTakeFirst();
    await history(trx, ctx, actor, id, '调整隶属', `由「${old?.name ?? ''}」调整到「${np.name}」`);
    await audit(ctx, trx, actor, {
      action: 'org.move',
      entity: 'org_unit',
      entityId: id,
      before: { parentId: o.parent_id },
      after: { parentId: np.id },
    });
    return { ok: true };
  });
}

async function moveSubtree(
  trx: Executor,
  ctx: Ctx,
  o: { id: number; path: string; depth: number },
  np: { id: number; path: string; depth: number },
) {
  const newPath = `${np.path}${o.id}/`;
  await trx
    .updateTable('org_unit')
    .set({
      path: sql<string>`${newPath} || substr(path, ${o.path.length + 1})`,
      depth: sql<number>`depth + ${np.depth + 1 - o.depth}`,
      updated_at: nowIso(ctx),
    })
    .where((eb) => eb.and([eb('path', '>=', o.path), eb('path', '<', pathUpper(o.path))]))
    .execute();
  await trx.updateTable('org_unit').set({ parent_id: np.id }).where('id', '=', o.id).execute();
}

/** Dissolves a node; refused while it or its sub-nodes still hold members or live sub-nodes. */
export async function dissolve(ctx: Ctx, actor: Actor, id: number, reason?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const o = await movableInScope(trx, actor, id);
    const members = await trx
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', 'in', scopedOrgIds(trx, o.path))
      .where('status', '=', '正常')
      .executeTakeFirstOrThrow();
    if (Number(members.n) > 0)
      throw conflict(
        'ORG_HAS_MEMBERS',
        `「${o.name}」(含下级)还有 ${members.n} 名党员,请先办理组织关系转接或调整后再撤销`,
      );
    const kids = await trx
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .where('status', '=', '正常')
      .executeTakeFirstOrThrow();
    if (Number(kids.n) > 0)
      throw conflict('ORG_HAS_CHILDREN', `「${o.name}」还有 ${kids.n} 个下级组织,请先撤销或移走下级组织`);
    await trx
      .updateTable('org_unit')
      .set({ status: '已撤销', updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await history(trx, ctx, actor, id, '撤销', reason ? `撤销:${reason}` : '撤销');
    await audit(ctx, trx, actor, {
      action: 'org.dissolve',
      entity: 'org_unit',
      entityId: id,
      after: { reason: reason ?? null },
    });
    return { ok: true };
  });
}

/** Merges `id` into `targetId`: members and sub-nodes move to the target, the source is dissolved. */
export async function merge(ctx: Ctx, actor: Actor, id: number, targetId: number): Promise<OrgMerged> {
  return ctx.db.transaction().execute(async (trx) => {
    const o = await movableInScope(trx, actor, id);
    const t = await orgInScope(trx, actor, targetId);
    if (t.status !== '正常') throw badRequest('ORG_DISSOLVED', `目标组织「${t.name}」已撤销`);
    if (t.id === o.id || t.path.startsWith(o.path))
      throw badRequest('ORG_MERGE_CYCLE', `不能把「${o.name}」合并到它自己或它的下级`);
    const moved = await trx
      .updateTable('member')
      .set({ org_id: t.id, updated_at: nowIso(ctx) })
      .where('org_id', '=', o.id)
      .executeTakeFirst();
    const kids = await trx
      .selectFrom('org_unit')
      .select(['id', 'path', 'depth'])
      .where('parent_id', '=', o.id)
      .execute();
    for (const k of kids) await moveSubtree(trx, ctx, k, t);
    await trx
      .updateTable('org_unit')
      .set({ status: '已撤销', secretary_member_id: null, updated_at: nowIso(ctx) })
      .where('id', '=', o.id)
      .execute();
    await history(trx, ctx, actor, o.id, '合并', `并入「${t.name}」`);
    await history(
      trx,
      ctx,
      actor,
      t.id,
      '合并',
      `「${o.name}」并入本组织,转入党员 ${Number(moved.numUpdatedRows)} 名、下级组织 ${kids.length} 个`,
    );
    await audit(ctx, trx, actor, {
      action: 'org.merge',
      entity: 'org_unit',
      entityId: o.id,
      after: { targetId: t.id, members: Number(moved.numUpdatedRows), children: kids.length },
    });
    return { ok: true, movedMembers: Number(moved.numUpdatedRows), movedChildren: kids.length };
  });
}
