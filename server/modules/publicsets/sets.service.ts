/**
 * Staff side of public progress pages: a supervisor gathers a document's tasks (or chosen ones)
 * into a set, writes the public 滞后 reasons, and publishes it — optionally as a 公示 with a
 * 7-day objection window. A set belongs to the creator's scope node; outside it, 404.
 */
import type { SetBody, SetDetail, SetSummary } from '../../../common/contracts/publicsets.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { isInPath, pathUpper, type Actor } from '../../lib/scope.ts';
import { visibleTask } from '../tasks/tasks.policy.ts';
import { countsOf, setItems } from './public.service.ts';
import { recordStatus } from './status.ts';
import { addDays } from '../research/conflicts.ts';

/** Marks the set changed: the public pages' cache key includes updated_at. */
const touch = (db: Executor, ctx: Ctx, id: number) =>
  db
    .updateTable('public_set')
    .set({ updated_at: nowIso(ctx) })
    .where('id', '=', id)
    .execute();

export async function ownedSet(db: Executor, actor: Actor, id: number) {
  const s = await db
    .selectFrom('public_set as s')
    .innerJoin('org_unit as o', 'o.id', 's.owner_org_id')
    .selectAll('s')
    .select(['o.name as owner_name', 'o.path as owner_path'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!s || !isInPath(s.owner_path, actor.scopePath)) throw notFound('公开清单', 'PUBLIC_SET_NOT_FOUND');
  return s;
}

/** Tasks to add: each visible to the caller (else 404) and not a duplicate. */
async function checkTasks(db: Executor, actor: Actor, ids: number[]) {
  const out: number[] = [];
  for (const id of [...new Set(ids)]) {
    await visibleTask(db, actor, id);
    out.push(id);
  }
  return out;
}

async function addItems(trx: Executor, setId: number, ids: number[]) {
  const have = await trx
    .selectFrom('public_set_item')
    .select(['task_id', 'sort_order'])
    .where('set_id', '=', setId)
    .execute();
  const fresh = ids.filter((id) => !have.some((h) => h.task_id === id));
  let order = Math.max(0, ...have.map((h) => h.sort_order));
  for (let i = 0; i < fresh.length; i += 500)
    await trx
      .insertInto('public_set_item')
      .values(
        fresh.slice(i, i + 500).map((task_id) => ({ set_id: setId, task_id, sort_order: ++order, lag_reason: null })),
      )
      .execute();
  return fresh.length;
}

export async function create(ctx: Ctx, actor: Actor, b: SetBody) {
  return ctx.db.transaction().execute(async (trx) => {
    let ids = b.taskIds ?? [];
    if (b.documentId) {
      const doc = await trx
        .selectFrom('document as d')
        .innerJoin('org_unit as o', 'o.id', 'd.owner_org_id')
        .select(['d.id', 'o.path'])
        .where('d.id', '=', b.documentId)
        .executeTakeFirst();
      if (!doc || !isInPath(doc.path, actor.scopePath)) throw notFound('文件', 'DOCUMENT_NOT_FOUND');
      const tasks = await trx
        .selectFrom('task')
        .select('id')
        .where('document_id', '=', b.documentId)
        .where('parent_id', 'is', null)
        .orderBy('passage_start')
        .orderBy('id')
        .execute();
      ids = [...tasks.map((t) => t.id), ...ids];
    }
    const tasks = await checkTasks(trx, actor, ids);
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('public_set')
      .values({
        title: b.title.trim(),
        kind: b.kind,
        intro: b.intro?.trim() || null,
        document_id: b.documentId ?? null,
        owner_org_id: actor.scopeOrgId,
        publicity: 0,
        objection_until_date: null,
        published: 0,
        published_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addItems(trx, r.id, tasks);
    await audit(ctx, trx, actor, {
      action: 'publicset.create',
      entity: 'public_set',
      entityId: r.id,
      after: { title: b.title, tasks },
    });
    return { id: r.id };
  });
}

export async function patch(ctx: Ctx, actor: Actor, id: number, b: { title?: string; intro?: string | null }) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await ownedSet(trx, actor, id);
    await trx
      .updateTable('public_set')
      .set({
        ...(b.title !== undefined ? { title: b.title.trim() } : {}),
        ...(b.intro !== undefined ? { intro: b.intro?.trim() || null } : {}),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'publicset.update',
      entity: 'public_set',
      entityId: id,
      before: { title: s.title },
      after: b,
    });
    return { ok: true };
  });
}

