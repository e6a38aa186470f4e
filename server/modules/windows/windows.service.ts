/** Service windows (窗口/大厅/站点), their items, posters, 一次一评 tickets and the rating list. */
import QRCode from 'qrcode';
import type {
  Poster,
  RatingList,
  Tickets,
  WindowCreate,
  WindowDetail,
  WindowList,
  WindowListQuery,
  WindowPatch,
} from '../../../common/contracts/windows.ts';
import { levelName, RATING_LEVELS, type RatingLevel, levelValue } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { type Actor, orgInScope, pathInSubtree } from '../../lib/scope.ts';
import { monthOf, monthRange, randomCode, today, windowInScope, scopePathFor } from './common.ts';

const cleanItems = (items: string[]) => {
  const out = [...new Set(items.map((s) => s.trim()).filter(Boolean))];
  return out;
};

export async function list(ctx: Ctx, actor: Actor, q: WindowListQuery): Promise<WindowList> {
  const path = await scopePathFor(ctx.db, actor, q.orgId);
  let base = ctx.db
    .selectFrom('service_window as w')
    .innerJoin('org_unit as o', 'o.id', 'w.org_id')
    .where(pathInSubtree('o.path', path));
  if (!q.includeInactive) base = base.where('w.active', '=', 1);
  if (q.q) {
    const like = `%${q.q}%`;
    base = base.where((eb) => eb.or([eb('w.name', 'like', like), eb('w.code', 'like', like.toUpperCase())]));
  }
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = q.pageSize ?? 20;
  const rows = await base
    .select([
      'w.id',
      'w.code',
      'w.name',
      'w.org_id',
      'o.name as org_name',
      'w.kind',
      'w.location',
      'w.active',
      (eb) =>
        eb
          .selectFrom('service_item as i')
          .select((e2) => e2.fn.countAll().as('c'))
          .whereRef('i.window_id', '=', 'w.id')
          .where('i.active', '=', 1)
          .as('item_count'),
    ])
    .orderBy('o.path')
    .orderBy('w.id')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      orgId: r.org_id,
      orgName: r.org_name,
      kind: r.kind,
      location: r.location,
      active: r.active === 1,
      itemCount: Number(r.item_count ?? 0),
    })),
  };
}

