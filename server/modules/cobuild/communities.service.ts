/** The community registry (which org nodes are 村/社区) and the module settings. */
import type { RegisterCommunities, UpdateCommunity } from '../../../common/contracts/cobuild.ts';
import type { Settings, SettingsBody } from '../../../common/contracts/cobuild-service.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import { isInPath, pathInSubtree, type Actor } from '../../lib/scope.ts';
import { BRANCH_TYPES, loadSettings, managedCommunity, orgName, SETTINGS_KEY } from './access.ts';

const townshipOf = (path: string, names: Map<number, string>) => {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ids.length > 1 ? (names.get(ids[1]) ?? null) : null;
};
const townNames = async (ctx: Ctx) => {
  const rows = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_name'])
    .where('depth', '=', 1)
    .execute();
  return new Map(rows.map((r) => [r.id, orgName(r)]));
};

/**
 * The directory of communities: names, township and contact only — every member needs it to
 * pick where to report. `managed` limits it to the caller's subtree (the workbench picker).
 */
export async function directory(ctx: Ctx, actor: Actor, f: { q?: string; managed?: boolean }) {
  let q = ctx.db
    .selectFrom('cobuild_community as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .select(['o.id', 'o.name', 'o.short_name', 'o.path', 'c.kind', 'c.address', 'c.contact_phone', 'c.active'])
    .where('o.status', '=', '正常');
  if (f.managed) q = q.where(pathInSubtree('o.path', actor.scopePath));
  else q = q.where('c.active', '=', 1);
  if (f.q) q = q.where((eb) => eb.or([eb('o.name', 'like', `%${f.q}%`), eb('o.short_name', 'like', `%${f.q}%`)]));
  const rows = await q
    .select(['o.parent_id', 'o.sort_order'])
    .orderBy('o.parent_id')
    .orderBy('o.sort_order')
    .orderBy('o.id')
    .execute();
  const towns = await townNames(ctx);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: orgName(r),
      kind: r.kind as '社区' | '村',
      township: townshipOf(r.path, towns),
      address: r.address,
      contactPhone: r.contact_phone,
      active: r.active === 1,
    })),
  };
}

const NAME_KIND = /(社区|村)(党总支|党支部|总支部委员会|支部委员会)$/;

/**
 * Proposals from the tree: 党支部/党总支 nodes named …社区/…村 whose parent is not itself a
 * branch (the top of a 村/社区), in the caller's subtree and not yet registered.
 */
export async function candidates(ctx: Ctx, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('org_unit as o')
    .innerJoin('org_unit as p', 'p.id', 'o.parent_id')
    .leftJoin('cobuild_community as c', 'c.org_id', 'o.id')
    .select(['o.id', 'o.name', 'o.short_name', 'o.path', 'o.type', 'p.type as parent_type', 'c.org_id as registered'])
    .where(pathInSubtree('o.path', actor.scopePath))
    .where('o.status', '=', '正常')
    .where('o.type', 'in', [...BRANCH_TYPES])
    .orderBy('o.path')
    .execute();
  const towns = await townNames(ctx);
  const items = rows
    .filter((r) => r.registered == null && !BRANCH_TYPES.has(r.parent_type))
    .map((r) => ({ r, m: NAME_KIND.exec(orgName(r)) ?? NAME_KIND.exec(r.name) }))
    .filter((x) => x.m)
    .map(({ r, m }) => ({
      id: r.id,
      name: orgName(r),
      township: townshipOf(r.path, towns),
      kind: (m![1] === '社区' ? '社区' : '村') as '社区' | '村',
    }));
  return { items };
}

/** Registers org nodes as communities (the top 党支部/党总支 of a 村/社区, in scope). All or nothing. */
export async function register(ctx: Ctx, actor: Actor, body: RegisterCommunities) {
  const ids = body.items.map((i) => i.orgId);
  if (new Set(ids).size !== ids.length) throw badRequest('DUPLICATE', '同一组织重复出现');
  return ctx.db.transaction().execute(async (trx) => {
    const orgs = await trx
      .selectFrom('org_unit as o')
      .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
      .leftJoin('cobuild_community as c', 'c.org_id', 'o.id')
      .select(['o.id', 'o.name', 'o.short_name', 'o.path', 'o.type', 'o.status', 'p.type as parent_type'])
      .select('c.org_id as registered')
      .where('o.id', 'in', ids)
      .execute();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const now = nowIso(ctx);
    for (const it of body.items) {
      const o = byId.get(it.orgId);
      if (!o || !isInPath(o.path, actor.scopePath)) throw new AppError('ORG_NOT_FOUND', 404, '组织不存在或无权访问');
      if (!BRANCH_TYPES.has(o.type) || o.status !== '正常')
        throw badRequest(
          'NOT_A_COMMUNITY',
          `「${orgName(o)}」不是村/社区党组织(应为党支部或党总支),不能登记为报到社区`,
        );
      if (o.parent_type && BRANCH_TYPES.has(o.parent_type))
        throw badRequest('NOT_TOP_BRANCH', `「${orgName(o)}」隶属于上级党总支,请登记其所在村/社区的党总支`);
      if (o.registered != null) throw new AppError('ALREADY_REGISTERED', 409, `「${orgName(o)}」已登记为报到社区`);
    }
    await trx
      .insertInto('cobuild_community')
      .values(
        body.items.map((it) => ({
          org_id: it.orgId,
          kind: it.kind,
          address: null,
          contact_phone: null,
          active: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await audit(ctx, trx, actor, {
      action: 'cobuild.community.register',
      entity: 'cobuild_community',
      after: { items: body.items },
    });
    return { count: body.items.length };
  });
}

export async function update(ctx: Ctx, actor: Actor, id: number, body: UpdateCommunity) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('cobuild_community').selectAll().where('org_id', '=', id).executeTakeFirst();
    const org = await trx.selectFrom('org_unit').select('path').where('id', '=', id).executeTakeFirst();
    if (!row || !org || !isInPath(org.path, actor.scopePath))
      throw new AppError('COMMUNITY_NOT_FOUND', 404, '社区不存在或无权访问');
    const next = {
      address: body.address !== undefined ? body.address : row.address,
      contact_phone: body.contactPhone !== undefined ? body.contactPhone : row.contact_phone,
      active: body.active !== undefined ? (body.active ? 1 : 0) : row.active,
    };
    await trx
      .updateTable('cobuild_community')
      .set({ ...next, updated_at: nowIso(ctx) })
      .where('org_id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'cobuild.community.update',
      entity: 'cobuild_community',
      entityId: id,
      before: { address: row.address, contactPhone: row.contact_phone, active: row.active },
      after: next,
    });
    return { ok: true };
  });
}

export { managedCommunity };

export const getSettings = (ctx: Ctx) => loadSettings(ctx.db);

export async function putSettings(ctx: Ctx, actor: Actor, body: SettingsBody): Promise<Settings> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadSettings(trx);
    const next: Settings = { ...before, ...body };
    const now = nowIso(ctx);
    await trx
      .insertInto('setting')
      .values({ key: SETTINGS_KEY, value: JSON.stringify(next), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next), updated_at: now }))
      .execute();
    await audit(ctx, trx, actor, {
      action: 'cobuild.settings',
      entity: 'setting',
      entityId: SETTINGS_KEY,
      before,
      after: next,
    });
    return next;
  });
}
