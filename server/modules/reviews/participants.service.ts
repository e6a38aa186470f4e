import QRCode from 'qrcode';
import type { ParticipantIn, ParticipantPage, Tokens } from '../../../common/contracts/reviews.ts';
import type { Ctx } from '../../context.ts';
import { audit } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { campaignFor } from './access.ts';
import { newToken, normalizeToken, tokenHash } from './tokens.ts';

/** As the contract's TokensBody says (1–5000 per call). */
export const MAX_TOKENS_PER_CALL = 5000;

async function insertTokens(trx: Executor, campaignId: number, count: number) {
  const codes: string[] = [];
  const seen = new Set<string>();
  while (codes.length < count) {
    const c = newToken();
    if (!seen.has(c)) {
      seen.add(c);
      codes.push(c);
    }
  }
  for (let i = 0; i < codes.length; i += 1000) {
    await trx
      .insertInto('review_token')
      .values(codes.slice(i, i + 1000).map((c) => ({ hash: tokenHash(c), campaign_id: campaignId, used: 0 })))
      .execute();
  }
  return codes;
}

/**
 * Generates one-time tokens for printing. Only their hashes are stored, so the codes exist only in
 * this response (and on the printed sheet). The audit records how many, never which.
 */
export async function generateTokens(
  ctx: Ctx,
  actor: Actor,
  id: number,
  count: number,
  opts: { qr?: boolean; base?: string; loopback?: boolean } = {},
): Promise<Tokens> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_TOKENS_PER_CALL)
    throw badRequest('TOKEN_COUNT_INVALID', `每次生成的选票码数量应为 1–${MAX_TOKENS_PER_CALL}`);
  const codes = await ctx.db.transaction().execute(async (trx) => {
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (c.status === 'closed') throw conflict('REVIEW_CLOSED', '评议已结束,不能再生成选票码');
    const codes = await insertTokens(trx, id, count);
    await audit(ctx, trx, actor, {
      action: 'review.tokens',
      entity: 'review_campaign',
      entityId: id,
      after: { count },
    });
    return codes;
  });
  if (!opts.qr) return { tokens: codes };
  const links = codes.map((code) => voteUrl(opts.base ?? '', code));
  const qr = await Promise.all(links.map(qrSvg));
  return { tokens: codes, qr, links, loopback: !!opts.loopback };
}

/**
 * The short link of a code: `/v/ABCDEFGHJK` (the code without its dash). It is the code itself —
 * as unguessable as the code, and no new secret to store; the server answers it with the app page
 * whatever the code (no oracle: validity is learnt only through the throttled form request), and
 * the request log hides the segment (lib/log.ts). Shorter than `/vote?t=…`, so the QR code is
 * sparser and scans better from a printed slip.
 */
export const voteUrl = (base: string, code: string) => `${base}/v/${normalizeToken(code)}`;

/** An SVG data URL, rendered here: the printed sheet needs nothing from the internet. */
export async function qrSvg(text: string) {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export async function addParticipants(ctx: Ctx, actor: Actor, id: number, items: ParticipantIn[]) {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (c.status === 'closed') throw conflict('REVIEW_CLOSED', '评议已结束');
    for (const p of items) {
      if (!p.name.trim()) throw badRequest('PARTICIPANT_NAME_REQUIRED', '参评人员姓名不能为空');
      await trx
        .insertInto('review_participant')
        .values({
          campaign_id: id,
          name: p.name.trim(),
          unit: p.unit?.trim() || null,
          kind: p.kind ?? '正式',
          member_id: p.memberId ?? null,
          received: 0,
        })
        .execute();
    }
    await audit(ctx, trx, actor, {
      action: 'review.participants',
      entity: 'review_campaign',
      entityId: id,
      after: { added: items.length },
    });
    return { count: items.length };
  });
}

export async function listParticipants(ctx: Ctx, actor: Actor, id: number): Promise<ParticipantPage> {
  await campaignFor(ctx.db, actor, id, { manage: true });
  const rows = await ctx.db
    .selectFrom('review_participant')
    .selectAll()
    .where('campaign_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      unit: r.unit,
      kind: r.kind,
      memberId: r.member_id,
      received: !!r.received,
    })),
    total: rows.length,
  };
}

/**
 * Issues a token to a listed participant. The participant row records only `received = 1`; the
 * token row has no owner and no time. The code is in this response only.
 */
export async function issueToParticipant(ctx: Ctx, actor: Actor, id: number, participantId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (c.status === 'closed') throw conflict('REVIEW_CLOSED', '评议已结束');
    const p = await trx
      .selectFrom('review_participant')
      .selectAll()
      .where('id', '=', participantId)
      .where('campaign_id', '=', id)
      .executeTakeFirst();
    if (!p) throw notFound('参评人员', 'PARTICIPANT_NOT_FOUND');
    const r = await trx
      .updateTable('review_participant')
      .set({ received: 1 })
      .where('id', '=', participantId)
      .where('received', '=', 0)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict('TOKEN_ALREADY_RECEIVED', `「${p.name}」已领取过选票码`);
    const [code] = await insertTokens(trx, id, 1);
    await audit(ctx, trx, actor, {
      action: 'review.token_received',
      entity: 'review_participant',
      entityId: participantId,
      after: { received: true },
    });
    return { token: code };
  });
}
