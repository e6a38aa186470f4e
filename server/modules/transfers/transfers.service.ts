import type { ExpressionBuilder } from 'kysely';
import type {
  Transfer,
  TransferCreateBody,
  TransferList,
  TransferListQuery,
  TransferSide,
  TransferStep,
  TransferTargets,
} from '../../../common/contracts/transfers.ts';
import type { Member } from '../../../common/contracts/members.ts';
import type { OrgType } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { pageWindow } from '../../lib/paging.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, scopedOrgIds, type Actor } from '../../lib/scope.ts';
import { TRANSFER_STATUSES, type TransferStatus } from '../../../common/enums.ts';
import { containsText } from '../../lib/like.ts';

/**
 * 组织关系转接: pending_out (the out-side branch's superior approves) → pending_in (the receiving
 * side accepts) → done, when the member moves. Either current side may reject with a reason;
 * the initiating side may revoke while pending. The out side sees everything about the transfer;
 * the in side sees it only from pending_in on, and only the member's basic facts.
 */
type Side = TransferSide;
/** Organization types that hold members' 组织关系 (a 党小组 or a government unit does not). */
const RECEIVING_TYPES = ['党支部', '党总支', '党委', '党工委', '党组', '机关工委'];

/** A transfer with its three organizations and its member: what view() and the checks read. */
function withParties(db: Executor) {
  return db
    .selectFrom('transfer as t')
    .innerJoin('org_unit as f', 'f.id', 't.from_org_id')
    .innerJoin('org_unit as to', 'to.id', 't.to_org_id')
    .innerJoin('org_unit as ap', 'ap.id', 't.approver_org_id')
    .innerJoin('member as m', 'm.id', 't.member_id')
    .select([
      't.id',
      't.status',
      't.reason',
      't.member_id',
      't.from_org_id',
      't.to_org_id',
      't.approver_org_id',
      't.created_at',
      't.updated_at',
      't.created_by',
      'f.name as from_name',
      'f.path as from_path',
      'to.name as to_name',
      'to.path as to_path',
      'ap.path as approver_path',
      'ap.name as approver_name',
      'm.name as member_name',
      'm.gender as member_gender',
      'm.member_type',
      'm.join_date as member_join_date',
      'm.id_number',
      'm.phone',
    ]);
}
const load = (db: Executor, id: number) => withParties(db).where('t.id', '=', id).executeTakeFirst();
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

function sidesOf(actor: Actor, t: Loaded): Set<Side> {
  const s = new Set<Side>();
  if (isInPath(t.from_path, actor.scopePath)) s.add('out');
  if (isInPath(t.approver_path, actor.scopePath)) s.add('approver');
  if (isInPath(t.to_path, actor.scopePath) && t.status !== 'pending_out' && t.status !== 'revoked') s.add('in');
  if (t.status === 'rejected' && isInPath(t.to_path, actor.scopePath)) s.add('in');
  return s;
}

function view(actor: Actor, t: Loaded, steps: TransferStep[]): Transfer {
  const sides = sidesOf(actor, t);
  const full = sides.has('out') || sides.has('approver');
  const gender = t.member_gender as Member['gender'];
  const memberType = t.member_type as Member['memberType'];
  return {
    id: t.id,
    status: t.status as TransferStatus,
    statusLabel: TRANSFER_STATUSES[t.status as TransferStatus],
    reason: full ? t.reason : null,
    from: { id: t.from_org_id, name: t.from_name },
    to: { id: t.to_org_id, name: t.to_name },
    approver: { id: t.approver_org_id, name: t.approver_name },
    member: full
      ? {
          id: t.member_id,
          name: t.member_name,
          gender,
          memberType,
          joinDate: t.member_join_date,
          idNumber: t.id_number,
          phone: t.phone,
        }
      : { name: t.member_name, gender, memberType, joinDate: t.member_join_date },
    mySides: [...sides],
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    steps,
  };
}

async function visible(db: Executor, actor: Actor, id: number) {
  const t = await load(db, id);
  if (!t || sidesOf(actor, t).size === 0) throw notFound('转接申请', 'TRANSFER_NOT_FOUND');
  return t;
}

const stepsOf = (db: Executor, id: number) =>
  db
    .selectFrom('transfer_step as s')
    .innerJoin('app_user as u', 'u.id', 's.actor_id')
    .select(['s.step', 's.opinion', 's.at', 'u.display_name as actor'])
    .where('s.transfer_id', '=', id)
    .orderBy('s.id')
    .execute();

