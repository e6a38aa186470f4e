/**
 * 民主评议党员: one campaign per branch and year. Members write their 自评; the branch grades
 * 正式党员 优秀/合格/基本合格/不合格 with 优秀 ≤ 1/3 of the graded members (预备党员 take part but are
 * not graded), subject to the eligibility checks; at the end each 不合格 opens a follow-up item in
 * the one rectification ledger.
 */
import type { AppraisalDetail, AppraisalSummary, GradesBody } from '../../../common/contracts/orglife-work.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { addItem } from '../rectifications/items.service.ts';
import { branchInScope, listRoot } from './access.ts';
import { APPRAISAL_CHECKS, blocksFor, CHECKS_SETTING, enabledMap, withinCap } from './appraisal-checks.ts';
import { putSetting } from '../tasks/lights.ts';
import { addMonths } from './periods.ts';

/** 优秀 may be at most a third of the graded members, rounded down. */
export const excellentCap = (graded: number) => Math.floor(graded / 3);

export async function createAppraisal(ctx: Ctx, actor: Actor, orgId: number, year: number) {
  const thisYear = Number(localDate(ctx.clock.now()).slice(0, 4));
  if (year > thisYear || year < thisYear - 1)
    throw badRequest('APPRAISAL_YEAR', `只能开展 ${thisYear - 1} 或 ${thisYear} 年度的民主评议`);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await branchInScope(trx, actor, orgId);
    if (org.type !== '党支部') throw badRequest('ORG_NOT_BRANCH', '民主评议党员以党支部为单位开展');
    const dup = await trx
      .selectFrom('appraisal')
      .select('id')
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .executeTakeFirst();
    if (dup) throw conflict('APPRAISAL_EXISTS', `「${org.name}」${year} 年度的民主评议已经建立`);
    const members = await trx
      .selectFrom('member')
      .select(['id', 'name', 'member_type'])
      .where('org_id', '=', orgId)
      .where('status', '=', '正常')
      .orderBy('name_pinyin')
      .execute();
    if (!members.length) throw badRequest('APPRAISAL_NO_MEMBERS', `「${org.name}」没有党员`);
    const a = await trx
      .insertInto('appraisal')
      .values({
        org_id: orgId,
        year,
        status: '进行中',
        decision_meeting_id: null,
        created_by: actor.userId,
        created_at: nowIso(ctx),
        finalized_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('appraisal_entry')
      .values(
        members.map((m) => ({
          appraisal_id: a.id,
          member_id: m.id,
          name: m.name,
          member_type: m.member_type,
          graded: m.member_type === '正式' ? 1 : 0,
          self_text: null,
          self_at: null,
          grade: null,
          note: null,
          rect_item_id: null,
        })),
      )
      .execute();
    await audit(ctx, trx, actor, {
      action: 'appraisal.create',
      entity: 'appraisal',
      entityId: a.id,
      after: { orgId, year, members: members.length },
    });
    return { id: a.id };
  });
}

const base = (db: Executor) =>
  db
    .selectFrom('appraisal as a')
    .innerJoin('org_unit as o', 'o.id', 'a.org_id')
    .selectAll('a')
    .select([
      'o.name as org_name',
      'o.path as org_path',
      'o.parent_id as org_parent_id',
      (eb) =>
        eb
          .selectFrom('appraisal_entry as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.appraisal_id', '=', 'a.id')
          .as('members'),
      (eb) =>
        eb
          .selectFrom('appraisal_entry as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.appraisal_id', '=', 'a.id')
          .where('e.graded', '=', 1)
          .as('graded'),
      (eb) =>
        eb
          .selectFrom('appraisal_entry as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.appraisal_id', '=', 'a.id')
          .where('e.self_text', 'is not', null)
          .as('self_done'),
      (eb) =>
        eb
          .selectFrom('appraisal_entry as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.appraisal_id', '=', 'a.id')
          .where('e.grade', '=', '优秀')
          .as('excellent'),
    ]);
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

const summary = (r: Row): AppraisalSummary => ({
  id: r.id,
  org: { id: r.org_id, name: r.org_name },
  year: r.year,
  status: r.status,
  members: Number(r.members),
  graded: Number(r.graded),
  selfDone: Number(r.self_done),
  excellent: Number(r.excellent),
  createdAt: r.created_at,
  finalizedAt: r.finalized_at,
});

export async function listAppraisals(ctx: Ctx, actor: Actor, q: { orgId?: number; year?: number }) {
  const root = await listRoot(ctx.db, actor, q.orgId);
  const rows = await base(ctx.db)
    .where('o.path', '>=', root.path)
    .where('o.path', '<', pathUpper(root.path))
    .$if(!!q.year, (x) => x.where('a.year', '=', q.year!))
    .orderBy('a.year', 'desc')
    .orderBy('o.path')
    .execute();
  return { items: rows.map(summary) };
}

