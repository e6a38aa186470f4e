import type { PaperBody, PaperList, Rating } from '../../../common/contracts/ballots.ts';
import { PAPER_SHEET_STATUSES, type PaperSheetStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { campaignFor } from './access.ts';
import type { Executor } from '../../db/connect.ts';
import { campaignInfo, checkRatings, durableTransaction, encodeRatings, insertBallots } from './ballots.service.ts';
import { ballotId, newReceipt } from './tokens.ts';

/**
 * Paper ballots are typed in twice by two different clerks. Equal entries become one ballot; a
 * difference is listed for reconciliation against the paper. The sheet number is the one printed on
 * the paper form; clerks are not voters, so the sheet records who typed it. The ballot created has
 * no link back to the sheet.
 */
type RatingIn = Rating;
const canon = (ratings: RatingIn[]) =>
  JSON.stringify(
    [...ratings].sort((a, b) => a.orgId - b.orgId).map((r) => [r.orgId, r.grade, r.opinion?.trim() || null]),
  );

function diff(a: RatingIn[], b: RatingIn[]) {
  const m = new Map(b.map((r) => [r.orgId, r]));
  const entry = (r: RatingIn) => ({ grade: r.grade, opinion: r.opinion ?? null });
  const out: PaperList['items'][number]['differences'] = [];
  for (const r of a) {
    const o = m.get(r.orgId);
    if (!o || o.grade !== r.grade || (o.opinion?.trim() || null) !== (r.opinion?.trim() || null))
      out.push({ orgId: r.orgId, first: entry(r), second: o ? entry(o) : null });
  }
  return out;
}

async function toBallot(trx: Executor, ctx: Ctx, campaignId: number, ratings: RatingIn[]) {
  const { scale } = await campaignInfo(trx, ctx, campaignId);
  const b = {
    id: ballotId(),
    campaign_id: campaignId,
    cast_date: localDate(ctx.clock.now()),
    receipt: newReceipt(),
    channel: '纸质' as const,
    ratings: encodeRatings(scale, ratings),
  };
  await insertBallots(trx, [b]);
  return b.receipt;
}

export async function enter(ctx: Ctx, actor: Actor, id: number, input: PaperBody) {
  const sheetNo = input.sheetNo.trim();
  if (!sheetNo) throw badRequest('SHEET_NO_REQUIRED', '请填写纸质票编号');
  return durableTransaction(ctx, async (trx) => {
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (c.status !== 'voting') throw conflict('VOTING_NOT_OPEN', '投票未开放或已结束,不能录入纸质票');
    checkRatings(await campaignInfo(trx, ctx, id), input.ratings);
    const s = await trx
      .selectFrom('paper_sheet')
      .selectAll()
      .where('campaign_id', '=', id)
      .where('sheet_no', '=', sheetNo)
      .executeTakeFirst();
    const json = canon(input.ratings);
    if (!s) {
      await trx
        .insertInto('paper_sheet')
        .values({
          campaign_id: id,
          sheet_no: sheetNo,
          entry1_json: json,
          entry1_by: actor.userId,
          entry2_json: null,
          entry2_by: null,
          status: '待复录',
          resolved_by: null,
        })
        .execute();
      await audit(ctx, trx, actor, {
        action: 'review.paper.entry1',
        entity: 'review_campaign',
        entityId: id,
        after: { sheetNo },
      });
      return { sheetNo, status: '待复录' as const };
    }
    if (s.status !== '待复录') throw conflict('SHEET_DONE', `纸质票 ${sheetNo} 已录入两次(${s.status})`);
    if (s.entry1_by === actor.userId)
      throw conflict('SAME_CLERK', '同一录入员不能对同一张纸质票录入两次,请由另一名录入员复录');
    const same = s.entry1_json === json;
    await trx
      .updateTable('paper_sheet')
      .set({ entry2_json: json, entry2_by: actor.userId, status: same ? '已核对' : '不一致' })
      .where('id', '=', s.id)
      .execute();
    if (same) await toBallot(trx, ctx, id, input.ratings);
    await audit(ctx, trx, actor, {
      action: 'review.paper.entry2',
      entity: 'review_campaign',
      entityId: id,
      after: { sheetNo, match: same },
    });
    return { sheetNo, status: same ? ('已核对' as const) : ('不一致' as const) };
  });
}

const parse = (j: string): RatingIn[] =>
  (JSON.parse(j) as [number, string, string | null][]).map(([orgId, grade, opinion]) => ({ orgId, grade, opinion }));

export async function list(ctx: Ctx, actor: Actor, id: number, status?: PaperSheetStatus): Promise<PaperList> {
  await campaignFor(ctx.db, actor, id, { manage: true });
  let q = ctx.db.selectFrom('paper_sheet').selectAll().where('campaign_id', '=', id);
  if (status) q = q.where('status', '=', status);
  const rows = await q.orderBy('sheet_no').execute();
  const items = rows.map((s) => ({
    sheetNo: s.sheet_no,
    status: s.status,
    firstBy: s.entry1_by,
    secondBy: s.entry2_by,
    differences: s.status === '不一致' && s.entry2_json ? diff(parse(s.entry1_json), parse(s.entry2_json)) : [],
  }));
  const counts = Object.fromEntries(PAPER_SHEET_STATUSES.map((k) => [k, rows.filter((r) => r.status === k).length]));
  return { items, total: items.length, counts };
}

/** Settles a mismatch with the ratings read off the paper by a third check (not by either typist alone). */
export async function resolve(ctx: Ctx, actor: Actor, id: number, sheetNo: string, ratings: RatingIn[]) {
  return durableTransaction(ctx, async (trx) => {
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (c.status !== 'voting') throw conflict('VOTING_NOT_OPEN', '投票未开放或已结束');
    const s = await trx
      .selectFrom('paper_sheet')
      .selectAll()
      .where('campaign_id', '=', id)
      .where('sheet_no', '=', sheetNo)
      .executeTakeFirst();
    if (!s) throw notFound('纸质票', 'SHEET_NOT_FOUND');
    if (s.status !== '不一致') throw conflict('SHEET_NOT_MISMATCH', `纸质票 ${sheetNo} 当前为「${s.status}」,无需核对`);
    checkRatings(await campaignInfo(trx, ctx, id), ratings);
    await trx
      .updateTable('paper_sheet')
      .set({ status: '已核对', resolved_by: actor.userId })
      .where('id', '=', s.id)
      .execute();
    await toBallot(trx, ctx, id, ratings);
    await audit(ctx, trx, actor, {
      action: 'review.paper.resolve',
      entity: 'review_campaign',
      entityId: id,
      after: { sheetNo },
    });
    return { sheetNo, status: '已核对' as const };
  });
}