export async function get(ctx: Ctx, actor: Actor, id: number): Promise<Transfer> {
  const t = await visible(ctx.db, actor, id);
  return view(actor, t, await stepsOf(ctx.db, id));
}

/** Transfers the caller takes part in; `box=todo` lists those waiting for the caller's decision. */
export async function list(ctx: Ctx, actor: Actor, f: TransferListQuery): Promise<TransferList> {
  const p = actor.scopePath;
  const upper = pathUpper(p);
  type Eb = ExpressionBuilder<DB & { f: DB['org_unit']; to: DB['org_unit']; ap: DB['org_unit'] }, 'f' | 'to' | 'ap'>;
  const within = (col: 'f.path' | 'to.path' | 'ap.path') => (eb: Eb) => eb.and([eb(col, '>=', p), eb(col, '<', upper)]);
  let q = ctx.db
    .selectFrom('transfer as t')
    .innerJoin('org_unit as f', 'f.id', 't.from_org_id')
    .innerJoin('org_unit as to', 'to.id', 't.to_org_id')
    .innerJoin('org_unit as ap', 'ap.id', 't.approver_org_id');
  if (f.box === 'todo') {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('t.status', '=', 'pending_out'), within('ap.path')(eb)]),
        eb.and([eb('t.status', '=', 'pending_in'), within('to.path')(eb)]),
      ]),
    );
  } else {
    q = q.where((eb) =>
      eb.or([
        within('f.path')(eb),
        within('ap.path')(eb),
        eb.and([eb('t.status', 'not in', ['pending_out', 'revoked']), within('to.path')(eb)]),
      ]),
    );
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { limit, offset } = pageWindow(f);
  // The page's ids first (the filter over three org paths), then their rows in one query.
  const ids = (await q.select('t.id').orderBy('t.id', 'desc').limit(limit).offset(offset).execute()).map((r) => r.id);
  const rows = ids.length ? await withParties(ctx.db).where('t.id', 'in', ids).orderBy('t.id', 'desc').execute() : [];
  return { items: rows.map((t) => view(actor, t, [])), total: Number(n) };
}

/** Starts a transfer of a member of the caller's subtree to any branch of the tree. */
export async function create(ctx: Ctx, actor: Actor, input: TransferCreateBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('member')
      .selectAll()
      .where('id', '=', input.memberId)
      .where('org_id', 'in', scopedOrgIds(trx, actor.scopePath))
      .executeTakeFirst();
    if (!m) throw notFound('党员', 'MEMBER_NOT_FOUND');
    if (m.status !== '正常') throw badRequest('MEMBER_NOT_ACTIVE', `党员「${m.name}」状态为${m.status},不能转接`);
    const to = await trx.selectFrom('org_unit').selectAll().where('id', '=', input.toOrgId).executeTakeFirst();
    if (to?.status !== '正常') throw notFound('接收组织', 'ORG_NOT_FOUND');
    if (!RECEIVING_TYPES.includes(to.type))
      throw badRequest('TRANSFER_TARGET_TYPE', `「${to.name}」是${to.type},不能接收党员组织关系`);
    if (to.id === m.org_id) throw badRequest('TRANSFER_SAME_ORG', '接收组织与当前所在组织相同');
    const from = await trx.selectFrom('org_unit').selectAll().where('id', '=', m.org_id).executeTakeFirstOrThrow();
    if (from.parent_id == null) throw badRequest('TRANSFER_NO_SUPERIOR', '当前组织没有上级组织,无法审批转出');
    const open = await trx
      .selectFrom('transfer')
      .select('id')
      .where('member_id', '=', m.id)
      .where('status', 'in', ['pending_out', 'pending_in'])
      .executeTakeFirst();
    if (open) throw conflict('TRANSFER_PENDING', `党员「${m.name}」已有一条在办的转接申请(#${open.id})`);
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('transfer')
      .values({
        member_id: m.id,
        from_org_id: m.org_id,
        to_org_id: to.id,
        approver_org_id: from.parent_id,
        status: 'pending_out',
        reason: input.reason,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('transfer_step')
      .values({ transfer_id: r.id, step: '发起', actor_id: actor.userId, opinion: input.reason, at: now })
      .execute();
    await audit(ctx, trx, actor, {
      action: 'transfer.create',
      entity: 'transfer',
      entityId: r.id,
      after: { memberId: m.id, from: m.org_id, to: to.id },
    });
    return { id: r.id };
  });
}