/** A new window gets a unique 6-character code (retried on the rare collision). */
export async function create(ctx: Ctx, actor: Actor, b: WindowCreate) {
  await orgInScope(ctx.db, actor, b.orgId);
  const items = cleanItems(b.items ?? []);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    let id = 0;
    let code = '';
    for (let attempt = 0; !id; attempt++) {
      code = randomCode(6);
      const clash = await trx.selectFrom('service_window').select('id').where('code', '=', code).executeTakeFirst();
      if (clash) {
        if (attempt > 20) throw conflict('WINDOW_CODE', '无法生成窗口码,请重试');
        continue;
      }
      id = (
        await trx
          .insertInto('service_window')
          .values({
            org_id: b.orgId,
            code,
            name: b.name.trim(),
            kind: b.kind,
            location: b.location?.trim() || null,
            active: 1,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    if (items.length)
      await trx
        .insertInto('service_item')
        .values(items.map((name, i) => ({ window_id: id, name, sort_order: i, active: 1 })))
        .execute();
    await audit(ctx, trx, actor, {
      action: 'window.create',
      entity: 'service_window',
      entityId: id,
      after: { orgId: b.orgId, code, name: b.name, kind: b.kind, items },
    });
    return { id };
  });
}

export async function get(ctx: Ctx, actor: Actor, id: number): Promise<WindowDetail> {
  const w = await windowInScope(ctx.db, actor, id);
  const items = await ctx.db
    .selectFrom('service_item')
    .select(['id', 'name', 'active'])
    .where('window_id', '=', id)
    .orderBy('sort_order')
    .execute();
  const { from, to } = monthRange(monthOf(today(ctx)));
  const levels = await ctx.db
    .selectFrom('rating')
    .select(['level', (eb) => eb.fn.countAll().as('n')])
    .where('window_id', '=', id)
    .where('rated_date', '>=', from)
    .where('rated_date', '<=', to)
    .where('suspect', '=', 0)
    .where('excluded', '=', 0)
    .groupBy('level')
    .execute();
  const n = levels.reduce((s, r) => s + Number(r.n), 0);
  const good = levels.filter((r) => r.level >= 3).reduce((s, r) => s + Number(r.n), 0);
  const tk = await ctx.db
    .selectFrom('rating_ticket')
    .select([(eb) => eb.fn.countAll().as('issued'), (eb) => eb.fn.count('used_at').as('used')])
    .where('window_id', '=', id)
    .where('issued_date', '>=', from)
    .where('issued_date', '<=', to)
    .executeTakeFirstOrThrow();
  return {
    id: w.id,
    code: w.code,
    name: w.name,
    orgId: w.org_id,
    orgName: w.org_name,
    orgPath: w.org_path,
    kind: w.kind,
    location: w.location,
    active: w.active === 1,
    itemCount: items.filter((i) => i.active === 1).length,
    items: items.map((i) => ({ id: i.id, name: i.name, active: i.active === 1 })),
    month: { ratings: n, goodRate: n ? Math.round((good / n) * 1000) / 10 : null, badCount: n - good },
    ticketsIssued: Number(tk.issued),
    ticketsUsed: Number(tk.used),
  };
}

/** Items given as a list replace the active ones by name; removed items are deactivated, not deleted (ratings keep them). */
export async function update(ctx: Ctx, actor: Actor, id: number, b: WindowPatch) {
  const w = await windowInScope(ctx.db, actor, id);
  return ctx.db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = {};
    if (b.name !== undefined) set.name = b.name.trim();
    if (b.kind !== undefined) set.kind = b.kind;
    if (b.location !== undefined) set.location = b.location?.trim() || null;
    if (b.active !== undefined) set.active = b.active ? 1 : 0;
    let itemsAfter: string[] | undefined;
    if (b.items) {
      itemsAfter = cleanItems(b.items);
      const existing = await trx.selectFrom('service_item').selectAll().where('window_id', '=', id).execute();
      for (const e of existing) {
        const idx = itemsAfter.indexOf(e.name);
        await trx
          .updateTable('service_item')
          .set({ active: idx >= 0 ? 1 : 0, sort_order: idx >= 0 ? idx : e.sort_order })
          .where('id', '=', e.id)
          .execute();
      }
      const names = new Set(existing.map((e) => e.name));
      const added = itemsAfter.map((name, i) => ({ name, i })).filter((x) => !names.has(x.name));
      if (added.length)
        await trx
          .insertInto('service_item')
          .values(added.map((x) => ({ window_id: id, name: x.name, sort_order: x.i, active: 1 })))
          .execute();
    }
    if (!Object.keys(set).length && !itemsAfter) throw badRequest('NOTHING_TO_CHANGE', '没有要修改的内容');
    if (Object.keys(set).length)
      await trx
        .updateTable('service_window')
        .set({ ...set, updated_at: nowIso(ctx) })
        .where('id', '=', id)
        .execute();
    await audit(ctx, trx, actor, {
      action: 'window.update',
      entity: 'service_window',
      entityId: id,
      before: { name: w.name, kind: w.kind, location: w.location, active: w.active },
      after: { ...set, ...(itemsAfter ? { items: itemsAfter } : {}) },
    });
    return { ok: true };
  });
}

export const rateUrl = (base: string, code: string) => `${base}/r/${encodeURIComponent(code)}`;

