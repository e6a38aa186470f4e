import type { Selectable } from 'kysely';
import type {
  Org,
  OrgCreateBody,
  OrgDetail,
  OrgHistory,
  OrgList,
  OrgListQuery,
  OrgNode,
  OrgPatchBody,
  OrgTreeQuery,
} from '../../../common/contracts/orgs.ts';
import type { OrgType } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { OrgUnitTable } from '../../db/schema.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import { containsText } from '../../lib/like.ts';
import { pageWindow } from '../../lib/paging.ts';
import { inSubtree, orgInScope, scopedOrgIds, type Actor } from '../../lib/scope.ts';
import { subtreeCount } from '../members/counts.ts';

type NodeRow = Pick<
  Selectable<OrgUnitTable>,
  'id' | 'code' | 'name' | 'short_name' | 'type' | 'status' | 'parent_id' | 'sort_order'
>;

/** A stored node as the tree sends it (the enum columns hold the values of common/enums.ts). */
const nodeOf = (o: NodeRow): Omit<OrgNode, 'children'> => ({
  id: o.id,
  code: o.code,
  name: o.name,
  shortName: o.short_name,
  type: o.type as OrgType,
  status: o.status as Org['status'],
  parentId: o.parent_id,
  sortOrder: o.sort_order,
});

/** A stored node with all its fields, as the detail and the list send it. */
export const toDto = (o: Selectable<OrgUnitTable>): Org => ({
  ...nodeOf(o),
  depth: o.depth,
  secretaryMemberId: o.secretary_member_id,
  createdAt: o.created_at,
  updatedAt: o.updated_at,
});

/** The caller's visible subtree as a nested tree rooted at the caller's scope node. */
export async function tree(ctx: Ctx, actor: Actor, opts: OrgTreeQuery): Promise<OrgNode> {
  const root = opts.rootId
    ? await orgInScope(ctx.db, actor, opts.rootId)
    : await orgInScope(ctx.db, actor, actor.scopeOrgId);
  let q = ctx.db
    .selectFrom('org_unit as o')
    .select(['o.id', 'o.code', 'o.name', 'o.short_name', 'o.type', 'o.status', 'o.parent_id', 'o.sort_order'])
    .where(inSubtree('o', root.path));
  if (!opts.includeDissolved) q = q.where('o.status', '=', '正常');
  const rows = await q.orderBy('o.depth').orderBy('o.sort_order').orderBy('o.id').execute();
  const byId = new Map<number, OrgNode>();
  for (const r of rows) byId.set(r.id, { ...nodeOf(r), children: [] });
  for (const n of byId.values()) if (n.id !== root.id && n.parentId != null) byId.get(n.parentId)?.children.push(n);
  return byId.get(root.id)!;
}

/** Flat, paged list of the caller's orgs; `q` matches name, short name or code. */
export async function list(ctx: Ctx, actor: Actor, f: OrgListQuery): Promise<OrgList> {
  const base = f.parentId ? (await orgInScope(ctx.db, actor, f.parentId)).path : actor.scopePath;
  let q = ctx.db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .where(inSubtree('o', base));
  if (f.q)
    q = q.where((eb) =>
      eb.or([containsText('o.name', f.q!), containsText('o.short_name', f.q!), containsText('o.code', f.q!)]),
    );
  if (f.type) q = q.where('o.type', '=', f.type);
  if (f.status) q = q.where('o.status', '=', f.status);
  const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const items = await q
    .selectAll('o')
    .select(['p.code as parent_code', 'p.name as parent_name'])
    .orderBy('o.path')
    .limit(pageWindow(f).limit)
    .offset(pageWindow(f).offset)
    .execute();
  return {
    items: items.map((o) => ({ ...toDto(o), parentCode: o.parent_code, parentName: o.parent_name })),
    total: Number(total),
  };
}

/** One node with its counts; 404 outside the caller's subtree. */
export async function get(ctx: Ctx, actor: Actor, id: number): Promise<OrgDetail> {
  const o = await orgInScope(ctx.db, actor, id);
  const children = await ctx.db
    .selectFrom('org_unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('status', '=', '正常')
    .executeTakeFirstOrThrow();
  const descendants = await ctx.db
    .selectFrom('org_unit as o')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inSubtree('o', o.path))
    .where('o.status', '=', '正常')
    .executeTakeFirstOrThrow();
  // The subtree's members from the maintained counters (members/counts.ts): one row, not a count
  // of a province's millions.
  const members = { n: await subtreeCount(ctx.db, o.path, { status: '正常' }) };
  const direct = await ctx.db
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', id)
    .where('status', '=', '正常')
    .executeTakeFirstOrThrow();
  const secretary = o.secretary_member_id
    ? await ctx.db
        .selectFrom('member')
        .select(['id', 'name'])
        .where('id', '=', o.secretary_member_id)
        .executeTakeFirst()
    : undefined;
  const parent = o.parent_id
    ? await ctx.db
        .selectFrom('org_unit')
        .select(['id', 'name', 'code', 'path'])
        .where('id', '=', o.parent_id)
        .executeTakeFirst()
    : undefined;
  return {
    ...toDto(o),
    // The superior is named even above the caller's scope (a 党员 sees which 党委 their branch is
    // under); `inScope` says whether it can be opened — outside it, it is a name, not a link.
    parent: parent
      ? { id: parent.id, name: parent.name, code: parent.code, inScope: parent.path.startsWith(actor.scopePath) }
      : null,
    secretary: secretary ?? null,
    counts: {
      children: Number(children.n),
      descendants: Number(descendants.n) - 1,
      members: Number(members.n),
      directMembers: Number(direct.n),
    },
  };
}

