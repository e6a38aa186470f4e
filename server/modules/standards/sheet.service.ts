/**
 * One branch's score sheet in a round: 自评 item by item with evidence (auto-filled items carry
 * their figure; a different score needs a reason, audited) → superior 初核 beside the self score
 * (comment per item, 退回 with a reason) → 组织部 审定 (the combined total).
 */
import { sql } from 'kysely';
import type { ReviewBody, SelfScoreBody } from '../../../common/contracts/standards.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { type Actor, isInPath } from '../../lib/scope.ts';
import { notify } from '../../lib/notify.ts';
import { type AutoValue, computeAuto } from './autofill.ts';
import { filesOf } from './evidence.service.ts';
import { loadManual } from './manuals.service.ts';
import { entryDto, loadRound } from './rounds.service.ts';
import { combine, pointsProblem, sheetTotal, vetoes } from './scoring.ts';

export async function loadEntry(db: Executor, actor: Actor, id: number) {
  const e = await db
    .selectFrom('std_entry as e')
    .innerJoin('org_unit as o', 'o.id', 'e.org_id')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .selectAll('e')
    .select(['o.name as org_name', 'o.parent_id', 'p.name as parent_name'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!e || !isInPath(e.org_path, actor.scopePath)) throw notFound('参评记录', 'ENTRY_NOT_FOUND');
  return e;
}
type EntryRowDb = Awaited<ReturnType<typeof loadEntry>>;

const scoresOf = (db: Executor, entryId: number) =>
  db.selectFrom('std_score').selectAll().where('entry_id', '=', entryId).execute();

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Each item's average over the round's submitted sheets (superior score where reviewed): the county
 * line of a branch's radar. An aggregate only — no other branch's row leaves the server.
 */
async function itemAverages(db: Executor, roundId: number) {
  const rows = await db
    .selectFrom('std_score as s')
    .innerJoin('std_entry as e', 'e.id', 's.entry_id')
    .select(['s.code', sql<number>`avg(coalesce(s.superior_points, s.self_points))`.as('avg')])
    .where('e.round_id', '=', roundId)
    .where('e.self_score', 'is not', null)
    .groupBy('s.code')
    .execute();
  return new Map(rows.filter((x) => x.avg !== null).map((x) => [x.code, Number(x.avg)]));
}

/** The sheet with every item, the self and superior scores side by side, and fresh auto values. */
export async function sheet(ctx: Ctx, actor: Actor, id: number) {
  const e = await loadEntry(ctx.db, actor, id);
  const r = await loadRound(ctx.db, actor, e.round_id);
  const m = await loadManual(ctx.db, r.manual_id);
  const scores = new Map((await scoresOf(ctx.db, id)).map((s) => [s.code, s]));
  const files = await filesOf(ctx.db, id);
  // while the branch may still change its sheet, show today's figures; afterwards the stored ones
  const live = e.status === '待自评' || e.status === '已退回';
  const auto = live ? (await computeAuto(ctx, ctx.db, m.items, [e.org_id], r.year)).get(e.org_id) : null;
  const avg = await itemAverages(ctx.db, r.id);
  const scoreOf = (code: string) => {
    const x = scores.get(code);
    return x ? (x.superior_points ?? x.self_points) : null;
  };
  return {
    dimensions: m.dimensions
      .filter((d) => !d.bonus)
      .map((d) => {
        const own = d.items.map((it) => scoreOf(it.code)).filter((v) => v !== null);
        const all = d.items.map((it) => avg.get(it.code)).filter((v) => v !== undefined);
        return {
          name: d.name,
          points: d.points,
          score: own.length ? round1(own.reduce((a, b) => a + b, 0)) : null,
          average: all.length ? round1(all.reduce((a, b) => a + b, 0)) : null,
        };
      }),
    entry: entryDto(e, isInPath(r.owner_path, actor.scopePath) || r.status !== '评分中'),
    roundId: r.id,
    roundName: r.name,
    year: r.year,
    totalPoints: m.total_points,
    bonusPoints: m.bonus_points,
    items: m.items.map((it) => {
      const s = scores.get(it.code);
      const a: AutoValue | null = auto?.get(it.code) ?? (s?.auto_json ? JSON.parse(s.auto_json) : null);
      return {
        code: it.code,
        dimension: it.dimension,
        title: it.title,
        criterion: it.criterion,
        maxPoints: it.maxPoints,
        method: it.method,
        floor: it.method === 'bonus' ? 0 : (it.floor ?? 0),
        perOccurrence: it.perOccurrence ?? null,
        levels: it.levels ?? [],
        bonus: it.bonus,
        evidenceRequired: it.evidence,
        selfPoints: s?.self_points ?? null,
        selfNote: s?.self_note ?? null,
        evidence: s ? JSON.parse(s.evidence_json) : [],
        files: files.get(it.code) ?? [],
        auto: a,
        overrideReason: s?.override_reason ?? null,
        superiorPoints: s?.superior_points ?? null,
        superiorComment: s?.superior_comment ?? null,
        returned: !!s?.returned,
      };
    }),
  };
}

/**
 * 自评: only the branch itself (its own account) scores its sheet, only while 待自评 or 已退回
 * (after a 退回 only the returned items). Each score lies within the item's bounds; an item that
 * requires evidence needs at least one piece of each required type on submit; an auto-filled item
 * scored differently from its figure needs a reason.
 */
export async function saveSelf(ctx: Ctx, actor: Actor, id: number, b: SelfScoreBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const e = await loadEntry(trx, actor, id);
    if (actor.scopeOrgId !== e.org_id) throw forbidden('自评只能由支部本身填报');
    if (e.status !== '待自评' && e.status !== '已退回')
      throw conflict('SELF_SUBMITTED', '自评已提交,不能修改(如需修改请由上级退回)');
    const r = await loadRound(trx, actor, e.round_id);
    if (r.status !== '评分中') throw conflict('ROUND_CLOSED', '本轮评定已结束评分');
    const m = await loadManual(trx, r.manual_id);
    const byCode = new Map(m.items.map((it) => [it.code, it]));
    const existing = new Map((await scoresOf(trx, id)).map((s) => [s.code, s]));
    const auto = (await computeAuto(ctx, trx, m.items, [e.org_id], r.year)).get(e.org_id) ?? new Map();
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const x of b.items) {
      const it = byCode.get(x.code);
      if (!it) {
        problems.push(`手册中没有编号为 ${x.code} 的项目`);
        continue;
      }
      if (seen.has(x.code)) problems.push(`${x.code} ${it.title}:同一项目填报了两次`);
      seen.add(x.code);
      if (e.status === '已退回' && !existing.get(x.code)?.returned)
        problems.push(`${x.code} ${it.title}:未被退回的项目不能修改`);
      const p = pointsProblem(it, x.points);
      if (p) problems.push(p);
      const a = auto.get(x.code);
      if (a && a.points !== null && a.points !== x.points && !x.overrideReason?.trim())
        problems.push(`${x.code} ${it.title}:自动计算为 ${a.points} 分,改为 ${x.points} 分须说明理由`);
    }
    if (problems.length) throw badRequest('SCORE_INVALID', problems[0], { problems });
    const rows = b.items.map((x) => {
      const a = auto.get(x.code);
      const prev = existing.get(x.code);
      const override = a && a.points !== null && a.points !== x.points ? (x.overrideReason?.trim() ?? null) : null;
      return {
        entry_id: id,
        code: x.code,
        self_points: x.points,
        self_note: x.note?.trim() || null,
        evidence_json: JSON.stringify(x.evidence ?? (prev ? JSON.parse(prev.evidence_json) : [])),
        auto_json: a ? JSON.stringify(a) : null,
        override_reason: override,
        returned: 0,
        superior_points: prev?.superior_points ?? null,
        superior_comment: prev?.superior_comment ?? null,
      };
    });
    // the whole sheet in one statement (one round trip per item was most of a save on PostgreSQL);
    // (entry_id, code) is unique, so an item saved before is updated in place, keeping the 初核 side
    await trx
      .insertInto('std_score')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['entry_id', 'code']).doUpdateSet((eb) => ({
          self_points: eb.ref('excluded.self_points'),
          self_note: eb.ref('excluded.self_note'),
          evidence_json: eb.ref('excluded.evidence_json'),
          auto_json: eb.ref('excluded.auto_json'),
          override_reason: eb.ref('excluded.override_reason'),
          returned: eb.ref('excluded.returned'),
        })),
      )
      .execute();
    for (const x of b.items) {
      const a = auto.get(x.code);
      const override = rows.find((r) => r.code === x.code)?.override_reason ?? null;
      if (override)
        await audit(ctx, trx, actor, {
          action: 'standards.score.override',
          entity: 'std_entry',
          entityId: id,
          before: { code: x.code, auto: a?.points ?? null, value: a?.value ?? null },
          after: { code: x.code, points: x.points, reason: override },
        });
    }
    let status = e.status;
    let selfScore = e.self_score;
    if (b.submit) {
      const saved = new Map((await scoresOf(trx, id)).map((s) => [s.code, s]));
      const files = await filesOf(trx, id);
      const missing: string[] = [];
      for (const it of m.items) {
        const s = saved.get(it.code);
        if (!s || s.self_points === null) missing.push(`${it.code} ${it.title}:尚未评分`);
        else if (s.returned) missing.push(`${it.code} ${it.title}:退回项目尚未修改`);
        else {
          // a required type is met by an uploaded file or, for paper kept at the branch, a description
          const have = new Set([
            ...(JSON.parse(s.evidence_json) as { type: string }[]).map((x) => x.type),
            ...(files.get(it.code) ?? []).map((x) => x.type),
          ]);
          const lack = it.evidence.filter((t) => !have.has(t));
          if (lack.length && !it.bonus) missing.push(`${it.code} ${it.title}:缺少佐证材料(${lack.join('、')})`);
          if (it.bonus && (s.self_points ?? 0) > 0 && lack.length)
            missing.push(`${it.code} ${it.title}:加分须附佐证材料(${lack.join('、')})`);
        }
      }
      if (missing.length) throw badRequest('SHEET_INCOMPLETE', missing[0], { problems: missing });
      selfScore = sheetTotal(m.items, m.bonus_points, (c) => saved.get(c)?.self_points ?? null);
      status = '待初核';
    }
    await trx
      .updateTable('std_entry')
      .set({
        status,
        self_score: selfScore,
        return_reason: b.submit ? null : e.return_reason,
        submitted_at: b.submit ? nowIso(ctx) : e.submitted_at,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: b.submit ? 'standards.self.submit' : 'standards.self.save',
      entity: 'std_entry',
      entityId: id,
      after: { items: b.items.length, selfScore },
    });
    if (b.submit && e.parent_id)
      await notify(trx, ctx, {
        kind: 'standards',
        orgId: e.parent_id,
        taskId: null,
        message: `${e.org_name}已提交标准化自评,待初核`,
        dedupeKey: `std-submit-${id}-${nowIso(ctx)}`,
        link: `/standards/entries/${id}/review`,
      });
    return { ok: true };
  });
}

