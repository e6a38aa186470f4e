/**
 * The review draft (common/contracts/review-draft.ts): a working copy of the 任务分解表, one per
 * document, that only the document's reviewers (its owner's scope, with document.write) read and write.
 * Autosaves are not audited one by one (a copy changes every few seconds while someone types); its
 * first save, its discarding and its clearing by a publish are.
 */
import type { DraftAnswer, DraftSaved, SaveDraftBody } from '../../../common/contracts/review-draft.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { visibleDocument } from './documents.service.ts';

async function reviewable(db: Executor, actor: Actor, id: number) {
  const doc = await visibleDocument(db, actor, id);
  // A unit that only received a task from the document may read it, not review it.
  if (!doc.owned) throw new AppError('DOCUMENT_NOT_OWNED', 403, '只有发文单位(或其上级)可以审核此文件的任务');
  return doc;
}

export async function get(ctx: Ctx, actor: Actor, id: number): Promise<DraftAnswer> {
  await reviewable(ctx.db, actor, id);
  const d = await ctx.db
    .selectFrom('document_review_draft as d')
    .innerJoin('app_user as u', 'u.id', 'd.saved_by')
    .select(['d.version', 'd.data', 'd.saved_at', 'u.display_name'])
    .where('d.document_id', '=', id)
    .executeTakeFirst();
  if (!d) return { draft: null };
  const data = JSON.parse(d.data) as Omit<SaveDraftBody, 'baseVersion'>;
  return {
    draft: {
      version: d.version,
      savedAt: d.saved_at,
      savedByName: d.display_name,
      rows: data.rows,
      taught: data.taught,
      warnings: data.warnings,
    },
  };
}

export async function save(ctx: Ctx, actor: Actor, id: number, body: SaveDraftBody): Promise<DraftSaved> {
  return ctx.db.transaction().execute(async (trx) => {
    const doc = await reviewable(trx, actor, id);
    const keys = new Set<string>();
    for (const [i, r] of body.rows.entries()) {
      const label = `第 ${i + 1} 行:`;
      if (r.start >= r.end || r.end > doc.text.length)
        throw badRequest('PASSAGE_INVALID', `${label}原文位置无效(超出文件长度或起止颠倒)`);
      if (keys.has(r.key)) throw badRequest('DRAFT_ROW_DUPLICATE', `${label}行标识「${r.key}」重复`);
      keys.add(r.key);
    }
    const prev = await trx
      .selectFrom('document_review_draft')
      .select('version')
      .where('document_id', '=', id)
      .executeTakeFirst();
    const version = (prev?.version ?? 0) + 1;
    const savedAt = nowIso(ctx);
    const data = JSON.stringify({ rows: body.rows, taught: body.taught, warnings: body.warnings });
    if (prev)
      await trx
        .updateTable('document_review_draft')
        .set({ version, data, saved_by: actor.userId, saved_at: savedAt })
        .where('document_id', '=', id)
        .execute();
    else {
      await trx
        .insertInto('document_review_draft')
        .values({ document_id: id, version, data, saved_by: actor.userId, saved_at: savedAt })
        .execute();
      await audit(ctx, trx, actor, {
        action: 'document.draft.start',
        entity: 'document',
        entityId: id,
        after: { rows: body.rows.length },
      });
    }
    return { version, savedAt, overwritten: !!prev && body.baseVersion !== prev.version };
  });
}

/** Drops the working copy ("放弃草稿", or a publish of the whole table); `why` goes into the audit row. */
export async function clear(ctx: Ctx, trx: Executor, actor: Actor, id: number, why: 'discard' | 'publish') {
  const r = await trx.deleteFrom('document_review_draft').where('document_id', '=', id).executeTakeFirst();
  if (Number(r.numDeletedRows) > 0)
    await audit(ctx, trx, actor, { action: `document.draft.${why}`, entity: 'document', entityId: id });
}

export async function discard(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    await reviewable(trx, actor, id);
    await clear(ctx, trx, actor, id, 'discard');
    return { ok: true };
  });
}