export async function addTasks(ctx: Ctx, actor: Actor, id: number, taskIds: number[]) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await ownedSet(trx, actor, id);
    const tasks = await checkTasks(trx, actor, taskIds);
    if (s.published) await assertLeads(trx, tasks);
    const added = await addItems(trx, id, tasks);
    await touch(trx, ctx, id);
    if (s.published) await recordStatus(trx, ctx, tasks);
    await audit(ctx, trx, actor, { action: 'publicset.add', entity: 'public_set', entityId: id, after: { tasks } });
    return { ok: added >= 0 };
  });
}

export async function removeTask(ctx: Ctx, actor: Actor, id: number, taskId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    await ownedSet(trx, actor, id);
    const r = await trx
      .deleteFrom('public_set_item')
      .where('set_id', '=', id)
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    if (!Number(r.numDeletedRows)) throw notFound('清单事项', 'PUBLIC_ITEM_NOT_FOUND');
    await touch(trx, ctx, id);
    await audit(ctx, trx, actor, {
      action: 'publicset.remove',
      entity: 'public_set',
      entityId: id,
      before: { taskId },
    });
    return { ok: true };
  });
}

/** The public reason shown beside a 滞后 item (written for citizens; no names). */
export async function setLagReason(ctx: Ctx, actor: Actor, id: number, taskId: number, reason: string | null) {
  return ctx.db.transaction().execute(async (trx) => {
    await ownedSet(trx, actor, id);
    const r = await trx
      .updateTable('public_set_item')
      .set({ lag_reason: reason?.trim() || null })
      .where('set_id', '=', id)
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw notFound('清单事项', 'PUBLIC_ITEM_NOT_FOUND');
    await touch(trx, ctx, id);
    await audit(ctx, trx, actor, {
      action: 'publicset.reason',
      entity: 'public_set',
      entityId: id,
      after: { taskId, reason },
    });
    return { ok: true };
  });
}

/** Every item needs a lead unit in service: the page names who answers for it. */
async function assertLeads(db: Executor, taskIds: number[]) {
  if (!taskIds.length) return;
  const bad = await db
    .selectFrom('task as t')
    .leftJoin('org_unit as o', 'o.id', 't.lead_org_id')
    .select(['t.id', 't.text', 'o.status'])
    .where('t.id', 'in', taskIds)
    .where((eb) => eb.or([eb('o.id', 'is', null), eb('o.status', '!=', '正常')]))
    .limit(1)
    .execute();
  if (bad.length)
    throw badRequest(
      'TASK_NO_LEAD_UNIT',
      `任务 #${bad[0].id}「${bad[0].text.slice(0, 20)}」没有在册的牵头单位(已撤销或未指定),请先调整牵头单位再公开`,
    );
}