/** One line of the node's 沿革 (shown on its page), written in the transaction of the change. */
export async function history(trx: Executor, ctx: Ctx, actor: Actor, orgId: number, action: string, detail: string) {
  await trx
    .insertInto('org_history')
    .values({ org_id: orgId, action, detail, actor_id: actor.userId, at: nowIso(ctx) })
    .execute();
}

/**
 * Inserts one node under `parent` (null: a root) and gives it its path, which needs the new id.
 * The caller checks scope, code and parent; this only writes.
 */
export async function insertOrgUnit(
  trx: Executor,
  now: string,
  o: { code: string; name: string; shortName?: string | null; type: string; sortOrder?: number },
  parent: { id: number; path: string; depth: number } | null,
) {
  const r = await trx
    .insertInto('org_unit')
    .values({
      code: o.code,
      name: o.name,
      short_name: o.shortName ?? null,
      type: o.type,
      parent_id: parent?.id ?? null,
      path: 'pending',
      depth: parent ? parent.depth + 1 : 0,
      secretary_member_id: null,
      sort_order: o.sortOrder ?? 0,
      status: '正常',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('org_unit')
    .set({ path: `${parent?.path ?? '/'}${r.id}/` })
    .where('id', '=', r.id)
    .execute();
  return r.id;
}

/** Creates a node under a parent in the caller's subtree; codes are unique county-wide. */
export async function create(ctx: Ctx, actor: Actor, input: OrgCreateBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const parent = await orgInScope(trx, actor, input.parentId);
    if (parent.status !== '正常')
      throw badRequest('ORG_PARENT_DISSOLVED', `上级组织「${parent.name}」已撤销,不能在其下新建组织`);
    await assertCodeFree(trx, input.code);
    const id = await insertOrgUnit(trx, nowIso(ctx), input, parent);
    await history(trx, ctx, actor, id, '新建', `在「${parent.name}」下新建「${input.name}」`);
    await audit(ctx, trx, actor, { action: 'org.create', entity: 'org_unit', entityId: id, after: input });
    return { id };
  });
}

export async function assertCodeFree(trx: Executor, code: string, exceptId?: number) {
  const dup = await trx.selectFrom('org_unit').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
  if (dup && dup.id !== exceptId) throw conflict('ORG_CODE_TAKEN', `组织编码「${code}」已被使用`);
}

/** Renames / edits a node; the secretary must be a member of the node's subtree. */
export async function update(ctx: Ctx, actor: Actor, id: number, patch: OrgPatchBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const o = await orgInScope(trx, actor, id);
    if (o.status !== '正常') throw badRequest('ORG_DISSOLVED', '已撤销的组织不能修改');
    if (patch.code !== undefined) await assertCodeFree(trx, patch.code, id);
    if (patch.secretaryMemberId) {
      const m = await trx
        .selectFrom('member')
        .select('id')
        .where('id', '=', patch.secretaryMemberId)
        .where('status', '=', '正常')
        .where('org_id', 'in', scopedOrgIds(trx, o.path))
        .executeTakeFirst();
      if (!m) throw badRequest('SECRETARY_NOT_MEMBER', '书记须从本组织(含下级)的在册党员中选择');
    }
    const set: Record<string, unknown> = { updated_at: nowIso(ctx) };
    if (patch.code !== undefined) set.code = patch.code;
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.shortName !== undefined) set.short_name = patch.shortName;
    if (patch.type !== undefined) set.type = patch.type;
    if (patch.sortOrder !== undefined) set.sort_order = patch.sortOrder;
    if (patch.secretaryMemberId !== undefined) set.secretary_member_id = patch.secretaryMemberId;
    await trx.updateTable('org_unit').set(set).where('id', '=', id).execute();
    if (patch.name !== undefined && patch.name !== o.name)
      await history(trx, ctx, actor, id, '更名', `「${o.name}」更名为「${patch.name}」`);
    if (patch.secretaryMemberId !== undefined && patch.secretaryMemberId !== o.secretary_member_id)
      await history(trx, ctx, actor, id, '书记变更', `书记变更为党员 #${patch.secretaryMemberId ?? '(空缺)'}`);
    await audit(ctx, trx, actor, {
      action: 'org.update',
      entity: 'org_unit',
      entityId: id,
      before: toDto(o),
      after: patch,
    });
    return { ok: true };
  });
}

export async function historyOf(ctx: Ctx, actor: Actor, id: number): Promise<OrgHistory> {
  await orgInScope(ctx.db, actor, id);
  const rows = await ctx.db
    .selectFrom('org_history as h')
    .leftJoin('app_user as u', 'u.id', 'h.actor_id')
    .select(['h.id', 'h.action', 'h.detail', 'h.at', 'u.display_name as actor'])
    .where('h.org_id', '=', id)
    .orderBy('h.id', 'desc')
    .execute();
  return { items: rows };
}
