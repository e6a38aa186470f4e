/** 作风监督 settings (deadlines, retention, throttle, 办事最难窗口 rule) and versioned 评价内容. */
import type { RatingContent, WindowSettings } from '../../../common/contracts/windows.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { Actor } from '../../lib/scope.ts';
import { putSetting } from '../tasks/lights.ts';
import { DEFAULT_QUESTIONS, loadSettings, SETTINGS_KEY } from './common.ts';
import { badRequest } from '../../lib/errors.ts';

export const getSettings = (ctx: Ctx) => loadSettings(ctx.db);

export async function putSettings(ctx: Ctx, actor: Actor, patch: Partial<WindowSettings>) {
  if (!Object.keys(patch).length) throw badRequest('NOTHING_TO_CHANGE', '没有要修改的设置');
  const before = await loadSettings(ctx.db);
  const after = { ...before, ...patch, hardest: { ...before.hardest, ...(patch.hardest ?? {}) } };
  return ctx.db.transaction().execute(async (trx) => {
    await putSetting(trx, SETTINGS_KEY, after, nowIso(ctx));
    await audit(ctx, trx, actor, {
      action: 'settings.windows',
      entity: 'setting',
      entityId: SETTINGS_KEY,
      before,
      after,
    });
    return after;
  });
}

/** Version 1 exists from the first read on, so every rating names the questions it answered. */
export async function ensureContent(ctx: Ctx, db: Executor = ctx.db) {
  const any = await db.selectFrom('rating_content').select('id').limit(1).executeTakeFirst();
  if (!any)
    await db
      .insertInto('rating_content')
      .values({
        questions: JSON.stringify(DEFAULT_QUESTIONS),
        note: '初始版本(线下服务:服务效率、服务水平、服务态度)',
        created_by: null,
        created_at: nowIso(ctx),
      })
      .execute();
}

export async function listContent(ctx: Ctx): Promise<{ items: RatingContent[] }> {
  await ensureContent(ctx);
  const rows = await ctx.db.selectFrom('rating_content').selectAll().orderBy('id', 'desc').execute();
  return {
    items: rows.map((r) => ({
      version: r.id,
      questions: JSON.parse(r.questions),
      note: r.note,
      createdAt: r.created_at,
    })),
  };
}

/** A new version; earlier ratings keep the version they answered (versions are never edited). */
export async function addContent(ctx: Ctx, actor: Actor, b: { questions: string[]; note?: string }) {
  const questions = b.questions.map((q) => q.trim());
  if (new Set(questions).size !== questions.length) throw badRequest('CONTENT_DUPLICATE', '评价指标不能重复');
  await ensureContent(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('rating_content')
      .values({
        questions: JSON.stringify(questions),
        note: b.note?.trim() || null,
        created_by: actor.userId,
        created_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'rating_content.create',
      entity: 'rating_content',
      entityId: r.id,
      after: { questions },
    });
    return { id: r.id };
  });
}
