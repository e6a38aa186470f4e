/**
 * A branch's 支部委员会 (支委, with role and term dates) and its 党小组' membership. Members sit at
 * the branch (党小组 nodes hold no members in the org tree), so who belongs to which 党小组 is kept
 * here, with dates, for the 党小组会 roster. A 党支部 with fewer than 7 正式党员 has no 支委会: it may
 * record only its 书记 (and 副书记).
 */
import type { BranchInfo, CommitteeBody, CommitteePatch } from '../../../common/contracts/orglife-work.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { isInPath, orgInScope, type Actor } from '../../lib/scope.ts';
import { isValidDate } from '../../lib/workdays.ts';
import { branchInScope } from './access.ts';
import { committeeRoster } from './roster.ts';

/** At most 7 支委 (条例: 3–5, at most 7); 3 make a committee. */
const MAX_COMMITTEE = 7;
const MIN_COMMITTEE = 3;
const MIN_FULL = 7;

export async function branchInfo(ctx: Ctx, actor: Actor, id: number): Promise<BranchInfo> {
  const org = await branchInScope(ctx.db, actor, id);
  const today = localDate(ctx.clock.now());
  const members = await ctx.db
    .selectFrom('member')
    .select(['id', 'name', 'member_type'])
    .where('org_id', '=', id)
    .where('status', '=', '正常')
    .orderBy('name_pinyin')
    .execute();
  const committee = await ctx.db
    .selectFrom('org_committee_member as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .select(['c.id', 'c.member_id', 'm.name', 'c.role', 'c.start_date', 'c.end_date'])
    .where('c.org_id', '=', id)
    .orderBy('c.end_date', 'desc')
    .orderBy('c.id')
    .execute();
  const groups = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'name'])
    .where('parent_id', '=', id)
    .where('type', '=', '党小组')
    .where('status', '=', '正常')
    .orderBy('sort_order')
    .execute();
  const gm = groups.length
    ? await ctx.db
        .selectFrom('party_group_member as g')
        .innerJoin('member as m', 'm.id', 'g.member_id')
        .select(['g.group_id', 'g.member_id', 'm.name'])
        .where(
          'g.group_id',
          'in',
          groups.map((g) => g.id),
        )
        .where((eb) => eb.or([eb('g.end_date', 'is', null), eb('g.end_date', '>', today)]))
        .orderBy('m.name_pinyin')
        .execute()
    : [];
  const full = members.filter((m) => m.member_type === '正式').length;
  const serving = await committeeRoster(ctx.db, id, today);
  return {
    id,
    name: org.name,
    type: org.type,
    fullMembers: full,
    probationaryMembers: members.length - full,
    hasCommittee: (org.type !== '党支部' || full >= MIN_FULL) && serving.length >= MIN_COMMITTEE,
    committee: committee.map((c) => ({
      id: c.id,
      memberId: c.member_id,
      name: c.name,
      role: c.role,
      startDate: c.start_date,
      endDate: c.end_date,
    })),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      members: gm.filter((x) => x.group_id === g.id).map((x) => ({ memberId: x.member_id, name: x.name })),
    })),
    members: members.map((m) => ({ memberId: m.id, name: m.name, memberType: m.member_type })),
  };
}