/** Approves the step waiting for the caller: the out-side superior first, then the receiving side. */
export async function approve(ctx: Ctx, actor: Actor, id: number, opinion?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await visible(trx, actor, id);
    const now = nowIso(ctx);
    if (t.status === 'pending_out') {
      if (!isInPath(t.approver_path, actor.scopePath))
        throw new AppError('TRANSFER_NOT_YOUR_STEP', 403, `此申请待「${t.approver_name}」审批,您无权审批`);
      await trx.updateTable('transfer').set({ status: 'pending_in', updated_at: now }).where('id', '=', id).execute();
      await trx
        .insertInto('transfer_step')
        .values({ transfer_id: id, step: '转出审批通过', actor_id: actor.userId, opinion: opinion ?? null, at: now })
        .execute();
    } else if (t.status === 'pending_in') {
      if (!isInPath(t.to_path, actor.scopePath))
        throw new AppError('TRANSFER_NOT_YOUR_STEP', 403, `此申请待「${t.to_name}」接收,您无权办理`);
      await trx.updateTable('transfer').set({ status: 'done', updated_at: now }).where('id', '=', id).execute();
      await trx
        .updateTable('member')
        .set({ org_id: t.to_org_id, updated_at: now })
        .where('id', '=', t.member_id)
        .execute();
      await trx
        .insertInto('transfer_step')
        .values({ transfer_id: id, step: '接收', actor_id: actor.userId, opinion: opinion ?? null, at: now })
        .execute();
    } else throw conflict('TRANSFER_CLOSED', `此申请${TRANSFER_STATUSES[t.status as TransferStatus]},不能再审批`);
    await audit(ctx, trx, actor, {
      action: 'transfer.approve',
      entity: 'transfer',
      entityId: id,
      before: { status: t.status },
      after: { opinion: opinion ?? null },
    });
    return { ok: true };
  });
}

/** Rejects at the caller's step; a reason is required. */
export async function reject(ctx: Ctx, actor: Actor, id: number, opinion: string) {
  if (!opinion?.trim()) throw badRequest('REASON_REQUIRED', '退回须填写理由');
  return ctx.db.transaction().execute(async (trx) => {
    const t = await visible(trx, actor, id);
    const mine =
      (t.status === 'pending_out' && isInPath(t.approver_path, actor.scopePath)) ||
      (t.status === 'pending_in' && isInPath(t.to_path, actor.scopePath));
    if (t.status !== 'pending_out' && t.status !== 'pending_in')
      throw conflict('TRANSFER_CLOSED', `此申请${TRANSFER_STATUSES[t.status as TransferStatus]},不能退回`);
    if (!mine) throw new AppError('TRANSFER_NOT_YOUR_STEP', 403, '当前环节不由您办理');
    const now = nowIso(ctx);
    await trx.updateTable('transfer').set({ status: 'rejected', updated_at: now }).where('id', '=', id).execute();
    await trx
      .insertInto('transfer_step')
      .values({ transfer_id: id, step: '退回', actor_id: actor.userId, opinion, at: now })
      .execute();
    await audit(ctx, trx, actor, {
      action: 'transfer.reject',
      entity: 'transfer',
      entityId: id,
      before: { status: t.status },
      after: { opinion },
    });
    return { ok: true };
  });
}

/** The out side withdraws a pending request. */
export async function revoke(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await visible(trx, actor, id);
    if (!isInPath(t.from_path, actor.scopePath))
      throw new AppError('TRANSFER_NOT_YOUR_STEP', 403, '只有转出方可以撤销申请');
    if (t.status !== 'pending_out' && t.status !== 'pending_in')
      throw conflict('TRANSFER_CLOSED', `此申请${TRANSFER_STATUSES[t.status as TransferStatus]},不能撤销`);
    const now = nowIso(ctx);
    await trx.updateTable('transfer').set({ status: 'revoked', updated_at: now }).where('id', '=', id).execute();
    await trx
      .insertInto('transfer_step')
      .values({ transfer_id: id, step: '撤销', actor_id: actor.userId, opinion: null, at: now })
      .execute();
    await audit(ctx, trx, actor, {
      action: 'transfer.revoke',
      entity: 'transfer',
      entityId: id,
      before: { status: t.status },
    });
    return { ok: true };
  });
}

/** Names of organizations that can receive members, county-wide (the transfer form needs them). */
export async function directory(ctx: Ctx, q: string | undefined): Promise<TransferTargets> {
  let s = ctx.db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'type'])
    .where('status', '=', '正常')
    .where('type', 'in', RECEIVING_TYPES);
  if (q) s = s.where((eb) => eb.or([containsText('name', q), containsText('code', q)]));
  const rows = await s.orderBy('path').limit(30).execute();
  return { items: rows.map((o) => ({ ...o, type: o.type as OrgType })) };
}