/**
 * The 初核 columns of a whole sheet in ONE statement (a sheet has ~60 rows: one UPDATE per row
 * was 60 round trips on PostgreSQL). A CTE with column names and explicit casts reads the same on
 * SQLite (≥ 3.33, UPDATE … FROM) and PostgreSQL, where untyped VALUES parameters would be text.
 */
async function writeReview(
  trx: Executor,
  rows: { id: number; points: number | null; comment: string | null; returned: number }[],
) {
  if (!rows.length) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(cast(${r.id} as integer), cast(${r.points} as double precision), cast(${r.comment} as text), cast(${r.returned} as integer))`,
    ),
  );
  await sql`with v(id, points, comment, returned) as (values ${values})
    update std_score set superior_points = v.points, superior_comment = v.comment, returned = v.returned
    from v where std_score.id = v.id`.execute(trx);
}

/** A superior (not the branch itself) acting on an entry of its subtree. */
function assertSuperior(actor: Actor, e: EntryRowDb) {
  if (actor.scopeOrgId === e.org_id) throw forbidden('不能审核本支部自己的评分');
}

/**
 * 初核: the superior scores each item beside the self score (unscored items take the self score),
 * with comments; items in `returnCodes` go back to the branch with the reason (status 已退回).
 */
export async function review(ctx: Ctx, actor: Actor, id: number, b: ReviewBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const e = await loadEntry(trx, actor, id);
    assertSuperior(actor, e);
    if (e.status !== '待初核') throw conflict('ENTRY_NOT_PENDING', `当前状态为「${e.status}」,不能初核`);
    const r = await loadRound(trx, actor, e.round_id);
    const m = await loadManual(trx, r.manual_id);
    const byCode = new Map(m.items.map((it) => [it.code, it]));
    const problems: string[] = [];
    for (const x of b.items) {
      const it = byCode.get(x.code);
      if (!it) problems.push(`手册中没有编号为 ${x.code} 的项目`);
      else {
        const p = pointsProblem(it, x.points);
        if (p) problems.push(p);
      }
    }
    const back = b.returnCodes ?? [];
    for (const c of back) if (!byCode.has(c)) problems.push(`手册中没有编号为 ${c} 的项目`);
    if (back.length && !b.returnReason?.trim()) problems.push('退回须说明理由');
    if (problems.length) throw badRequest('SCORE_INVALID', problems[0], { problems });
    const scores = await scoresOf(trx, id);
    const given = new Map(b.items.map((x) => [x.code, x]));
    await writeReview(
      trx,
      scores.map((s) => {
        const x = given.get(s.code);
        return {
          id: s.id,
          points: x ? x.points : (s.superior_points ?? s.self_points),
          comment: x?.comment?.trim() || s.superior_comment,
          returned: back.includes(s.code) ? 1 : 0,
        };
      }),
    );
    const now = nowIso(ctx);
    if (back.length) {
      await trx
        .updateTable('std_entry')
        .set({ status: '已退回', return_reason: b.returnReason?.trim() ?? null, updated_at: now })
        .where('id', '=', id)
        .execute();
      await audit(ctx, trx, actor, {
        action: 'standards.review.return',
        entity: 'std_entry',
        entityId: id,
        after: { codes: back, reason: b.returnReason },
      });
      await notify(trx, ctx, {
        kind: 'standards',
        orgId: e.org_id,
        taskId: null,
        message: `标准化自评被退回:${b.returnReason?.trim()}`,
        dedupeKey: `std-return-${id}-${now}`,
        link: `/standards/entries/${id}`,
      });
      return { ok: true };
    }
    const fresh = new Map((await scoresOf(trx, id)).map((s) => [s.code, s.superior_points]));
    const superiorScore = sheetTotal(m.items, m.bonus_points, (c) => fresh.get(c) ?? null);
    await trx
      .updateTable('std_entry')
      .set({ status: '待审定', superior_score: superiorScore, reviewed_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'standards.review.pass',
      entity: 'std_entry',
      entityId: id,
      before: { selfScore: e.self_score },
      after: { superiorScore },
    });
    return { ok: true };
  });
}

/** 审定 by the round's owner: the combined total and the veto flag are fixed. */
export async function approve(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const e = await loadEntry(trx, actor, id);
    assertSuperior(actor, e);
    const r = await loadRound(trx, actor, e.round_id);
    if (!isInPath(r.owner_path, actor.scopePath)) throw forbidden('审定须由组织本轮评定的组织部进行');
    if (e.status !== '待审定') throw conflict('ENTRY_NOT_PENDING', `当前状态为「${e.status}」,不能审定`);
    const m = await loadManual(trx, r.manual_id);
    const sup = new Map((await scoresOf(trx, id)).map((s) => [s.code, s.superior_points]));
    const vetoed = vetoes(m.items, (c) => sup.get(c) ?? null).length > 0;
    const total = combine(e.self_score, e.superior_score, r.self_weight, r.superior_weight);
    const now = nowIso(ctx);
    await trx
      .updateTable('std_entry')
      .set({ status: '已审定', total, vetoed: vetoed ? 1 : 0, approved_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'standards.approve',
      entity: 'std_entry',
      entityId: id,
      after: { total, vetoed },
    });
    return { ok: true };
  });
}
