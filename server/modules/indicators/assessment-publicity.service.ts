/**
 * 公示 of a 年度综合考核 (as the standards module does it): a window of N working days from the
 * calendar settings, objections by the assessed side during the window, answered by the owner (an
 * upheld one is corrected in the records and recomputed, never by typing a result), publication
 * after the window once every objection is answered; and the result sheet (.xlsx).
 */
import ExcelJS from 'exceljs';
import { audit, nowIso, type Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { assertInPublicity, assertPublicityOver, postingWindow } from '../../lib/publicity.ts';
import { type Actor, pathInSubtree } from '../../lib/scope.ts';
import { detail, loadAssessment, manageable } from './assessment.service.ts';

export async function startPublicity(ctx: Ctx, actor: Actor, id: number, startDate?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await manageable(trx, actor, id);
    if (a.status !== '评分中') throw conflict('ASSESSMENT_STATE', '本次考核已在公示');
    if (!a.computed_at) throw conflict('NOT_COMPUTED', '请先计算考核结果再公示');
    const { start, end } = await postingWindow(ctx, trx, a.objection_days, startDate);
    await trx
      .updateTable('assessment')
      .set({ status: '公示中', publicity_start_date: start, publicity_end_date: end })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'assessment.publicity',
      entity: 'assessment',
      entityId: id,
      after: { start, end },
    });
    return { ok: true };
  });
}

/** An objection to one unit's result, during the window, by anyone whose scope holds that unit. */
export async function object(ctx: Ctx, actor: Actor, id: number, b: { orgId: number; text: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await loadAssessment(trx, actor, id);
    const u = await trx
      .selectFrom('assessment_unit')
      .select(['org_id', 'org_path'])
      .where('assessment_id', '=', id)
      .where('org_id', '=', b.orgId)
      .where(pathInSubtree('org_path', actor.scopePath))
      .executeTakeFirst();
    if (!u) throw notFound('参加考核的单位', 'ASSESSED_UNIT_NOT_FOUND');
    assertInPublicity(a, localDate(ctx.clock.now()));
    const { id: oid } = await trx
      .insertInto('assessment_objection')
      .values({
        assessment_id: id,
        org_id: b.orgId,
        org_path: u.org_path,
        text: b.text.trim(),
        created_by: actor.userId,
        created_at: nowIso(ctx),
        answer: null,
        upheld: 0,
        answered_by: null,
        answered_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'assessment.objection',
      entity: 'assessment_objection',
      entityId: oid,
      after: { assessmentId: id, orgId: b.orgId },
    });
    return { id: oid };
  });
}

export async function objections(ctx: Ctx, actor: Actor, id: number) {
  const a = await loadAssessment(ctx.db, actor, id);
  let q = ctx.db
    .selectFrom('assessment_objection as x')
    .innerJoin('org_unit as o', 'o.id', 'x.org_id')
    .select(['x.id', 'x.org_id', 'o.name', 'x.text', 'x.answer', 'x.upheld', 'x.created_at', 'x.answered_at'])
    .where('x.assessment_id', '=', id)
    .orderBy('x.id');
  if (!a.canManage) q = q.where(pathInSubtree('x.org_path', actor.scopePath));
  const rows = await q.execute();
  return {
    items: rows.map((x) => ({
      id: x.id,
      orgId: x.org_id,
      orgName: x.name,
      text: x.text,
      answer: x.answer,
      upheld: !!x.upheld,
      createdAt: x.created_at,
      answeredAt: x.answered_at,
    })),
  };
}

export async function answer(
  ctx: Ctx,
  actor: Actor,
  id: number,
  objectionId: number,
  b: { answer: string; upheld: boolean },
) {
  return ctx.db.transaction().execute(async (trx) => {
    await manageable(trx, actor, id);
    const o = await trx
      .selectFrom('assessment_objection')
      .selectAll()
      .where('id', '=', objectionId)
      .where('assessment_id', '=', id)
      .executeTakeFirst();
    if (!o) throw notFound('异议', 'OBJECTION_NOT_FOUND');
    if (o.answer) throw conflict('ALREADY_ANSWERED', '该异议已答复');
    await trx
      .updateTable('assessment_objection')
      .set({ answer: b.answer.trim(), upheld: b.upheld ? 1 : 0, answered_by: actor.userId, answered_at: nowIso(ctx) })
      .where('id', '=', objectionId)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'assessment.objection.answer',
      entity: 'assessment_objection',
      entityId: objectionId,
      after: { upheld: b.upheld },
    });
    return { ok: true };
  });
}

/** Publishes after the window, once every objection is answered. */
export async function publish(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await manageable(trx, actor, id);
    if (a.status !== '公示中' || !a.publicity_end_date) throw conflict('ASSESSMENT_STATE', '请先公示');
    const today = localDate(ctx.clock.now());
    assertPublicityOver(a.publicity_end_date, today);
    const open = await trx
      .selectFrom('assessment_objection')
      .select('id')
      .where('assessment_id', '=', id)
      .where('answer', 'is', null)
      .execute();
    if (open.length) throw conflict('OBJECTIONS_OPEN', `还有 ${open.length} 条异议未答复`);
    await trx.updateTable('assessment').set({ status: '已发布' }).where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'assessment.publish', entity: 'assessment', entityId: id });
    return { ok: true };
  });
}

/** The result sheet: one row per unit with every part, adjustments, total, rank, grade, veto. */
export async function resultsXlsx(ctx: Ctx, actor: Actor, id: number) {
  const d = await detail(ctx, actor, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核结果');
  const n = 3 + d.parts.length + 5;
  ws.mergeCells(1, 1, 1, n);
  ws.getCell(1, 1).value = `${d.name}结果(${d.status})`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow([
    '排名',
    '单位',
    '基础分',
    ...d.parts.map((p) => `${p.label}(权重 ${p.weight}%)`),
    '加分',
    '扣分',
    '总分',
    '等次',
    '说明',
  ]);
  ws.getRow(2).font = { bold: true };
  for (const u of d.units)
    ws.addRow([
      u.rank ?? '—',
      u.orgName,
      u.base ?? '—',
      ...d.parts.map((p) => {
        const x = u.parts.find((q) => q.source === p.source);
        return x?.value == null ? '无数据' : `${x.value}(${x.points} 分)`;
      }),
      u.bonus,
      u.deduction,
      u.total ?? '—',
      u.grade ?? '—',
      [...u.vetoReasons.map((r) => `一票否决:${r}`), u.note].filter(Boolean).join(';'),
    ]);
  ws.columns.forEach((c, i) => {
    c.width = i === 1 ? 22 : i === n - 1 ? 40 : 14;
  });
  return { data: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${d.name}结果.xlsx` };
}
