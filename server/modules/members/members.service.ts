import { type RawBuilder, sql, type Selectable } from 'kysely';
import type {
  Member,
  MemberCreateBody,
  MemberDetail,
  MemberList,
  MemberPatchBody,
  MemberQuery,
} from '../../../common/contracts/members.ts';
import type { TransferStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { MemberTable } from '../../db/schema.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { cappedTotalOf, type Cursor, decodeCursor, encodeCursor } from '../../lib/keyset.ts';
import { pageWindow } from '../../lib/paging.ts';
import { namePinyin } from '../../lib/pinyin.ts';
import { orgInScope, pathInSubtree, scopedOrgIds, type Actor } from '../../lib/scope.ts';
import { isMobile, maskId, parseIdCard } from '../../../common/idcard.ts';
import { containsText } from '../../lib/like.ts';
import { subtreeCount } from './counts.ts';
import { elsewhereError, TakenElsewhere, takenError, takenIds } from './duplicates.ts';

/**
 * The fields validateMember checks: the request body, or an Excel row (whose enum cells the import
 * columns have already checked, so they arrive as plain strings).
 */
export interface MemberInput {
  name: string;
  gender?: string;
  ethnicity?: string | null;
  birthDate?: string | null;
  idNumber: string;
  phone?: string | null;
  education?: string | null;
  orgId: number;
  joinDate?: string | null;
  fullDate?: string | null;
  memberType: string;
  category: string;
  status?: string;
}
/** The list filters without the page: what an export selects. */
export type MemberFilter = Omit<MemberQuery, 'page' | 'pageSize' | 'cursor'>;

type MemberRow = Selectable<MemberTable> & { org_name: string; org_code: string };

/** A stored member as the API sends it (the enum columns hold the values of common/enums.ts). */
const toDto = (m: MemberRow, opts: { fullId: boolean }): Member => ({
  id: m.id,
  name: m.name,
  gender: m.gender as Member['gender'],
  ethnicity: m.ethnicity,
  birthDate: m.birth_date,
  idNumber: opts.fullId ? m.id_number : maskId(m.id_number),
  phone: m.phone,
  education: m.education as Member['education'],
  orgId: m.org_id,
  orgName: m.org_name,
  orgCode: m.org_code,
  joinDate: m.join_date,
  fullDate: m.full_date,
  memberType: m.member_type as Member['memberType'],
  category: m.category as Member['category'],
  status: m.status as Member['status'],
  initials: m.name_initials,
  createdAt: m.created_at,
  updatedAt: m.updated_at,
});

/**
 * The scoped, filtered rows of `member` alone, without the search: the scope is a range on the
 * trigger-maintained `org_path`, and every index a list reads leads with the status. A 党员 only
 * ever sees their own record. `scopeAsExpression`: a pinyin or ID-digits search is selective through
 * its own index, the scope range over a whole county is not; written as an expression
 * (`org_path || ''`) the scope check cannot be picked as the access path on either database, so the
 * planner uses the search index (measured: 5 ms → 0.1 ms).
 */
function filtered(db: Executor, actor: Actor, scopePath: string, f: MemberFilter, scopeAsExpression: boolean) {
  let q = db
    .selectFrom('member as m')
    .where('m.status', '=', f.status ?? '正常')
    .where(pathInSubtree(scopeAsExpression ? sql`m.org_path || ''` : 'm.org_path', scopePath));
  if (actor.role === 'member') q = q.where('m.id', '=', actor.memberId ?? -1);
  if (f.category) q = q.where('m.category', '=', f.category);
  if (f.memberType) q = q.where('m.member_type', '=', f.memberType);
  return q;
}

type Filtered = ReturnType<typeof filtered>;
const isIdDigits = (term: string) => /^\d{3}[\dXx]$/.test(term);
const isLatin = (term: string) => /^[A-Za-z]+$/.test(term);

/** Prefix ranges rather than LIKE: both databases turn them into index range scans. */
function prefix(term: string) {
  const t = term.toLowerCase();
  return { t, next: t.slice(0, -1) + String.fromCharCode(t.charCodeAt(t.length - 1) + 1) };
}

/**
 * The list as DISJOINT parts that add up to it: one query, or for a latin term over a wide scope two
 * — the members whose full pinyin starts with it (zh → zhang…) and those matched only by their
 * initials (zh → 张华). Each part is an ordered scan of its own index (status, name…, id, org_path),
 * where one OR of both had to collect and sort every match (8,000 for "zh" in a county: 27 ms).
 * `wide` (see `searchPlan`): over a narrow scope — a township, one county among a province's hundred —
 * those indexes would walk the whole table's matches to find the scope's few (10 s per page in a
 * province); there the scope's own entries of (status, org_path, name_pinyin, id, name_initials) are
 * read and filtered, with the name conditions written as expressions so no planner picks the
 * search indexes.
 */
function queryParts(
  db: Executor,
  actor: Actor,
  scopePath: string,
  f: MemberFilter,
  wide: boolean,
  initials: string[] | null = null,
): Filtered[] {
  const term = f.q?.trim();
  if (!term) return [filtered(db, actor, scopePath, f, false)];
  if (isIdDigits(term)) return [filtered(db, actor, scopePath, f, true).where('m.id_last4', '=', term.toUpperCase())];
  if (!isLatin(term)) return [filtered(db, actor, scopePath, f, false).where(containsText('m.name', term))];
  const { t, next } = prefix(term);
  if (!wide)
    return [
      filtered(db, actor, scopePath, f, false).where((eb) =>
        eb.or([
          eb.and([eb(sql`m.name_initials || ''`, '>=', t), eb(sql`m.name_initials || ''`, '<', next)]),
          eb.and([eb(sql`m.name_pinyin || ''`, '>=', t), eb(sql`m.name_pinyin || ''`, '<', next)]),
        ]),
      ),
    ];
  const pinyinPart = filtered(db, actor, scopePath, f, true)
    .where('m.name_pinyin', '>=', t)
    .where('m.name_pinyin', '<', next);
  if (!initials)
    return [
      pinyinPart,
      filtered(db, actor, scopePath, f, true)
        .where('m.name_initials', '>=', t)
        .where('m.name_initials', '<', next)
        .where((eb) => eb.or([eb('m.name_pinyin', '<', t), eb('m.name_pinyin', '>=', next)])),
    ];
  // One initials value at a time, on either side of the pinyin prefix: each an index range already
  // in (name_pinyin, id) order — no sort of every match, and the members the first part holds are
  // never read (a province's "lj": 133,000 matches sorted for 50, 73 ms).
  const one = (v: string) => filtered(db, actor, scopePath, f, true).where('m.name_initials', '=', v);
  return [
    pinyinPart,
    ...initials.flatMap((v) => [one(v).where('m.name_pinyin', '<', t), one(v).where('m.name_pinyin', '>=', next)]),
  ];
}

/**
 * Past this many distinct initials (a one-letter search) the initials part stays one sorted range. So
 * it does below `config.searchSplitFrom` members in scope (500,000): at a county (50,000) sorting the
 * matches costs less than the value probes and the longer statement (SQLite county search p95 6–7 ms
 * sorted, 12–19 ms split; bench/api.ts, alternating runs).
 */
const MAX_INITIALS = 40;

/**
 * The distinct initials in [t, next) among members of a status: a loose index scan of
 * (status, name_initials, …), one probe per value, stopped past MAX_INITIALS (then null).
 */
async function initialsIn(db: Executor, status: string, term: string): Promise<string[] | null> {
  const { t, next } = prefix(term);
  const firstAfter = (after: RawBuilder<string> | string, op: '>=' | '>') =>
    sql<string>`(select name_initials from member where status = ${status} and name_initials ${sql.raw(op)} ${after}
      and name_initials < ${next} order by name_initials limit 1)`;
  const r = await sql<{ i: string }>`with recursive v(i, k) as (
      select ${firstAfter(t, '>=')}, 1
      union all
      select ${firstAfter(sql<string>`v.i`, '>')}, v.k + 1 from v where v.i is not null and v.k <= ${MAX_INITIALS}
    ) select i from v where i is not null`.execute(db);
  return r.rows.length > MAX_INITIALS ? null : r.rows.map((x) => x.i);
}

/**
 * How a pinyin search reads a scope: `wide` when the search indexes drive it (the whole tree, or at
 * least a quarter of its members: two counter lookups), and the scope's size. Correct either way;
 * only the cost differs.
 */
async function searchPlan(db: Executor, scopePath: string, status: string) {
  const root = `/${scopePath.split('/')[1]}/`;
  const scope = await subtreeCount(db, scopePath, { status });
  const wide = root === scopePath || scope * 4 >= (await subtreeCount(db, root, { status }));
  return { wide, scope };
}

/** The whole filter as one query (export, and its size check): the parts' union as one OR. */
function scopedQuery(db: Executor, actor: Actor, scopePath: string, f: MemberFilter) {
  const term = f.q?.trim();
  if (!term || !isLatin(term)) return queryParts(db, actor, scopePath, f, true)[0];
  const { t, next } = prefix(term);
  return filtered(db, actor, scopePath, f, true).where((eb) =>
    eb.or([
      eb.and([eb('m.name_initials', '>=', t), eb('m.name_initials', '<', next)]),
      eb.and([eb('m.name_pinyin', '>=', t), eb('m.name_pinyin', '<', next)]),
    ]),
  );
}

interface RowKey {
  id: number;
  org_path: string;
  name_pinyin: string;
}

const byPinyin = (a: RowKey, b: RowKey) =>
  a.name_pinyin < b.name_pinyin ? -1 : a.name_pinyin > b.name_pinyin ? 1 : a.id - b.id;

/** The sort keys of one page of one part, from its index alone; after the cursor when there is one. */
function pageKeysOf(part: Filtered, search: boolean, cur: Cursor | null, wide: boolean) {
  let k = part.select(['m.id', 'm.org_path', 'm.name_pinyin']);
  if (cur && search && !wide)
    // As expressions, like the search itself: the scope's own entries drive the scan.
    k = k.where(sql<boolean>`(m.name_pinyin || '', m.id) > (${String(cur.k[0])}, ${Number(cur.k[1])})`);
  else if (cur && search)
    k = k
      .where('m.name_pinyin', '>=', String(cur.k[0]))
      .where((eb) => eb(eb.refTuple('m.name_pinyin', 'm.id'), '>', eb.tuple(String(cur.k[0]), Number(cur.k[1]))));
  else if (cur)
    // The redundant bound lets the scan start at the cursor's branch on both databases.
    k = k
      .where('m.org_path', '>=', String(cur.k[0]))
      .where((eb) =>
        eb(
          eb.refTuple('m.org_path', 'm.name_pinyin', 'm.id'),
          '>',
          eb.tuple(String(cur.k[0]), String(cur.k[1]), Number(cur.k[2])),
        ),
      );
  return search
    ? k.orderBy('m.name_pinyin').orderBy('m.id')
    : k.orderBy('m.org_path').orderBy('m.name_pinyin').orderBy('m.id');
}

/**
 * Paged, scoped member list (by branch, then pinyin; search results by pinyin); `q` is a name
 * fragment, pinyin initials (zsm) or the ID's last 4. With `cursor` (the previous page's
 * `nextCursor`) it reads on from the last row through the sort index and carries the total forward;
 * `page` still works (OFFSET) for clients that jump to a page. The page's keys come from the indexes
 * alone (an OFFSET skips index entries, not rows: page 900 of a county in 3 ms, was 53 ms); only the
 * rows shown are read.
 */
export async function list(ctx: Ctx, actor: Actor, f: MemberQuery): Promise<MemberList> {
  const base = f.orgId ? (await orgInScope(ctx.db, actor, f.orgId)).path : actor.scopePath;
  // A roster is read branch by branch; search results alphabetically.
  const search = !!f.q?.trim();
  const latin = search && isLatin(f.q?.trim() ?? '');
  const plan = latin ? await searchPlan(ctx.db, base, f.status ?? '正常') : null;
  const wide = !plan || plan.wide;
  const initials =
    plan?.wide && plan.scope >= ctx.config.searchSplitFrom
      ? await initialsIn(ctx.db, f.status ?? '正常', f.q?.trim() ?? '')
      : null;
  const parts = queryParts(ctx.db, actor, base, f, wide, initials);
  const sort = search ? 'member.q' : 'member.roster';
  const cur = f.cursor ? decodeCursor(f.cursor, sort, search ? 2 : 3) : null;
  let counted = cur ? { total: cur.t, approx: cur.a } : null;
  const { limit, offset } = pageWindow(f);
  const skip = cur ? 0 : offset;
  let keys: RowKey[];
  if (latin && !wide && !cur) {
    // A narrow scope's search reads every entry of the scope's range and sorts the matches anyway:
    // the first page counts them in the same pass (a county of a province: two 50,000-entry scans → one).
    const rows = await pageKeysOf(parts[0], search, null, wide)
      .select(sql<number>`count(*) over ()`.as('n'))
      .limit(limit)
      .offset(skip)
      .execute();
    keys = rows;
    if (rows.length) counted = { total: Number(rows[0].n), approx: false };
  } else if (parts.length === 1)
    keys = await pageKeysOf(parts[0], search, cur, wide).limit(limit).offset(skip).execute();
  else if (!initials) {
    // Two disjoint parts merged here: each gives its first skip + limit keys. (As one UNION ALL
    // statement SQLite took longer for a county: p95 5.6–6.6 ms against 3.5–4.6, alternating runs.)
    keys = [];
    for (const p of parts)
      keys.push(
        ...(await pageKeysOf(p, search, cur, wide)
          .limit(skip + limit)
          .execute()),
      );
    keys = keys.sort(byPinyin).slice(skip, skip + limit);
  } else {
    // Many disjoint parts (one per initials value) merged in one statement: each gives its first
    // skip + limit keys (an index range in pinyin order), the union is sorted once more and cut.
    const subs = parts.map((p, i) =>
      ctx.db
        .selectFrom(
          pageKeysOf(p, search, cur, wide)
            .limit(skip + limit)
            .as(`p${i}`),
        )
        .selectAll(),
    );
    const all = subs.slice(1).reduce((u, q) => u.unionAll(q), subs[0]);
    keys = await ctx.db
      .selectFrom(all.as('u'))
      .selectAll()
      .orderBy('u.name_pinyin')
      .orderBy('u.id')
      .limit(limit)
      .offset(skip)
      .execute();
  }
  const { total, approx } = counted ?? (await totalOf(ctx, actor, base, f, parts));
  const at = new Map(keys.map((k, i) => [k.id, i]));
  const rows = keys.length
    ? (
        await ctx.db
          .selectFrom('member as m')
          .innerJoin('org_unit as o', 'o.id', 'm.org_id')
          .selectAll('m')
          .select(['o.name as org_name', 'o.code as org_code'])
          .where(
            'm.id',
            'in',
            keys.map((k) => k.id),
          )
          .execute()
      ).sort((a, b) => (at.get(a.id) ?? 0) - (at.get(b.id) ?? 0))
    : [];
  const last = rows.length === limit ? rows[rows.length - 1] : null;
  const nextCursor = last
    ? encodeCursor({
        s: sort,
        k: search ? [last.name_pinyin, last.id] : [last.org_path, last.name_pinyin, last.id],
        t: total,
        a: approx,
      })
    : null;
  return { items: rows.map((m) => toDto(m, { fullId: false })), total, totalApprox: approx, nextCursor };
}

/**
 * A list's total. A roster (no search) reads the maintained counters (`counts.ts`): exact, one row
 * per branch in scope. A search counts its parts from their indexes (`cappedTotalOf`: exact on
 * SQLite; on PostgreSQL up to 10,000, then the planner's estimate).
 */
async function totalOf(ctx: Ctx, actor: Actor, base: string, f: MemberFilter, parts: Filtered[]) {
  if (!f.q?.trim() && actor.role !== 'member')
    return { total: await subtreeCount(ctx.db, base, { ...f, status: f.status ?? '正常' }), approx: false };
  return cappedTotalOf(ctx.db, ctx.dialect, parts);
}

/** How many members a filter selects (the export checks its size before it starts). */
export async function countAll(ctx: Ctx, actor: Actor, f: Omit<MemberFilter, 'page' | 'pageSize'>) {
  const base = f.orgId ? (await orgInScope(ctx.db, actor, f.orgId)).path : actor.scopePath;
  if (!f.q?.trim() && actor.role !== 'member') return subtreeCount(ctx.db, base, { ...f, status: f.status ?? '正常' });
  const { n } = await scopedQuery(ctx.db, actor, base, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * All rows of a filter in roster order, `chunk` at a time (keyset on org_path, pinyin, id), with
 * the event loop free between chunks: one query never reads (and, on SQLite, never holds the
 * connection for) the whole county.
 */
export async function* listAllChunks(ctx: Ctx, actor: Actor, f: Omit<MemberFilter, 'page' | 'pageSize'>, chunk = 2000) {
  const base = f.orgId ? (await orgInScope(ctx.db, actor, f.orgId)).path : actor.scopePath;
  let after: { org_path: string; name_pinyin: string; id: number } | null = null;
  for (;;) {
    let q = scopedQuery(ctx.db, actor, base, f)
      .innerJoin('org_unit as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select(['o.name as org_name', 'o.code as org_code']);
    if (after)
      q = q.where(
        sql<boolean>`(m.org_path, m.name_pinyin, m.id) > (${after.org_path}, ${after.name_pinyin}, ${after.id})`,
      );
    const rows = await q.orderBy('m.org_path').orderBy('m.name_pinyin').orderBy('m.id').limit(chunk).execute();
    if (!rows.length) return;
    yield rows.map((m) => toDto(m, { fullId: true }));
    if (rows.length < chunk) return;
    const last = rows[rows.length - 1];
    after = { org_path: last.org_path, name_pinyin: last.name_pinyin, id: last.id };
    await new Promise<void>((r) => setImmediate(r));
  }
}

/** All rows of a filter (export); bounded to keep memory predictable. */
export async function listAll(ctx: Ctx, actor: Actor, f: MemberFilter, limit = 200_000) {
  const base = f.orgId ? (await orgInScope(ctx.db, actor, f.orgId)).path : actor.scopePath;
  const rows = await scopedQuery(ctx.db, actor, base, f)
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select(['o.name as org_name', 'o.code as org_code'])
    .orderBy('m.org_path')
    .orderBy('m.name_pinyin')
    .orderBy('m.id')
    .limit(limit)
    .execute();
  return rows.map((m) => toDto(m, { fullId: true }));
}

/** One member; 404 outside the caller's subtree (and, for a 党员, anyone but themselves). */
export async function get(ctx: Ctx, actor: Actor, id: number): Promise<MemberDetail> {
  let q = ctx.db
    .selectFrom('member as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .where('m.id', '=', id)
    .where('m.org_id', 'in', scopedOrgIds(ctx.db, actor.scopePath));
  if (actor.role === 'member') q = q.where('m.id', '=', actor.memberId ?? -1);
  const m = await q.selectAll('m').select(['o.name as org_name', 'o.code as org_code']).executeTakeFirst();
  if (!m) throw notFound('党员', 'MEMBER_NOT_FOUND');
  const transfers = await ctx.db
    .selectFrom('transfer as t')
    .innerJoin('org_unit as a', 'a.id', 't.from_org_id')
    .innerJoin('org_unit as b', 'b.id', 't.to_org_id')
    .select(['t.id', 't.status', 't.created_at', 't.updated_at', 'a.name as from_name', 'b.name as to_name'])
    .where('t.member_id', '=', id)
    .orderBy('t.id', 'desc')
    .execute();
  return {
    ...toDto(m, { fullId: true }),
    transfers: transfers.map((t) => ({
      id: t.id,
      status: t.status as TransferStatus,
      fromName: t.from_name,
      toName: t.to_name,
      createdAt: t.created_at,
      updatedAt: t.updated_at,
    })),
  };
}

/** Checks one member's fields; returns the normalized row values or throws a Chinese message. */
export function validateMember(input: MemberInput, today: Date) {
  const idc = parseIdCard(input.idNumber, today);
  if (!idc.ok) throw badRequest('ID_NUMBER_INVALID', idc.message, { field: 'idNumber' });
  if (input.birthDate && input.birthDate !== idc.birthDate)
    throw badRequest('BIRTH_DATE_MISMATCH', `出生日期与身份证号不一致(身份证为 ${idc.birthDate})`, {
      field: 'birthDate',
    });
  if (input.gender && input.gender !== idc.gender)
    throw badRequest('GENDER_MISMATCH', `性别与身份证号不一致(身份证为${idc.gender})`, { field: 'gender' });
  if (input.phone && !isMobile(input.phone))
    throw badRequest('PHONE_INVALID', '手机号应为 11 位数字,以 13–19 开头', { field: 'phone' });
  if (input.joinDate && input.joinDate < idc.birthDate)
    throw badRequest('JOIN_DATE_INVALID', '入党日期不能早于出生日期', { field: 'joinDate' });
  if (input.fullDate && input.joinDate && input.fullDate < input.joinDate)
    throw badRequest('FULL_DATE_INVALID', '转正日期不能早于入党日期', { field: 'fullDate' });
  if (input.memberType === '正式' && input.fullDate == null && input.joinDate == null) {
    /* historic records may lack dates */
  }
  if (input.memberType === '预备' && input.fullDate)
    throw badRequest('FULL_DATE_INVALID', '预备党员不应有转正日期', { field: 'fullDate' });
  const { initials, full } = namePinyin(input.name);
  return {
    name: input.name.trim(),
    name_initials: initials,
    name_pinyin: full,
    gender: idc.gender,
    ethnicity: input.ethnicity ?? null,
    birth_date: idc.birthDate,
    id_number: idc.normalized,
    id_last4: idc.normalized.slice(-4),
    phone: input.phone?.trim() || null,
    education: input.education ?? null,
    org_id: input.orgId,
    join_date: input.joinDate ?? null,
    full_date: input.fullDate ?? null,
    member_type: input.memberType,
    category: input.category,
    status: input.status ?? '正常',
  };
}

async function assertBranch(trx: Executor, actor: Actor, orgId: number) {
  const org = await orgInScope(trx, actor, orgId);
  if (org.status !== '正常') throw badRequest('ORG_DISSOLVED', `组织「${org.name}」已撤销`);
  return org;
}

export async function create(ctx: Ctx, actor: Actor, input: MemberCreateBody) {
  const row = validateMember(input, ctx.clock.now());
  return withElsewhere(ctx, actor, 'create', async () => createIn(ctx, actor, input, row));
}

/** Runs a write; an ID number taken outside the scope is answered once the write rolled back. */
async function withElsewhere<T>(ctx: Ctx, actor: Actor, source: 'create' | 'update', fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof TakenElsewhere) throw await elsewhereError(ctx, actor, e, source);
    throw e;
  }
}

async function createIn(ctx: Ctx, actor: Actor, input: MemberInput, row: ReturnType<typeof validateMember>) {
  return ctx.db.transaction().execute(async (trx) => {
    await assertBranch(trx, actor, input.orgId);
    const dup = (await takenIds(trx, [row.id_number])).get(row.id_number);
    if (dup) throw takenError(dup, actor);
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('member')
      .values({ ...row, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, { action: 'member.create', entity: 'member', entityId: r.id, after: row });
    return { id: r.id };
  });
}

/** Edits a member; moving between branches goes through a transfer, not through this. */
export async function update(ctx: Ctx, actor: Actor, id: number, patch: MemberPatchBody) {
  return withElsewhere(ctx, actor, 'update', () => updateIn(ctx, actor, id, patch));
}

async function updateIn(ctx: Ctx, actor: Actor, id: number, patch: MemberPatchBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const cur = await trx
      .selectFrom('member')
      .selectAll()
      .where('id', '=', id)
      .where('org_id', 'in', scopedOrgIds(trx, actor.scopePath))
      .executeTakeFirst();
    if (!cur) throw notFound('党员', 'MEMBER_NOT_FOUND');
    if (patch.orgId !== undefined && patch.orgId !== cur.org_id)
      throw badRequest('USE_TRANSFER', '变更所在支部请发起组织关系转接');
    const merged: MemberInput = {
      name: patch.name ?? cur.name,
      gender: patch.gender ?? undefined,
      ethnicity: patch.ethnicity !== undefined ? patch.ethnicity : cur.ethnicity,
      birthDate: patch.birthDate ?? undefined,
      idNumber: patch.idNumber ?? cur.id_number,
      phone: patch.phone !== undefined ? patch.phone : cur.phone,
      education: patch.education !== undefined ? patch.education : cur.education,
      orgId: cur.org_id,
      joinDate: patch.joinDate !== undefined ? patch.joinDate : cur.join_date,
      fullDate: patch.fullDate !== undefined ? patch.fullDate : cur.full_date,
      memberType: patch.memberType ?? cur.member_type,
      category: patch.category ?? cur.category,
      status: patch.status ?? cur.status,
    };
    const row = validateMember(merged, ctx.clock.now());
    if (row.id_number !== cur.id_number) {
      const dup = (await takenIds(trx, [row.id_number])).get(row.id_number);
      if (dup) throw takenError(dup, actor);
    }
    await trx
      .updateTable('member')
      .set({ ...row, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, { action: 'member.update', entity: 'member', entityId: id, before: cur, after: row });
    return { ok: true };
  });
}
