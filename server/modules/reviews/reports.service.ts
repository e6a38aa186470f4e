import type { ReportRow } from '../../../common/contracts/reviews.ts';
import { docxText } from '../../lib/sandbox.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { Upload } from '../../lib/http.ts';
import type { Actor } from '../../lib/scope.ts';
import { localDate } from '../../lib/clock.ts';
import { campaignFor, visibleTargets } from './access.ts';

const submitted = (at: string | null): ReportRow['status'] => (at ? '已报送' : '未报送');

/** A 述职报告 is a few thousand characters; a much larger one is not a report. */
export const MAX_REPORT_CHARS = 50_000;

/** 述职报告 status per reviewed org: 已报送 / 未报送, with the last reminder. */
export async function list(ctx: Ctx, actor: Actor, id: number) {
  const a = await campaignFor(ctx.db, actor, id);
  const rows = await visibleTargets(ctx.db, a)
    .select([
      't.org_id',
      'o.name',
      't.mode',
      't.secretary_name',
      't.report_submitted_at',
      't.report_file_name',
      't.reminded_at',
    ])
    .orderBy('t.id')
    .execute();
  const deadline = a.campaign.report_deadline_date;
  const today = localDate(ctx.clock.now());
  // Late = submitted after the deadline day (Beijing time), or still missing once it has passed.
  const late = (at: string | null) => !!deadline && (at ? localDate(new Date(at)) > deadline : today > deadline);
  const items = rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.name,
    mode: r.mode,
    secretary: r.secretary_name,
    status: submitted(r.report_submitted_at),
    submittedAt: r.report_submitted_at,
    fileName: r.report_file_name,
    remindedAt: r.reminded_at,
    late: late(r.report_submitted_at),
  }));
  return { items, total: items.length, deadline: a.campaign.report_deadline_date };
}

export async function get(ctx: Ctx, actor: Actor, id: number, orgId: number) {
  const a = await campaignFor(ctx.db, actor, id);
  if (!a.visibleOrgIds.includes(orgId)) throw notFound('述职报告', 'REPORT_NOT_FOUND');
  const t = await ctx.db
    .selectFrom('review_target as t')
    .innerJoin('org_unit as o', 'o.id', 't.org_id')
    .select(['t.org_id', 'o.name', 't.report_text', 't.report_file_name', 't.report_submitted_at'])
    .where('t.campaign_id', '=', id)
    .where('t.org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return {
    orgId: t.org_id,
    orgName: t.name,
    text: t.report_text,
    fileName: t.report_file_name,
    submittedAt: t.report_submitted_at,
    status: submitted(t.report_submitted_at),
  };
}

/** The reviewed unit (or the organizing side on its behalf) submits or replaces its report. */
export async function submit(
  ctx: Ctx,
  actor: Actor,
  id: number,
  orgId: number,
  text: string,
  fileName: string | null = null,
) {
  const body = text.replace(/\r\n/g, '\n').trim();
  if (body.length < 10) throw badRequest('REPORT_TOO_SHORT', '述职报告内容过短(至少 10 个字)');
  if (body.length > MAX_REPORT_CHARS)
    throw badRequest(
      'REPORT_TOO_LONG',
      `述职报告超过 ${MAX_REPORT_CHARS.toLocaleString('en-US')} 字上限(约 ${body.length.toLocaleString('en-US')} 字),请精简后再报送`,
    );
  return ctx.db.transaction().execute(async (trx) => {
    const a = await campaignFor(trx, actor, id);
    if (!a.visibleOrgIds.includes(orgId)) throw notFound('述职报告', 'REPORT_NOT_FOUND');
    if (a.campaign.status === 'closed') throw conflict('REVIEW_CLOSED', '评议已结束,不能再报送述职报告');
    const now = nowIso(ctx);
    await trx
      .updateTable('review_target')
      .set({
        report_text: body,
        report_file_name: fileName,
        report_submitted_at: now,
        report_submitted_by: actor.userId,
      })
      .where('campaign_id', '=', id)
      .where('org_id', '=', orgId)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'review.report',
      entity: 'review_campaign',
      entityId: id,
      after: { orgId, chars: body.length, fileName },
    });
    return { ok: true, chars: body.length };
  });
}

/** 404 unless the caller may submit the report of `orgId` in this campaign. */
export async function checkSubmitter(ctx: Ctx, actor: Actor, id: number, orgId: number) {
  const a = await campaignFor(ctx.db, actor, id);
  if (!a.visibleOrgIds.includes(orgId)) throw notFound('述职报告', 'REPORT_NOT_FOUND');
}

/** A .docx report: its text is extracted with mammoth and stored like a typed one. */
export async function submitDocx(
  ctx: Ctx,
  actor: Actor,
  id: number,
  orgId: number,
  file: Pick<Upload, 'filename' | 'data'>,
) {
  if (!/\.docx$/i.test(file.filename) || file.data.subarray(0, 2).toString('latin1') !== 'PK')
    throw badRequest('REPORT_NOT_DOCX', '请上传 Word 文档(.docx)');
  // Read in the parse sandbox with the report's (small) bounds: a bomb fails this request only.
  const text = await docxText(ctx.config, file.data, {
    profile: 'report',
    maxChars: MAX_REPORT_CHARS,
    what: '述职报告',
    invalid: { code: 'REPORT_NOT_DOCX', message: '无法读取该 Word 文档,请确认文件未损坏' },
  });
  return submit(ctx, actor, id, orgId, text, file.filename);
}

/** Marks a reminder on every unsubmitted report (or the listed ones); returns how many. */
export async function remind(ctx: Ctx, actor: Actor, id: number, orgIds?: number[]) {
  return ctx.db.transaction().execute(async (trx) => {
    await campaignFor(trx, actor, id, { manage: true });
    let q = trx
      .updateTable('review_target')
      .set({ reminded_at: nowIso(ctx) })
      .where('campaign_id', '=', id)
      .where('report_submitted_at', 'is', null);
    if (orgIds?.length) q = q.where('org_id', 'in', orgIds);
    const r = await q.executeTakeFirst();
    const n = Number(r.numUpdatedRows);
    await audit(ctx, trx, actor, {
      action: 'review.remind',
      entity: 'review_campaign',
      entityId: id,
      after: { reminded: n },
    });
    return { reminded: n };
  });
}
