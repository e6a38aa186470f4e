/**
 * 公示 of a 年度综合考核 (as the standards module does it): a window of N working days from the
 * calendar settings, objections by the assessed side during the window, answered by the owner (an
 * upheld one is corrected in the records and recomputed, never by typing a result), publication
 * after the window once every objection is answered; and the result sheet (.xlsx).
 */
import ExcelJS from 'exceljs';
import { audit, type Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import * as P from '../../lib/publicity.ts';
import { type Actor, pathInSubtree } from '../../lib/scope.ts';
import { detail, loadAssessment, manageable } from './assessment.service.ts';

export async function startPublicity(ctx: Ctx, actor: Actor, id: number, startDate?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await manageable(trx, actor, id);
    if (a.status !== '评分中') throw conflict('ASSESSMENT_STATE', '本次考核已在公示');
    if (!a.computed_at) throw conflict('NOT_COMPUTED', '请先计算考核结果再公示');
    return P.openPosting(trx, ctx, actor, 'assessment', a, startDate);
  });
}

/** An objection to one unit's result, during the window, by anyone whose scope holds that unit. */
export async function object(ctx: Ctx, actor: Actor, id: number, b: { orgId: number; text: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await loadAssessment(trx, actor, id);
    const u = await trx
      .selectFrom('assessment_unit as u')
      .innerJoin('org_unit as o', 'o.id', 'u.org_id')
      .select(['u.org_id', 'o.name'])
      .where('u.assessment_id', '=', id)
      .where('u.org_id', '=', b.orgId)
      .where(pathInSubtree('u.org_path', actor.scopePath))
      .executeTakeFirst();
    if (!u) throw notFound('参加考核的单位', 'ASSESSED_UNIT_NOT_FOUND');
    return P.raiseObjection(trx, ctx, actor, 'assessment', a, { id: u.org_id, name: u.name, orgId: u.org_id }, b.text);
  });
}

/** The owner reads every objection; an assessed unit those about its subtree. */
export async function objections(ctx: Ctx, actor: Actor, id: number) {
  const a = await loadAssessment(ctx.db, actor, id);
  return { items: await P.listObjections(ctx.db, 'assessment', id, a.canManage ? null : actor.scopePath) };
}

/** An upheld objection is put right in the records and recomputed, so the answer itself changes nothing else. */
export async function answer(
  ctx: Ctx,
  actor: Actor,
  id: number,
  objectionId: number,
  b: { answer: string; upheld: boolean },
) {
  return ctx.db.transaction().execute(async (trx) => {
    await manageable(trx, actor, id);
    await P.answerObjection(trx, ctx, actor, await P.findObjection(trx, 'assessment', objectionId, id), b);
    return { ok: true };
  });
}

/** Publishes after the window, once every objection is answered. */
export async function publish(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await manageable(trx, actor, id);
    if (a.status !== '公示中' || !a.publicity_end_date) throw conflict('ASSESSMENT_STATE', '请先公示');
    P.assertPublicityOver(a.publicity_end_date, localDate(ctx.clock.now()));
    await P.assertObjectionsAnswered(trx, 'assessment', id);
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