async function visible(db: Executor, actor: Actor, id: number) {
  const r = await base(db).where('a.id', '=', id).executeTakeFirst();
  if (!r || !isInPath(r.org_path, actor.scopePath)) throw notFound('民主评议', 'APPRAISAL_NOT_FOUND');
  return r;
}
async function inProgress(db: Executor, actor: Actor, id: number) {
  const r = await visible(db, actor, id);
  if (r.status !== '进行中') throw conflict('APPRAISAL_FINALIZED', '民主评议已结束,不能再修改');
  return r;
}

export async function getAppraisal(ctx: Ctx, actor: Actor, id: number): Promise<AppraisalDetail> {
  const r = await visible(ctx.db, actor, id);
  const entries = await ctx.db.selectFrom('appraisal_entry').selectAll().where('appraisal_id', '=', id).execute();
  const blocks = await blocksFor(
    ctx.db,
    entries.map((e) => e.member_id),
    localDate(ctx.clock.now()),
  );
  const enabled = await enabledMap(ctx.db);
  return {
    ...summary(r),
    excellentCap: excellentCap(Number(r.graded)),
    decisionMeetingId: r.decision_meeting_id,
    entries: entries.map((e) => ({
      memberId: e.member_id,
      name: e.name,
      memberType: e.member_type,
      graded: e.graded === 1,
      selfText: e.self_text,
      selfAt: e.self_at,
      grade: e.grade,
      note: e.note,
      blocked: blocks.get(e.member_id) ?? [],
      rectItemId: e.rect_item_id,
    })),
    checks: APPRAISAL_CHECKS.map((c) => ({
      key: c.key,
      label: c.label,
      description: c.description,
      module: c.module,
      capGrade: c.capGrade,
      enabled: enabled[c.key],
    })),
  };
}

/** 自评: by the member themself (`actor.memberId`) or entered by the branch for them. */
export async function setSelf(ctx: Ctx, actor: Actor, id: number, memberId: number | null, text: string) {
  const t = text.trim();
  if (!t) throw badRequest('SELF_EMPTY', '个人自评不能为空');
  return ctx.db.transaction().execute(async (trx) => {
    const own = memberId === null;
    const who = own ? actor.memberId : memberId;
    if (!who) throw badRequest('NOT_A_MEMBER', '当前账号没有关联党员档案');
    // A member sees only their own campaign; the branch any in its scope.
    const a = own
      ? await trx.selectFrom('appraisal').selectAll().where('id', '=', id).executeTakeFirst()
      : await inProgress(trx, actor, id);
    if (!a) throw notFound('民主评议', 'APPRAISAL_NOT_FOUND');
    const e = await trx
      .selectFrom('appraisal_entry')
      .select('member_id')
      .where('appraisal_id', '=', id)
      .where('member_id', '=', who)
      .executeTakeFirst();
    if (!e) throw notFound('民主评议', 'APPRAISAL_NOT_FOUND');
    if (a.status !== '进行中') throw conflict('APPRAISAL_FINALIZED', '民主评议已结束,不能再修改');
    await trx
      .updateTable('appraisal_entry')
      .set({ self_text: t, self_at: nowIso(ctx) })
      .where('appraisal_id', '=', id)
      .where('member_id', '=', who)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'appraisal.self',
      entity: 'appraisal',
      entityId: id,
      after: { memberId: who, length: t.length, byMember: own },
    });
    return { ok: true };
  });
}

