import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DraftBody, DraftRating } from '../../../common/contracts/ballots.ts';
import type { Ok } from '../../../common/contracts/common.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest } from '../../lib/errors.ts';
import { campaignInfo, tokenInvalid, tokenUsed, votingClosed } from './ballots.service.ts';
import { normalizeToken, tokenHash } from './tokens.ts';

/**
 * The vote page's autosave (a 300-organization ballot is half an hour of work; a closed tab or a
 * flat battery must not lose it). Secrecy decides where it lives:
 *
 * - on the token row, i.e. tied to the paper code and nothing else: no account, participant, session,
 *   address or instant is stored with it, and nothing is audited or logged (the code travels in
 *   the body, like the ballot's);
 * - sealed with AES-256-GCM under a key derived from the code itself. The server stores only a
 *   different digest of the code (tokenHash), so a copy of the database (or a backup, or an
 *   administrator with SQL) cannot read a draft; only the holder of the slip can, while voting;
 * - padded to 512-byte steps, so its length says little about how many opinions were typed;
 * - deleted in the same UPDATE that consumes the token when the ballot is cast, and for the whole
 *   campaign when it closes: a draft never outlives the secret ballot it would otherwise mirror.
 */

const PAD = 512;
const keyOf = (token: string) =>
  createHash('sha256')
    .update(`luoshi-draft:${normalizeToken(token)}`)
    .digest();

type Stored = [number, string] | [number, string, string];

export function sealDraft(token: string, ratings: DraftRating[]): string {
  const rows: Stored[] = ratings.map((r) => (r.opinion ? [r.orgId, r.grade, r.opinion] : [r.orgId, r.grade]));
  const json = Buffer.from(JSON.stringify(rows));
  // Trailing spaces up to the next 512-byte step (JSON.parse ignores them).
  const plain = Buffer.concat([json, Buffer.alloc(Math.ceil((json.length + 1) / PAD) * PAD - json.length, ' ')]);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keyOf(token), iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

/** The draft sealed under this code, or null (none, or not readable with it). */
export function openDraft(token: string, sealed: string | null): DraftRating[] | null {
  if (!sealed) return null;
  try {
    const buf = Buffer.from(sealed, 'base64');
    const d = createDecipheriv('aes-256-gcm', keyOf(token), buf.subarray(0, 12));
    d.setAuthTag(buf.subarray(12, 28));
    const rows = JSON.parse(Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString()) as Stored[];
    return rows.map(([orgId, grade, opinion]) => (opinion ? { orgId, grade, opinion } : { orgId, grade }));
  } catch {
    return null;
  }
}

/**
 * Saves the unfinished ballot of a code (replacing the previous one). Rows may lack a grade; every
 * org must be on the ballot, once, with a grade of the scale or ''. A wrong code is a 404 counted
 * by the guess throttle like the form's; a used code or a campaign no longer voting is a 409.
 */
export async function saveDraft(ctx: Ctx, body: DraftBody): Promise<Ok> {
  const hash = tokenHash(body.token);
  const t = await ctx.db
    .selectFrom('review_token')
    .select(['campaign_id', 'used'])
    .where('hash', '=', hash)
    .executeTakeFirst();
  if (!t) throw tokenInvalid();
  if (t.used) throw tokenUsed();
  const info = await campaignInfo(ctx.db, ctx, t.campaign_id);
  if (info.status !== 'voting') throw votingClosed();
  const seen = new Set<number>();
  const kept: DraftRating[] = [];
  for (const r of body.ratings) {
    if (!info.orgIds.has(r.orgId)) throw badRequest('BALLOT_ORG_INVALID', `组织(编号 ${r.orgId})不在本次评议范围内`);
    if (seen.has(r.orgId)) throw badRequest('BALLOT_ORG_DUPLICATE', `同一组织(编号 ${r.orgId})只能评议一次`);
    seen.add(r.orgId);
    if (r.grade && !info.scale.includes(r.grade))
      throw badRequest('BALLOT_GRADE_INVALID', `评议等次「${r.grade}」无效,应为 ${info.scale.join(' / ')} 之一`);
    const opinion = r.opinion?.trim();
    if (r.grade || opinion)
      kept.push(opinion ? { orgId: r.orgId, grade: r.grade, opinion } : { orgId: r.orgId, grade: r.grade });
  }
  const res = await ctx.db
    .updateTable('review_token')
    .set({ draft: kept.length ? sealDraft(body.token, kept) : null })
    .where('hash', '=', hash)
    .where('used', '=', 0)
    .executeTakeFirst();
  // The ballot was cast between the read and this write: the draft is not kept.
  if (!Number(res.numUpdatedRows)) throw tokenUsed();
  return { ok: true };
}

/** Every draft of a campaign goes when it closes (they could never be cast any more). */
export async function dropDrafts(trx: Executor, campaignId: number) {
  await trx
    .updateTable('review_token')
    .set({ draft: null })
    .where('campaign_id', '=', campaignId)
    .where('draft', 'is not', null)
    .execute();
}