export async function publish(ctx: Ctx, actor: Actor, id: number, b: { publicity?: boolean; objectionDays?: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await ownedSet(trx, actor, id);
    const items = await trx.selectFrom('public_set_item').select('task_id').where('set_id', '=', id).execute();
    if (!items.length) throw badRequest('PUBLIC_SET_EMPTY', '清单中还没有任务,不能发布');
    await assertLeads(
      trx,
      items.map((i) => i.task_id),
    );
    const today = localDate(ctx.clock.now());
    const publicity = b.publicity ?? false;
    const until = publicity ? addDays(today, (b.objectionDays ?? 7) - 1) : null;
    await trx
      .updateTable('public_set')
      .set({
        published: 1,
        published_at: nowIso(ctx),
        publicity: publicity ? 1 : 0,
        objection_until_date: until,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await recordStatus(
      trx,
      ctx,
      items.map((i) => i.task_id),
    );
    await audit(ctx, trx, actor, {
      action: 'publicset.publish',
      entity: 'public_set',
      entityId: id,
      before: { published: s.published },
      after: { published: 1, publicity, objectionUntilDate: until },
    });
    return { ok: true };
  });
}

export async function unpublish(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    await ownedSet(trx, actor, id);
    await trx
      .updateTable('public_set')
      .set({ published: 0, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'publicset.unpublish',
      entity: 'public_set',
      entityId: id,
      after: { published: 0 },
    });
    return { ok: true };
  });
}

async function pendingCounts(db: Executor, ids: number[]) {
  if (!ids.length) return new Map<number, number>();
  const rows = await db
    .selectFrom('public_feedback')
    .select(['set_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('set_id', 'in', ids)
    .where('status', '=', '待审核')
    .groupBy('set_id')
    .execute();
  return new Map(rows.map((r) => [r.set_id, Number(r.n)]));
}

export async function list(ctx: Ctx, actor: Actor): Promise<{ items: SetSummary[] }> {
  const sets = await ctx.db
    .selectFrom('public_set as s')
    .innerJoin('org_unit as o', 'o.id', 's.owner_org_id')
    .selectAll('s')
    .select('o.name as owner_name')
    .where('o.path', '>=', actor.scopePath)
    .where('o.path', '<', pathUpper(actor.scopePath))
    .orderBy('s.id', 'desc')
    .execute();
  const today = localDate(ctx.clock.now());
  const items = await setItems(
    ctx.db,
    sets.map((s) => s.id),
    today,
  );
  const pending = await pendingCounts(
    ctx.db,
    sets.map((s) => s.id),
  );
  return {
    items: sets.map((s) => summary(s, countsOf(items.filter((i) => i.setId === s.id)), pending.get(s.id) ?? 0)),
  };
}

function summary(
  s: {
    id: number;
    title: string;
    kind: string;
    owner_org_id: number;
    owner_name: string;
    published: number;
    publicity: number;
    published_at: string | null;
    objection_until_date: string | null;
  },
  counts: SetSummary['counts'],
  pendingFeedback: number,
): SetSummary {
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    ownerOrg: { id: s.owner_org_id, name: s.owner_name },
    published: s.published === 1,
    publicity: s.publicity === 1,
    publishedAt: s.published_at,
    objectionUntilDate: s.objection_until_date,
    counts,
    pendingFeedback,
  };
}

export async function get(ctx: Ctx, actor: Actor, id: number): Promise<SetDetail> {
  const s = await ownedSet(ctx.db, actor, id);
  const items = await setItems(ctx.db, [id], localDate(ctx.clock.now()));
  const followed = new Set(
    (await ctx.db.selectFrom('task_follow').select('task_id').where('user_id', '=', actor.userId).execute()).map(
      (f) => f.task_id,
    ),
  );
  const reasons = new Map(
    (
      await ctx.db.selectFrom('public_set_item').select(['task_id', 'lag_reason']).where('set_id', '=', id).execute()
    ).map((r) => [r.task_id, r.lag_reason]),
  );
  const pending = await pendingCounts(ctx.db, [id]);
  return {
    ...summary(s, countsOf(items), pending.get(id) ?? 0),
    intro: s.intro,
    documentId: s.document_id,
    // Staff see the stored reason even when the item is not behind (to prepare it).
    items: items.map(({ setId: _s, ...i }) => ({
      ...i,
      lagReason: reasons.get(i.taskId) ?? null,
      followed: followed.has(i.taskId),
    })),
  };
}
