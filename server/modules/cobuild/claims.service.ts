/**
 * Claims both ways (双向认领): members and units claim a community's needs; a community claims a
 * unit's or member's resources. The other side accepts, or declines with a reason; the claimant
 * may withdraw while it waits. A community sees a claiming member's name only when the member
 * belongs to it or has reported there; otherwise the name is masked.
 */
import type { ClaimQuery } from '../../../common/contracts/cobuild.ts';
import type { CobuildClaimStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { canManage, maskName, orgName } from './access.ts';
import { isUniqueViolation, toMember, toOrg } from './notices.ts';

const base = (db: Executor) =>
  db
    .selectFrom('cobuild_claim as k')
    .leftJoin('cobuild_need as n', 'n.id', 'k.need_id')
    .leftJoin('org_unit as nc', 'nc.id', 'n.community_org_id')
    .leftJoin('cobuild_resource as s', 's.id', 'k.resource_id')
    .leftJoin('org_unit as su', 'su.id', 's.unit_org_id')
    .leftJoin('member as sm', 'sm.id', 's.member_id')
    .leftJoin('org_unit as ko', 'ko.id', 'k.org_id')
    .leftJoin('member as km', 'km.id', 'k.member_id')
    .selectAll('k')
    .select([
      'n.title as n_title',
      'n.headcount as n_headcount',
      'n.community_org_id as n_community',
      'n.status as n_status',
    ])
    .select(['nc.name as nc_name', 'nc.short_name as nc_short', 'nc.path as nc_path'])
    .select([
      's.title as s_title',
      's.owner_kind as s_owner_kind',
      's.member_id as s_member',
      's.unit_org_id as s_unit',
    ])
    .select(['su.name as su_name', 'su.short_name as su_short', 'su.path as su_path', 'sm.name as sm_name'])
    .select(['ko.name as ko_name', 'ko.short_name as ko_short', 'ko.path as ko_path'])
    .select(['km.name as km_name', 'km.org_path as km_path']);
type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const staff = (a: Actor) => a.role !== 'member';
/** The side that answers: the need's community, or the resource's owner. */
function isDecider(r: Row, a: Actor) {
  if (r.target === 'need') return staff(a) && canManage(a) && isInPath(r.nc_path ?? '', a.scopePath);
  if (r.s_owner_kind === 'member') return r.s_member === a.memberId;
  return staff(a) && canManage(a) && isInPath(r.su_path ?? '', a.scopePath);
}
function isClaimant(r: Row, a: Actor) {
  if (r.claimant === 'member') return r.member_id === a.memberId;
  return staff(a) && isInPath(r.ko_path ?? '', a.scopePath);
}
const sees = (r: Row, a: Actor) =>
  isClaimant(r, a) ||
  (r.target === 'need'
    ? staff(a) && isInPath(r.nc_path ?? '', a.scopePath)
    : isDecider(r, a) || (staff(a) && isInPath(r.su_path ?? '', a.scopePath)));

/** Live registrations (member → community) among the rows, to decide whether a name is shown. */
async function reportedPairs(db: Executor, rows: Row[]) {
  const ids = rows.filter((r) => r.claimant === 'member' && r.member_id).map((r) => r.member_id!);
  if (!ids.length) return new Set<string>();
  const regs = await db
    .selectFrom('cobuild_registration')
    .select(['member_id', 'community_org_id'])
    .where('kind', '=', 'member')
    .where('member_id', 'in', ids)
    .where('status', 'in', ['pending', 'active'])
    .execute();
  return new Set(regs.map((r) => `${r.member_id}:${r.community_org_id}`));
}

function view(r: Row, a: Actor, pairs: Set<string>) {
  let claimantName: string;
  if (r.claimant === 'member') {
    const belongs =
      r.member_id === a.memberId ||
      (r.target === 'need' &&
        (pairs.has(`${r.member_id}:${r.n_community}`) || (r.km_path ?? '').startsWith(r.nc_path ?? '\u0000'))) ||
      (staff(a) && isInPath(r.km_path ?? '', a.scopePath));
    claimantName = belongs ? (r.km_name ?? '') : maskName(r.km_name ?? '');
  } else claimantName = orgName({ name: r.ko_name ?? '', short_name: r.ko_short });
  return {
    id: r.id,
    target: r.target as 'need' | 'resource',
    need:
      r.target === 'need'
        ? {
            id: r.need_id!,
            title: r.n_title ?? '',
            community: { id: r.n_community!, name: orgName({ name: r.nc_name ?? '', short_name: r.nc_short }) },
          }
        : null,
    resource:
      r.target === 'resource'
        ? {
            id: r.resource_id!,
            title: r.s_title ?? '',
            owner:
              r.s_owner_kind === 'member'
                ? (r.sm_name ?? '')
                : orgName({ name: r.su_name ?? '', short_name: r.su_short }),
          }
        : null,
    claimant: r.claimant as 'member' | 'unit' | 'community',
    claimantName,
    headcount: r.headcount,
    note: r.note,
    status: r.status as CobuildClaimStatus,
    reason: r.reason,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    canDecide: r.status === 'pending' && isDecider(r, a) && !isClaimant(r, a),
    canWithdraw: r.status === 'pending' && isClaimant(r, a) && (r.claimant === 'member' || canManage(a)),
  };
}

/**
 * A new claim, 待答复, of a need or a resource (`who`: the claimant side and what it claims), inside
 * the caller's transaction. The unique index on open claims is the guard against claiming twice
 * (two taps, two tabs): its violation becomes ALREADY_CLAIMED with `duplicate` as the message.
 */
export async function insertClaim(
  trx: Executor,
  ctx: Ctx,
  actor: Actor,
  who: {
    target: 'need' | 'resource';
    need_id?: number;
    resource_id?: number;
    claimant: 'member' | 'unit' | 'community';
    member_id: number | null;
    org_id: number | null;
    headcount: number;
  },
  note: string | null | undefined,
  duplicate: string,
) {
  try {
    return await trx
      .insertInto('cobuild_claim')
      .values({
        need_id: null,
        resource_id: null,
        ...who,
        note: note?.trim() || null,
        status: 'pending',
        reason: null,
        decided_by: null,
        decided_at: null,
        created_by: actor.userId,
        created_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('ALREADY_CLAIMED', duplicate);
    throw e;
  }
}

export async function list(ctx: Ctx, actor: Actor, q: ClaimQuery) {
  const p = actor.scopePath;
  const up = pathUpper(p);
  const mid = actor.memberId ?? -1;
  let query = base(ctx.db).where((eb) => {
    const inScope = (col: 'nc.path' | 'su.path' | 'ko.path') => eb.and([eb(col, '>=', p), eb(col, '<', up)]);
    const mine = [eb('k.member_id', '=', mid), eb('s.member_id', '=', mid)];
    return staff(actor) ? eb.or([inScope('nc.path'), inScope('su.path'), inScope('ko.path'), ...mine]) : eb.or(mine);
  });
  if (q.needId) query = query.where('k.need_id', '=', q.needId);
  if (q.resourceId) query = query.where('k.resource_id', '=', q.resourceId);
  if (q.status) query = query.where('k.status', '=', q.status);
  // Role checks (decider / claimant) are computed per row; the SQL above bounds what is read.
  let rows = (await query.orderBy('k.id', 'desc').execute()).filter((r) => sees(r, actor));
  if (q.box === 'todo')
    rows = rows.filter((r) => r.status === 'pending' && isDecider(r, actor) && !isClaimant(r, actor));
  if (q.box === 'mine') rows = rows.filter((r) => isClaimant(r, actor));
  const pageSize = q.pageSize ?? 20;
  const page = rows.slice(((q.page ?? 1) - 1) * pageSize, (q.page ?? 1) * pageSize);
  const pairs = await reportedPairs(ctx.db, page);
  return { items: page.map((r) => view(r, actor, pairs)), total: rows.length };
}

async function visible(db: Executor, actor: Actor, id: number) {
  const r = await base(db).where('k.id', '=', id).executeTakeFirst();
  if (!r || !sees(r, actor)) throw notFound('认领记录', 'CLAIM_NOT_FOUND');
  return r;
}

async function decidable(db: Executor, actor: Actor, id: number) {
  const r = await visible(db, actor, id);
  if (!isDecider(r, actor)) throw forbidden('只有需求发布社区或资源提供方可以答复认领');
  if (isClaimant(r, actor)) throw forbidden('不能答复本人的认领');
  if (r.status !== 'pending') throw conflict('CLAIM_DECIDED', '该认领已答复或已撤回');
  return r;
}

const what = (r: Row) => (r.target === 'need' ? `需求「${r.n_title}」` : `资源「${r.s_title}」`);
async function tellClaimant(ctx: Ctx, trx: Executor, r: Row, text: string) {
  if (r.claimant === 'member')
    await toMember(trx, ctx, r.member_id!, text, '/my/cobuild?tab=needs', `cobuild_claim_ans:${r.id}`);
  else
    await toOrg(
      trx,
      ctx,
      r.org_id!,
      'cobuild_todo',
      text,
      r.claimant === 'unit' ? '/cobuild/unit?tab=needs' : '/cobuild/community?tab=resources',
      `cobuild_claim_ans:${r.id}`,
    );
}

export async function accept(ctx: Ctx, actor: Actor, id: number, note: string | null) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await decidable(trx, actor, id);
    if (r.target === 'need') {
      if (r.n_status !== 'open') throw conflict('NEED_CLOSED', '该需求已关闭或已完成');
      const { s } = await trx
        .selectFrom('cobuild_claim')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('headcount'), eb.val(0)).as('s'))
        .where('need_id', '=', r.need_id!)
        .where('status', '=', 'accepted')
        .executeTakeFirstOrThrow();
      if (Number(s) + r.headcount > (r.n_headcount ?? 0))
        throw conflict('NEED_FULL', `需求名额不足:需要 ${r.n_headcount} 人,已接受 ${s} 人`);
    }
    await trx
      .updateTable('cobuild_claim')
      .set({ status: 'accepted', reason: note?.trim() || null, decided_by: actor.userId, decided_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await tellClaimant(ctx, trx, r, `您对${what(r)}的认领已被接受${note?.trim() ? `:${note.trim()}` : ''}`);
    await audit(ctx, trx, actor, {
      action: 'cobuild.claim.accept',
      entity: 'cobuild_claim',
      entityId: id,
      after: { note },
    });
    return { ok: true };
  });
}

export async function decline(ctx: Ctx, actor: Actor, id: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await decidable(trx, actor, id);
    await trx
      .updateTable('cobuild_claim')
      .set({ status: 'declined', reason: reason.trim(), decided_by: actor.userId, decided_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await tellClaimant(ctx, trx, r, `您对${what(r)}的认领未被接受:${reason.trim()}`);
    await audit(ctx, trx, actor, {
      action: 'cobuild.claim.decline',
      entity: 'cobuild_claim',
      entityId: id,
      after: { reason },
    });
    return { ok: true };
  });
}

export async function withdraw(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await visible(trx, actor, id);
    if (!isClaimant(r, actor) || (r.claimant !== 'member' && !canManage(actor)))
      throw forbidden('只能撤回本人(本单位)的认领');
    if (r.status !== 'pending') throw conflict('CLAIM_DECIDED', '该认领已答复,不能撤回');
    await trx
      .updateTable('cobuild_claim')
      .set({ status: 'withdrawn', decided_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, { action: 'cobuild.claim.withdraw', entity: 'cobuild_claim', entityId: id });
    return { ok: true };
  });
}
