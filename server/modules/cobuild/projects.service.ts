/**
 * 项目清单: joint projects of a community with a lead unit (the community itself or a paired unit);
 * completing one credits the lead unit and the lead member (牵头项目).
 */
import type { NewProject, ProjectQuery } from '../../../common/contracts/cobuild.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { canManage, managedCommunity, orgName, today } from './access.ts';
import { reachOf } from './needs.service.ts';
import { toMember } from './notices.ts';
import { credit } from './points.ts';

const staff = (a: Actor) => a.role !== 'member';

const projBase = (db: Executor) =>
  db
    .selectFrom('cobuild_project as p')
    .innerJoin('org_unit as c', 'c.id', 'p.community_org_id')
    .innerJoin('org_unit as l', 'l.id', 'p.lead_org_id')
    .leftJoin('member as m', 'm.id', 'p.lead_member_id')
    .selectAll('p')
    .select(['c.name as c_name', 'c.short_name as c_short', 'c.path as c_path'])
    .select(['l.name as l_name', 'l.short_name as l_short', 'l.path as l_path', 'm.name as m_name'])
    .select((eb) =>
      eb
        .selectFrom('cobuild_activity as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.project_id', '=', 'p.id')
        .where('a.status', '=', 'open')
        .as('activities'),
    );
type ProjRow = Awaited<ReturnType<ReturnType<typeof projBase>['executeTakeFirstOrThrow']>>;
const projView = (r: ProjRow, a: Actor) => ({
  id: r.id,
  community: { id: r.community_org_id, name: orgName({ name: r.c_name, short_name: r.c_short }) },
  lead: { id: r.lead_org_id, name: orgName({ name: r.l_name, short_name: r.l_short }) },
  leadMember: r.lead_member_id ? { id: r.lead_member_id, name: r.m_name ?? '' } : null,
  title: r.title,
  category: r.category,
  description: r.description,
  startDate: r.start_date,
  endDate: r.end_date,
  status: r.status as 'active' | 'done' | 'cancelled',
  doneDate: r.done_date,
  activities: Number(r.activities ?? 0),
  canManage: staff(a) && canManage(a) && isInPath(r.c_path, a.scopePath),
});

export async function listProjects(ctx: Ctx, actor: Actor, q: ProjectQuery) {
  const reach = await reachOf(ctx.db, actor);
  const p = actor.scopePath;
  let query = projBase(ctx.db).where((eb) =>
    eb.or([
      ...(staff(actor)
        ? [
            eb.and([eb('c.path', '>=', p), eb('c.path', '<', pathUpper(p))]),
            eb.and([eb('l.path', '>=', p), eb('l.path', '<', pathUpper(p))]),
          ]
        : []),
      eb.and([eb('p.community_org_id', 'in', reach.length ? reach : [-1]), eb('p.status', '!=', 'cancelled')]),
    ]),
  );
  if (q.communityId) query = query.where('p.community_org_id', '=', q.communityId);
  if (q.status) query = query.where('p.status', '=', q.status);
  const rows = await query.orderBy('p.id', 'desc').execute();
  const pageSize = q.pageSize ?? 20;
  return {
    items: rows.slice(((q.page ?? 1) - 1) * pageSize, (q.page ?? 1) * pageSize).map((r) => projView(r, actor)),
    total: rows.length,
  };
}

export async function createProject(ctx: Ctx, actor: Actor, b: NewProject) {
  if (!canManage(actor)) throw forbidden();
  if (b.endDate < b.startDate) throw badRequest('DATES_INVALID', '结束日期不能早于开始日期');
  return ctx.db.transaction().execute(async (trx) => {
    const c = await managedCommunity(trx, actor, b.communityId);
    if (b.leadOrgId !== c.id) {
      const paired = await trx
        .selectFrom('cobuild_registration')
        .select('id')
        .where('kind', '=', 'unit')
        .where('unit_org_id', '=', b.leadOrgId)
        .where('community_org_id', '=', c.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (!paired) throw badRequest('LEAD_NOT_PAIRED', '牵头单位应为本社区或已与本社区结对的共建单位');
    }
    if (b.leadMemberId) {
      const lead = await trx
        .selectFrom('org_unit')
        .select('path')
        .where('id', '=', b.leadOrgId)
        .executeTakeFirstOrThrow();
      const m = await trx
        .selectFrom('member')
        .select(['org_path', 'status'])
        .where('id', '=', b.leadMemberId)
        .executeTakeFirst();
      if (m?.status !== '正常' || !isInPath(m.org_path, lead.path))
        throw badRequest('LEAD_MEMBER_INVALID', '项目负责人应为牵头单位的党员');
    }
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('cobuild_project')
      .values({
        community_org_id: c.id,
        lead_org_id: b.leadOrgId,
        lead_member_id: b.leadMemberId ?? null,
        title: b.title.trim(),
        category: b.category,
        description: b.description?.trim() || null,
        start_date: b.startDate,
        end_date: b.endDate,
        status: 'active',
        done_date: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'cobuild.project.create',
      entity: 'cobuild_project',
      entityId: r.id,
      after: b,
    });
    return { id: r.id };
  });
}

async function managedProject(db: Executor, actor: Actor, id: number) {
  const r = await projBase(db).where('p.id', '=', id).executeTakeFirst();
  if (!r || !(staff(actor) && (isInPath(r.c_path, actor.scopePath) || isInPath(r.l_path, actor.scopePath))))
    throw notFound('项目', 'PROJECT_NOT_FOUND');
  if (!canManage(actor) || !isInPath(r.c_path, actor.scopePath)) throw forbidden('只有项目所在社区可以变更项目状态');
  if (r.status !== 'active') throw conflict('PROJECT_NOT_ACTIVE', '项目已完成或已取消');
  return r;
}

/** The community records completion: the lead unit (if not the community) and lead member are credited. */
export async function completeProject(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await managedProject(trx, actor, id);
    const d = today(ctx);
    await trx
      .updateTable('cobuild_project')
      .set({ status: 'done', done_date: d, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    const reason = `牵头的共建项目「${r.title}」已完成`;
    if (r.lead_org_id !== r.community_org_id)
      await credit(ctx, trx, {
        subject: { kind: 'unit', id: r.lead_org_id },
        action: 'leadProject',
        entryDate: d,
        points: null,
        reason,
        source: { kind: 'project', id },
        actorId: actor.userId,
      });
    if (r.lead_member_id) {
      await credit(ctx, trx, {
        subject: { kind: 'member', id: r.lead_member_id },
        action: 'leadProject',
        entryDate: d,
        points: null,
        reason,
        source: { kind: 'project', id },
        actorId: actor.userId,
      });
      await toMember(trx, ctx, r.lead_member_id, reason, '/my/cobuild?tab=points', `cobuild_project_done:${id}`);
    }
    await audit(ctx, trx, actor, { action: 'cobuild.project.complete', entity: 'cobuild_project', entityId: id });
    return { ok: true };
  });
}

export async function cancelProject(ctx: Ctx, actor: Actor, id: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    await managedProject(trx, actor, id);
    await trx
      .updateTable('cobuild_project')
      .set({ status: 'cancelled', updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'cobuild.project.cancel',
      entity: 'cobuild_project',
      entityId: id,
      after: { reason },
    });
    return { ok: true };
  });
}
