/**
 * Manuals as data. A version that a round uses is never changed: saving it creates the next
 * version of the same family (a round keeps the version it started with). Nothing about a
 * particular manual is coded; the shipped defaults are inserted once (by key) at start.
 */
import type { Band, Dimension, ManualBody } from '../../../common/contracts/standards.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { BUILTIN_MANUALS } from './defaults.ts';
import { flatItems, manualProblems } from './scoring.ts';

export interface ManualContent {
  dimensions: Dimension[];
  bands: Band[];
}
export type ManualRow = Awaited<ReturnType<typeof loadManual>>;

export async function loadManual(db: Executor, id: number) {
  const m = await db.selectFrom('std_manual').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound('评分手册', 'MANUAL_NOT_FOUND');
  const content = JSON.parse(m.content_json) as ManualContent;
  return { ...m, ...content, items: flatItems(content.dimensions) };
}

/** Inserts the shipped manuals that are missing (unique by key, so concurrent instances are safe). */
export async function ensureDefaults(ctx: Ctx) {
  const have = await ctx.db.selectFrom('std_manual').select('builtin').where('builtin', 'is not', null).execute();
  for (const [key, body] of Object.entries(BUILTIN_MANUALS)) {
    if (have.some((h) => h.builtin === key)) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const id = await insertVersion(ctx, trx, body, {
        familyId: null,
        version: 1,
        builtin: key,
        by: null,
        note: '系统内置',
      });
      await audit(ctx, trx, null, {
        action: 'standards.manual.builtin',
        entity: 'std_manual',
        entityId: id,
        after: { key },
      });
    });
  }
}

async function insertVersion(
  ctx: Ctx,
  trx: Executor,
  b: ManualBody,
  o: { familyId: number | null; version: number; builtin: string | null; by: number | null; note: string | null },
) {
  const now = nowIso(ctx);
  const r = await trx
    .insertInto('std_manual')
    .values({
      family_id: o.familyId ?? 0,
      version: o.version,
      name: b.name.trim(),
      scheme: b.scheme,
      total_points: b.totalPoints,
      bonus_points: b.bonusPoints,
      content_json: JSON.stringify({ dimensions: b.dimensions, bands: b.bands }),
      note: o.note,
      builtin: o.builtin,
      created_by: o.by,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.familyId === null)
    await trx.updateTable('std_manual').set({ family_id: r.id }).where('id', '=', r.id).execute();
  return r.id;
}

function check(b: ManualBody) {
  const problems = manualProblems(b);
  if (problems.length) throw badRequest('MANUAL_INVALID', problems[0], { problems });
}

const inUse = (db: Executor, id: number) =>
  db
    .selectFrom('std_round')
    .select('id')
    .where('manual_id', '=', id)
    .executeTakeFirst()
    .then((r) => !!r);

export async function list(ctx: Ctx, all: boolean) {
  const rows = await ctx.db
    .selectFrom('std_manual')
    .selectAll()
    .orderBy('family_id')
    .orderBy('version', 'desc')
    .execute();
  const used = new Set(
    (await ctx.db.selectFrom('std_round').select('manual_id').distinct().execute()).map((r) => r.manual_id),
  );
  const latest = new Map<number, number>();
  for (const r of rows) if (!latest.has(r.family_id)) latest.set(r.family_id, r.id);
  return {
    items: rows
      .filter((r) => all || latest.get(r.family_id) === r.id)
      .map((r) => ({
        id: r.id,
        name: r.name,
        version: r.version,
        totalPoints: r.total_points,
        bonusPoints: r.bonus_points,
        scheme: r.scheme,
        familyId: r.family_id,
        itemCount: flatItems((JSON.parse(r.content_json) as ManualContent).dimensions).length,
        latest: latest.get(r.family_id) === r.id,
        inUse: used.has(r.id),
        updatedAt: r.updated_at,
      })),
  };
}

export async function get(ctx: Ctx, id: number) {
  const m = await loadManual(ctx.db, id);
  const latest = await ctx.db
    .selectFrom('std_manual')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('family_id', '=', m.family_id)
    .executeTakeFirstOrThrow();
  return {
    id: m.id,
    name: m.name,
    version: m.version,
    totalPoints: m.total_points,
    bonusPoints: m.bonus_points,
    scheme: m.scheme,
    familyId: m.family_id,
    itemCount: m.items.length,
    latest: Number(latest.v) === m.version,
    inUse: await inUse(ctx.db, id),
    updatedAt: m.updated_at,
    note: m.note,
    dimensions: m.dimensions,
    bands: m.bands,
  };
}

/** A new manual (version 1 of a new family); its points must add up to its stated totals. */
export async function create(ctx: Ctx, actor: Actor, b: ManualBody) {
  check(b);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertVersion(ctx, trx, b, {
      familyId: null,
      version: 1,
      builtin: null,
      by: actor.userId,
      note: null,
    });
    await audit(ctx, trx, actor, {
      action: 'standards.manual.create',
      entity: 'std_manual',
      entityId: id,
      after: { name: b.name },
    });
    return { id, version: 1, newVersion: false };
  });
}

/**
 * Saves a manual. A version not yet used by any round (and the latest of its family) is changed in
 * place; otherwise the change becomes the family's next version, with the reason in `note`.
 */
export async function update(ctx: Ctx, actor: Actor, id: number, b: ManualBody & { note?: string }) {
  check(b);
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManual(trx, id);
    const top = await trx
      .selectFrom('std_manual')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('family_id', '=', m.family_id)
      .executeTakeFirstOrThrow();
    const latestVersion = Number(top.v);
    if (!(await inUse(trx, id)) && m.version === latestVersion) {
      await trx
        .updateTable('std_manual')
        .set({
          name: b.name.trim(),
          scheme: b.scheme,
          total_points: b.totalPoints,
          bonus_points: b.bonusPoints,
          content_json: JSON.stringify({ dimensions: b.dimensions, bands: b.bands }),
          note: b.note ?? m.note,
          updated_at: nowIso(ctx),
        })
        .where('id', '=', id)
        .execute();
      await audit(ctx, trx, actor, {
        action: 'standards.manual.update',
        entity: 'std_manual',
        entityId: id,
        before: { name: m.name, totalPoints: m.total_points },
        after: { name: b.name, totalPoints: b.totalPoints },
      });
      return { id, version: m.version, newVersion: false };
    }
    const version = latestVersion + 1;
    const nid = await insertVersion(ctx, trx, b, {
      familyId: m.family_id,
      version,
      builtin: null,
      by: actor.userId,
      note: b.note ?? `由第 ${m.version} 版修订`,
    });
    await audit(ctx, trx, actor, {
      action: 'standards.manual.version',
      entity: 'std_manual',
      entityId: nid,
      before: { id, version: m.version },
      after: { version, note: b.note ?? null },
    });
    return { id: nid, version, newVersion: true };
  });
}