/** Grades (or clears) members; the whole request is refused if any rule is broken. */
export async function setGrades(ctx: Ctx, actor: Actor, id: number, b: GradesBody) {
  return ctx.db.transaction().execute(async (trx) => {
    await inProgress(trx, actor, id);
    const entries = await trx.selectFrom('appraisal_entry').selectAll().where('appraisal_id', '=', id).execute();
    const byId = new Map(entries.map((e) => [e.member_id, e]));
    const blocks = await blocksFor(
      trx,
      b.grades.map((g) => g.memberId),
      localDate(ctx.clock.now()),
    );
    const next = new Map(entries.map((e) => [e.member_id, e.grade]));
    for (const g of b.grades) {
      const e = byId.get(g.memberId);
      if (!e) throw badRequest('APPRAISAL_MEMBER', `党员(编号 ${g.memberId})不在本次民主评议名单中`);
      if (g.grade && !e.graded)
        throw badRequest('PROBATIONARY_NOT_GRADED', `${e.name}是预备党员,参加民主评议但不评定等次`);
      if (g.grade === '不合格' && !g.note?.trim())
        throw badRequest('NOTE_REQUIRED', `评定${e.name}为不合格,须写明理由`);
      for (const bl of blocks.get(g.memberId) ?? [])
        if (g.grade && !withinCap(g.grade, bl.capGrade))
          throw badRequest(
            'GRADE_NOT_ELIGIBLE',
            `${e.name}${bl.reason},按「${bl.label}」规定不能评为${g.grade}(最高为${bl.capGrade})`,
          );
      next.set(g.memberId, g.grade);
    }
    const graded = entries.filter((e) => e.graded).length;
    const excellent = [...next.values()].filter((g) => g === '优秀').length;
    if (excellent > excellentCap(graded))
      throw badRequest(
        'EXCELLENT_OVER_CAP',
        `评为优秀的党员不能超过评定等次党员的 1/3:本支部 ${graded} 人评定等次,优秀至多 ${excellentCap(graded)} 人(本次为 ${excellent} 人)`,
      );
    for (const g of b.grades)
      await trx
        .updateTable('appraisal_entry')
        .set({ grade: g.grade, note: g.note?.trim() || null })
        .where('appraisal_id', '=', id)
        .where('member_id', '=', g.memberId)
        .execute();
    await audit(ctx, trx, actor, { action: 'appraisal.grades', entity: 'appraisal', entityId: id, after: b.grades });
    return { ok: true };
  });
}

/** Ends the campaign: every graded member has a grade; each 不合格 becomes a ledger item. */
export async function finalizeAppraisal(ctx: Ctx, actor: Actor, id: number, decisionMeetingId?: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await inProgress(trx, actor, id);
    const entries = await trx.selectFrom('appraisal_entry').selectAll().where('appraisal_id', '=', id).execute();
    const missing = entries.filter((e) => e.graded && !e.grade);
    if (missing.length)
      throw badRequest(
        'GRADES_MISSING',
        `还有 ${missing.length} 名正式党员未评定等次:${missing
          .slice(0, 10)
          .map((e) => e.name)
          .join('、')}`,
      );
    if (decisionMeetingId) {
      const m = await trx
        .selectFrom('meeting')
        .select(['org_id', 'status'])
        .where('id', '=', decisionMeetingId)
        .executeTakeFirst();
      if (!m || m.org_id !== a.org_id || m.status !== '已召开')
        throw badRequest('DECISION_MEETING_INVALID', `评定会议须是「${a.org_name}」已召开的会议`);
    }
    const now = nowIso(ctx);
    const today = localDate(ctx.clock.now());
    let n = 0;
    for (const e of entries.filter((x) => x.grade === '不合格')) {
      const item = await addItem(trx, ctx, actor, {
        orgId: a.org_id,
        issuerOrgId: a.org_parent_id ?? a.org_id,
        problem: `${a.year}年度民主评议党员:${e.name}被评定为不合格(${e.note ?? ''}),须教育转化、限期改正或按规定组织处置`,
        source: '民主评议',
        sourceRef: `appraisal:${id}:${e.member_id}`,
        deadlineDate: `${addMonths(today.slice(0, 7), 6)}-01`,
      });
      await trx
        .updateTable('appraisal_entry')
        .set({ rect_item_id: item })
        .where('appraisal_id', '=', id)
        .where('member_id', '=', e.member_id)
        .execute();
      n++;
    }
    await trx
      .updateTable('appraisal')
      .set({ status: '已完成', finalized_at: now, decision_meeting_id: decisionMeetingId ?? null })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'appraisal.finalize',
      entity: 'appraisal',
      entityId: id,
      after: { rectificationItems: n, decisionMeetingId: decisionMeetingId ?? null },
    });
    return { ok: true, rectificationItems: n };
  });
}

export async function listChecks(ctx: Ctx) {
  const enabled = await enabledMap(ctx.db);
  return {
    items: APPRAISAL_CHECKS.map((c) => ({
      key: c.key,
      label: c.label,
      description: c.description,
      module: c.module,
      capGrade: c.capGrade,
      enabled: enabled[c.key],
    })),
  };
}

/** Switches eligibility checks on or off (unknown keys are refused). */
export async function putChecks(ctx: Ctx, actor: Actor, enabled: Record<string, boolean>) {
  const unknown = Object.keys(enabled).filter((k) => !APPRAISAL_CHECKS.some((c) => c.key === k));
  if (unknown.length) throw badRequest('CHECK_UNKNOWN', `没有这些评议资格检查:${unknown.join('、')}`);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await enabledMap(trx);
    const after = { ...before, ...enabled };
    await putSetting(trx, CHECKS_SETTING, after, nowIso(ctx));
    await audit(ctx, trx, actor, {
      action: 'appraisal.checks',
      entity: 'setting',
      entityId: CHECKS_SETTING,
      before,
      after,
    });
  });
  return listChecks(ctx);
}