/** The A4 poster's content: the QR code is an SVG rendered here (nothing is fetched from the internet). */
export async function poster(ctx: Ctx, actor: Actor, id: number, base: string, loopback: boolean): Promise<Poster> {
  const w = await windowInScope(ctx.db, actor, id);
  const items = await ctx.db
    .selectFrom('service_item')
    .select('name')
    .where('window_id', '=', id)
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute();
  const url = rateUrl(base, w.code);
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return {
    code: w.code,
    name: w.name,
    orgName: w.org_name,
    kind: w.kind,
    location: w.location,
    url,
    qrSvg: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    loopback,
    levels: [...RATING_LEVELS],
    items: items.map((i) => i.name),
  };
}

/** 一次一评 codes for service receipts: each makes one rating verified, once. */
export async function issueTickets(ctx: Ctx, actor: Actor, id: number, count: number): Promise<Tickets> {
  const w = await windowInScope(ctx.db, actor, id);
  if (w.active !== 1) throw conflict('WINDOW_INACTIVE', '窗口已停用,不能发放评价码');
  const issuedDate = today(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const codes = new Set<string>();
    while (codes.size < count) codes.add(randomCode(8));
    const list = [...codes];
    // A collision with an older code (31^8 ≈ 8.5e11 codes) is replaced before insert.
    const clash = await trx.selectFrom('rating_ticket').select('code').where('code', 'in', list).execute();
    for (const c of clash) {
      list.splice(list.indexOf(c.code), 1);
      let n = randomCode(8);
      while (codes.has(n)) n = randomCode(8);
      list.push(n);
    }
    for (let i = 0; i < list.length; i += 200)
      await trx
        .insertInto('rating_ticket')
        .values(list.slice(i, i + 200).map((code) => ({ window_id: id, code, issued_date: issuedDate, used_at: null })))
        .execute();
    await audit(ctx, trx, actor, {
      action: 'window.tickets',
      entity: 'service_window',
      entityId: id,
      after: { count: list.length, issuedDate },
    });
    return { windowCode: w.code, issuedDate, codes: list };
  });
}

/** Ratings of one window (read only: nobody, least of all the rated unit, can edit a rating). */
export async function ratings(
  ctx: Ctx,
  actor: Actor,
  id: number,
  q: { month?: string; level?: RatingLevel; page?: number; pageSize?: number },
): Promise<RatingList> {
  await windowInScope(ctx.db, actor, id);
  let base = ctx.db.selectFrom('rating as r').where('r.window_id', '=', id);
  if (q.month) {
    const { from, to } = monthRange(q.month);
    base = base.where('r.rated_date', '>=', from).where('r.rated_date', '<=', to);
  }
  if (q.level) base = base.where('r.level', '=', levelValue(q.level));
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = q.pageSize ?? 20;
  const rows = await base
    .leftJoin('service_item as i', 'i.id', 'r.item_id')
    .leftJoin('rating_case as c', 'c.rating_id', 'r.id')
    .select([
      'r.id',
      'r.level',
      'i.name as item_name',
      'r.comment',
      'r.phone_masked',
      'r.verified',
      'r.suspect',
      'r.suspect_reason',
      'r.excluded',
      'r.rated_at',
      'c.id as case_id',
    ])
    .orderBy('r.id', 'desc')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      level: levelName(r.level),
      itemName: r.item_name,
      comment: r.comment,
      phoneMasked: r.phone_masked,
      verified: r.verified === 1,
      suspect: r.suspect === 1,
      suspectReason: r.suspect_reason,
      excluded: r.excluded === 1,
      ratedAt: r.rated_at,
      caseId: r.case_id,
    })),
  };
}

/** Loads a rating with its window's path, 404 outside the caller's subtree. */
export async function ratingInScope(db: Executor, actor: Actor, id: number) {
  const r = await db
    .selectFrom('rating as r')
    .innerJoin('service_window as w', 'w.id', 'r.window_id')
    .innerJoin('org_unit as o', 'o.id', 'w.org_id')
    .selectAll('r')
    .select(['o.path as org_path'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r?.org_path.startsWith(actor.scopePath)) throw notFound('评价', 'RATING_NOT_FOUND');
  return r;
}