export async function addCommittee(ctx: Ctx, actor: Actor, id: number, b: CommitteeBody) {
  for (const [d, what] of [
    [b.startDate, '任职日期'],
    [b.endDate, '离任日期'],
  ] as const)
    if (d && !isValidDate(d)) throw badRequest('DATE_INVALID', `${what}「${d}」不是有效日期`);
  if (b.endDate && b.endDate < b.startDate) throw badRequest('DATE_INVALID', '离任日期不能早于任职日期');
  return ctx.db.transaction().execute(async (trx) => {
    const org = await branchInScope(trx, actor, id);
    const m = await trx
      .selectFrom('member')
      .select(['id', 'name', 'org_id', 'org_path', 'status', 'member_type'])
      .where('id', '=', b.memberId)
      .executeTakeFirst();
    const own = m && (org.type === '党支部' ? m.org_id === id : isInPath(m.org_path, org.path));
    if (!m || !own || m.status !== '正常') throw badRequest('MEMBER_NOT_IN_BRANCH', `支委须是「${org.name}」的党员`);
    if (m.member_type !== '正式') throw badRequest('COMMITTEE_PROBATIONARY', `${m.name}是预备党员,不能担任支委`);
    const serving = await trx
      .selectFrom('org_committee_member')
      .select(['member_id', 'role'])
      .where('org_id', '=', id)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', localDate(ctx.clock.now()))]))
      .execute();
    if (!b.endDate && serving.some((s) => s.member_id === b.memberId))
      throw conflict('COMMITTEE_DUPLICATE', `${m.name}已是在任支委`);
    if (org.type === '党支部' && !['书记', '副书记'].includes(b.role)) {
      const full = await trx
        .selectFrom('member')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', id)
        .where('status', '=', '正常')
        .where('member_type', '=', '正式')
        .executeTakeFirstOrThrow();
      if (Number(full.n) < MIN_FULL)
        throw badRequest(
          'NO_COMMITTEE',
          `「${org.name}」正式党员 ${full.n} 人,不足 7 人的党支部不设支部委员会,只设书记(可设副书记)`,
        );
    }
    if (!b.endDate && serving.length >= MAX_COMMITTEE)
      throw badRequest('COMMITTEE_FULL', `支部委员会最多 ${MAX_COMMITTEE} 人,请先登记离任的支委`);
    const r = await trx
      .insertInto('org_committee_member')
      .values({
        org_id: id,
        member_id: b.memberId,
        role: b.role,
        start_date: b.startDate,
        end_date: b.endDate ?? null,
        created_by: actor.userId,
        created_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, { action: 'orglife.committee_add', entity: 'org_unit', entityId: id, after: b });
    return { id: r.id };
  });
}

export async function patchCommittee(ctx: Ctx, actor: Actor, cid: number, b: CommitteePatch) {
  if (b.endDate && !isValidDate(b.endDate)) throw badRequest('DATE_INVALID', `离任日期「${b.endDate}」不是有效日期`);
  return ctx.db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('org_committee_member').selectAll().where('id', '=', cid).executeTakeFirst();
    if (!c) throw notFound('支委记录', 'COMMITTEE_NOT_FOUND');
    await branchInScope(trx, actor, c.org_id).catch(() => {
      throw notFound('支委记录', 'COMMITTEE_NOT_FOUND');
    });
    if (b.endDate && b.endDate < c.start_date) throw badRequest('DATE_INVALID', '离任日期不能早于任职日期');
    const set = { ...(b.role ? { role: b.role } : {}), ...(b.endDate !== undefined ? { end_date: b.endDate } : {}) };
    if (!Object.keys(set).length) throw badRequest('NOTHING_TO_CHANGE', '没有要修改的内容');
    await trx.updateTable('org_committee_member').set(set).where('id', '=', cid).execute();
    await audit(ctx, trx, actor, {
      action: 'orglife.committee_update',
      entity: 'org_unit',
      entityId: c.org_id,
      before: { id: cid, role: c.role, endDate: c.end_date },
      after: { id: cid, ...b },
    });
    return { ok: true };
  });
}

/**
 * Sets who is in a 党小组 from today: members leaving get an end date, members joining a start
 * date (and leave the branch's other 党小组, one group per member).
 */
export async function setGroupMembers(ctx: Ctx, actor: Actor, groupId: number, memberIds: number[]) {
  const today = localDate(ctx.clock.now());
  const ids = [...new Set(memberIds)];
  return ctx.db.transaction().execute(async (trx) => {
    const g = await orgInScope(trx, actor, groupId);
    if (g.type !== '党小组' || !g.parent_id) throw badRequest('NOT_A_GROUP', `「${g.name}」不是党小组`);
    if (ids.length) {
      const ok = await trx
        .selectFrom('member')
        .select('id')
        .where('id', 'in', ids)
        .where('org_id', '=', g.parent_id)
        .where('status', '=', '正常')
        .execute();
      if (ok.length !== ids.length) throw badRequest('MEMBER_NOT_IN_BRANCH', '党小组成员须是所在党支部的党员');
    }
    const siblings = (
      await trx
        .selectFrom('org_unit')
        .select('id')
        .where('parent_id', '=', g.parent_id)
        .where('type', '=', '党小组')
        .execute()
    ).map((s) => s.id);
    const current = await trx
      .selectFrom('party_group_member')
      .select(['id', 'group_id', 'member_id', 'start_date'])
      .where('group_id', 'in', siblings)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', today)]))
      .execute();
    const leave = current.filter(
      (c) =>
        (c.group_id === groupId && !ids.includes(c.member_id)) || (c.group_id !== groupId && ids.includes(c.member_id)),
    );
    for (const c of leave) {
      // Joined today and leaves today: the membership never took effect.
      if (c.start_date >= today) await trx.deleteFrom('party_group_member').where('id', '=', c.id).execute();
      else await trx.updateTable('party_group_member').set({ end_date: today }).where('id', '=', c.id).execute();
    }
    const stay = new Set(current.filter((c) => c.group_id === groupId).map((c) => c.member_id));
    const join = ids.filter((id) => !stay.has(id));
    if (join.length)
      await trx
        .insertInto('party_group_member')
        .values(
          join.map((member_id) => ({
            group_id: groupId,
            member_id,
            start_date: today,
            end_date: null,
            created_at: nowIso(ctx),
          })),
        )
        .execute();
    await audit(ctx, trx, actor, {
      action: 'orglife.group_members',
      entity: 'org_unit',
      entityId: groupId,
      after: { joined: join, left: leave.map((l) => l.member_id) },
    });
    return { ok: true };
  });
}
