import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, badRequest, conflict } from '../../lib/errors.ts';
import { inSubtree, orgInScope, pathUpper, scopedOrgIds, type Actor } from '../../lib/scope.ts';
import { containsText } from '../../lib/like.ts';

export interface OrgNode {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  status: string;
  parentId: number | null;
  sortOrder: number;
  children: OrgNode[];
}

const toDto = (o: any) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  shortName: o.short_name,
  type: o.type,
  status: o.status,
  parentId: o.parent_id,
  depth: o.depth,
  sortOrder: o.sort_order,
  secretaryMemberId: o.secretary_member_id,
  createdAt: o.created_at,
  updatedAt: o.updated_at,
});

/** The caller's visible subtree as a nested tree rooted at the caller's scope node. */
export async function tree(ctx: Ctx, actor: Actor, opts: { rootId?: number; includeDissolved?: boolean }) {
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
  for (const r of rows)
    byId.set(r.id, {
      id: r.id,
      code: r.code,
      name: r.name,
      shortName: r.short_name,
      type: r.type,
      status: r.status,
      parentId: r.parent_id,
      sortOrder: r.sort_order,
      children: [],
    });
  for (const n of byId.values()) if (n.id !== root.id && n.parentId != null) byId.get(n.parentId)?.children.push(n);
  return byId.get(root.id)!;
}

/** Flat, paged list of the caller's orgs; `q` matches name, short name or code. */
export async function list(
  ctx: Ctx,
  actor: Actor,
  f: { q?: string; parentId?: number; type?: string; status?: string; page: number; pageSize: number },
) {
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
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    items: items.map((o) => ({ ...toDto(o), parentCode: o.parent_code, parentName: o.parent_name })),
    total: Number(total),
  };
}

/** One node with its counts; 404 outside the caller's subtree. */
export async function get(ctx: Ctx, actor: Actor, id: number) {
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
  const members = await ctx.db
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', 'in', scopedOrgIds(ctx.db, o.path))
    .where('status', '=', '正常')
    .executeTakeFirstOrThrow();
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
    parent: parent?.path.startsWith(actor.scopePath) ? { id: parent.id, name: parent.name, code: parent.code } : null,
    secretary: secretary ?? null,
    counts: {
      children: Number(children.n),
      descendants: Number(descendants.n) - 1,
      members: Number(members.n),
      directMembers: Number(direct.n),
    },
  };
}

async function history(trx: Executor, ctx: Ctx, actor: Actor, orgId: number, action: string, detail: string) {
  await trx
    .insertInto('org_history')
    .values({ org_id: orgId, action, detail, actor_id: actor.userId, at: nowIso(ctx) })
    .execute();
}

export interface OrgInput {
  code: string;
  name: string;
  shortName?: string | null;
  type: string;
  parentId: number;
  sortOrder?: number;
}

/** Creates a node under a parent in the caller's subtree; codes are unique county-wide. */
export async function create(ctx: Ctx, actor: Actor, input: OrgInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const parent = await orgInScope(trx, actor, input.parentId);
    if (parent.status !== '正常')
      throw badRequest('ORG_PARENT_DISSOLVED', `上级组织「${parent.name}」已撤销,不能在其下新建组织`);
    await assertCodeFree(trx, input.code);
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('org_unit')
      .values({
        code: input.code,
        name: input.name,
        short_name: input.shortName ?? null,
        type: input.type,
        parent_id: parent.id,
        path: 'pending',
        depth: parent.depth + 1,
        secretary_member_id: null,
        sort_order: input.sortOrder ?? 0,
        status: '正常',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('org_unit')
      .set({ path: `${parent.path}${r.id}/` })
      .where('id', '=', r.id)
      .execute();
    await history(trx, ctx, actor, r.id, '新建', `在「${parent.name}」下新建「${input.name}」`);
    await audit(ctx, trx, actor, { action: 'org.create', entity: 'org_unit', entityId: r.id, after: input });
    return { id: r.id };
  });
}

async function assertCodeFree(trx: Executor, code: string, exceptId?: number) {
  const dup = await trx.selectFrom('org_unit').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
  if (dup && dup.id !== exceptId) throw conflict('ORG_CODE_TAKEN', `组织编码「${code}」已被使用`);
}

export interface OrgPatch {
  code?: string;
  name?: string;
  shortName?: string | null;
  type?: string;
  sortOrder?: number;
  secretaryMemberId?: number | null;
}

/** Renames / edits a node; the secretary must be a member of the node's subtree. */
export async function update(ctx: Ctx, actor: Actor, id: number, patch: OrgPatch) {
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
  const { sql } = await import('kysely');
  await trx
    .updateTable('org_unit')
    .set({
      path: sql`${newPath} || substr(path, ${o.path.length + 1})`,
      depth: sql`depth + ${np.depth + 1 - o.depth}`,
      updated_at: nowIso(ctx),
    } as any)
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
export async function merge(ctx: Ctx, actor: Actor, id: number, targetId: number) {
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

export async function historyOf(ctx: Ctx, actor: Actor, id: number) {
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
